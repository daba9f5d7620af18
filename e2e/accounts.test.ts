/**
 * Accounts as people use them (issue 11 §9, issue 17 §7): the administrator records an email and
 * sets a temporary password; its owner signs in, can do nothing but choose a new one, then works;
 * anyone changes their own password from the header. Real server, real Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';
import { PASSWORD } from './server.js';

const world = e2eWorld();
const { newPage, login, apiAs, expectAccessible } = pages(world);

async function signIn(page: Awaited<ReturnType<typeof newPage>>['page'], username: string, password: string): Promise<void> {
  await page.goto(`${world.server.url}/`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

describe('accounts', { timeout: 120_000 }, () => {
  it('the admin gives an email and a temporary password; the user must change it at sign-in, then works', async () => {
    const admin = await newPage();
    await login(admin.page, 'admin');
    // The office she will work for, in the registry beside the seeded ones.
    expect((await apiAs(admin.context, 'POST', '/api/units', { code: 'UDG', name: 'Ufficio Digitale', kind: 'Ufficio' })).status).toBe(201);
    await admin.page.click('[data-testid=nav-users]');
    await admin.page.waitForSelector('[data-testid=users-table]');
    await admin.page.fill('#new-username', 'lucia.verdi');
    await admin.page.fill('#new-displayName', 'Lucia Verdi');
    await admin.page.selectOption('#new-role', 'referente');
    await admin.page.fill('#new-password', 'la-prima-password');
    // A malformed email is said next to its field before anything is sent.
    await admin.page.fill('#new-email', 'lucia.verdi');
    await admin.page.click('[data-testid=new-user-submit]');
    await expect.poll(() => admin.page.locator('[data-testid=new-email-error]').innerText()).toBe('Indirizzo email non valido (es. nome.cognome@ente.it).');
    await admin.page.fill('#new-email', 'Lucia.Verdi@Comune.example.it');
    // Her unit is picked from the registry (searched by name), not typed; her emails in English.
    await admin.page.fill('#new-units-search', 'digit');
    await expect.poll(() => admin.page.locator('[data-testid=new-units] input[type=checkbox]').count()).toBe(1);
    await admin.page.check('[data-testid=new-units] label:has-text("Ufficio Digitale")');
    await expect.poll(() => admin.page.locator('[data-testid=new-units-chosen]').innerText()).toBe('Scelte: Ufficio Digitale');
    await admin.page.fill('#new-units-search', 'nessuna struttura così');
    await expect.poll(() => admin.page.locator('[data-testid=new-units]').innerText()).toContain('Nessuna struttura corrisponde alla ricerca.');
    await admin.page.fill('#new-units-search', '');
    await admin.page.selectOption('#new-language', 'en');
    await expectAccessible(admin.page, 'users: new account with the unit picker');
    await admin.page.click('[data-testid=new-user-submit]');
    await admin.page.waitForSelector('[data-testid=users-table] [data-username="lucia.verdi"]');
    await expect.poll(() => admin.page.locator('[data-username="lucia.verdi"]').innerText()).toContain('lucia.verdi@comune.example.it');
    const registry = (await apiAs(admin.context, 'GET', '/api/units')).body as Array<{ id: string; name: string }>;
    const digitale = registry.find((u) => u.name === 'Ufficio Digitale')!;
    const created = ((await apiAs(admin.context, 'GET', '/api/users')).body as Array<{ username: string; unitIds: string[]; units: string[]; language: string }>).find(
      (u) => u.username === 'lucia.verdi',
    );
    expect(created).toMatchObject({ unitIds: [digitale.id], units: ['Ufficio Digitale'], language: 'en' });
    await expect.poll(() => admin.page.locator('[data-username="lucia.verdi"]').innerText()).toContain('Ufficio Digitale');
    await expect.poll(() => admin.page.locator('[data-testid=users-notice]').innerText()).toBe('Utente «Lucia Verdi» creato.');

    // The next account with her email: the refusal says the address is taken (not «invalid or taken»), and the «created» of the one before is gone.
    await admin.page.fill('#new-username', 'mario.bianchi');
    await admin.page.fill('#new-displayName', 'Mario Bianchi');
    await admin.page.fill('#new-password', 'la-prima-password');
    await admin.page.fill('#new-email', 'lucia.verdi@comune.example.it');
    await admin.page.click('[data-testid=new-user-submit]');
    await expect.poll(() => admin.page.locator('[data-testid=new-email-error]').innerText()).toBe('Questo indirizzo email è già di un altro account.');
    expect(await admin.page.locator('[data-testid=users-notice]').count()).toBe(0);
    await admin.page.fill('#new-email', '');
    await admin.page.fill('#new-username', '');
    await admin.page.fill('#new-displayName', '');
    await admin.page.fill('#new-password', '');

    // The email is changed in the edit dialog and kept by the server.
    await admin.page.click('[data-username="lucia.verdi"] button:has-text("Modifica")');
    await admin.page.waitForSelector('[data-testid=edit-user][open]');
    await admin.page.fill('#edit-email', 'l.verdi@comune.example.it');
    // The dialog shows her unit chosen; the administrator moves her emails back to Italian.
    await expect.poll(() => admin.page.locator(`[data-testid=edit-units] input[type=checkbox]:checked`).count()).toBe(1);
    await expect.poll(() => admin.page.isChecked(`#edit-units-${digitale.id}`)).toBe(true);
    await expect.poll(() => admin.page.inputValue('#edit-language')).toBe('en');
    await admin.page.selectOption('#edit-language', 'it');
    await expectAccessible(admin.page, 'users: edit dialog with the unit picker');
    await admin.page.click('[data-testid=edit-user-submit]');
    await expect.poll(() => admin.page.locator('[data-username="lucia.verdi"]').innerText()).toContain('l.verdi@comune.example.it');
    const stored = ((await apiAs(admin.context, 'GET', '/api/users')).body as Array<{ username: string; email: string | null; unitIds: string[]; language: string }>).find(
      (u) => u.username === 'lucia.verdi',
    );
    expect(stored).toMatchObject({ email: 'l.verdi@comune.example.it', unitIds: [digitale.id], language: 'it' });

    // Lucia is signed in somewhere when the administrator sets a temporary password: that session ends.
    const before = await newPage();
    await login(before.page, { username: 'lucia.verdi' }, 'la-prima-password');

    await admin.page.click('[data-testid="temporary-lucia.verdi"]');
    await admin.page.waitForSelector('[data-testid=temporary-dialog][open]');
    await expectAccessible(admin.page, 'users: temporary password dialog');
    await admin.page.fill('#temp-password', 'corta');
    await admin.page.click('[data-testid=temporary-submit]');
    await expect.poll(() => admin.page.locator('[data-testid=temp-password-error]').innerText()).toContain('almeno 8 caratteri');
    await admin.page.fill('#temp-password', 'provvisoria-2024');
    await admin.page.click('[data-testid=temporary-submit]');
    await expect.poll(() => admin.page.locator('[data-testid=users-notice]').innerText()).toContain('dovrà cambiarla al prossimo accesso');
    await expect.poll(() => admin.page.locator('[data-username="lucia.verdi"]').innerText()).toContain('Deve cambiare la password');
    expect(await (await before.context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();
    await before.context.close();

    // Signing in with the temporary password shows only the change screen; the API refuses the rest.
    const lucia = await newPage();
    await signIn(lucia.page, 'lucia.verdi', 'provvisoria-2024');
    await lucia.page.waitForSelector('[data-testid=forced-password]');
    await expect.poll(() => lucia.page.locator('[data-testid=nav-password], [data-testid=nav-appraisals], [data-testid=signed-in]').count()).toBe(0);
    await expectAccessible(lucia.page, 'forced password change');
    const refused = await apiAs(lucia.context, 'GET', '/api/plans');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'password-change-required']);
    // Going to another screen by its address still shows the change screen.
    await lucia.page.goto(`${world.server.url}/plans`);
    await lucia.page.waitForSelector('[data-testid=forced-password]');

    // A new password that differs from its repetition is refused before sending.
    await lucia.page.fill('#pw-current', 'provvisoria-2024');
    await lucia.page.fill('#pw-next', 'la-mia-password-vera');
    await lucia.page.fill('#pw-confirm', 'la-mia-password-vora');
    await lucia.page.click('[data-testid=password-submit]');
    await expect.poll(() => lucia.page.locator('[data-testid=pw-confirm-error]').innerText()).toContain('non coincidono');
    await expect.poll(() => lucia.page.evaluate(() => document.activeElement?.id)).toBe('pw-confirm');
    await lucia.page.fill('#pw-confirm', 'la-mia-password-vera');
    await lucia.page.click('[data-testid=password-submit]');
    // Then she works: the plans page, her name in the header, the API answers.
    await lucia.page.waitForSelector('[data-testid=signed-in]');
    await expect.poll(() => lucia.page.locator('[data-testid=signed-in]').innerText()).toContain('Lucia Verdi');
    await lucia.page.waitForSelector('h1:has-text("Piani")');
    expect((await apiAs(lucia.context, 'GET', '/api/plans')).status).toBe(200);
    await lucia.context.close();

    // The temporary password no longer opens the account; the new one does, with nothing to change.
    const old = await fetch(`${world.server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'lucia.verdi', password: 'provvisoria-2024' }),
    });
    expect(old.status).toBe(401);
    const fresh = await fetch(`${world.server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'lucia.verdi', password: 'la-mia-password-vera' }),
    });
    expect(fresh.status).toBe(200);
    expect((await fresh.json()).user.mustChangePassword).toBe(false);
    // The audit trail says who set the temporary password and that its owner changed it.
    const audit = (await apiAs(admin.context, 'GET', '/api/audit?limit=50')).body as Array<{ entity: string; action: string; user: string | null; after: { mustChangePassword?: boolean } | null }>;
    const passwords = audit.filter((a) => a.entity === 'user' && a.action === 'password');
    expect(passwords.slice(0, 2).map((a) => [a.user, a.after?.mustChangePassword])).toEqual([
      ['lucia.verdi', false],
      ['admin', true],
    ]);
    await admin.context.close();
  });

  it('a signed-in user changes their own password from the header, in Italian or English', async () => {
    const { context, page } = await newPage();
    await login(page, 'oiv');
    await page.click('[data-testid=nav-password]');
    await page.waitForSelector('[data-testid=own-password]');
    await expect.poll(() => page.locator('[data-testid=nav-password]').getAttribute('aria-current')).toBe('page');
    await expectAccessible(page, 'own password change');

    // A wrong current password: the server refuses (403), said next to the field, nothing changes.
    await page.fill('#pw-current', 'non-la-mia-password');
    await page.fill('#pw-next', 'una-nuova-password-oiv');
    await page.fill('#pw-confirm', 'una-nuova-password-oiv');
    await page.click('[data-testid=password-submit]');
    await expect.poll(() => page.locator('[data-testid=pw-current-error]').innerText()).toContain('password attuale non è corretta');
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await page.fill('#pw-next', 'short');
    await page.fill('#pw-confirm', 'short');
    await page.click('[data-testid=password-submit]');
    await expect.poll(() => page.locator('[data-testid=pw-next-error]').innerText()).toContain('at least 8 characters');
    await page.selectOption('select[aria-label=Language]', 'it');

    // The language of the emails Albero sends them: chosen by the person, kept by the server.
    await expect.poll(() => page.inputValue('#own-language')).toBe('it');
    await page.selectOption('#own-language', 'en');
    await page.click('[data-testid=own-language-submit]');
    await expect.poll(() => page.locator('[data-testid=own-language-notice]').innerText()).toContain('Lingua delle email salvata');
    expect(((await apiAs(context, 'GET', '/api/session')).body as { user: { language: string } }).user.language).toBe('en');

    await page.fill('#pw-current', PASSWORD);
    await page.fill('#pw-next', 'una-nuova-password-oiv');
    await page.fill('#pw-confirm', 'una-nuova-password-oiv');
    await page.click('[data-testid=password-submit]');
    await expect.poll(() => page.locator('[data-testid=password-notice]').innerText()).toContain('Password cambiata');
    // Still signed in (a new session with the new password), and the API answers it.
    await expect.poll(() => page.locator('[data-testid=signed-in]').innerText()).toContain('Oscar OIV');
    expect((await apiAs(context, 'GET', '/api/plans')).status).toBe(200);
    await context.close();

    const oldPassword = await fetch(`${world.server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'oiv', password: PASSWORD }),
    });
    expect(oldPassword.status).toBe(401);
    const again = await newPage();
    await login(again.page, 'oiv', 'una-nuova-password-oiv');
    await again.context.close();
  });
});
