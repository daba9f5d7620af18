/**
 * Individual performance in the browser (issue 13), its first half: HR (`personale`) creates the
 * form of a staff member; the evaluator assigns the individual objectives; both acknowledge them.
 * The second half, from the objectives assigned to the bonus fund distributed, is
 * appraisal-rating.test.ts (one file was near its time limit on a loaded machine).
 * Against the real server and a fresh SQLite file; axe on the list, the new form and the form at
 * each stage.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { ROOT } from '../test/helpers.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { signedIn, signedInPage, apiAs, expectAccessible } = pages(world);
const UNIT = 'Ufficio Transizione';
const SHOTS = join(ROOT, 'artifacts', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

describe('individual performance', { timeout: 240_000 }, () => {
  it('HR creates the form, the evaluator assigns objectives, the person and the evaluator acknowledge them', async () => {
    // The controller gives objective B.2.2 to the person's unit, so the unit's component has a score.
    // (Through the API alone: the controller's screens are not this test's.)
    const ctl = await signedIn('controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl, 'PATCH', `${plan}/nodes/B.2.2`, { unit: UNIT })).status).toBe(200);
    const organisation = (await apiAs(ctl, 'GET', plan)).body.organisation as string;
    await ctl.close();

    // HR saves the SMVP (its own screen is the JSON/XLSX import), then creates the form on the page.
    const hr = await signedInPage('personale', `${world.server.url}/#/appraisals`);
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
    // Said at the evaluator's choice, which takes the focus.
    await expect.poll(() => hr.page.locator('[data-testid=new-evaluator-error]').innerText()).toBe('Nessuno valuta sé stesso: scegliere un altro valutatore.');
    expect(await hr.page.evaluate(() => document.activeElement?.id)).toBe('new-evaluator');
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
    const ev = await signedInPage('dirigente', `${world.server.url}/#/appraisals`);
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
    const me = await signedInPage('referente', formUrl);
    await me.page.waitForSelector('[data-testid=appraisal-form]');
    // The person changes nothing of the definition.
    await expect.poll(() => me.page.getByLabel('Obiettivo 1', { exact: true }).isDisabled()).toBe(true);
    await me.page.click('[data-testid=action-acknowledge]');
    await expect.poll(() => me.page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');
    await expectAccessible(me.page, 'appraisal form (the person)');
  });
});
