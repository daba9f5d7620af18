/**
 * What a screen says after an action (a unit saved, an account deactivated, a period added, a period closed) is said again
 * in the language the reader switches to; before, each notice was worded once, in the language shown
 * at the moment, and stayed Italian on an English screen. And a draft plan's closing dialog, nothing
 * entered, says the period closes empty, not that every value is entered and approved; archived
 * too, its dashboard says both that it is archived and not adopted. Real server, fresh SQLite file,
 * Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dialogLanguage, e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, chooseLanguage } = pages(world);
const PERIOD = '2024-09-30';

const textOf = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).innerText();

describe('a notice said again in the language the reader switches to', { timeout: 180_000 }, () => {
  it('the units page: a unit saved', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.click('[data-testid=nav-units]');
    await page.waitForSelector('[data-testid=units-table] [data-unit=UA]');
    await page.click('[data-testid=unit-add]');
    await page.waitForSelector('[data-testid=unit-dialog][open]');
    await page.fill('#unit-code', 'UNL');
    await page.fill('#unit-name', 'Ufficio Lingue');
    await page.click('[data-testid=unit-submit]');
    await expect.poll(() => textOf(page, 'units-notice')).toBe('Struttura «Ufficio Lingue» salvata.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'units-notice')).toBe('Unit “Ufficio Lingue” saved.');
    await context.close();
  });

  it('the users page: an account deactivated', async () => {
    const { context, page } = await newPage();
    await login(page, 'admin');
    await page.click('[data-testid=nav-users]');
    await page.click('[data-testid=toggle-referente]');
    await page.click('[data-testid=deactivate-confirm]');
    await expect.poll(() => textOf(page, 'users-notice')).toMatch(/^Utente «.+» disattivato: le sue sessioni sono chiuse\.$/);
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'users-notice')).toMatch(/^User “.+” deactivated: their sessions are closed\.$/);
    await context.close();
  });

  it('the plan: a period added; a draft’s period closed empty, its dialog and its notice', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    await openPlan(page);
    await page.click('[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    await page.fill('#period-ends-on', '2024-04-30');
    await page.fill('#period-label', 'Monitoraggio aprile');
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => page.locator('#plan-notice').innerText()).toBe('Periodo «Monitoraggio aprile» aggiunto.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('#plan-notice').innerText()).toBe('Period “Monitoraggio aprile” added.');
    await chooseLanguage(page, 'it');

    // A draft (the fixture is not adopted), nothing entered in the period: nothing to collect, the period closes empty.
    expect((await apiAs(context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    await page.reload();
    await pickPeriod(page, PERIOD);
    await page.click('[data-testid=close-period]');
    await page.waitForSelector('[data-testid=closing-summary]');
    await expect.poll(() => textOf(page, 'closing-not-adopted')).toBe('Il piano non è ancora adottato: nessun valore da raccogliere.');
    await expect.poll(() => textOf(page, 'closing-summary')).toBe('Nessun valore inserito: il periodo verrà chiuso vuoto.');
    await dialogLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'closing-summary')).toBe('No value entered: the period will be closed empty.');
    await dialogLanguage(page, 'it');
    await page.click('[data-testid=confirm-close]');
    await expect.poll(() => page.locator('#plan-notice').innerText()).toBe('Stato del periodo aggiornato.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('#plan-notice').innerText()).toBe('Period state updated.');
    await chooseLanguage(page, 'it');

    // Archived too: its dashboard says both (before: only that it was not adopted).
    expect((await apiAs(context, 'POST', `${plan}/archive`)).status).toBe(200);
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}?period=${PERIOD}`);
    await page.click('[data-testid=dashboard-toggle]');
    await expect.poll(() => textOf(page, 'dashboard-not-adopted')).toBe('Il piano non è ancora adottato: nessun valore da raccogliere.');
    expect(await textOf(page, 'dashboard-archived')).toBe("Il piano è archiviato: il completamento resta com'era, nessun valore da raccogliere.");
    await context.close();
  });
});
