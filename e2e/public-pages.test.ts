/**
 * The public "Performance" pages as a citizen reads them: by keyboard, and on a phone 390 px wide.
 * Before, the plan's page (piano.html, on /trasparenza and in the site `albero site` writes) had no
 * skip link and no path back to its year, unlike the site's other pages; and on a phone its tree's
 * eight columns were squeezed until the figures ran over each other, the counts table pushing the
 * page 82 px sideways (the Relazione's page 54 px). Now the plan's page has the skip link and the
 * path; the wide tables keep readable columns and scroll in their own named region, which the
 * keyboard reaches; the page itself never scrolls sideways.
 * Real server, fresh SQLite file, the fixture imported and published through the API; the CLI's
 * site and Relazione written from the fixture; Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { albero, FIXTURE } from '../test/helpers.js';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, apiAs, signedIn, expectAccessible } = pages(world);
const PHONE = { width: 390, height: 844 };
const dir = mkdtempSync(join(tmpdir(), 'albero-public-pages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How far the page scrolls sideways (0: not at all). */
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The headings in order, as a screen reader lists them. */
const headings = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((h) => Number(h.tagName[1])));

/** The table cells whose words run past their cell (over the next one's). */
const spilling = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      Array.from(document.querySelectorAll(`${s} th, ${s} td`))
        .filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => c.textContent),
    selector,
  );

/** A phone's reading of the plan's page: no sideways scroll, the tree's table in its region with every figure in its cell. */
async function readsOnPhone(page: Page): Promise<void> {
  expect(await sideways(page)).toBe(0);
  const region = page.getByRole('region', { name: /obiettivi e indicatori con peso, target, consuntivo e performance/ });
  expect(await region.evaluate((r) => r.scrollWidth > r.clientWidth)).toBe(true);
  expect(await region.evaluate((r) => r.getBoundingClientRect().right)).toBeLessThanOrEqual(PHONE.width);
  expect(await spilling(page, 'table.relazione')).toEqual([]);
  // Headings in order: one h1, then no level skipped.
  const levels = await headings(page);
  expect(levels[0]).toBe(1);
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  levels.slice(1).forEach((l, k) => expect(l, `heading ${k + 2}`).toBeLessThanOrEqual(levels[k]! + 1));
}

describe('the public pages, by keyboard and on a phone', { timeout: 240_000 }, () => {
  it("reaches the plan's page from /trasparenza by keyboard on a phone: skip link, path, the tree in its own region", async () => {
    const controller = await signedIn('controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(controller, 'PATCH', plan, { published: true })).status).toBe(200);
    // As the demo: the year end collecting, published as the adopted plan's targets.
    expect((await apiAs(controller, 'POST', `${plan}/periods/2024-12-31/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan}/periods/2024-12-31/publication`, { published: true })).status).toBe(200);
    const { context, page } = await newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${world.server.url}/trasparenza`);
    expect(await sideways(page)).toBe(0);
    // Keyboard only: the index's skip link, the year, the plan's page.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Vai al contenuto principale');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^a:2024 — /);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/index\.html$/);
    expect(await sideways(page)).toBe(0);
    await page.locator('a[href="piano.html"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/piano\.html$/);

    // The plan's page, as the site's others: the first Tab is the skip link, then the path back to the year.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Vai al contenuto principale');
    expect(await page.locator('nav[aria-label=Percorso]').innerText()).toBe('Performance › 2024 › Piano della performance');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Performance');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:2024');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('contenuto');
    // From the main region, the next Tab is the tree's region, which the arrow keys then scroll.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('.table-scroll').evaluate((r) => r.scrollLeft)).toBeGreaterThan(0);
    await readsOnPhone(page);
    await expectAccessible(page, "the public plan's page on a phone");

    // The path leads back to the year.
    await page.locator('nav[aria-label=Percorso] a:text-is("2024")').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/index\.html$/);
    await Promise.all([controller.close(), context.close()]);
  });

  it('reads the site `albero site` writes and the Relazione on a phone, without sideways scroll', async () => {
    const site = join(dir, 'sito');
    const written = albero(['site', FIXTURE, '--output', site, '--body', 'Camera di commercio', '--period', 'Periodo al 31/12/2024']);
    expect(written.status, written.stderr).toBe(0);
    const relazione = join(dir, 'relazione.html');
    expect(albero(['relazione', FIXTURE, '--output', relazione]).status).toBe(0);
    const { context, page } = await newPage();
    await page.setViewportSize(PHONE);
    for (const file of ['index.html', '2024/index.html', '2024/colonne.html']) {
      await page.goto(pathToFileURL(join(site, file)).href);
      expect(await sideways(page), file).toBe(0);
    }
    await page.goto(pathToFileURL(join(site, '2024/piano.html')).href);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Vai al contenuto principale');
    expect(await page.locator('nav[aria-label=Percorso]').innerText()).toBe('Performance › 2024 › Piano della performance');
    await readsOnPhone(page);

    await page.goto(pathToFileURL(relazione).href);
    expect(await sideways(page)).toBe(0);
    const regions = page.getByRole('region');
    expect(await regions.count()).toBeGreaterThan(1);
    for (const region of await regions.all()) expect(await region.evaluate((r) => r.getBoundingClientRect().right)).toBeLessThanOrEqual(PHONE.width);
    expect(await spilling(page, 'table.relazione')).toEqual([]);
    await expectAccessible(page, 'the Relazione on a phone');
    await context.close();
  });
});
