/**
 * The screens that change who may do what and what the plan is: the administrator's users page
 * and tree editing by the controllo di gestione, against the real server and a fresh SQLite file.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { launchChromium } from './browser.js';
import { pages, type E2eWorld } from './pages.js';
import { startServer } from './server.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
const world = {} as E2eWorld;
const { newPage, login, apiAs, expectAccessible } = pages(world);

beforeAll(async () => {
  world.server = await startServer();
  world.browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await world.browser?.close();
  await world.server?.stop();
});

describe('users page', { timeout: 120_000 }, () => {
  it('the admin creates a referente, who can then sign in; the password rule and a taken name are said next to the field', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.click('[data-testid=nav-users]');
    await page.waitForSelector('[data-testid=users-table] [data-username=referente]');
    expect(await page.locator('[data-testid=users-table]').innerText()).toContain('Ufficio Transizione');

    await page.fill('#new-username', 'mario.rossi');
    await page.fill('#new-displayName', 'Mario Rossi');
    await page.selectOption('#new-role', 'referente');
    await page.fill('#new-units', 'Ufficio Anagrafe, Ufficio Transizione');
    await page.fill('#new-password', 'corta');
    await page.click('[data-testid=new-user-submit]');
    await expect.poll(() => page.locator('[data-testid=new-password-error]').innerText()).toContain('almeno 8 caratteri');
    expect(await page.getAttribute('#new-password', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#new-password', 'aria-describedby')).toContain('new-password-error');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-password');

    await page.fill('#new-password', 'una-password-nuova-2024');
    await page.click('[data-testid=new-user-submit]');
    await page.waitForSelector('[data-testid=users-table] [data-username="mario.rossi"]');
    expect(await page.locator('[data-username="mario.rossi"]').innerText()).toMatch(/Mario Rossi[\s\S]*Referente[\s\S]*Ufficio Anagrafe, Ufficio Transizione[\s\S]*Attivo/);
    await page.screenshot({ path: join(SHOTS, '12-users.png'), fullPage: true });
    await expectAccessible(page, 'users');

    // The server refuses a taken username (409): said next to the field, in the page's language.
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await page.fill('#new-username', 'mario.rossi');
    await page.fill('#new-displayName', 'Mario Bis');
    await page.fill('#new-password', 'una-password-nuova-2024');
    await page.click('[data-testid=new-user-submit]');
    await expect.poll(() => page.locator('[data-testid=new-username-error]').innerText()).toContain('already taken');
    await page.selectOption('select[aria-label=Language]', 'it');

    // Role and units changed in a dialog that takes the focus and gives it back.
    await page.click('[data-username="mario.rossi"] button:has-text("Modifica")');
    await page.waitForSelector('[data-testid=edit-user][open]');
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await expectAccessible(page, 'users: edit dialog');
    await page.fill('#edit-units', 'Ufficio Anagrafe');
    await page.click('[data-testid=edit-user-submit]');
    await expect.poll(() => page.locator('[data-username="mario.rossi"]').innerText()).not.toContain('Ufficio Transizione');
    await context.close();

    const mario = await newPage();
    await login(mario.page, { username: 'mario.rossi' }, 'una-password-nuova-2024');
    expect(await mario.page.locator('[data-testid=signed-in]').innerText()).toContain('Mario Rossi (Referente)');
    await mario.context.close();
  });

  it('a deactivated account cannot sign in until it is reactivated', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.goto(`${world.server.url}/#/users`);
    await page.click('[data-testid="toggle-mario.rossi"]');
    await expect.poll(() => page.locator('[data-username="mario.rossi"]').innerText()).toContain('Disattivato');
    const refused = await fetch(`${world.server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'mario.rossi', password: 'una-password-nuova-2024' }) });
    expect(refused.status).toBe(401);
    await page.click('[data-testid="toggle-mario.rossi"]');
    await expect.poll(() => page.locator('[data-username="mario.rossi"]').innerText()).toContain('Disattiva Mario Rossi');
    await context.close();
  });

  it('a non-admin sees no users page and the API refuses them', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    expect(await page.locator('[data-testid=nav-users]').count()).toBe(0);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid=users-forbidden]');
    expect(await page.locator('[data-testid=users-table]').count()).toBe(0);
    expect((await apiAs(context, 'GET', '/api/users')).status).toBe(403);
    expect((await apiAs(context, 'POST', '/api/users', { username: 'intruso', displayName: 'X', role: 'admin', password: 'una-password-lunga' })).status).toBe(403);
    await context.close();
  });
});
