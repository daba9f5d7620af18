/**
 * A session that ends while the reader is typing (it expired, or was closed elsewhere): the save
 * meets the server's 401 and, before, the screen gave way to the sign-in page and the typed value
 * was lost. Now a sign-in dialog comes over the screen, and once signed in the save is sent again:
 * the referente's value and the office's Relazione text are stored as typed, without a reload.
 * The session is ended on the server (its sign-out, called with the page's cookie from elsewhere),
 * so the page still holds its now dead cookie, as after an expiry.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { PASSWORD } from './server.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, endSession, openEntryForm, storedIndicator, sameDocument, expectAccessible } = pages(world);

const FIRST_QUARTER = '2024-06-30';

/** The save was refused for the ended session: the dialog asks the password, its field focused. */
async function signInAgain(page: Page, screen: string): Promise<void> {
  await page.waitForSelector('[data-testid=session-dialog][open]');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('session-password');
  const titleId = await page.locator('[data-testid=session-dialog]').getAttribute('aria-labelledby');
  expect(await page.locator(`[id="${titleId}"]`).count()).toBe(1);
  expect(await page.locator(`[id="${titleId}"]`).innerText()).toBe('Sessione scaduta');
  await expectAccessible(page, `${screen}: the session dialog`);
  // A wrong password is said at its field, the dialog still open.
  await page.fill('#session-password', 'not-the-password');
  await page.click('[data-testid=session-submit]');
  await expect.poll(() => page.locator('[data-testid=session-password-error]').innerText()).toBe('Password non corretta.');
  expect(await page.locator('#session-password').getAttribute('aria-invalid')).toBe('true');
  await page.fill('#session-password', PASSWORD);
  await page.click('[data-testid=session-submit]');
  await page.waitForSelector('[data-testid=session-dialog]', { state: 'detached' });
}

describe('the session ends while typing', { timeout: 180_000 }, () => {
  it('a referente signs in again in a dialog and the value typed is saved', async () => {
    const setup = await loggedIn('controller');
    expect((await apiAs(setup.context, 'PATCH', `${planApi()}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);

    const { context, page } = await loggedIn('referente');
    await openEntryForm(page, 'B.2.2', 'B.2.2:1', FIRST_QUARTER);
    const same = await sameDocument(page);

    await endSession(context);
    await page.fill('#entry-actual', '7');
    await page.click('[data-testid=entry-save]');
    await signInAgain(page, 'entry form');

    // Saved as any save is: the form says so and moves on to the next indicator to fill.
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toMatch(/^Salvato «N\. eventi di informazione.*l’albero è stato ricalcolato/);
    expect(await same()).toBe(true);
    expect(await storedIndicator(context, 'B.2.2', 'B.2.2:1', FIRST_QUARTER)).toMatchObject({ actual: 7, state: 'measured' });
  });

  it('the office signs in again and the Relazione text typed is saved', async () => {
    const { context, page } = await loggedIn('controller');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-page]');
    const same = await sameDocument(page);

    await endSession(context);
    await page.fill('#relazione-text-presentazione', 'Scritta mentre la sessione scadeva.');
    await page.click('[data-testid=relazione-save]');
    await signInAgain(page, 'Relazione');

    await expect.poll(() => page.locator('[data-testid=relazione-message]').innerText()).toBe('Testi salvati.');
    expect(await same()).toBe(true);
    expect((await apiAs(context, 'GET', `${planApi()}/relazione`)).body.texts.presentazione).toBe('Scritta mentre la sessione scadeva.');
  });
});
