/**
 * A session that ends while typing, for someone who signs in through the body's identity provider:
 * the session dialog offers "Accedi con EnteID", which runs the provider's sign-in in a popup
 * window, the page and the value typed staying where they are; once signed in the window closes
 * itself, the dialog goes and the save is sent again. A window closed before signing in, a sign-in
 * cancelled at the provider, one made as someone else, and a popup the browser blocked are each
 * said in the dialog, in the screen's language, the value kept.
 * Real server configured with a real OpenID provider (test/support/identity-provider.ts, its
 * development login screens), real Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL, oidcEnv, startIdentityProvider, type IdentityProvider } from '../test/support/identity-provider.js';
import { e2eWorld, pages } from './pages.js';

let idp: IdentityProvider;
// The provider's address first: the server is configured with it, then the provider learns the server's.
beforeAll(async () => {
  idp = await startIdentityProvider();
});
const world = e2eWorld({ fixture: true, env: () => oidcEnv(idp.issuer) });
beforeAll(() => idp.trust(world.server.url));
afterAll(async () => {
  await idp?.close();
});
const { newPage, login, signedIn, apiAs, endSession, openEntryForm, storedIndicator, chooseLanguage, sameDocument, expectAccessible } = pages(world);

const FIRST_QUARTER = '2024-06-30';

/** The referente's entry form for B.2.2:1 (an indicator of their unit), in `lang`, the session then ended on the server. */
async function formWithEndedSession(context: BrowserContext, page: Page, lang: 'it' | 'en'): Promise<void> {
  await login(page, 'referente');
  if (lang === 'en') await chooseLanguage(page, 'en');
  await openEntryForm(page, 'B.2.2', 'B.2.2:1', FIRST_QUARTER);
  await endSession(context);
}

/** Presses the dialog's provider button: the sign-in window it opens, at the provider's login screen. */
async function openProviderWindow(context: BrowserContext, page: Page): Promise<Page> {
  const [popup] = await Promise.all([context.waitForEvent('page'), page.click('[data-testid=session-provider-start]')]);
  await popup.waitForSelector('input[name=login]');
  expect(new URL(popup.url()).origin).toBe(idp.issuer);
  return popup;
}

/** At the provider's development screens: signs in as `login` (any password) and consents. */
async function signInAtProvider(popup: Page, login: string): Promise<void> {
  await popup.fill('input[name=login]', login);
  await popup.fill('input[name=password]', 'qualsiasi');
  await popup.click('button[type=submit]');
  await popup.click('button:has-text("Continue")');
}

const problem = (page: Page) => page.locator('[data-testid=session-provider-problem]').innerText();

describe('renewing an expired session through the identity provider', { timeout: 180_000 }, () => {
  const opened: BrowserContext[] = [];
  beforeAll(async () => {
    // B.2.2 goes to the referente's unit: its values are theirs to enter.
    const controller = await signedIn('controller');
    opened.push(controller);
    expect((await apiAs(controller, 'PATCH', `/api/plans/${encodeURIComponent(world.planId)}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of opened) await c.close();
  });

  it('a referente signs in again at the provider in a popup window and the value typed is saved', async () => {
    const { context, page } = await newPage();
    opened.push(context);
    await formWithEndedSession(context, page, 'it');
    const same = await sameDocument(page);
    await page.fill('#entry-actual', '7');
    await page.click('[data-testid=entry-save]');
    await page.waitForSelector('[data-testid=session-dialog][open]');
    const button = page.locator('[data-testid=session-provider-start]');
    await expect.poll(() => button.count()).toBe(1);
    expect(await button.innerText()).toBe(LABEL);
    await expectAccessible(page, 'the session dialog with a provider');

    // The window closed before signing in: said, the dialog still there, the value kept.
    let popup = await openProviderWindow(context, page);
    expect(await page.locator('[data-testid=session-provider-status]').innerText()).toBe('Accedi nella finestra del fornitore di identità che si è aperta: poi torna qui.');
    await popup.close();
    await expect.poll(() => problem(page)).toBe('La finestra di accesso è stata chiusa prima di accedere: riprova.');
    expect(await page.inputValue('#entry-actual')).toBe('7');

    // Cancelled at the provider: its window closes itself, and the dialog says so.
    popup = await openProviderWindow(context, page);
    await popup.click('a:has-text("Cancel")');
    await expect.poll(() => problem(page)).toBe('Accesso con il fornitore di identità annullato.');
    await expect.poll(() => popup.isClosed()).toBe(true);
    expect((await context.request.get(`${world.server.url}/api/session`)).status()).toBe(401);

    // Signed in: the window closes itself, the dialog goes, the save is sent again with the new session's CSRF token.
    popup = await openProviderWindow(context, page);
    await signInAtProvider(popup, 'rita.r');
    await expect.poll(() => popup.isClosed()).toBe(true);
    await page.waitForSelector('[data-testid=session-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toMatch(/^Salvato «N\. eventi di informazione.*l’albero è stato ricalcolato/);
    expect(await same()).toBe(true);
    expect(await storedIndicator(context, 'B.2.2', 'B.2.2:1', FIRST_QUARTER)).toMatchObject({ actual: 7, state: 'measured' });
  });

  it('says in English a sign-in made as someone else and a blocked popup, keeping the value', async () => {
    const { context, page } = await newPage();
    opened.push(context);
    await formWithEndedSession(context, page, 'en');
    await page.fill('#entry-actual', '8');
    await page.click('[data-testid=entry-save]');
    await page.waitForSelector('[data-testid=session-dialog][open]');

    // Oscar is known to the provider and has an account (oiv), but this session was Rita's: none is opened for him.
    const popup = await openProviderWindow(context, page);
    await signInAtProvider(popup, 'oscar.o');
    await expect.poll(() => problem(page)).toBe("The identity provider recognised someone else, not this session's account holder: try again with your own account.");
    expect((await context.request.get(`${world.server.url}/api/session`)).status()).toBe(401);
    expect(await page.inputValue('#entry-actual')).toBe('8');

    // A browser that refuses the window (window.open answers null, as a popup blocker makes it).
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.click('[data-testid=session-provider-start]');
    await expect.poll(() => problem(page)).toBe('The browser blocked the sign-in window: allow pop-up windows for this site and try again, or sign in with your password.');
    await expectAccessible(page, 'the session dialog saying a blocked popup');
    expect(await page.inputValue('#entry-actual')).toBe('8');
  });
});
