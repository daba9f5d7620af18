/**
 * The OIV's validation refused because what it would freeze changed while it was being prepared
 * (the units as the year end's closing names them, last year's figures, …): the Relazione screen
 * says what changed in its own words, Italian and English, and reads the Relazione again, as for
 * a change of the year end's figures. The server's refusal is the one the API gives
 * (test/api/relazione-validation-content.test.ts makes it happen); here the browser answers the
 * decision with it, since no browser can place a change between the server's read and its write.
 * Real server, fresh SQLite file, the fixture imported through the API; axe.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../src/messages/index.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible, relazioneWithTheOiv, planApi } = pages(world);

describe('a validation refused for what changed meanwhile, on the Relazione screen', { timeout: 240_000 }, () => {
  it('says each reason in the screen’s language and reads the Relazione again', async () => {
    const { oiv } = await relazioneWithTheOiv('Verificato.');

    const { page } = oiv;
    // The decision answered with the server's refusal of `reason` (its sentence in the reader's language).
    let reason = 'units-changed-since';
    await page.route(
      (url) => url.pathname === `${planApi()}/relazione/transition`,
      async (route) => {
        const language = route.request().headers()['accept-language']?.startsWith('en') ? 'en' : 'it';
        const params = { relazione: reason };
        await route.fulfill({
          status: 409,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'conflict', message: renderMessage('conflict', params, language), params, details: { reason, changed: [reason] } } }),
        });
      },
    );
    const reads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `${planApi()}/relazione`) reads.push(r.url());
    });
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-decide-validated]');
    const message = page.locator('[data-testid=relazione-message]');

    let before = reads.length;
    await page.click('[data-testid=relazione-decide-validated]');
    await expect
      .poll(() => message.innerText())
      .toBe(
        'Le strutture responsabili degli obiettivi sono state rinominate o cambiate mentre si preparava la validazione (il periodo di fine anno richiuso con i nuovi nomi): la Relazione da validare non le riportava così. La Relazione è stata ricaricata: rileggerla e validare di nuovo.',
      );
    await expect.poll(() => reads.length).toBeGreaterThan(before);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await expectAccessible(page, 'relazione: validation refused, units changed meanwhile');

    await chooseLanguage(page, 'en');
    // The screen reads the Relazione again in the new language: that read is not the one looked for.
    await page.waitForLoadState('networkidle');
    reason = 'previous-year-changed-since';
    before = reads.length;
    await page.click('[data-testid=relazione-decide-validated]');
    await expect
      .poll(() => message.innerText())
      .toBe(
        'The previous year’s figures changed while the validation was being prepared (for example the previous year’s report validated or taken back to draft, or its year-end period corrected): the comparison in the report to validate did not show them so. The report has been reloaded: read it again and validate again.',
      );
    await expect.poll(() => reads.length).toBeGreaterThan(before);

    // Nothing was decided: the Relazione is still with the OIV.
    expect((await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body.state).toBe('transmitted');
  });
});
