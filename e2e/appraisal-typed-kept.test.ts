/**
 * What is typed on a form's screen and not saved survives a change of language (the form read again
 * in the other language): the evaluator's objectives (a title changed, an actual, a new objective
 * with its weight and target, the numbers written again in the new notation) and, later in the year,
 * an actual and a behaviour's rating; on a form whose plan is missing (shown from the refused read),
 * HR's plan picked and reason typed. Then saved, what was typed is what the server keeps. A newer
 * version of the form read with the other language (another desk saved meanwhile) does not drop what
 * was typed either: the save is then refused as a clash, the other desk's change kept, until the
 * reader reloads the form.
 * Real server, fresh SQLite file, axe after the change.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appraisalPlans, arrowTo, OBJECTIVES, tabTo } from './appraisal-plans.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, signedIn, chooseLanguage, expectAccessible, openAppraisal } = pages(world);
const { pastTheStore, bodyWithSmvp, formOf, formBesideSecondPlan, screenAs } = appraisalPlans(world);

/** The values in the objectives' fields, row by row: title, weight, target, actual. */
const typed = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid=objectives] tbody tr')).map((_, i) =>
      ['title', 'weight', 'target', 'actual'].map((f) => (document.getElementById(`objective-${i}-${f}`) as HTMLInputElement | null)?.value ?? null),
    ),
  );

describe("what is typed on a form's screen and not saved survives a change of language", { timeout: 240_000 }, () => {
  it("keeps the evaluator's objectives typed, in the new notation, and saves them", async () => {
    const hr = await signedIn('personale');
    await bodyWithSmvp(hr);
    const id = (await formOf(hr, 'controller', 'dirigente')).body.id as string;

    const { page } = await loggedIn('dirigente');
    await openAppraisal(page, id);
    await page.fill('#objective-0-title', 'Pratiche evase entro 30 giorni');
    await page.fill('#objective-0-actual', '118,5');
    await page.click('[data-testid=add-objective]');
    await page.fill('#objective-1-title', 'Sportello digitale');
    await page.fill('#objective-1-weight', '12,5');
    await page.fill('#objective-1-target', '1.250');
    await page.fill('#objective-0-weight', '87,5');

    await chooseLanguage(page, 'en');
    // The form read again in English (its state in the server's English), what was typed still there.
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Objectives to acknowledge');
    expect(await typed(page)).toEqual([
      ['Pratiche evase entro 30 giorni', '87.5', '100', '118.5'],
      ['Sportello digitale', '12.5', '1,250', ''],
    ]);
    await expectAccessible(page, 'objectives typed, after a change of language');
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi da condividere');
    expect(await typed(page)).toEqual([
      ['Pratiche evase entro 30 giorni', '87,5', '100', '118,5'],
      ['Sportello digitale', '12,5', '1.250', ''],
    ]);

    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => page.locator('[data-testid=form-message]').innerText()).toBe('Salvato.');
    const saved = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body as { objectives: { title: string; weight: number; target: number; actual: number | null }[] };
    expect(saved.objectives.map(({ title, weight, target, actual }) => ({ title, weight, target, actual }))).toEqual([
      { title: 'Pratiche evase entro 30 giorni', weight: 87.5, target: 100, actual: 118.5 },
      { title: 'Sportello digitale', weight: 12.5, target: 1250, actual: null },
    ]);
  });

  it('keeps an actual and a rating typed during the year, and saves them with the step', async () => {
    const [hr, person, boss] = [await signedIn('personale'), await signedIn('referente'), await signedIn('dirigente')];
    await bodyWithSmvp(hr);
    const id = (await formOf(hr, 'referente', 'dirigente')).body.id as string;
    for (const who of [person, boss]) {
      const { version } = (await apiAs(who, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body as { version: number };
      const step = await apiAs(who, 'POST', `/api/appraisals/${encodeURIComponent(id)}/actions`, { action: 'acknowledge', version });
      expect(step.status, JSON.stringify(step.body)).toBe(200);
    }

    const { page } = await loggedIn('dirigente');
    await openAppraisal(page, id);
    expect(await page.locator('[data-testid=form-state]').innerText()).toBe('Obiettivi assegnati');
    await page.fill('#objective-0-actual', '97,25');
    await page.selectOption('[data-testid=rating-C1]', '4');

    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Objectives assigned');
    expect(await page.inputValue('#objective-0-actual')).toBe('97.25');
    expect(await page.inputValue('[data-testid=rating-C1]')).toBe('4');
    await expectAccessible(page, 'an actual and a rating typed, after a change of language');

    await page.fill('[data-testid=action-text]', 'On track');
    await page.click('[data-testid=action-interview]');
    await expect.poll(() => page.locator('[data-testid=form-state]').innerText()).toBe('Mid-year interview held');
    const saved = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body as { objectives: { actual: number | null }[]; ratings: Record<string, number> };
    expect(saved.objectives[0]!.actual).toBe(97.25);
    expect(saved.ratings).toEqual({ C1: 4 });
  });

  it('keeps the plan HR picked and the reason typed on a form whose plan is missing, then links it', async () => {
    const {
      hr,
      secondId,
      id,
      main: { organisation },
    } = await formBesideSecondPlan('Piano ter 2024', 'oiv');
    await pastTheStore([[`UPDATE appraisal_forms SET plan_id = 'p-assente' WHERE id = ?`, [id]]]);

    const { page } = await screenAs('personale', `/appraisals/${encodeURIComponent(id)}`);
    await page.locator('#relink-plan').waitFor();
    await tabTo(page, 'relink-plan');
    await arrowTo(page, 'Piano ter 2024');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Piano adottato con delibera n. 7');

    await chooseLanguage(page, 'en');
    // The refusal read again in English: the control still there, with the pick and the reason.
    await expect.poll(() => page.locator('[data-testid=form-read-error]').innerText()).toMatch(/^The plan the form takes its organisational results from/);
    await expect.poll(() => page.locator('label[for=relink-plan]').innerText()).toBe(`Plan of “${organisation}” for 2024`);
    expect(await page.locator('#relink-plan').inputValue()).toBe(secondId);
    expect(await page.locator('#relink-reason').inputValue()).toBe('Piano adottato con delibera n. 7');
    await expectAccessible(page, 'a form whose plan is missing, after a change of language');
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('[data-testid=form-read-error]').innerText()).toMatch(/^Il piano da cui la scheda prende/);
    expect(await page.locator('#relink-plan').inputValue()).toBe(secondId);
    expect(await page.locator('#relink-reason').inputValue()).toBe('Piano adottato con delibera n. 7');

    await page.click('[data-testid=relink-save]');
    await page.locator('[data-testid=form-score]').waitFor();
    const linked = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}`)).body as { planId: string };
    expect(linked.planId).toBe(secondId);
    const trail = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}/trail`)).body as { reason: string | null }[];
    expect(trail.at(-1)).toMatchObject({ reason: 'Piano adottato con delibera n. 7' });
  });

  it('keeps what was typed when the form read in the other language is a newer version, and saves nothing over it', async () => {
    const [hr, boss] = [await signedIn('personale'), await signedIn('dirigente')];
    await bodyWithSmvp(hr);
    const created = (await formOf(hr, 'admin', 'dirigente')).body as { id: string; version: number };
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;
    const { page } = await loggedIn('dirigente');
    await openAppraisal(page, created.id);
    await page.fill('#objective-0-title', 'Pratiche evase entro 30 giorni');
    await page.fill('#objective-0-weight', '87,5');

    // Another desk of the evaluator's saves the form meanwhile: a newer version, read with the change of language.
    const theirs = await apiAs(boss, 'PATCH', form, { version: created.version, objectives: [{ ...OBJECTIVES[0], title: 'Pratiche evase entro 20 giorni' }] });
    expect(theirs.status, JSON.stringify(theirs.body)).toBe(200);
    await chooseLanguage(page, 'en');
    expect(await page.locator('[data-testid=form-state]').innerText()).toBe('Objectives to acknowledge');
    expect((await typed(page))[0]).toEqual(['Pratiche evase entro 30 giorni', '87.5', '100', '120']);

    // Saved, it is refused as a clash: the other desk's title stays on the server, what was typed on the screen.
    await page.click('[data-testid=save-objectives]');
    await expect.poll(() => page.locator('[data-testid=form-clash]').count()).toBe(1);
    expect(((await apiAs(hr, 'GET', form)).body as { objectives: { title: string }[] }).objectives[0]!.title).toBe('Pratiche evase entro 20 giorni');
    expect((await typed(page))[0]).toEqual(['Pratiche evase entro 30 giorni', '87.5', '100', '120']);
    await expectAccessible(page, 'a clash after a change of language');
    // Reloaded, the form shows what is stored now.
    await page.click('[data-testid=form-reload]');
    await expect.poll(async () => (await typed(page))[0]).toEqual(['Pratiche evase entro 20 giorni', '100', '100', '120']);
  });
});
