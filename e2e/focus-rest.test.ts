/**
 * The rest of the buttons disabled (or taken away) while their request runs, each pressed from the
 * keyboard: the focus must not fall to the page's body, so that the next Tab goes on from where the
 * answer is and a screen reader hears it (each press and its checks are one step, `pressLandsOn` in
 * pages.ts). A wrong password: on the refusal; the export: back on its
 * button once the file is downloaded; an account created: on the message; its role changed and the
 * account deactivated: back on the row's button; a unit saved, deleted or refused as in use; a
 * period renamed (the plan's message); an objective added (back on the button), its change and an
 * indicator's deletion refused on the adopted plan (the refusal in the dialog); an open revision's
 * correction saved (the message); the Relazione's texts saved (the message). Axe on each answer.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages, pressLandsOn, pressWithKeyboard, throughDialog } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, signedInPage, apiAs, chooseLanguage, openPlan } = pages(world);
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
      await pressLandsOn(page, 'button[type=submit]', { on: 'login-error', says: said, axe: `wrong password (${lang})` });
    }
    await context.close();
  });

  it('an export gives it back to its button once the file is downloaded', async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    const download = page.waitForEvent('download');
    await pressLandsOn(page, '[data-testid=export-pdf]', {
      on: 'export-pdf',
      after: async () => {
        expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
        await page.waitForSelector('[data-testid=export-pdf-progress]', { state: 'detached' });
      },
    });
    await context.close();
  });

  it('creating an account gives it to the message saying so', async () => {
    const { context, page } = await signedInPage('admin', null);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid=users-table]');
    await page.fill('#new-username', 'lucia.verdi');
    await page.fill('#new-displayName', 'Lucia Verdi');
    await page.fill('#new-password', 'una-password-nuova-2024');
    await pressLandsOn(page, '[data-testid=new-user-submit]', { on: 'users-notice', says: /Lucia Verdi/, axe: 'account created' });
    await context.close();
  });

  it("an account's role changed and the account deactivated give it back to the row's button", async () => {
    const { context, page } = await signedInPage('admin', null);
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-username="lucia.verdi"]');

    // The role changed in its dialog: closed, the focus back on the row's «Modifica».
    const row = page.locator('[data-username="lucia.verdi"]');
    await throughDialog(
      page,
      { open: '[data-username="lucia.verdi"] button:has-text("Modifica")', dialog: 'edit-user', fill: () => page.selectOption('#edit-role', 'oiv'), send: '[data-testid=edit-user-submit]' },
      { on: 'button:Modifica', after: () => expect.poll(() => row.innerText()).toContain('OIV') },
    );

    // Deactivated after the question: the focus back on the row's button, now «Riattiva».
    await throughDialog(
      page,
      { open: '[data-testid="toggle-lucia.verdi"]', dialog: 'deactivate-dialog', send: '[data-testid=deactivate-confirm]' },
      { on: 'toggle-lucia.verdi', after: () => expect.poll(() => row.innerText()).toMatch(/Disattivato|No\b/) },
    );
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
    await throughDialog(
      page,
      { open: '[data-testid=unit-edit-UFR]', dialog: 'unit-dialog', fill: () => page.fill('#unit-name', 'Ufficio Focus Rinominato'), send: '[data-testid=unit-submit]' },
      { on: 'unit-edit-UFR', after: () => expect.poll(() => page.locator('#units-notice').innerText()).toContain('Ufficio Focus Rinominato') },
    );

    // In use: the dialog says where, and that takes the focus.
    const deleting = (code: string) => ({ open: `[data-testid=unit-delete-${code}]`, dialog: 'unit-delete-dialog', send: '[data-testid=unit-delete-confirm]' });
    await throughDialog(page, { ...deleting('UFU'), stays: true }, { on: 'unit-in-use', axe: 'unit in use' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=unit-delete-dialog]', { state: 'detached' });

    // Deleted: its row goes with its button; the message saying so takes the focus.
    await throughDialog(page, deleting('UFR'), { on: 'units-notice', after: () => page.waitForSelector('[data-testid=unit-delete-UFR]', { state: 'detached' }), axe: 'unit deleted' });
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
    await pressLandsOn(page, '[data-testid=period-rename-save]', { on: 'plan-notice', says: 'Periodo rinominato «Primo semestre».', axe: 'period renamed' });
    await context.close();
  });

  it('the tree editor: an objective added gives it back to the button; a change and a deletion refused, to the refusal', async () => {
    const { context, page } = await signedInPage('controller', null);
    await openPlan(page);
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    const send = '[data-testid=node-dialog] [data-testid=dialog-submit]';
    let code = '';
    await throughDialog(
      page,
      {
        open: '[data-testid=open-child]',
        dialog: 'node-dialog',
        fill: async () => {
          code = await page.inputValue('#node-code');
          await page.fill('#node-title', 'Obiettivo aggiunto da tastiera');
        },
        send,
      },
      { on: 'open-child', after: () => page.waitForSelector('[data-testid=edit-notice]') },
    );

    // Changed by another desk while the dialog was open: refused, said in the dialog, which takes the focus.
    for (const lang of ['it', 'en'] as const) {
      if (lang === 'en') await chooseLanguage(page, 'en');
      const fill = async () => {
        expect((await apiAs(context, 'PATCH', `${plan()}/nodes/C`, { title: `Titolo di un'altra scrivania (${lang})` })).status).toBe(200);
        await page.fill('#node-title', `Titolo cambiato (${lang})`);
      };
      await throughDialog(page, { open: '[data-testid=open-node]', dialog: 'node-dialog', fill, send, stays: true }, { on: 'node-refused', says: /\S/, axe: `objective change refused (${lang})` });
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    }

    // The new objective deleted by another desk while its deletion was asked: refused alike.
    await page.fill('#f-search', code);
    await page.click(`[data-code="${code}"] .tree-link`);
    const deletedElsewhere = async () => expect((await apiAs(context, 'DELETE', `${plan()}/nodes/${enc(code)}`)).status).toBe(200);
    await throughDialog(
      page,
      { open: '[data-testid=open-delete-node]', dialog: 'confirm-dialog', fill: deletedElsewhere, send: '[data-testid=confirm-delete]', stays: true },
      { on: 'confirm-refused', says: /\S/, axe: 'deletion refused (en)' },
    );
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
    await pressLandsOn(page, '[data-testid=revision-edit-save]', { on: 'revisions-notice', says: 'Variazione n. 1 corretta.', axe: 'revision corrected' });
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
      await pressLandsOn(page, '[data-testid=relazione-save]', { on: 'relazione-message', says: said, axe: `relazione saved (${lang})` });
    }
    await context.close();
  });
});
