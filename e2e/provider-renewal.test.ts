/**
 * A session that ends while typing, for someone whose account signs in through the body's identity
 * provider (the administrator set it so in the users screen): the session dialog offers only
 * "Accedi con EnteID" (no password field: the account has none), which runs the provider's sign-in
 * in a popup window, the page and the value typed staying where they are; once signed in the window
 * closes itself, the dialog goes and the save is sent again. A window closed before signing in, a
 * sign-in cancelled at the provider, one that expired there, one made as someone else, and a popup
 * the browser blocked are each said in the dialog, in the screen's language, the value kept. An
 * account with a password is asked only its password, and refused at the provider's button.
 * Real server configured with a real OpenID provider (test/support/identity-provider.ts, its
 * development login screens), real Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL, oidcEnv, startIdentityProvider, type IdentityProvider } from '../test/support/identity-provider.js';
import { e2eWorld, pages } from './pages.js';
import { PASSWORD } from './server.js';

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

/** At the provider's development screens: signs in as `login` (any password) and consents. */
async function signInAtProvider(popup: Page, login: string): Promise<void> {
  await popup.fill('input[name=login]', login);
  await popup.fill('input[name=password]', 'qualsiasi');
  await popup.click('button[type=submit]');
  await popup.click('button:has-text("Continue")');
}

/**
 * The provider's own session in this browser ended (its cookies: the provider and Albero share the
 * host 127.0.0.1, ports apart), so that its next sign-in asks who it is again.
 */
async function forgetProviderSession(context: BrowserContext): Promise<void> {
  await context.clearCookies({ name: /^_session/ });
}

/** The login page's provider button, then the provider's screens as `login`: back in the app, signed in. */
async function loginAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${world.server.url}/`);
  await page.click('[data-testid=oidc-start]');
  await page.waitForSelector('input[name=login]');
  await signInAtProvider(page, login);
  await page.waitForSelector('[data-testid=signed-in]');
  await forgetProviderSession(page.context());
}

const FIRST_QUARTER = '2024-06-30';

/** The referente's entry form for B.2.2:1 (an indicator of their unit), in `lang`, the session then ended on the server. */
async function formWithEndedSession(context: BrowserContext, page: Page, lang: 'it' | 'en', signIn: 'provider' | 'password' = 'provider'): Promise<void> {
  // Rita signs in at the provider: her account has no password.
  if (signIn === 'provider') await loginAtProvider(page, 'rita.r');
  else await login(page, 'controller');
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

  it('refuses, on the login page, a sign-in at the provider for an account that signs in with its password, saying what to do', async () => {
    const { context, page } = await newPage();
    opened.push(context);
    // Oscar is known to the provider, and his account (oiv) has a password: the provider is no way in for it.
    await page.goto(`${world.server.url}/`);
    await page.click('[data-testid=oidc-start]');
    await page.waitForSelector('input[name=login]');
    await signInAtProvider(page, 'oscar.o');
    await page.waitForSelector('[data-testid=oidc-problem]');
    expect(new URL(page.url()).search).toBe('?oidc=password-account');
    expect(await page.locator('[data-testid=oidc-problem]').innerText()).toBe(
      "Questo account accede con la password, non con il fornitore di identità: accedi con nome utente e password, oppure chiedi all'amministratore di passare il tuo account al fornitore di identità.",
    );
    expect(await (await context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();
    await expectAccessible(page, 'login page refusing a password account reached through the provider');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect
      .poll(() => page.locator('[data-testid=oidc-problem]').innerText())
      .toBe(
        'This account signs in with its password, not through the identity provider: sign in with your username and password, or ask the administrator to switch your account to the identity provider.',
      );
    // His password still opens his session.
    await login(page, 'oiv');
  });

  it('the administrator gives accounts the provider’s sign-in in the users screen, and a password is no way in for them', async () => {
    // Rita has signed in on her own browser with her password so far.
    const rita = await newPage();
    opened.push(rita.context);
    await login(rita.page, 'referente');
    const { context, page } = await newPage();
    opened.push(context);
    await login(page, 'admin');
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid=users-table] [data-username=referente]');
    expect(await page.locator('[data-testid=sign-in-referente]').innerText()).toBe('Password');
    // Rita's account moves to the provider: she has no password in Albero from now on.
    await page.click('[data-username=referente] button:has-text("Modifica")');
    await page.waitForSelector('[data-testid=edit-user][open]');
    await page.selectOption('#edit-signIn', 'provider');
    await expectAccessible(page, 'users: edit dialog with the way of signing in');
    await page.click('[data-testid=edit-user-submit]');
    await expect.poll(() => page.locator('[data-testid=sign-in-referente]').innerText()).toBe('Fornitore di identità');
    // No temporary password is offered for an account without a password.
    expect(await page.locator('[data-testid=temporary-referente]').count()).toBe(0);

    // A new account made for the provider is asked no password.
    await page.fill('#new-username', 'ghost');
    await page.fill('#new-displayName', 'Gastone Ghost');
    await page.selectOption('#new-role', 'oiv');
    await page.selectOption('#new-signIn', 'provider');
    expect(await page.locator('#new-password').count()).toBe(0);
    await page.click('[data-testid=new-user-submit]');
    await page.waitForSelector('[data-testid=users-table] [data-username=ghost]');
    expect(await page.locator('[data-testid=sign-in-ghost]').innerText()).toBe('Fornitore di identità');
    await expectAccessible(page, 'users: the way each account signs in');

    // On the login page of her own browser Rita's old password is refused as the wrong way, not as
    // a wrong password; another browser is told no more than of a wrong password.
    const typeOldPassword = async (at: Page) => {
      await at.goto(`${world.server.url}/`);
      await at.fill('#username', 'referente');
      await at.fill('#password', PASSWORD);
      await at.click('button[type=submit]');
    };
    await typeOldPassword(rita.page);
    await expect.poll(() => rita.page.locator('[role=alert]').first().innerText()).toContain("questo account accede con il fornitore di identità dell'ente, non con una password");
    const stranger = await newPage();
    opened.push(stranger.context);
    await typeOldPassword(stranger.page);
    await expect.poll(() => stranger.page.locator('[role=alert]').first().innerText()).toContain('nome utente o password errati');
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
    // Her account has no password: none is asked.
    expect(await page.locator('#session-password').count()).toBe(0);
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
    expect(await (await context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();

    // Too long at the provider: Albero's ten minutes for the sign-in pass (its flow cookie lapses)
    // before the person comes back. The window tells the dialog, which says so, and closes.
    popup = await openProviderWindow(context, page);
    await context.clearCookies({ name: 'albero_oidc' });
    await signInAtProvider(popup, 'rita.r');
    await expect.poll(() => problem(page)).toBe('L’accesso presso il fornitore di identità è scaduto prima di tornare qui: riprova, entro 10 minuti.');
    await expect.poll(() => popup.isClosed()).toBe(true);
    expect(await (await context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();
    expect(await page.inputValue('#entry-actual')).toBe('7');
    await forgetProviderSession(context);

    // Signed in: the window closes itself, the dialog goes, the save is sent again with the new session's CSRF token.
    popup = await openProviderWindow(context, page);
    await signInAtProvider(popup, 'rita.r');
    await expect.poll(() => popup.isClosed()).toBe(true);
    await page.waitForSelector('[data-testid=session-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toMatch(/^Salvato «N\. eventi di informazione.*l’albero è stato ricalcolato/);
    expect(await same()).toBe(true);
    expect(await storedIndicator(context, 'B.2.2', 'B.2.2:1', FIRST_QUARTER)).toMatchObject({ actual: 7, state: 'measured' });

    // Her own page has no password to change, only the language of her emails.
    expect(await page.locator('[data-testid=nav-password]').innerText()).toBe('Il tuo account');
    await page.click('[data-testid=nav-password]');
    await page.waitForSelector('[data-testid=own-account-provider]');
    expect(await page.locator('#pw-current').count()).toBe(0);
    await page.waitForSelector('[data-testid=own-language]');
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
    expect(await (await context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();
    expect(await page.inputValue('#entry-actual')).toBe('8');

    // A browser that refuses the window (window.open answers null, as a popup blocker makes it).
    await page.evaluate(() => {
      window.open = () => null;
    });
    await page.click('[data-testid=session-provider-start]');
    await expect.poll(() => problem(page)).toBe('The browser blocked the sign-in window: allow pop-up windows for this site and try again.');
    await expectAccessible(page, 'the session dialog saying a blocked popup');
    expect(await page.inputValue('#entry-actual')).toBe('8');
  });

  it('asks an account with a password only its password, though the server has a provider', async () => {
    const { context, page } = await newPage();
    opened.push(context);
    await formWithEndedSession(context, page, 'it', 'password');
    await page.fill('#entry-actual', '9');
    await page.click('[data-testid=entry-save]');
    await page.waitForSelector('[data-testid=session-dialog][open]');
    await page.waitForSelector('#session-password');
    // The provider's offer is read by the page (the login page's same read): give it the time to come.
    await expect.poll(() => page.evaluate(() => fetch('/api/session/oidc').then((r) => r.json()))).toMatchObject({ enabled: true });
    expect(await page.locator('[data-testid=session-provider]').count()).toBe(0);
    await page.fill('#session-password', PASSWORD);
    await page.click('[data-testid=session-submit]');
    await page.waitForSelector('[data-testid=session-dialog]', { state: 'detached' });
    expect(await storedIndicator(context, 'B.2.2', 'B.2.2:1', FIRST_QUARTER)).toMatchObject({ actual: 9, state: 'measured' });
  });
});
