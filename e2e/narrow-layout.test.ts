/**
 * The plan screen on a phone (390 px) and the tree's columns on a desktop (1440 px), in English and
 * Italian. Before: the periods panel pushed the phone's page 95 px sideways (its Rename/Delete column
 * ended at 485 px) and the charts 147 px (the «Area» filter, as wide as its longest area's title,
 * ended at 537 px); at 1440 px «Internazionalizzazione» ran out of A.2's title cell under the
 * Indicator column; on a phone an objective clicked opened its detail over the tree with the focus
 * left on the row beneath it; an objective with a unit and no owner began «· Struttura: …».
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, chooseLanguage, openPlan, expectAccessible } = pages(world);

const WORDS = {
  en: { showCharts: 'Show charts' },
  it: { showCharts: 'Mostra i grafici' },
} as const;

/** How far the page reaches past the viewport's right edge, in CSS pixels (0: it fits). */
function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The right edge of the rightmost element `selector` matches, in CSS pixels from the viewport's left. */
function rightmost(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => Math.max(...Array.from(document.querySelectorAll(s)).map((e) => e.getBoundingClientRect().right)), selector);
}

describe('the plan screen on a phone', () => {
  it('keeps the periods panel and the charts inside the screen', async () => {
    const { context, page } = await newPage();
    // Signed in on a wide screen (the header's name, which login waits for, is hidden on a phone), then narrowed.
    await login(page, 'controller');
    await page.setViewportSize({ width: 390, height: 844 });
    for (const lang of ['en', 'it'] as const) {
      await chooseLanguage(page, lang);
      await openPlan(page);
      await page.click('[data-testid=periods-toggle]');
      await page.locator('[data-testid=periods-panel] [data-period]').first().waitFor();
      // Before, 95 px sideways: the Actions column ended at 485 px.
      expect(await sideways(page), `${lang}: periods`).toBe(0);
      expect(await rightmost(page, '[data-testid=periods-panel] [data-period] button'), `${lang}: Rename/Delete`).toBeLessThanOrEqual(390);
      await expectAccessible(page, `${lang}: periods panel on a phone`);
      await page.click('[data-testid=periods-toggle]');

      await page.getByRole('button', { name: WORDS[lang].showCharts }).click();
      await page.locator('[data-testid=chart-area]').waitFor();
      // Before, 147 px sideways: the «Area» filter, as wide as its longest option, ended at 537 px.
      expect(await sideways(page), `${lang}: charts`).toBe(0);
      expect(await rightmost(page, '[data-testid=chart-area]'), `${lang}: area filter`).toBeLessThanOrEqual(390);
      // An area picked: the filter shows its long title, still within the screen.
      await page.selectOption('[data-testid=chart-area]', 'A');
      expect(await sideways(page), `${lang}: charts, area A`).toBe(0);
      expect(await rightmost(page, '[data-testid=chart-area]'), `${lang}: area filter, area A`).toBeLessThanOrEqual(390);
      await expectAccessible(page, `${lang}: charts on a phone`);
    }
    await context.close();
  }, 120_000);
});
