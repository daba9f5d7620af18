/**
 * Individual performance in the browser (issue 13): HR (`personale`) creates the form of a staff
 * member; the evaluator assigns the individual objectives; both acknowledge them; the evaluator
 * records the mid-year interview, enters the actuals and rates the behaviours, watching the live
 * score; the person accepts; HR makes the form final and distributes the bonus fund to the cent.
 * Against the real server and a fresh SQLite file; axe on the list, the new form, the form at each
 * stage and the distribution.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { ROOT } from '../test/helpers.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, expectAccessible } = pages(world);
const UNIT = 'Ufficio Transizione';
const SHOTS = join(ROOT, 'artifacts', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

describe('individual performance', { timeout: 240_000 }, () => {
  it('an evaluator assigns objectives and rates behaviours, the person accepts, HR distributes the fund', async () => {
    // The controller gives objective B.2.2 to the person's unit, so the unit's component has a score.
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    const organisation = (await apiAs(ctl.context, 'GET', plan)).body.organisation as string;
    await ctl.context.close();

    // HR saves the SMVP (its own screen is the JSON/XLSX import), then creates the form on the page.
    const hr = await newPage();
    await login(hr.page, 'personale');
    const saved = await apiAs(hr.context, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(organisation, 2024), reason: 'Delibera n. 5/2024' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await hr.page.click('[data-testid=nav-appraisals]');
    await hr.page.waitForSelector('[data-testid=new-appraisal]');
    await expectAccessible(hr.page, 'appraisal list and new form');
    await hr.page.screenshot({ path: join(SHOTS, '30-appraisals.png'), fullPage: true });
    const people = (await apiAs(hr.context, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;
    // Nobody evaluates themselves: refused on the page, in Italian.
    await hr.page.selectOption('[data-testid=new-person]', id(ACCOUNTS.referente.username));
    await hr.page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.referente.username));
    await hr.page.click('[data-testid=new-submit]');
    await expect.poll(() => hr.page.locator('[data-testid=new-appraisal-error]').innerText()).toMatch(/Nessuno valuta sé stesso/);
    await hr.page.selectOption('[data-testid=new-evaluator]', id(ACCOUNTS.dirigente.username));
    await hr.page.selectOption('[data-testid=new-category]', 'personale');
    await hr.page.selectOption('[data-testid=new-plan]', world.planId);
    // The person's unit is picked from the registry, by its id.
    const units = (await apiAs(hr.context, 'GET', '/api/units')).body as { id: string; name: string }[];
    await expect.poll(() => hr.page.inputValue('[data-testid=new-unit]')).toBe(units.find((u) => u.name === UNIT)!.id);
    await expect.poll(() => hr.page.locator('[data-testid=new-unit] option:checked').innerText()).toContain(UNIT);
    await hr.page.click('[data-testid=new-submit]');
    await hr.page.waitForSelector('[data-testid=appraisal-form]');
    const formUrl = hr.page.url();
    await expect.poll(() => hr.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi da condividere');
    // The unit's component comes from the tree at once.
    await expect
      .poll(() => hr.page.locator('[data-testid=form-steps]').innerText())
      .toMatch(/Struttura Ufficio Transizione: performance \d+,\d\d%\.[\s\S]*Presenza nell'anno: 366 giorni effettivi su 366/);
    // Where the organisational figures come from: the reported ones, the Relazione not validated yet.
    await expect.poll(() => hr.page.locator('[data-testid=form-org-source]').innerText()).toBe("Risultati organizzativi: valori rendicontati (Relazione non ancora validata dall'OIV)");
    // The unit's objective that makes its figure, listed under it with the value's source.
    await expect
      .poll(() => hr.page.locator('[data-testid=form-unit-objectives] tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/^Ufficio Transizione\s+B\.2\.2 .+\s+\d+,\d\d%\s+valore rendicontato$/)]);
    await expectAccessible(hr.page, 'new appraisal form (HR)');

    // The evaluator finds the form in their list and assigns two objectives.
    const ev = await newPage();
    await login(ev.page, 'dirigente');
    await ev.page.click('[data-testid=nav-appraisals]');
    await ev.page.click(`[data-testid=appraisal-list] a[aria-label*="${ACCOUNTS.referente.displayName}"]`);
    await ev.page.waitForSelector('[data-testid=appraisal-form]');
    expect(ev.page.url()).toBe(formUrl);
    for (const [n, title, weight, target] of [
      [1, 'Pratiche evase entro 30 giorni', '60', '90'],
      [2, 'Sportelli digitali attivati', '40', '4'],
    ] as const) {
      await ev.page.click('[data-testid=add-objective]');
      await ev.page.getByLabel(`Obiettivo ${n}`, { exact: true }).fill(title);
      await ev.page.getByLabel(`Peso ${n}`, { exact: true }).fill(weight);
      await ev.page.getByLabel(`Target ${n}`, { exact: true }).fill(target);
    }
    await ev.page.click('[data-testid=save-objectives]');
    await ev.page.waitForSelector('[data-testid=form-message]');
    await expectAccessible(ev.page, 'appraisal form, objectives assigned (evaluator)');
    await ev.page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => ev.page.locator('[data-testid=form-message]').innerText()).toMatch(/Fatto/);
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi da condividere');

    // The person acknowledges the objectives too: they are assigned.
    const me = await newPage();
    await login(me.page, 'referente');
    await me.page.goto(formUrl);
    await me.page.waitForSelector('[data-testid=appraisal-form]');
    // The person changes nothing of the definition.
    await expect.poll(() => me.page.getByLabel('Obiettivo 1', { exact: true }).isDisabled()).toBe(true);
    await me.page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');
    await expectAccessible(me.page, 'appraisal form (the person)');

    // The evaluator: the interview, then the actuals and the ratings, the live score moving.
    await ev.page.reload();
    await ev.page.waitForSelector('[data-testid=action-interview]');
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
    const version = Number(await ev.page.evaluate(async (u) => (await (await fetch(`/api/appraisals/${u}`)).json()).version, formUrl.split('/').pop()!));
    const outside = await apiAs(ev.context, 'PATCH', `/api/appraisals/${formUrl.split('/').pop()}`, { version, ratings: { C1: 9 } });
    expect(outside.status).toBe(422);
    await ev.page.click('[data-testid=action-evaluate]');
    await expect.poll(() => ev.page.locator('[data-testid=form-state]').innerText()).toBe('Valutata');
    const score = await ev.page.locator('[data-testid=form-score]').innerText();
    await expect.poll(() => ev.page.locator('[data-testid=appraisal-form] h2').first().innerText()).toContain('definitivo alla valutazione');

    // The person accepts.
    await me.page.reload();
    await me.page.waitForSelector('[data-testid=action-accept]');
    await expect.poll(() => me.page.locator('[data-testid=form-score]').innerText()).toBe(score);
    await me.page.click('[data-testid=action-accept]');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Accettata');

    // HR makes it final and distributes the fund of the category.
    await hr.page.goto(formUrl);
    await hr.page.reload();
    await hr.page.waitForSelector('[data-testid=action-finalise]');
    await hr.page.click('[data-testid=action-finalise]');
    await expect.poll(() => hr.page.locator('[data-testid=form-state]').innerText()).toBe('Definitiva');
    await hr.page.click('text=Tutte le schede');
    await hr.page.waitForSelector('[data-testid=rewards]');
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
