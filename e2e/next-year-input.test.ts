/**
 * "Piano dell'anno successivo" from the keyboard, with years it cannot take: a year beyond the ones
 * a plan may have (2200) said at the field in the screen's language with the range (before, only
 * the server's "check year"), a year that is no year said there with the focus on the field even
 * when the button was pressed, and Cancel giving the focus back to the button that opened the form
 * (before, it fell to the page). No plan is made by any of them. Before confirming, the form says
 * how many baselines would come from a year end not closed or from values not approved yet.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, chooseLanguage, expectAccessible } = pages(world);

/** The year field as a screen reader meets it: invalid, what describes it, whether it has the focus. */
const yearField = (page: Page) =>
  page.locator('#next-year').evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    said: document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? null,
    focused: document.activeElement === el,
  }));

describe("next year's plan: years it cannot take", { timeout: 180_000 }, () => {
  it('says each at the year field, keeps the focus where the keyboard needs it, makes no plan', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const plans = async () => ((await apiAs(context, 'GET', '/api/plans')).body as unknown[]).length;
    const before = await plans();

    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await expect.poll(() => yearField(page)).toEqual({ invalid: 'false', said: null, focused: true });
    await page.fill('#next-year', '2200');
    await page.keyboard.press('Enter');
    await expect.poll(() => yearField(page)).toEqual({ invalid: 'true', said: 'Scrivere un anno dal 1990 al 2100.', focused: true });
    await expectAccessible(page, 'next year, year out of range');
    // Pressed with the button, not Enter in the field: the field still takes the focus.
    await page.fill('#next-year', '1.2.3');
    await page.click('[data-testid=next-year-create]');
    await expect.poll(() => yearField(page)).toEqual({ invalid: 'true', said: 'Scrivere un anno come 2023.', focused: true });

    // Cancel from the keyboard: the form goes, the focus returns to the button that opened it.
    await page.getByRole('button', { name: 'Annulla' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=next-year-form]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('next-year-open');

    // In English, the range in English.
    await chooseLanguage(page, 'en');
    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await page.fill('#next-year', '2200');
    await page.keyboard.press('Enter');
    await expect.poll(() => yearField(page)).toEqual({ invalid: 'true', said: 'Write a year from 1990 to 2100.', focused: true });
    // A later year than the next: made from the plan of the year before it, said at the field.
    await page.fill('#next-year', '2027');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => yearField(page))
      .toEqual({ invalid: 'true', said: 'Next year’s plan is 2025’s: a plan for a later year is made from the plan of the year before it, whose actuals are its baselines.', focused: true });
    expect(await plans()).toBe(before);

    // A year it can take: the new plan opens and the focus is at its screen's start, not lost to the page.
    await page.fill('#next-year', '2025');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/plans/') && !url.pathname.includes(world.planId));
    await expect.poll(() => plans()).toBe(before + 1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });

  it('before confirming, says how many baselines come from a year end not closed and from values not approved, in the screen language', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.click('[data-testid=next-year-open]');
    // The fixture's year end is open, its values entered and none reviewed (the derived indicators have none of their own).
    const said = () => page.locator('[data-testid=next-year-provisional] p').allTextContents();
    await expect
      .poll(said)
      .toEqual([
        'Il periodo di fine anno «31/12/2024» non è chiuso: 83 baseline vengono da valori che possono ancora cambiare.',
        '72 baseline vengono da valori non ancora approvati.',
        'Il piano si può creare lo stesso: se quei valori cambiano, il nuovo piano elenca le baseline da aggiornare.',
      ]);
    // Read with the form, as what describes it.
    expect(await page.locator('[data-testid=next-year-form]').getAttribute('aria-describedby')).toBe('next-year-intro next-year-provisional');
    await expectAccessible(page, 'next year, provisional baselines');
    await chooseLanguage(page, 'en');
    await expect
      .poll(said)
      .toEqual([
        'The year-end period “31/12/2024” is not closed: 83 baselines come from values that may still change.',
        '72 baselines come from values not approved yet.',
        'The plan can be created all the same: if those values change, the new plan lists the baselines to update.',
      ]);
    await context.close();
  });

  it('a year already made links to its plan; the next refusal, of a year that is no year, drops that link', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    // The 2025 plan there already (made here unless the test before made it).
    const made = await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/next-year`, { year: 2025 });
    expect([201, 409]).toContain(made.status);
    await openPlan(page);
    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await page.fill('#next-year', '2025');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=next-year-existing]').count()).toBe(1);
    await expect.poll(async () => (await yearField(page)).said).toBe('Esiste già un piano 2025 con questo titolo. Apri quel piano');
    await page.fill('#next-year', '20');
    await page.keyboard.press('Enter');
    await expect.poll(() => yearField(page)).toEqual({ invalid: 'true', said: 'Scrivere un anno come 2023.', focused: true });
    expect(await page.locator('[data-testid=next-year-existing]').count()).toBe(0);
    await context.close();
  });
});
