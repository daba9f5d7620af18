/**
 * The controllo di gestione manages a plan's monitoring periods in the browser: adds a period at
 * another date (it appears in the period selector), deletes it again while it is open and empty
 * (asked in the app's own dialog, not the browser's), and sees the server's refusal of a date already used in Italian.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { seriousViolations } from './axe.js';
import { launchChromium } from './browser.js';
import { planDrawn } from './pages.js';
import { ACCOUNTS, PASSWORD, startServer, type RunningServer } from './server.js';

const SHOTS = join(ROOT, 'artifacts', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('monitoring periods in Chromium', { timeout: 120_000 }, () => {
  it('adds a period at another date and deletes it while empty', async () => {
    // Reduced motion, as pages.ts's pages: no smooth scrolling under a click.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'it-IT', reducedMotion: 'reduce' });
    const page: Page = await context.newPage();
    page.on('dialog', (d) => {
      throw new Error(`a browser dialog was opened: ${d.message()}`);
    });
    await page.goto(`${server.url}/`);
    await page.fill('#username', ACCOUNTS.controller.username);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=signed-in]');
    // A small plan through the API, as the signed-in browser.
    const csrf = (await (await context.request.get(`${server.url}/api/session`)).json()).csrfToken as string;
    const post = async (path: string, data: unknown) =>
      (await context.request.post(`${server.url}${path}`, { headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' }, data: JSON.stringify(data) })).json();
    const plan = await post('/api/plans', { title: 'Piano 2024', year: 2024 });
    await post(`/api/plans/${plan.id}/nodes`, { code: 'A', title: 'Area A', parent: null });

    await page.goto(`${server.url}/#/plans/${encodeURIComponent(plan.id)}`);
    await planDrawn(page);
    await page.click('[data-testid=periods-toggle]');
    const panel = page.locator('[data-testid=periods-panel]');
    await panel.waitFor();
    await page.fill('#period-ends-on', '2024-04-30');
    await page.fill('#period-label', 'Monitoraggio al 30/04/2024');
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => page.locator('#period option').allInnerTexts()).toContain('Monitoraggio al 30/04/2024 — Aperto');
    await expect.poll(() => page.locator('#period').inputValue()).toBe('2024-04-30');
    await expect.poll(() => panel.locator('[data-period="2024-04-30"]').innerText()).toContain('30/04/2024');
    await page.screenshot({ path: join(SHOTS, '10-periods.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // The same date again: the server refuses, the panel says why in Italian.
    await page.fill('#period-ends-on', '2024-04-30');
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => page.locator('[data-testid=periods-error]').innerText()).toContain('Esiste già un periodo con questa data');

    await panel.locator('[data-period="2024-04-30"] button', { hasText: 'Elimina' }).click();
    await page.waitForSelector('[data-testid=period-delete-dialog][open]');
    await page.click('[data-testid=period-delete-dialog-confirm]');
    await expect.poll(() => page.locator('#period option').allInnerTexts()).not.toContain('Monitoraggio al 30/04/2024 — Aperto');
    await expect.poll(() => panel.locator('[data-period]').count()).toBe(3);
    await context.close();
  });
});
