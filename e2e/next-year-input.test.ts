/**
 * "Piano dell'anno successivo" from the keyboard. The plan makes only its next year's plan (a later
 * year's is made from the plan of the year before it): the form shows that year as fixed text, in the
 * screen's language, and asks for none (before, a free year field that took 2027 or 2200 only to
 * refuse it). Cancel gives the focus back to the button that opened it; a year already made is said
 * under the form with a link to its plan, the focus on what is said. Before confirming, the form says
 * how many baselines would come from a year end not closed or from values not approved yet.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, chooseLanguage, expectAccessible } = pages(world);

describe("next year's plan: the one year it can be", { timeout: 180_000 }, () => {
  it('shows the year after the plan’s as text, asks for no year, keeps the focus where the keyboard needs it', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const plans = async () => ((await apiAs(context, 'GET', '/api/plans')).body as unknown[]).length;
    const before = await plans();

    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=next-year-year]').innerText())
      .toBe('Anno del nuovo piano: 2025. Il piano di un anno più avanti si fa dal piano dell’anno prima, i cui consuntivi ne sono le baseline.');
    // Nothing to type: no field at all, the confirming button has the focus, and the form is described by the year.
    expect(await page.locator('[data-testid=next-year-form] input').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('next-year-create');
    expect(await page.locator('[data-testid=next-year-form]').getAttribute('aria-describedby')).toContain('next-year-year');
    await expectAccessible(page, 'next year, the year shown');

    // Cancel from the keyboard: the form goes, the focus returns to the button that opened it.
    await page.getByRole('button', { name: 'Annulla' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=next-year-form]').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('next-year-open');

    // In English, the year in English words.
    await chooseLanguage(page, 'en');
    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid=next-year-year]').innerText())
      .toBe('Year of the new plan: 2025. A plan for a later year is made from the plan of the year before it, whose actuals are its baselines.');
    expect(await plans()).toBe(before);

    // Confirmed: the new plan of 2025 opens and the focus is at its screen's start, not lost to the page.
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/plans/') && !url.pathname.includes(world.planId));
    await expect.poll(() => plans()).toBe(before + 1);
    const made = ((await apiAs(context, 'GET', '/api/plans')).body as { year: number }[]).map((p) => p.year);
    expect(made).toContain(2025);
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
    expect(await page.locator('[data-testid=next-year-form]').getAttribute('aria-describedby')).toBe('next-year-intro next-year-year next-year-provisional');
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

  it('a year already made is said under the form with a link to its plan, the focus on what is said', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    // The 2025 plan there already (made here unless the test before made it).
    const made = await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/next-year`, { year: 2025 });
    expect([201, 409]).toContain(made.status);
    await openPlan(page);
    await page.focus('[data-testid=next-year-open]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('next-year-create');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=next-year-existing]').count()).toBe(1);
    await expect.poll(() => page.locator('#next-year-error').innerText()).toBe('Esiste già un piano 2025 con questo titolo. Apri quel piano');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('next-year-error');
    await expectAccessible(page, 'next year, already made');
    await context.close();
  });
});
