/**
 * Individual performance in the browser (issue 13), its second half: from a staff member's form
 * whose two objectives the evaluator assigned and both acknowledged (as appraisal.test.ts does on the
 * screens, here through the API), the evaluator records the mid-year interview, enters the actuals
 * and rates the behaviours, watching the live score; the person accepts; HR makes the form final and
 * distributes the bonus fund to the cent; the public aggregates name nobody.
 * Against the real server and a fresh SQLite file; axe on the form rated and the distribution.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { appraisalSettled, e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { signedIn, signedInPage, staffForm, apiAs, expectAccessible, openAppraisal } = pages(world);
const UNIT = ACCOUNTS.referente.units[0]!;
const SHOTS = join(ROOT, 'artifacts', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

/** The two objectives appraisal.test.ts assigns on the screen, as its save sends them. */
const OBJECTIVES = [
  ['Pratiche evase entro 30 giorni', 60, 90],
  ['Sportelli digitali attivati', 40, 4],
].map(([title, weight, target]) => ({ title, weight, comparator: '>=', target, unit: 'number', scoring: null, state: 'not_measured', actual: null, reason: null }));

describe('individual performance', { timeout: 240_000 }, () => {
  it('the evaluator rates the objectives and behaviours, the person accepts, HR distributes the fund', async () => {
    // The controller gives objective B.2.2 to the person's unit, so the unit's component has a score;
    // HR creates the form, the evaluator assigns the objectives and both acknowledge them.
    // (Each person's page signed in first, blank: its session makes the set-up's calls too.)
    const ctl = await signedIn('controller');
    const [hr, ev, me] = [await signedInPage('personale', null), await signedInPage('dirigente', null), await signedInPage('referente', null)];
    expect((await apiAs(ctl, 'PATCH', `/api/plans/${encodeURIComponent(world.planId)}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    await ctl.close();
    const created = await staffForm(hr.context);
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;
    const assigned = await apiAs(ev.context, 'PATCH', form, { version: created.version, objectives: OBJECTIVES });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    for (const who of [ev.context, me.context]) {
      const { version } = (await apiAs(who, 'GET', form)).body;
      expect((await apiAs(who, 'POST', `${form}/actions`, { action: 'acknowledge', version })).status).toBe(200);
    }
    await openAppraisal(ev.page, created.id);
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');

    // The evaluator: the interview, then the actuals and the ratings, the live score moving.
    await ev.page.fill('[data-testid=action-text]', 'Obiettivi raggiungibili; sportelli in ritardo di un mese');
    await ev.page.click('[data-testid=action-interview]');
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Colloquio intermedio svolto');
    await ev.page.getByLabel('Stato 1', { exact: true }).selectOption('measured');
    await ev.page.getByLabel('Consuntivo 1', { exact: true }).fill('90');
    await ev.page.getByLabel('Stato 2', { exact: true }).selectOption('measured');
    await ev.page.getByLabel('Consuntivo 2', { exact: true }).fill('3');
    await ev.page.click('[data-testid=save-objectives]');
    await ev.page.waitForSelector('[data-testid=form-message]');
    // 90 ≥ 90 met, 3 < 4 not met (on/off): (60·100 + 40·0) / 100 = 60.
    await expect.poll(() => ev.page.locator('[data-testid=objectives] tbody tr').first().innerText()).toContain('100,00%');
    await expect.poll(() => ev.page.locator('[data-testid=form-steps]').innerText()).toMatch(/Obiettivo «Sportelli digitali attivati» \(peso 40%\): misurato, punteggio 0,00%/);
    for (const [code, rating] of [
      ['C1', '4'],
      ['C2', '5'],
      ['C3', '3'],
    ] as const)
      await ev.page.selectOption(`[data-testid=rating-${code}]`, rating);
    await ev.page.click('[data-testid=save-ratings]');
    await ev.page.waitForSelector('[data-testid=form-message]');
    // Behaviours 40%·90 + 30%·100 + 30%·70 = 87.
    await expect.poll(() => ev.page.locator('[data-testid=form-steps]').innerText()).toMatch(/Comportamento C2 «Collaborazione» \(peso 30%\): 5 – Eccellente = 100,00%/);
    await expect.poll(() => ev.page.locator('[data-testid=form-score]').innerText()).toMatch(/^\d+,\d\d%$/);
    // The dates of the acknowledgements as an Italian reads them.
    await expect.poll(() => ev.page.locator('[data-testid=acknowledged]').innerText()).toMatch(/valutato \d\d\/\d\d\/\d{4}, valutatore \d\d\/\d\d\/\d{4}/);
    await expectAccessible(ev.page, 'appraisal form, rated (evaluator)');
    await ev.page.screenshot({ path: join(SHOTS, '31-appraisal-form.png'), fullPage: true });
    // A rating outside the scale never reaches the page's select; over the API it is refused at its field.
    const { version } = (await apiAs(ev.context, 'GET', form)).body;
    const outside = await apiAs(ev.context, 'PATCH', form, { version, ratings: { C1: 9 } });
    expect(outside.status).toBe(422);
    await ev.page.click('[data-testid=action-evaluate]');
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Valutata');
    const score = await ev.page.locator('[data-testid=form-score]').innerText();
    await expect.poll(() => ev.page.locator('[data-testid=appraisal-form] h2').first().innerText()).toContain('definitivo alla valutazione');

    // The person accepts.
    await openAppraisal(me.page, created.id);
    await expect.poll(() => me.page.locator('[data-testid=form-score]').innerText()).toBe(score);
    await me.page.click('[data-testid=action-accept]');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Accettata');

    // HR makes it final and distributes the fund of the category.
    await openAppraisal(hr.page, created.id);
    await hr.page.click('[data-testid=action-finalise]');
    await expect.poll(() => hr.page.locator('[data-testid=form-state]').innerText()).toBe('Definitiva');
    await hr.page.click('text=Tutte le schede');
    await hr.page.waitForSelector('[data-testid=rewards]');
    await appraisalSettled(hr.page);
    await expect.poll(() => hr.page.locator('[data-testid=appraisal-list] tbody tr').first().innerText()).toMatch(/Definitiva/);
    await hr.page.selectOption('[data-testid=reward-category]', 'personale');
    await hr.page.fill('[data-testid=reward-fund]', '1.234,57');
    await hr.page.click('[data-testid=reward-distribute]');
    await hr.page.waitForSelector('[data-testid=reward-table]');
    await expect.poll(() => hr.page.locator('[data-testid=reward-total]').innerText()).toBe('1.234,57');
    await expect.poll(() => hr.page.locator('[data-testid=reward-table] tbody').innerText()).toContain(ACCOUNTS.referente.displayName);
    await expectAccessible(hr.page, 'bonus distribution');
    await hr.page.screenshot({ path: join(SHOTS, '32-bonus-distribution.png'), fullPage: true });

    // The person's own list shows the final form; the public reads only the anonymised aggregates.
    await me.page.click('text=Tutte le schede');
    await expect.poll(() => me.page.locator('[data-testid=appraisal-list] tbody tr').count()).toBe(1);
    // Typing a year key by key loads its list once, not once per key (2, 20, 202, 2025).
    const lists: string[] = [];
    me.page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/appraisals') lists.push(url.searchParams.get('year') ?? '');
    });
    const year = me.page.locator('[data-testid=appraisal-year]');
    await year.fill('');
    await year.pressSequentially('2025', { delay: 80 });
    await expect.poll(() => me.page.locator('[data-testid=appraisals-page]').innerText()).toContain('Nessuna scheda');
    await expect.poll(() => lists).toEqual(['2025']);
    // Leaving the field loads nothing more: an absence has no event to wait for, so a second passes.
    await year.blur();
    await me.page.waitForTimeout(1000);
    expect(lists).toEqual(['2025']);
    const pub = await fetch(`${world.server.url}/api/rewards/2024/aggregates`);
    expect(pub.status).toBe(200);
    const text = await pub.text();
    expect(text).not.toContain(ACCOUNTS.referente.displayName);
    expect(text).toContain('"people":1');
  });
});
