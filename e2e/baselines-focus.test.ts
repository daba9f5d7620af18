/**
 * The baselines' refresh buttons from the keyboard: they are disabled while the request runs and the
 * one pressed goes with its row (the whole notice with the last one), so the focus fell to the page's
 * body (before) and the next Tab started from the top. Now the message saying what was taken over
 * takes it, also once nothing is left to update; a refusal (no revision open) takes it too.
 * Italian, then English; axe on each.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, tabGoesOn, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { signedInPage, apiAs, chooseLanguage, expectAccessible, nextYearCorrected } = pages(world);
const enc = encodeURIComponent;

describe('the focus after a baseline refresh', { timeout: 200_000 }, () => {
  it('goes to the refusal, then to the message saying what was taken over, in Italian and English', async () => {
    const { context, page } = await signedInPage('controller', null);
    const next = await nextYearCorrected(context);

    await page.goto(`${world.server.url}/plans/${enc(next)}`);
    await planDrawn(page);
    const notice = page.locator('[data-testid=baselines-notice]');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('2 baseline da aggiornare');

    // No revision open: refused; the refusal takes the focus.
    await page.focus('button[aria-label="Aggiorna la baseline di A.3 Soggetti coinvolti"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('baselines-error');
    expect(await page.locator('#baselines-error').innerText()).not.toBe('');
    await expectAccessible(page, 'baseline refresh refused (it)');
    await tabGoesOn(page);

    // A revision open: one taken over, its row gone; the message takes the focus.
    expect((await apiAs(context, 'POST', `/api/plans/${enc(next)}/revisions`, { reason: 'Consuntivi 2024 rettificati' })).status).toBe(201);
    await page.focus('button[aria-label="Aggiorna la baseline di A.3 Soggetti coinvolti"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('baselines-done');
    expect(await page.locator('#baselines-done').innerText()).toBe('1 baseline aggiornata con il consuntivo corretto.');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('1 baseline da aggiornare');
    await expectAccessible(page, 'baseline refreshed (it)');
    await tabGoesOn(page);

    // English, the last one: the notice goes, the message stays and takes the focus.
    await chooseLanguage(page, 'en');
    await expect.poll(() => notice.locator('h2').innerText()).toBe('1 baseline to update');
    await page.focus('[data-testid=baseline-changed] button');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('baselines-done');
    expect(await page.locator('#baselines-done').innerText()).toBe('1 baseline updated with the corrected actual.');
    await expect.poll(() => notice.count()).toBe(0);
    await expectAccessible(page, 'baselines all refreshed (en)');
    await tabGoesOn(page);
    await context.close();
  });
});
