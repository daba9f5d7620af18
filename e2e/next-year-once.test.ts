/**
 * "Piano dell'anno successivo" pressed twice: a double click on "Crea il piano" makes one 2025 plan,
 * not two; asked again later, the form says the 2025 plan is there and links to it, and the link
 * opens that very plan. Against the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, expectAccessible } = pages(world);

interface Listed {
  id: string;
  year: number;
}

describe("next year's plan, once", { timeout: 180_000 }, () => {
  it('makes one plan of a double click, and links to it when asked again', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    const plans2025 = async () => ((await apiAs(context, 'GET', '/api/plans')).body as Listed[]).filter((p) => p.year === 2025).map((p) => p.id);
    expect(await plans2025()).toEqual([]);

    await page.click('[data-testid=next-year-open]');
    await page.waitForSelector('[data-testid=next-year-form]');
    await expect.poll(() => page.locator('[data-testid=next-year-year]').innerText()).toContain('2025');
    await page.dblclick('[data-testid=next-year-create]');
    await page.waitForFunction((old) => !window.location.pathname.includes(old), encodeURIComponent(world.planId));
    const made = decodeURIComponent(/\/plans\/([^/?]+)/.exec(await page.evaluate(() => window.location.pathname))![1]!);
    // Both requests have had their answer by now (the second, if any, was sent with the first).
    await page.waitForLoadState('networkidle');
    expect(await plans2025()).toEqual([made]);

    // Asked again from the 2024 plan: said at the year, with the way to the plan that is there.
    await openPlan(page);
    await page.click('[data-testid=next-year-open]');
    await page.waitForSelector('[data-testid=next-year-form]');
    await page.click('[data-testid=next-year-create]');
    await expect.poll(() => page.locator('#next-year-error').innerText()).toBe('Esiste già un piano 2025 con questo titolo. Apri quel piano');
    await expectAccessible(page, 'next year, the year taken');
    await page.click('[data-testid=next-year-existing]');
    await page.waitForFunction((id) => window.location.pathname.includes(id), encodeURIComponent(made));
    expect(await plans2025()).toEqual([made]);
    await context.close();
  });
});
