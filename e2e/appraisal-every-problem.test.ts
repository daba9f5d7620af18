/**
 * A refusal with several problems marks each on the form's screen: the evaluator rates two
 * behaviours while HR adopts a new SMVP (a shorter scale, one behaviour no longer rated for staff);
 * the save is refused with both, and each rating's choice says its own problem, the first taking the
 * focus, in Italian and in English. Against the real server and a fresh SQLite file; axe on the form.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, staffForm, apiAs, chooseLanguage, expectAccessible, openAppraisal } = pages(world);

const OBJECTIVES = [{ title: 'Pratiche evase entro 30 giorni', weight: 100, comparator: '>=', target: 90, unit: 'number', scoring: null, state: 'not_measured', actual: null, reason: null }];

describe('every problem of a refused save marked on the form', { timeout: 240_000 }, () => {
  it('marks each rating the server refuses at its own choice, Italian and English', async () => {
    const [hr, ev, me] = [await signedInPage('personale', null), await signedInPage('dirigente', null), await signedInPage('referente', null)];
    const created = await staffForm(hr.context);
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;
    expect((await apiAs(ev.context, 'PATCH', form, { version: created.version, objectives: OBJECTIVES })).status).toBe(200);
    for (const who of [ev.context, me.context]) {
      const { version } = (await apiAs(who, 'GET', form)).body;
      expect((await apiAs(who, 'POST', `${form}/actions`, { action: 'acknowledge', version })).status).toBe(200);
    }
    const page = ev.page;
    await openAppraisal(page, created.id);
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');
    await page.selectOption('[data-testid=rating-C1]', '5');
    await page.selectOption('[data-testid=rating-C2]', '4');

    // Meanwhile HR adopts a new SMVP: a scale of four levels, and staff no longer rated on C2.
    const organisation = (await apiAs(hr.context, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body.organisation as string;
    const smvp = exampleSmvpJson(organisation, 2024) as { ratingScale: unknown[]; schemes: { category: string; behaviours: unknown[] }[] };
    smvp.ratingScale = smvp.ratingScale.slice(0, 4);
    smvp.schemes.find((s) => s.category === 'personale')!.behaviours = [
      { code: 'C1', weight: 60 },
      { code: 'C3', weight: 40 },
    ];
    const adopted = await apiAs(hr.context, 'PUT', '/api/smvp/2024', { document: smvp, reason: 'Delibera n. 9/2024' });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(200);

    await page.click('[data-testid=save-ratings]');
    await expect.poll(() => page.locator('[data-testid=rating-C2-error]').count()).toBe(1);
    expect(await page.locator('[data-testid=rating-C1-error]').innerText()).toMatch(/^C1: il giudizio 5 non è nella scala \(/);
    expect(await page.locator('[data-testid=rating-C2-error]').innerText()).toMatch(/^Il comportamento C2 non si valuta per la categoria .+\.$/);
    for (const code of ['C1', 'C2']) expect(await page.locator(`#rating-${code}`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rating-C3').getAttribute('aria-invalid')).toBeNull();
    // The first said wrong takes the focus; nothing else is said above the form.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rating-C1');
    expect(await page.locator('[data-testid=form-error]').count()).toBe(0);
    await expectAccessible(page, 'every rating refused marked (it)');

    // In English the form is read again under the new SMVP: C2 is no longer on the screen, so its
    // problem is listed above the form, while C1's is said at its choice; the ratings typed are kept.
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=rating-C2]').count()).toBe(0);
    await page.click('[data-testid=save-ratings]');
    await expect.poll(() => page.locator('[data-testid=rating-C1-error]').count()).toBe(1);
    expect(await page.locator('[data-testid=rating-C1-error]').innerText()).toMatch(/^C1: the rating 5 is not on the scale \(/);
    expect(await page.locator('[data-testid=form-error]').innerText()).toMatch(/^To fix/);
    expect(await page.locator('[data-testid=form-error-list] li').allInnerTexts()).toEqual([expect.stringMatching(/^The behaviour C2 is not rated for the category .+\.$/)]);
    await expectAccessible(page, 'every rating refused marked (en)');
    // Nothing was saved.
    expect((await apiAs(hr.context, 'GET', form)).body.ratings).toEqual({});
    for (const p of [hr, ev, me]) await p.context.close();
  });
});
