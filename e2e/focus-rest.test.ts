/**
 * The rest of the buttons disabled (or taken away) while their request runs, each pressed from the
 * keyboard: the focus must not fall to the page's body, so that the next Tab goes on from where the
 * answer is and a screen reader hears it. A wrong password: on the refusal; the export: back on its
 * button once the file is downloaded; an account created: on the message; its role changed and the
 * account deactivated: back on the row's button; a unit saved, deleted or refused as in use; a
 * period renamed (the plan's message); an objective added (back on the button), its change and an
 * indicator's deletion refused on the adopted plan (the refusal in the dialog); an open revision's
 * correction saved (the message); the Relazione's texts saved (the message). Axe on each answer.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, pressWithKeyboard, tabGoesOn } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, signedInPage, apiAs, chooseLanguage, expectAccessible, openPlan } = pages(world);
const enc = encodeURIComponent;
const plan = () => `/api/plans/${enc(world.planId)}`;

describe('the focus after the rest of the actions whose button waits', { timeout: 240_000 }, () => {
  it('a wrong password gives it to the refusal, in Italian and English', async () => {
    const { context, page } = await newPage();
    await page.goto(`${world.server.url}/`);
    for (const [lang, said] of [
      ['it', /Accesso non riuscito/],
      ['en', /Sign-in failed/],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.fill('#username', ACCOUNTS.controller.username);
      await page.fill('#password', 'not-the-password');
      await pressWithKeyboard(page, 'button[type=submit]');
      await expect.poll(() => focused(page)).toBe('login-error');
      expect(await page.locator('#login-error').innerText()).toMatch(said);
      await expectAccessible(page, `wrong password (${lang})`);
      await tabGoesOn(page);
    }
    await context.close();
  });

  it('an export gives it back to its button once the file is downloaded', async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    const [download] = await Promise.all([page.waitForEvent('download'), pressWithKeyboard(page, '[data-testid=export-pdf]')]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    await page.waitForSelector('[data-testid=export-pdf-progress]', { state: 'detached' });
    await expect.poll(() => focused(page)).toBe('export-pdf');
    await tabGoesOn(page);
    await context.close();
  });

  it('creating an account gives it to the message saying so', async () => {
    const { context, page } = await signedInPage('admin', null);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid=users-table]');
    await page.fill('#new-username', 'lucia.verdi');
    await page.fill('#new-displayName', 'Lucia Verdi');
    await page.fill('#new-password', 'una-password-nuova-2024');
    await pressWithKeyboard(page, '[data-testid=new-user-submit]');
    await expect.poll(() => focused(page)).toBe('users-notice');
    expect(await page.locator('#users-notice').innerText()).toContain('Lucia Verdi');
    await expectAccessible(page, 'account created');
    await tabGoesOn(page);
    await context.close();
  });

  it("an account's role changed and the account deactivated give it back to the row's button", async () => {
    const { context, page } = await signedInPage('admin', null);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-username="lucia.verdi"]');

    // The role changed in its dialog: closed, the focus back on the row's «Modifica».
    const edit = '[data-username="lucia.verdi"] button:has-text("Modifica")';
    await pressWithKeyboard(page, edit);
    await page.waitForSelector('[data-testid=edit-user][open]');
    await page.selectOption('#edit-role', 'oiv');
    await pressWithKeyboard(page, '[data-testid=edit-user-submit]');
    await page.waitForSelector('[data-testid=edit-user]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-username="lucia.verdi"]').innerText()).toContain('OIV');
    await expect.poll(() => focused(page)).toBe('button:Modifica');
    await tabGoesOn(page);

    // Deactivated after the question: the focus back on the row's button, now «Riattiva».
    await pressWithKeyboard(page, '[data-testid="toggle-lucia.verdi"]');
    await page.waitForSelector('[data-testid=deactivate-dialog][open]');
    await pressWithKeyboard(page, '[data-testid=deactivate-confirm]');
    await page.waitForSelector('[data-testid=deactivate-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-username="lucia.verdi"]').innerText()).toMatch(/Disattivato|No\b/);
    await expect.poll(() => focused(page)).toBe('toggle-lucia.verdi');
    await tabGoesOn(page);
    await context.close();
  });

  it('a unit saved, deleted or refused as in use keeps it on the row, the message or the refusal', async () => {
    const { context, page } = await signedInPage('admin', null);
    expect((await apiAs(context, 'POST', '/api/units', { code: 'UFR', name: 'Ufficio Focus R', kind: 'Ufficio' })).status).toBe(201);
    expect((await apiAs(context, 'POST', '/api/units', { code: 'UFU', name: 'Ufficio Focus U', kind: 'Ufficio' })).status).toBe(201);
    expect((await apiAs(context, 'PATCH', `${plan()}/nodes/C.1`, { unit: 'Ufficio Focus U' })).status).toBe(200);
    await page.goto(`${world.server.url}/#/units`);
    await page.waitForSelector('[data-testid=unit-delete-UFR]');

    // Saved in its dialog: closed, the focus back on the row's button.
    await pressWithKeyboard(page, '[data-unit=UFR] button:has-text("Modifica")');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    await page.fill('#unit-name', 'Ufficio Focus Rinominato');
    await pressWithKeyboard(page, '[data-testid=unit-submit]');
    await page.waitForSelector('[data-testid=unit-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('#units-notice').innerText()).toContain('Ufficio Focus Rinominato');
    expect(await focused(page)).not.toBe('body');
    await tabGoesOn(page);

    // In use: the dialog says where, and that takes the focus.
    await pressWithKeyboard(page, '[data-testid=unit-delete-UFU]');
    await page.waitForSelector('[data-testid=unit-delete-dialog][open]');
    await pressWithKeyboard(page, '[data-testid=unit-delete-confirm]');
    await expect.poll(() => focused(page)).toBe('unit-in-use');
    await expectAccessible(page, 'unit in use');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=unit-delete-dialog]', { state: 'detached' });

    // Deleted: its row goes with its button; the message saying so takes the focus.
    await pressWithKeyboard(page, '[data-testid=unit-delete-UFR]');
    await page.waitForSelector('[data-testid=unit-delete-dialog][open]');
    await pressWithKeyboard(page, '[data-testid=unit-delete-confirm]');
    await expect.poll(() => focused(page)).toBe('units-notice');
    await expect.poll(() => page.locator('[data-testid=unit-delete-UFR]').count()).toBe(0);
    await expectAccessible(page, 'unit deleted');
    await tabGoesOn(page);
    expect((await apiAs(context, 'PATCH', `${plan()}/nodes/C.1`, { unit: null })).status).toBe(200);
    await context.close();
  });

  it("a period renamed gives it to the plan's message", async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    await pressWithKeyboard(page, '[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    await page
      .getByRole('button', { name: /^Rinomina il periodo / })
      .first()
      .click();
    await page.fill('#period-rename', 'Primo semestre');
    await pressWithKeyboard(page, '[data-testid=period-rename-save]');
    await expect.poll(() => focused(page)).toBe('plan-notice');
    expect(await page.locator('#plan-notice').innerText()).toBe('Periodo rinominato «Primo semestre».');
    await expectAccessible(page, 'period renamed');
    await tabGoesOn(page);
    await context.close();
  });

  it('the tree editor: an objective added gives it back to the button; a change and a deletion refused, to the refusal', async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    await pressWithKeyboard(page, '[data-testid=open-child]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    const code = await page.inputValue('#node-code');
    await page.fill('#node-title', 'Obiettivo aggiunto da tastiera');
    await pressWithKeyboard(page, '[data-testid=node-dialog] [data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    await expect.poll(() => page.locator('[data-testid=edit-notice]').count()).toBe(1);
    await expect.poll(() => focused(page)).toBe('open-child');
    await tabGoesOn(page);

    // Changed by another desk while the dialog was open: refused, said in the dialog, which takes the focus.
    for (const lang of ['it', 'en'] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await pressWithKeyboard(page, '[data-testid=open-node]');
      await page.waitForSelector('[data-testid=node-dialog][open]');
      expect((await apiAs(context, 'PATCH', `${plan()}/nodes/C`, { title: `Titolo di un'altra scrivania (${lang})` })).status).toBe(200);
      await page.fill('#node-title', `Titolo cambiato (${lang})`);
      await pressWithKeyboard(page, '[data-testid=node-dialog] [data-testid=dialog-submit]');
      await expect.poll(() => focused(page)).toBe('node-refused');
      expect(await page.locator('#node-refused').innerText()).not.toBe('');
      await expectAccessible(page, `objective change refused (${lang})`);
      await tabGoesOn(page);
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    }

    // The new objective deleted by another desk while its deletion was asked: refused alike.
    await page.fill('#f-search', code);
    await page.click(`[data-code="${code}"] .tree-link`);
    await pressWithKeyboard(page, '[data-testid=open-delete-node]');
    await page.waitForSelector('[data-testid=confirm-dialog][open]');
    expect((await apiAs(context, 'DELETE', `${plan()}/nodes/${enc(code)}`)).status).toBe(200);
    await pressWithKeyboard(page, '[data-testid=confirm-delete]');
    await expect.poll(() => focused(page)).toBe('confirm-refused');
    expect(await page.locator('#confirm-refused').innerText()).not.toBe('');
    await expectAccessible(page, 'deletion refused (en)');
    await tabGoesOn(page);
    await context.close();
  });

  it("an open revision's correction saved gives it to the message saying so", async () => {
    const { context, page } = await signedInPage('controller', null);
    expect((await apiAs(context, 'POST', `${plan()}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(context, 'POST', `${plan()}/revisions`, { reason: 'Nuove risorse', date: '2024-07-01' })).status).toBe(201);
    await openPlan(page);
    await pressWithKeyboard(page, '[data-testid=revisions-toggle]');
    await page.waitForSelector('[data-testid=revisions-register]');
    await pressWithKeyboard(page, '[data-revision="1"] [data-testid=revision-correct]');
    await page.fill('#revision-edit-reason', 'Nuove risorse della Regione');
    await pressWithKeyboard(page, '[data-testid=revision-edit-save]');
    await expect.poll(() => focused(page)).toBe('revisions-notice');
    expect(await page.locator('#revisions-notice').innerText()).toContain('1');
    await expectAccessible(page, 'revision corrected');
    await tabGoesOn(page);
    await context.close();
  });

  it("the Relazione's texts saved give it to the message saying so, in Italian and English", async () => {
    const { context, page } = await signedInPage('controller', null);
    await page.goto(`${world.server.url}/#/plans/${enc(world.planId)}/relazione`);
    await page.waitForSelector('#relazione-text-contesto-esterno');
    for (const [lang, said] of [
      ['it', 'Testi salvati.'],
      ['en', 'Texts saved.'],
    ] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      await page.fill('#relazione-text-contesto-esterno', `Contesto (${lang}).`);
      await pressWithKeyboard(page, '[data-testid=relazione-save]');
      await expect.poll(() => focused(page)).toBe('relazione-message');
      expect(await page.locator('#relazione-message').innerText()).toBe(said);
      await expectAccessible(page, `relazione saved (${lang})`);
      await tabGoesOn(page);
    }
    await context.close();
  });
});
