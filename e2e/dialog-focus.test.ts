/**
 * Where the focus starts in the app's dialogs (ui/Form's Dialog), each opened from the keyboard:
 * on the button its content marks (Annulla, in the dialogs that ask before deleting,
 * deactivating or closing a period), else on its first field (the tree's objective dialog), and back on the button that
 * opened it after Escape. Before, `showModal` gave it to the ✕ in every dialog: React's `autoFocus`
 * focused the marked button before the dialog was open, when it could not take the focus.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eWorld, focused, pages, planSettled } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan } = pages(world);

/** The open dialog holding the focus (its test id) and the focused element as `focused` names it; no dialog: null. */
const focusIn = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    const dialog = a?.closest('dialog[open]')?.getAttribute('data-testid') ?? null;
    return dialog === null ? null : { dialog, focus: a!.id || a!.getAttribute('data-testid') || `${a!.tagName.toLowerCase()}:${(a!.textContent ?? '').trim()}` };
  });

/** Opens a dialog with Enter on the button `selector`, as a keyboard user does. */
async function openWithKeyboard(page: Page, selector: string, dialog: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-testid=${dialog}][open]`);
}

/** Escape closes the dialog and the focus is on the button that opened it. */
async function escapeBackTo(page: Page, dialog: string, opener: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.waitForSelector(`[data-testid=${dialog}]`, { state: 'detached' });
  expect(await focused(page)).toBe(opener);
}

describe('the first focus in the app’s dialogs', { timeout: 120_000 }, () => {
  it('goes to the marked button or the first field, not to the ✕', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    const created = await apiAs(context, 'POST', '/api/users', { username: 'lucia.verdi', displayName: 'Lucia Verdi', role: 'referente', password: 'una-password-nuova-2024' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    // Deactivating an account: on «Annulla».
    await page.goto(`${world.server.url}/#/users`);
    await page.waitForSelector('[data-testid="toggle-lucia.verdi"]');
    await openWithKeyboard(page, '[data-testid="toggle-lucia.verdi"]', 'deactivate-dialog');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'deactivate-dialog', focus: 'deactivate-cancel' });
    await escapeBackTo(page, 'deactivate-dialog', 'toggle-lucia.verdi');

    // Deleting a unit of the registry: on «Annulla».
    await page.click('[data-testid=nav-units]');
    await page.waitForSelector('[data-testid=unit-delete-UA]');
    await openWithKeyboard(page, '[data-testid=unit-delete-UA]', 'unit-delete-dialog');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'unit-delete-dialog', focus: 'button:Annulla' });
    await escapeBackTo(page, 'unit-delete-dialog', 'unit-delete-UA');

    // The tree editor: deleting an area asks first, on «Annulla»; a new objective's dialog opens on its first field.
    await openPlan(page);
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    await openWithKeyboard(page, '[data-testid=open-delete-node]', 'confirm-dialog');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'confirm-dialog', focus: 'button:Annulla' });
    await escapeBackTo(page, 'confirm-dialog', 'open-delete-node');
    await openWithKeyboard(page, '[data-testid=open-child]', 'node-dialog');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'node-dialog', focus: 'node-code' });
    await escapeBackTo(page, 'node-dialog', 'open-child');

    // Closing a period: on «Annulla» (it opened on the ✕), with what is still missing read in.
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(context, 'POST', `${plan}/periods/2024-12-31/transition`, { to: 'collecting' })).status).toBe(200);
    await page.reload();
    // Pressed on the settled screen: its bar is the period read after the reload, not one before a switch.
    await planSettled(page);
    await page.waitForSelector('[data-testid=close-period]');
    await openWithKeyboard(page, '[data-testid=close-period]', 'closing-dialog');
    await page.waitForSelector('[data-testid=closing-summary]');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'closing-dialog', focus: 'closing-cancel' });
    await escapeBackTo(page, 'closing-dialog', 'close-period');
    await context.close();
  });

  it('reaches the language from inside a dialog by the keyboard, the dialog kept with what was typed', async () => {
    // The modal keeps the header's selector out of reach: the dialog has its own, the last of its fields.
    const { page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.selectOption('#f-area', 'C');
    await page.click('[data-code="C"] .tree-link');
    await openWithKeyboard(page, '[data-testid=open-child]', 'node-dialog');
    await expect.poll(() => focusIn(page)).toEqual({ dialog: 'node-dialog', focus: 'node-code' });
    const code = await page.inputValue('#node-code');
    await page.fill('#node-title', 'Sportello unico digitale');
    await page.fill('#node-weight', '12,5');
    expect(await page.locator('[data-testid=node-dialog] h2').innerText()).toBe('Aggiungi un obiettivo sotto C');

    // Tab goes on inside the dialog to its language, and the arrow picks English.
    for (let tabs = 0; (await focused(page)) !== 'dialog-language'; tabs++) {
      expect(tabs, 'the dialog’s language reached by Tab').toBeLessThan(20);
      await page.keyboard.press('Tab');
      expect((await focusIn(page))?.dialog).toBe('node-dialog');
    }
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await planSettled(page);
    expect(await page.getAttribute('[data-testid=plan-screen]', 'data-lang')).toBe('en');

    // The same dialog, open, in English, what was typed kept (the weight in the new notation), the focus on the language.
    expect(await page.locator('[data-testid=node-dialog][open]').count()).toBe(1);
    expect(await page.locator('[data-testid=node-dialog] h2').innerText()).toBe('Add an objective under C');
    expect(await page.locator('label[for=node-title]').innerText()).toBe('Title');
    expect(await page.inputValue('#node-code')).toBe(code);
    expect(await page.inputValue('#node-title')).toBe('Sportello unico digitale');
    expect(await page.inputValue('#node-weight')).toBe('12.5');
    expect(await focusIn(page)).toEqual({ dialog: 'node-dialog', focus: 'dialog-language' });
    await escapeBackTo(page, 'node-dialog', 'open-child');
  });
});
