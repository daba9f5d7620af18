/**
 * A year without an SMVP is a normal state (HR has not written it yet), not a failure: the appraisal
 * and SMVP screens opened on such a year say so and log nothing in the console; nor does the sign-in
 * page before them, in Italian and in English (no one signed in is a state too: `GET /api/session`
 * answers 200 with null). Before, `GET
 * /api/smvp/<year>` answered 404 and the browser logged "Failed to load resource: 404" on both.
 * Against the real server and a fresh SQLite file, with the 2024 plan and no SMVP.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login } = pages(world);

describe('a year without an SMVP', { timeout: 120_000 }, () => {
  it('opens the appraisal and SMVP screens without a console error, in Italian and in English', async () => {
    const { context, page } = await newPage();
    const smvpReads: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/smvp/')) smvpReads.push(r.status());
    });
    // The sign-in page asks whether anyone is signed in: not being signed in is a state (200, null), so
    // it logs nothing (before: "Failed to load resource: 401" on every first visit).
    await page.goto(`${world.server.url}/`);
    await page.waitForSelector('#username');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await page.waitForSelector('select[aria-label=Language]');
    await page.reload();
    await page.waitForSelector('#username');
    expect(world.consoleErrors).toEqual([]);
    await page.selectOption('select[aria-label=Language]', 'it');
    await login(page, 'personale');
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=appraisal-list], [data-testid=new-appraisal]');
    await page.click('[data-testid=nav-smvp]');
    await page.waitForSelector('[data-testid=smvp-page]');
    await expect.poll(() => page.locator('[data-testid=smvp-page]').innerText()).toContain('Nessun SMVP salvato per il 2024.');
    expect(await page.locator('[data-testid=smvp-start]').count()).toBe(1);
    // Another year without one, typed in the year field, then English.
    const year = page.locator('[data-testid=smvp-year]');
    await year.fill('2025');
    await year.press('Enter');
    await expect.poll(() => page.locator('[data-testid=smvp-page]').innerText()).toContain('Nessun SMVP salvato per il 2025.');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('[data-testid=smvp-page]').innerText()).toContain('No SMVP saved for 2025.');
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('[data-testid=appraisals-page]');
    expect(world.consoleErrors).toEqual([]);
    expect(smvpReads.length).toBeGreaterThan(0);
    expect(smvpReads.every((s) => s === 200)).toBe(true);
    await context.close();
  });
});
