/**
 * Adoption and revisions in the browser: the controllo di gestione adopts the plan by its act (the
 * edit buttons go away), opens a revision with its reason (they come back; asked without one, it
 * is said at the reason field), changes a target, reads the change in the register (before → after) and approves it; on a closed period the locked
 * banner and the edit buttons agree (none is offered), and the banner says the data are frozen. Deleting an objective whose
 * closed period holds an evidence file: the dialog says the closed periods stay as closed; the closed period still
 * shows its file and thread (a new comment refused, said), and the register says what was kept.
 * Real server, fresh SQLite file, the fixture imported through the API.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const world = e2eWorld();
const { newPage, login, apiAs, importFixture, openPlan, search, expectAccessible, chooseLanguage, attachPdf } = pages(world);

const INDICATOR = 'A.2.1:2'; // Capacità di risposta dello sportello internazionalizzazione: target 60,00%
// How the register names it: its name, then its objective's code.
const NAMED = '«Capacità di risposta dello sportello internazionalizzazione» (A.2.1)';

async function selectIndicator(page: Page): Promise<void> {
  await search(page, 'A.2.1');
  await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
  await page.waitForSelector('[data-testid=detail]');
}

/** The indicator's target changed in its dialog, saved. */
async function changeTarget(page: Page, target: string): Promise<void> {
  await selectIndicator(page);
  await page.click('[data-testid=open-edit-indicator]');
  await page.waitForSelector('[data-testid=indicator-dialog][open]');
  await page.fill('#ind-target', target);
  await page.click('[data-testid=dialog-submit]');
  await page.waitForSelector('[data-testid=indicator-dialog]', { state: 'detached' });
}

async function openRevisions(page: Page, planId: string): Promise<void> {
  await page.goto('about:blank');
  await openPlan(page, planId);
  await page.click('[data-testid=revisions-toggle]');
  await page.waitForSelector('[data-testid=revisions-panel]');
}

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

// Each test imports its own plan and brings it where it starts through the API: none depends on what another did.
describe('adoption and revisions', { timeout: 180_000 }, () => {
  let context: BrowserContext;
  let page: Page;

  /** A fresh plan adopted by its act, as the signed-in controller. */
  async function adoptedPlan(): Promise<string> {
    const planId = await importFixture();
    const adopted = await apiAs(context, 'POST', `${planPath(planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);
    return planId;
  }

  beforeAll(async () => {
    ({ context, page } = await newPage());
    await login(page, 'controller');
  });
  afterAll(async () => context?.close());

  it('adopts the plan by its act; the tree is then changed only inside a revision', async () => {
    await openRevisions(page, await importFixture());
    await expect.poll(() => page.locator('[data-testid=plan-status]').innerText()).toContain('Bozza');
    // A draft: the edit buttons are there.
    await selectIndicator(page);
    await expect.poll(() => page.locator('[data-testid=edit-tools]').count()).toBe(1);
    await page.fill('#adopt-kind', 'Delibera di Giunta');
    await page.fill('#adopt-number', '12');
    await page.fill('#adopt-date', '2024-01-30');
    await expectAccessible(page, 'revisions: adoption');
    await page.click('[data-testid=adopt]');
    await expect.poll(() => page.locator('[data-testid=plan-status]').innerText()).toContain('Adottato con Delibera di Giunta n. 12 del 30/01/2024');
    await page.waitForSelector('[data-testid=definition-locked]');
    await selectIndicator(page);
    await expect.poll(() => page.locator('[data-testid=edit-tools]').count()).toBe(0);
    // Values are not plan changes: the entry form stays.
    await expect.poll(() => page.locator('#entry-state').count()).toBe(1);
  });

  it('opens a revision (its reason required), changes a target inside it, and shows the change in the register', async () => {
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    await openRevisions(page, planId);
    await page.click('[data-testid=open-revision]');
    // The missing reason said at its field (described by it, the focus on it), not in the panel's general alert.
    const reason = page.locator('#revision-reason');
    await expect.poll(() => page.locator('[data-testid=revision-reason-error]').innerText()).toBe('Indicare il motivo della variazione.');
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await reason.getAttribute('aria-describedby')).toBe('revision-reason-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('revision-reason');
    expect(await page.locator('[data-testid=revisions-panel] [role=alert]').count()).toBe(0);
    await expectAccessible(page, 'revisions: a revision asked for without its reason');
    await page.selectOption('#revision-kind', 'rimodulazione');
    await page.fill('#revision-reason', 'Target dello sportello rivisto dopo il monitoraggio di settembre');
    await page.click('[data-testid=open-revision]');
    await page.waitForSelector('[data-testid=current-revision]');
    await page.waitForSelector('[data-testid=revision-banner]');
    await expect.poll(() => page.locator('[data-testid=definition-locked]').count()).toBe(0);

    await changeTarget(page, '50');

    await openRevisions(page, planId);
    const row = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Rimodulazione');
    expect(text).toContain('Target dello sportello rivisto dopo il monitoraggio di settembre');
    expect(text).toContain(`Indicatore ${NAMED}: target 60,00% → 50,00%`);
    expect(text).toContain('aperta');
    await expectAccessible(page, 'revisions: register with an open revision');
    await page.screenshot({ path: join(SHOTS, 'revisions.png'), fullPage: false });

    await page.fill('#approve-kind', 'Delibera di Giunta');
    await page.fill('#approve-number', '88');
    await page.fill('#approve-date', '2024-10-20');
    await page.click('[data-testid=approve-revision]');
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain('Delibera di Giunta n. 88 del 20/10/2024');
    await expect.poll(() => row.innerText()).toContain('approvata');
    const stored = (await apiAs(context, 'GET', `${plan}/revisions`)).body;
    expect(stored[0]).toMatchObject({ number: 1, status: 'approved', act: { kind: 'Delibera di Giunta', number: '88', date: '2024-10-20' } });
    // Approved: the edit buttons go away again.
    await page.waitForSelector('[data-testid=definition-locked]');
    await selectIndicator(page);
    await expect.poll(() => page.locator('[data-testid=edit-tools]').count()).toBe(0);
  });

  it('a change made with the register on screen shows in it at once, and the revision is no longer offered to discard as empty', async () => {
    const planId = await adoptedPlan();
    await openRevisions(page, planId);
    await page.fill('#revision-reason', 'Fondi regionali ridotti a giugno');
    await page.click('[data-testid=open-revision]');
    await page.waitForSelector('[data-testid=current-revision]');
    const discard = page.locator('[data-testid=current-revision] button', { hasText: 'Annulla la variazione' });
    await expect.poll(() => discard.count()).toBe(1);
    const row = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await expect.poll(() => row.innerText()).toContain('aperta');

    // Before, the panel kept its first read: the row said no change, and the discard refused by the server stayed offered.
    await changeTarget(page, '55');
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain(`Indicatore ${NAMED}: target 60,00% → 55,00%`);
    await expect.poll(() => discard.count()).toBe(0);
  });

  it('lists a revision’s net change and where its steps are; one whose steps cancel out is offered to discard, its approval refused in words, and stays listed discarded', async () => {
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    /** The indicator's target changed through the API, against the version the tree reads now. */
    const setTarget = async (target: number): Promise<void> => {
      const tree = (await apiAs(context, 'GET', `${plan}/tree`)).body as { objectives: Array<{ indicators: Array<{ id: string; definitionVersion: number }> }> };
      const version = tree.objectives.flatMap((o) => o.indicators).find((i) => i.id === INDICATOR)!.definitionVersion;
      const changed = await apiAs(context, 'PATCH', `${plan}/indicators/${encodeURIComponent(INDICATOR)}`, { target, version });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    };
    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Target provato e riportato' })).status).toBe(201);
    await setTarget(50);
    await setTarget(60);

    await openRevisions(page, planId);
    const first = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await expect
      .poll(() => first.locator('[data-testid=revision-steps]').innerText())
      .toBe('nessuna modifica netta: le 2 modifiche registrate si annullano a vicenda (sono nel registro delle modifiche)');
    expect(await first.locator('li').count()).toBe(0);
    await expectAccessible(page, 'revisions: a revision whose steps cancel out');
    // Before, a revision holding steps was never offered to discard, and it could be approved as changing nothing.
    await page.click('[data-testid=approve-revision]');
    await expect
      .poll(() => page.locator('[data-testid=revisions-refused]').innerText())
      .toBe('La variazione n. 1 non cambia nulla: le 2 modifiche registrate si annullano a vicenda (restano nel registro delle modifiche); annullala.');
    await page.fill('#discard-reason', 'Target provato e lasciato com’era');
    await page.click('[data-testid=current-revision] button:has-text("Annulla la variazione")');
    await expect.poll(() => page.locator('#revisions-notice').innerText()).toBe('Variazione annullata: resta nel registro con i suoi passaggi.');
    // Before, the discarded revision left the register: now it stays, said discarded, by whom, why, with its steps.
    await expect.poll(() => first.locator('td').nth(4).innerText()).toBe('annullata');
    expect(await first.locator('[data-testid=revision-discarded]').innerText()).toMatch(
      /^Annullata il \d{2}\/\d{2}\/\d{4} da .+, motivo: «Target provato e lasciato com’era»: il piano non è cambiato; i 2 passaggi registrati restano agli atti$/,
    );
    expect((await first.locator('li').allInnerTexts()).map((l) => l.replace(/\s+/g, ' '))).toEqual([
      `passaggio 1: Indicatore ${NAMED}: target 60,00% → 50,00%`,
      `passaggio 2: Indicatore ${NAMED}: target 50,00% → 60,00%`,
    ]);
    await expectAccessible(page, 'revisions: a discarded revision in the register');

    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Target rivisto due volte' })).status).toBe(201);
    await setTarget(50);
    await setTarget(55);
    await openRevisions(page, planId);
    const second = page.locator('[data-testid=revisions-register] tr[data-revision="2"]');
    await expect.poll(async () => (await second.locator('li').allInnerTexts()).map((l) => l.replace(/\s+/g, ' '))).toEqual([`Indicatore ${NAMED}: target 60,00% → 55,00%`]);
    expect(await second.locator('[data-testid=revision-steps]').innerText()).toBe('modifiche nette di 2 passaggi registrati (ciascuno nel registro delle modifiche)');
    await chooseLanguage(page, 'en');
    await expect.poll(() => second.locator('[data-testid=revision-steps]').innerText()).toBe('net changes of 2 recorded steps (each on the audit trail)');
    expect(await second.locator('li').allInnerTexts()).toEqual([`Indicator ${NAMED}: target 60.00% → 55.00%`]);
    await expect.poll(() => first.locator('td').nth(4).innerText()).toBe('discarded');
    expect(await first.locator('[data-testid=revision-discarded]').innerText()).toMatch(
      /^Discarded on .+, reason: “Target provato e lasciato com’era”: the plan did not change; its 2 recorded steps stay on the record$/,
    );
    await chooseLanguage(page, 'it');
  });

  it('a revision or its act dated before the adoption is said at its date field; the register says the act in the screen’s words', async () => {
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    await openRevisions(page, planId);
    // Typed by keyboard: the reason, then the date a year too early.
    await page.focus('#revision-reason');
    await page.keyboard.type('Target rivisti a luglio');
    await page.fill('#revision-date', '2023-07-15');
    await page.focus('#revision-reason');
    await page.keyboard.press('Enter');
    const dateError = page.locator('[data-testid=revision-date-error]');
    await expect
      .poll(() => dateError.innerText())
      .toBe("La data della variazione è il 15/07/2023, prima dell'adozione del piano (30/01/2024): una variazione modifica il piano adottato, quindi viene dopo.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('revision-date');
    expect(await page.locator('#revision-date').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-testid=revisions-panel] [role=alert]').count()).toBe(0);
    expect((await apiAs(context, 'GET', `${plan}/revisions`)).body).toEqual([]);
    await expectAccessible(page, 'revisions: a date before the adoption');

    await page.fill('#revision-date', '2024-07-15');
    await page.click('[data-testid=open-revision]');
    await page.waitForSelector('[data-testid=current-revision]');
    const target = await apiAs(context, 'PATCH', `${plan}/indicators/${encodeURIComponent(INDICATOR)}`, { target: 55, version: 1 });
    expect(target.status, JSON.stringify(target.body)).toBe(200);
    await page.fill('#approve-kind', 'Delibera di Giunta');
    await page.fill('#approve-number', '40');
    await page.fill('#approve-date', '2023-07-20');
    await page.click('[data-testid=approve-revision]');
    await expect
      .poll(() => page.locator('[data-testid=approve-date-error]').innerText())
      .toContain("L'atto di approvazione della variazione è del 20/07/2023, prima dell'adozione del piano (30/01/2024)");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('approve-date');
    await page.fill('#approve-date', '2024-07-20');
    await page.click('[data-testid=approve-revision]');
    const row = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain('Delibera di Giunta n. 40 del 20/07/2024');
    await chooseLanguage(page, 'en');
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain('Delibera di Giunta no. 40 of 20/07/2024');
    await expect.poll(async () => (await row.innerText()).replace(/\s+/g, ' ')).toContain(`Indicator ${NAMED}: target 60.00% → 55.00%`);
    await chooseLanguage(page, 'it');

    // The next revision dated before this one is said at the date too: the register keeps their order.
    await page.fill('#revision-reason', 'Target rivisti di nuovo');
    await page.fill('#revision-date', '2024-07-01');
    await page.click('[data-testid=open-revision]');
    await expect
      .poll(() => dateError.innerText())
      .toBe("La data della variazione è il 01/07/2024, prima di quella della variazione n. 1 (15/07/2024): una variazione parte dal piano come l'hanno lasciato le precedenti, quindi viene dopo.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('revision-date');
    expect(await page.locator('[data-testid=revisions-panel] [role=alert]').count()).toBe(0);
    expect((await apiAs(context, 'GET', `${plan}/revisions`)).body).toHaveLength(1);
  });

  it('an act or revision dated outside the plan’s years is said at its date field; a new revision is dated within the plan’s year', async () => {
    const planId = await importFixture();
    await openRevisions(page, planId);
    await page.fill('#adopt-kind', 'Delibera di Giunta');
    await page.fill('#adopt-number', '12');
    await page.fill('#adopt-date', '1999-01-01');
    await page.click('[data-testid=adopt]');
    await expect
      .poll(() => page.locator('[data-testid=adopt-date-error]').innerText())
      .toBe("L'atto di adozione è del 01/01/1999: per il piano 2024 una data dal 01/01/2023 al 31/12/2024 (il piano si adotta entro il 31 gennaio del suo anno).");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('adopt-date');
    expect((await apiAs(context, 'GET', planPath(planId))).body.status).toBe('draft');
    await page.fill('#adopt-date', '2024-01-30');
    await page.click('[data-testid=adopt]');
    await expect.poll(() => page.locator('[data-testid=plan-status]').innerText()).toContain('Adottato con Delibera di Giunta n. 12 del 30/01/2024');
    // Read after the 2024 plan's year: the new revision is offered on the year's last day, not today.
    await page.waitForSelector('#revision-date');
    expect(await page.locator('#revision-date').inputValue()).toBe('31/12/2024');
    await chooseLanguage(page, 'en');
    await page.fill('#revision-reason', 'Targets revised');
    await page.fill('#revision-date', '2025-03-01');
    await page.click('[data-testid=open-revision]');
    await expect
      .poll(() => page.locator('[data-testid=revision-date-error]').innerText())
      .toBe("The revision's date is 01/03/2025, after the plan's year: a revision changes the 2024 plan during its year, by 31/12/2024.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('revision-date');
    expect((await apiAs(context, 'GET', `${planPath(planId)}/revisions`)).body).toEqual([]);
    await chooseLanguage(page, 'it');
  });

  it('offers a new revision the day it is in Rome: at 00:30 of 15 March there, 23:30 of the 14th in UTC', async () => {
    const planId = await adoptedPlan();
    const { context: early, page: office } = await newPage();
    try {
      // The browser's clock at that moment, whatever its own time zone; before, the form offered the UTC day, the 14th.
      await office.clock.setFixedTime(new Date('2024-03-14T23:30:00.000Z'));
      await login(office, 'controller');
      await openRevisions(office, planId);
      await office.waitForSelector('#revision-date');
      expect(await office.locator('#revision-date').inputValue()).toBe('15/03/2024');
    } finally {
      await early.close();
    }
  });

  it('deleting an objective inside a revision lists what the open periods lose, and removes it only on a second confirmation', async () => {
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Obiettivo A.3 soppresso' })).status).toBe(201);
    // A September value beside the year end's imported one.
    expect((await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent('A.3:1')}/measurements/2024-09-30`, { state: 'measured', actual: 120, version: 0 })).status).toBe(200);
    await page.goto('about:blank');
    await openPlan(page, planId);
    await search(page, 'A.3');
    await page.click('[data-code="A.3"] .tree-link');
    await page.click('[data-testid=open-delete-node]');
    await page.click('[data-testid=confirm-delete]');
    // The first confirmation deletes nothing: the dialog stays, saying period by period what would go.
    const loss = page.locator('[data-testid=values-to-remove]');
    await expect.poll(() => loss.innerText()).toContain('Nei periodi ancora aperti l’eliminazione toglie anche:');
    const text = (await loss.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('30/09/2024: 1 valore inserito, nessun documento di evidenza');
    expect(text).toContain('31/12/2024: 1 valore inserito, nessun documento di evidenza');
    expect(await page.locator('[data-testid=form-alert]').count()).toBe(0);
    expect((await apiAs(context, 'GET', `${plan}/tree`)).body.objectives.some((o: { code: string }) => o.code === 'A.3')).toBe(true);
    await expectAccessible(page, 'revisions: a deletion that removes values, asked again');
    await page.click('[data-testid=confirm-remove-values]');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    await expect.poll(async () => (await apiAs(context, 'GET', `${plan}/tree`)).body.objectives.some((o: { code: string }) => o.code === 'A.3')).toBe(false);

    // The register says what went, value by value.
    await openRevisions(page, planId);
    const row = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await expect
      .poll(async () => (await row.innerText()).replace(/\s+/g, ' '))
      .toContain('valori tolti dai periodi aperti: «Soggetti coinvolti» (A.3) al 30/09/2024 120 (inserito da controllo), «Soggetti coinvolti» (A.3) al 31/12/2024 206');
  });

  it('deletes an objective whose closed period holds an evidence file, saying the closed period keeps it, and it does', async () => {
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    const june = `${plan}/indicators/${encodeURIComponent('A.3:1')}/measurements/2024-06-30`;
    expect((await apiAs(context, 'PUT', june, { state: 'measured', actual: 40, version: 0 })).status).toBe(200);
    await attachPdf(context, june, 'registro-giugno.pdf', 'Registro di giugno');
    expect((await apiAs(context, 'POST', `${june}/comments`, { body: 'Dato dal registro di giugno' })).status).toBe(201);
    for (const to of ['collecting', 'closed']) expect((await apiAs(context, 'POST', `${plan}/periods/2024-06-30/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'Obiettivo A.3 soppresso' })).status).toBe(201);
    await page.goto('about:blank');
    await openPlan(page, planId);
    await search(page, 'A.3');
    await page.click('[data-code="A.3"] .tree-link');
    await page.click('[data-testid=open-delete-node]');
    await expect.poll(() => page.locator('[data-testid=confirm-text]').innerText()).toContain('I periodi chiusi o validati restano come alla chiusura, con valori, documenti di evidenza e commenti.');
    await page.click('[data-testid=confirm-delete]');
    // The year end's imported value is asked about; the closed June is not among what goes.
    const loss = page.locator('[data-testid=values-to-remove]');
    await expect.poll(() => loss.innerText()).toContain('31/12/2024: 1 valore inserito, nessun documento di evidenza');
    expect(await loss.innerText()).not.toContain('30/06/2024');
    expect(await loss.innerText()).toContain('i periodi chiusi o validati restano come alla chiusura, con i loro documenti di evidenza, e i commenti di ogni periodo restano leggibili.');
    await page.click('[data-testid=confirm-remove-values]');
    await page.waitForSelector('[data-testid=confirm-dialog]', { state: 'detached' });
    await expect.poll(async () => (await apiAs(context, 'GET', `${plan}/tree`)).body.objectives.some((o: { code: string }) => o.code === 'A.3')).toBe(false);
    // June, closed, kept its file and its thread.
    expect((await apiAs(context, 'GET', `${june}/attachments`)).body.map((f: { name: string }) => f.name)).toEqual(['registro-giugno.pdf']);
    expect((await apiAs(context, 'GET', `${june}/comments`)).body.map((c: { body: string }) => c.body)).toEqual(['Dato dal registro di giugno']);
    // In the browser, the closed June still shows A.3 as it was closed, with its file and its thread to read, read-only:
    // no box to write in (the API refuses a new comment, 409 indicator-deleted), and the screen says why.
    await page.goto('about:blank');
    await openPlan(page, planId);
    await pickPeriod(page, '2024-06-30');
    await search(page, 'A.3');
    await page.click('[data-indicator="A.3:1"] .tree-link');
    await expect.poll(() => page.locator('[data-testid=evidence-file]').innerText()).toContain('registro-giugno.pdf');
    await expect.poll(() => page.locator('[data-testid=comment]').innerText()).toContain('Dato dal registro di giugno');
    await expect
      .poll(() => page.locator('[data-testid=comments-read-only]').innerText())
      .toBe('Questo indicatore è stato eliminato dal piano dopo la chiusura del periodo: la sua discussione resta da leggere e non riceve nuovi commenti.');
    expect(await page.locator('#comment-text').count()).toBe(0);
    expect(await page.locator('[data-testid=comment-send]').count()).toBe(0);
    expect(await page.locator('[data-testid=comment]').count()).toBe(1);
    await expectAccessible(page, 'revisions: the kept thread of a deleted indicator, read-only');
    // The register says what went and what was kept.
    await openRevisions(page, planId);
    const row = page.locator('[data-testid=revisions-register] tr[data-revision="1"]');
    await expect
      .poll(async () => (await row.innerText()).replace(/\s+/g, ' '))
      .toContain(
        "valori tolti dai periodi aperti: «Soggetti coinvolti» (A.3) al 31/12/2024 206 (inserito da controllo); conservati com'erano: 1 valore e 1 documento di evidenza dei periodi chiusi o validati, 1 commento",
      );
  });

  it('on a closed period the locked banner and the edit buttons agree: nothing to edit, the data frozen at the closing', async () => {
    // An adopted plan with a revision open, so the plan itself could be changed; then the year end closed.
    const planId = await adoptedPlan();
    const plan = planPath(planId);
    expect((await apiAs(context, 'POST', `${plan}/revisions`, { reason: 'seconda variazione' })).status).toBe(201);
    for (const to of ['collecting', 'closed']) expect((await apiAs(context, 'POST', `${plan}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    await page.goto('about:blank');
    await openPlan(page, planId);
    await page.waitForSelector('[data-testid=locked-banner]');
    await expect.poll(() => page.locator('[data-testid=locked-banner]').innerText()).toContain('sola lettura');
    await expect.poll(() => page.locator('[data-testid=frozen-note]').innerText()).toContain('congelati alla chiusura');
    await expect.poll(() => page.locator('[data-testid=open-area]').count()).toBe(0);
    await selectIndicator(page);
    await expect.poll(() => page.locator('[data-testid=edit-tools]').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid=open-edit-indicator]').count()).toBe(0);
    await expect.poll(() => page.locator('#entry-state').count()).toBe(0);
    await page.waitForSelector('[data-testid=read-only]');
    await expectAccessible(page, 'locked period with an open revision');
    // The open 30/09 period still offers the edit buttons (a revision is open).
    await pickPeriod(page, '2024-09-30');
    await expect.poll(() => page.locator('[data-testid=locked-banner]').count()).toBe(0);
    await selectIndicator(page);
    await expect.poll(() => page.locator('[data-testid=open-edit-indicator]').count()).toBe(1);
  });
});
