/**
 * The plan control of a form's screen, as HR uses it: a change of language (the form read again in
 * the other language) keeps the control open with the plan chosen and the reason typed, not sent;
 * with no other plan of the body and year, the opened control gives the focus to the sentence saying
 * so (read out, the keyboard going on from there), in Italian and English. Real server, fresh SQLite
 * file, keyboard alone, axe on each screen.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { appraisalPlans, arrowTo, tabTo } from './appraisal-plans.js';
import { appraisalSettled, e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { loggedIn, apiAs, signedIn, chooseLanguage, expectAccessible } = pages(world);
const { formOf, formBesideSecondPlan, screenAs } = appraisalPlans(world);

describe("the plan control of a form's screen keeps what HR typed and puts the focus somewhere", { timeout: 240_000 }, () => {
  const focused = (page: import('playwright-core').Page) => page.evaluate(() => document.activeElement?.id ?? '');

  it('keeps the plan chosen and the reason typed across a change of language, then saves them', async () => {
    const { hr, secondId, id } = await formBesideSecondPlan('Piano bis 2024');

    const { page } = await screenAs('personale', `/appraisals/${encodeURIComponent(id)}`);
    await tabTo(page, 'relink-open');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('relink-plan');
    await arrowTo(page, 'Piano bis 2024');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Adottato il piano bis');

    await chooseLanguage(page, 'en');
    // The form read again in English: the control still open, in English, with what was typed.
    await expect.poll(() => page.locator('label[for=relink-reason]').innerText()).toBe('Reason for the change (kept on the form’s trail)');
    expect(await page.locator('#relink-plan').inputValue()).toBe(secondId);
    expect(await page.locator('#relink-reason').inputValue()).toBe('Adottato il piano bis');
    await expectAccessible(page, 'the plan control after a change of language');
    // And back to Italian: kept again.
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.locator('label[for=relink-reason]').innerText()).toBe('Motivo del cambio (resta nel registro della scheda)');
    expect(await page.locator('#relink-plan').inputValue()).toBe(secondId);
    expect(await page.locator('#relink-reason').inputValue()).toBe('Adottato il piano bis');

    await tabTo(page, 'relink-reason');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=relink-current]').innerText()).toBe('I risultati organizzativi vengono dal piano «Piano bis 2024» (bozza).');
    const trail = (await apiAs(hr, 'GET', `/api/appraisals/${encodeURIComponent(id)}/trail`)).body as { action: string; reason: string | null }[];
    expect(trail.at(-1)).toMatchObject({ action: 'plan-changed', reason: 'Adottato il piano bis' });
  });

  it('gives the focus to the sentence saying there is no other plan, in Italian and English', async () => {
    const [hr, controller] = [await signedIn('personale'), await signedIn('controller')];
    const organisation = 'Comune con un solo piano';
    const only = await apiAs(controller, 'POST', '/api/plans', { title: 'Unico piano 2024', year: 2024, organisation });
    expect(only.status, JSON.stringify(only.body)).toBe(201);
    expect((await apiAs(hr, 'PUT', `/api/smvp/2024?organisation=${encodeURIComponent(organisation)}`, { document: exampleSmvpJson(organisation, 2024) })).status).toBe(200);
    const id = (await formOf(hr, 'referente', 'dirigente', only.body.id as string)).body.id as string;

    const { page } = await loggedIn('personale');
    for (const [lang, words] of [
      ['it', `Nessun altro piano di «${organisation}» del 2024.`],
      ['en', `No other plan of “${organisation}” for 2024.`],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.goto(`${world.server.url}/#/appraisals/${encodeURIComponent(id)}`);
      await page.reload();
      await appraisalSettled(page);
      await tabTo(page, 'relink-open');
      await page.keyboard.press('Enter');
      await expect.poll(() => focused(page)).toBe('relink-none');
      expect(await page.locator('#relink-none').innerText()).toBe(words);
      await expectAccessible(page, `the plan control with no other plan (${lang})`);
    }
  });
});
