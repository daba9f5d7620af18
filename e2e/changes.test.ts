/**
 * "Confronta / Modifiche" in the browser: the controllo di gestione closes the year end, reopens it
 * with a reason, corrects one actual and reads what the reopening changed (the measurement and the
 * objective performances that moved, who closed it and when); then compares with another period
 * and with another plan. Real server, fresh SQLite file, the fixture imported through the API.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { e2eWorld, pages } from './pages.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const world = e2eWorld();
const { newPage, login, apiAs, importFixture, openPlan, readsOf, expectAccessible } = pages(world);

interface Doc {
  period: { id: string; state: string };
  objectives: Array<{ code: string; indicators: Array<{ id: string; version: number }> }>;
}

/** A fresh load of the plan `planId` (the tree as stored now), with the comparison panel open. */
async function openChanges(page: Page, planId: string): Promise<void> {
  await page.goto('about:blank');
  await openPlan(page, planId);
  await page.click('[data-testid=changes-toggle]');
  await page.waitForSelector('[data-testid=changes-panel]');
}

const rows = (page: Page, group: string) => page.locator(`[data-testid=changes-panel] section[data-group=${group}] tbody tr`);
const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

// Each test imports its own plan and sets it up itself: none depends on what another did.
describe('changes view', { timeout: 120_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await newPage());
    await login(page, 'controller');
  });
  afterAll(async () => context?.close());

  /** Corrects B.2.2's assessments at the year end (19 → 20), as the signed-in controller. */
  async function correctB22(planId: string): Promise<void> {
    const tree = (await apiAs(context, 'GET', `${planPath(planId)}/tree`)).body as Doc;
    const indicator = tree.objectives.find((o) => o.code === 'B.2.2')!.indicators.find((i) => i.id === 'B.2.2:3')!;
    const saved = await apiAs(context, 'PUT', `${planPath(planId)}/indicators/${encodeURIComponent(indicator.id)}/measurements/${encodeURIComponent(tree.period.id)}`, {
      state: 'measured',
      actual: 20,
      version: indicator.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  }

  it('says a period never closed as a message, not as an error', async () => {
    await openChanges(page, await importFixture());
    await expect.poll(() => page.isChecked('#changes-against-closing')).toBe(true);
    await page.click('[data-testid=changes-submit]');
    await expect.poll(() => page.locator('[data-testid=changes-never-closed]').innerText()).toContain('Il periodo non è mai stato chiuso');
    await expect.poll(() => page.locator('[data-testid=changes-panel] [role=alert]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('changes-result-title');
  });

  it('after a closing and a reopening, lists the corrected actual and the objective performances that moved', async () => {
    // Setup as the signed-in controller: close the year end, reopen it with a reason, correct B.2.2's assessments (19 → 20).
    const planId = await importFixture();
    const plan = planPath(planId);
    const tree = (await apiAs(context, 'GET', `${plan}/tree`)).body as Doc;
    const yearEnd = tree.period.id;
    const move = async (to: string, reason?: string) => {
      const r = await apiAs(context, 'POST', `${plan}/periods/${encodeURIComponent(yearEnd)}/transition`, { to, ...(reason === undefined ? { acknowledgeUnreviewed: true } : { reason }) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    if (tree.period.state === 'open') await move('collecting');
    await move('closed');
    await move('collecting', 'Correzione del consuntivo degli assessment');
    await correctB22(planId);
    // B.1.1's events: the same actual, only its source corrected (the closing froze the old one).
    const events = (await apiAs(context, 'GET', `${plan}/tree`)).body.objectives.find((o: { code: string }) => o.code === 'B.1.1').indicators.find((i: { id: string }) => i.id === 'B.1.1:2');
    const sourced = await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent('B.1.1:2')}/measurements/${encodeURIComponent(yearEnd)}`, {
      state: 'measured',
      actual: 17,
      source: 'Registro eventi camerale',
      version: events.version,
    });
    expect(sourced.status, JSON.stringify(sourced.body)).toBe(200);

    await openChanges(page, planId);
    const reads = readsOf(page);
    await page.click('[data-testid=changes-submit]');
    const heading = page.locator('[data-testid=changes-heading]');
    await heading.waitFor();
    await expect.poll(() => reads.filter((r) => r.startsWith(`${plan}/changes?`))).toHaveLength(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('changes-result-title');
    await expect.poll(() => page.getAttribute('[data-testid=changes-result]', 'aria-busy')).toBe('false');
    await expect.poll(() => page.locator('[data-testid=changes-closing]').innerText()).toMatch(/come era alla chiusura del .*2\d{3}.*chiuso da Carla Controllo\./);

    const measured = rows(page, 'measurement');
    await expect.poll(() => measured.count()).toBe(2);
    const said = (await measured.allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(said.some((r) => /B\.2\.2 N\. assessment \(sostenibilità, energia\) consuntivo 19 20/.test(r))).toBe(true);
    expect(said.some((r) => /B\.1\.1 N\. eventi .* fonte del dato — Registro eventi camerale/.test(r))).toBe(true);
    await expect.poll(() => page.locator('section[data-group=measurement] h4').innerText()).toContain('Misurazioni: consuntivi, stati, fonti ed evidenze (2)');
    const moved = await page.locator('[data-testid=changes-panel] section[data-group=result] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
    expect(moved).toContain('B.2.2');
    expect(moved).toContain('B.2');
    const b22 = page.locator('section[data-group=result] tr[data-code="B.2.2"]');
    expect((await b22.innerText()).replace(/\s+/g, ' ')).toMatch(/performance dell’obiettivo 50,00% \(rosso\) 80,00% \(giallo\)/);
    await expect.poll(() => page.locator('section[data-group=structure]').count()).toBe(0);
    await expect.poll(() => page.locator('section[data-group=measurement] caption').innerText()).toContain('2 modifiche');
    await page.screenshot({ path: join(SHOTS, '14-changes.png'), fullPage: true });
    await expectAccessible(page, 'changes since the closing');

    // The objective's code selects it in the tree: its detail opens.
    await b22.getByRole('button', { name: 'Seleziona B.2.2 nell’albero' }).click();
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain('B.2.2');
  });

  /**
   * Setup as the signed-in controller on a fresh plan: close the year end, adopt the plan, delete
   * B.2.2's assessments (19 at the year end) in a revision, the year end reopened before the deletion
   * (its value then removed) or after it (its value kept). Then the comparison with the closing, and
   * the deleted indicator's row, its definition named.
   */
  async function assessmentsDeleted(reopened: 'before' | 'after') {
    const planId = await importFixture();
    const plan = planPath(planId);
    const tree = (await apiAs(context, 'GET', `${plan}/tree`)).body as Doc;
    const yearEnd = tree.period.id;
    const ok = (r: { status: number; body: unknown }, status = 200) => expect(r.status, JSON.stringify(r.body)).toBe(status);
    const move = async (to: string, reason?: string) =>
      ok(await apiAs(context, 'POST', `${plan}/periods/${encodeURIComponent(yearEnd)}/transition`, { to, ...(reason === undefined ? { acknowledgeUnreviewed: true } : { reason }) }));
    if (tree.period.state === 'open') await move('collecting');
    await move('closed');
    ok(await apiAs(context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    if (reopened === 'before') await move('collecting', 'Rettifica prima della variazione');
    ok(await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Rimodulazione di metà anno', date: '2024-07-15' }), 201);
    ok(await apiAs(context, 'DELETE', `${plan}/indicators/${encodeURIComponent('B.2.2:3')}?removeValues=true`));
    if (reopened === 'after') await move('collecting', 'Rettifica dopo la variazione');

    await openChanges(page, planId);
    await page.click('[data-testid=changes-submit]');
    await page.locator('[data-testid=changes-heading]').waitFor();
    const removed = page.locator('section[data-group=structure] tr[data-kind=indicator-removed][data-code="B.2.2"]');
    await expect.poll(() => removed.count()).toBe(1);
    expect((await removed.innerText()).replace(/\s+/g, ' ')).toMatch(/N\. assessment \(sostenibilità, energia\)/);
    return removed;
  }

  it("shows a deleted indicator's kept value beside its definition, as the closing had it, once the period is reopened", async () => {
    const removed = await assessmentsDeleted('after');
    // Below the definition it had, the value the deletion kept, with who entered it and when: read-only text.
    await expect
      .poll(() => removed.locator('[data-testid=changes-kept-value]').innerText())
      .toMatch(/^Valore alla chiusura, conservato: 19 \(inserito da Carla Controllo il \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2}\)$/);
    expect(await removed.locator('td:has([data-testid=changes-kept-value]) :is(input, button, select, textarea, a)').count()).toBe(0);
    await expectAccessible(page, 'changes since the closing: a deleted indicator with its kept value');
    // In English, the same value as the English table prints it.
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => removed.locator('[data-testid=changes-kept-value]').innerText()).toMatch(/^Value at the closing, kept: 19 \(entered by Carla Controllo on /);
    await page.selectOption('select[aria-label=Language]', 'it');
  });

  it("shows the value the closing froze beside an indicator deleted after the period was reopened, marked as the closing's", async () => {
    const removed = await assessmentsDeleted('before');
    // Nothing was kept by the deletion (the period was open): the value shown is the closing's, and says it was removed after the reopening.
    await expect
      .poll(() => removed.locator('[data-testid=changes-closing-value]').innerText())
      .toMatch(/^Valore alla chiusura, tolto dopo la riapertura: 19 \(inserito da Carla Controllo il \d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2}\)$/);
    expect(await removed.locator('[data-testid=changes-kept-value]').count()).toBe(0);
    // Read-only text: nothing beside it to edit or follow.
    expect(await removed.locator('td:has([data-testid=changes-closing-value]) :is(input, button, select, textarea, a)').count()).toBe(0);
    await expectAccessible(page, 'changes since the closing: an indicator deleted after the reopening with its value at the closing');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => removed.locator('[data-testid=changes-closing-value]').innerText()).toMatch(/^Value at the closing, removed after the reopening: 19 \(entered by Carla Controllo on /);
    await page.selectOption('select[aria-label=Language]', 'it');
  });

  it('compares with another period of the plan and with another plan', async () => {
    // This plan with B.2.2 corrected; the other plan is the fixture as imported.
    const planId = await importFixture();
    await correctB22(planId);
    await openChanges(page, planId);
    await page.click('label[for=changes-against-period]');
    await expect.poll(() => page.isChecked('#changes-against-period')).toBe(true);
    const options = await page.locator('#changes-period option').allInnerTexts();
    expect(options.length).toBeGreaterThan(0);
    await page.selectOption('#changes-period', { index: 0 });
    await page.click('[data-testid=changes-submit]');
    await page.locator('[data-testid=changes-heading]').waitFor();
    await expect.poll(() => page.locator('[data-testid=changes-heading]').innerText()).toMatch(/Modifiche: \d+ modifiche/);
    await expect.poll(() => rows(page, 'measurement').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=changes-none]').count()).toBe(0);
    await expectAccessible(page, 'changes against another period');

    // Another plan: the fixture imported again, as it is before the correction.
    const other = await importFixture();
    await page.click('label[for=changes-against-plan]');
    await page.waitForSelector(`#changes-plan option[value="${other}"]`, { state: 'attached' });
    await page.selectOption('#changes-plan', other);
    await page.click('[data-testid=changes-submit]');
    await page.locator('[data-testid=changes-heading]').waitFor();
    await expect.poll(() => rows(page, 'measurement').count()).toBe(1);
    await expect.poll(() => page.locator('section[data-group=measurement] tr[data-code="B.2.2"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid=changes-between]').innerText()).toBe('Dal periodo 31/12/2024 di «Albero performance 2024» al periodo 31/12/2024 di questo piano.');

    // English: the same view's words. The server words the comparison in the reader's language, so
    // it is read again once, in English (a cached Italian answer is not kept for an English screen).
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `${planPath(planId)}/changes`) asked.push(r.headers()['accept-language'] ?? '');
    });
    await page.focus('select[aria-label=Lingua]');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('section[data-group=measurement] h4').innerText()).toContain('Measurements: actuals, states, sources and evidence (1)');
    await expect.poll(() => page.locator('section[data-group=measurement] td').allInnerTexts()).toContain('actual');
    // The values too, said from each change's code and parameters in English (the answer came in Italian).
    await expect
      .poll(async () => (await page.locator('section[data-group=result] tr[data-code="B.2.2"]').innerText()).replace(/\s+/g, ' '))
      .toMatch(/objective performance 50\.00% \(red\) 80\.00% \(yellow\)/);
    await expect.poll(() => asked).toEqual(['en']);
    await expect.poll(() => page.getAttribute('[data-testid=changes-result]', 'aria-busy')).toBe('false');
    // Read again, not asked again: the focus stays on the language picker.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Language');
    await page.selectOption('select[aria-label=Language]', 'it');
  });
});
