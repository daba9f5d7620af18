/**
 * The plan screen's summary by band, its charts and its printed tree follow the OIV's validated
 * figures, as the public plan page does, and say so. B.1.1 (80%, yellow) validated at 90% (green):
 * B.1 follows at 63% (yellow, reported 56% red), so the objectives scored by their indicators
 * count 37 green, 4 yellow, 4 red instead of 36, 4, 5. Before, the summary and the charts stayed
 * on the reported figures (the rows alone followed the validation).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { apiAs, chooseLanguage, expectAccessible, relazioneWithTheOiv, search, planApi } = pages(world);
const NOTE = 'Il dato del questionario è stato ricalcolato.';

const words = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).innerText()).replace(/\s+/g, ' ').trim();
const label = (page: Page, testId: string): Promise<string | null> => page.locator(`[data-testid=${testId}]`).getAttribute('aria-label');

describe("the plan screen's summary and charts after the OIV's validation", { timeout: 240_000 }, () => {
  it('count and draw the validated bands, saying so, in both languages and on paper', async () => {
    const { office, oiv } = await relazioneWithTheOiv('Esito della verifica.');
    const { page } = office;
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(world.planId)}`);
    await page.waitForSelector('[data-testid=summary]');
    expect(await words(page, '[data-testid=summary]')).toBe('46 obiettivi: 36 verdi, 4 gialli, 5 rossi, 1 senza performance');

    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    const review = { note: 'Esito della verifica.', reservations: '', checklist: current.checklist, values: [{ code: 'B.1.1', validated: 90, note: NOTE }], version: current.version };
    expect((await apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, review)).status).toBe(200);
    expect((await apiAs(oiv.context, 'POST', `${planApi()}/relazione/transition`, { to: 'validated' })).status).toBe(200);

    await page.reload();
    await page.waitForSelector('[data-testid=oiv-validation]');
    await expect.poll(() => words(page, '[data-testid=summary]')).toBe("46 obiettivi: 37 verdi, 4 gialli, 4 rossi, 1 senza performance, secondo i valori validati dall'OIV");
    expect(await words(page, '[data-testid=oiv-validation]')).toContain('il colore della riga, il riepilogo e i grafici seguono il valore validato dall’OIV');

    await page.getByRole('button', { name: 'Mostra i grafici' }).click();
    await page.waitForSelector('[data-testid=chart-bands]');
    expect(await label(page, 'chart-bands')).toBe('Obiettivi per fascia: Verde 37, Giallo 4, Rosso 4, Senza performance 1');
    // The strategic objectives: B.1 at its validated 63%, yellow.
    expect(await label(page, 'chart-bars')).toContain('B.1 63,00% Giallo;');
    expect(await words(page, '[data-testid=charts-validated]')).toBe("Secondo i valori validati dall'OIV: B.1 63,00% (rendicontato 56,00%).");
    await expectAccessible(page, 'the charts following the validated figures (it)');

    // On paper: the validated figure beside the reported one, as on the screen.
    await search(page, 'B.1');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = page.locator('[data-testid=print-tree] tr', { hasText: 'B.1 Transizione digitale' });
    expect((await printed.innerText()).replace(/\s+/g, ' ')).toContain("63,00% ▲ Giallo validato dall'OIV 56,00% rendicontato");
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

    await chooseLanguage(page, 'en');
    await expect.poll(() => words(page, '[data-testid=summary]')).toBe("46 objectives: 37 green, 4 yellow, 4 red, 1 without performance, following the OIV's validated values");
    await expect.poll(() => label(page, 'chart-bands')).toBe('Objectives per band: Green 37, Yellow 4, Red 4, No performance 1');
    expect(await label(page, 'chart-bars')).toContain('B.1 63.00% Yellow;');
    expect(await words(page, '[data-testid=charts-validated]')).toBe("Following the OIV's validated values: B.1 63.00% (reported 56.00%).");
    await expectAccessible(page, 'the charts following the validated figures (en)');
    expect(world.consoleErrors).toEqual([]);
  });
});
