/**
 * The web app in the screen's language where the words are the app's own and not the server's
 * (issue 14): a reply that is not the server's JSON (a proxy's 502 page) said in Italian or in
 * English with its status, never the browser's English statusText. Against the real server and a
 * fresh SQLite file, in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld();
const { newPage } = pages(world);

describe("the web app's own words in the screen's language", { timeout: 120_000 }, () => {
  it("says a proxy's 502 page in the screen's language, with the status", async () => {
    const { context, page } = await newPage();
    // What a reverse proxy answers when the server behind it is down: HTML, not our JSON.
    await page.route('**/api/session', (route) =>
      route.request().method() === 'POST' ? route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }) : route.fallback(),
    );
    await page.goto(`${world.server.url}/`);
    await page.fill('#username', 'controllo');
    await page.fill('#password', 'una-password');
    await page.click('button[type=submit]');
    const alert = page.locator('[role=alert]');
    await expect.poll(() => alert.innerText()).toBe('Accesso non riuscito: Il server non ha risposto (502): riprovare tra poco.');

    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.click('button[type=submit]');
    await expect.poll(() => alert.innerText()).toBe('Sign-in failed: The server did not answer (502): try again shortly.');
    expect(await page.locator('body').innerText()).not.toContain('Bad Gateway');
    await context.close();
  });
});
