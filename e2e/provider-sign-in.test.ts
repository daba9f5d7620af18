/**
 * The login page offers sign-in through the body's identity provider when the server has one
 * configured (ALBERO_OIDC_*), with the label it was given, and says why a provider sign-in was
 * refused (`?oidc=<problem>`). The flow itself, against a real provider, is test/api/oidc.test.ts.
 * Real server (the provider is not reached: the page only reads the offer), real Chromium.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ env: { ALBERO_OIDC_ISSUER: 'http://127.0.0.1:9/', ALBERO_OIDC_CLIENT_ID: 'albero', ALBERO_OIDC_LABEL: 'Accedi con EnteID' } });
const { newPage, expectAccessible } = pages(world);

describe('sign-in with a provider on the login page', { timeout: 120_000 }, () => {
  it('shows the button with its label, read once, and the reason a provider sign-in was refused', async () => {
    const { context, page } = await newPage();
    const offers: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/session/oidc') offers.push(r.url());
    });
    await page.goto(`${world.server.url}/?oidc=unknown-user`);
    const button = page.locator('[data-testid=oidc-start]');
    await expect.poll(() => button.count()).toBe(1);
    expect(await button.innerText()).toBe('Accedi con EnteID');
    expect(await button.getAttribute('href')).toBe('/api/session/oidc/start');
    await expect.poll(() => page.locator('[data-testid=oidc-problem]').innerText()).toContain("in Albero non c'è un account attivo");
    await expectAccessible(page, 'login page with a provider and a refused provider sign-in');
    // The language switch redraws the page without reading the offer again.
    await page.selectOption('select[aria-label=Lingua]', 'en');
    await expect.poll(() => page.locator('[data-testid=oidc-problem]').innerText()).toContain('Albero has no active account');
    expect(await button.innerText()).toBe('Accedi con EnteID');
    expect(offers).toHaveLength(1);
    await context.close();
  });
});
