/**
 * On an English screen the plan's own texts are marked Italian (WCAG 2.1 SC 3.1.2, language of
 * parts: core's PLAN_TEXT_LANGUAGE): the tree's objectives and indicators, the detail's heading and
 * the indicator's objective, each text's language as Chromium resolves it (its nearest `lang`); the
 * app's own words stay English; axe finds nothing serious there. On an Italian screen nothing is
 * marked, the page being Italian throughout. Against the real server and a fresh SQLite file.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, openPlan, search, chooseLanguage } = pages(world);

/** The language the browser resolves for the element: its nearest `lang`. */
const languageOf = (page: Page, selector: string): Promise<string | null> =>
  page
    .locator(selector)
    .first()
    .evaluate((e) => e.closest('[lang]')?.getAttribute('lang') ?? null);

describe("the plan's texts on an English screen", { timeout: 120_000 }, () => {
  it('are Italian in the tree and the detail, the screen English, axe clean', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await chooseLanguage(page, 'en');
    await search(page, 'A.3');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');

    expect(await languageOf(page, '[data-code="A.3"] .tree-link .title')).toBe('it');
    expect(await languageOf(page, '[data-indicator="A.3:1"] .tree-link .title')).toBe('it');
    // The tree's own words (its column heads, a state's word) are the screen's.
    expect(await languageOf(page, '[data-testid=tree] [role=columnheader]')).toBe('en');

    await page.click('[data-indicator="A.3:1"] .tree-link');
    await expect.poll(() => languageOf(page, '#detail-title')).toBe('it');
    expect(await languageOf(page, '.indicator-facts dt')).toBe('en');
    expect(await languageOf(page, '.indicator-facts dd')).toBe('it');
    expect(await seriousViolations(page)).toEqual([]);

    await page.click('[data-code="A.3"] .tree-link');
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain('A.3');
    expect(await languageOf(page, '#detail-title')).toBe('it');
    expect(await seriousViolations(page)).toEqual([]);

    // In Italian the page's own language holds: no text marked apart.
    await chooseLanguage(page, 'it');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('it');
    expect(await page.locator('main [lang], aside [lang]').count()).toBe(0);
    await context.close();
  });
});
