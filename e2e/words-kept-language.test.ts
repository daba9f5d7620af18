/**
 * The last things the screens worded once, in the language shown at the moment, said again in the
 * language the reader switches to: the entry form's «nothing changed», the evidence panel's file too
 * large (its words the server's, by code), a date typed that is no date after the field was emptied,
 * the OIV's decision on the Relazione (the state named in words). Before, each stayed Italian on an
 * English screen. Real server (evidence limit 2 MB), fresh SQLite file, Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../test/support/files.js';
import { e2eWorld, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true, env: { ALBERO_MAX_ATTACHMENT_MB: '2' } });
const { newPage, login, apiAs, openPlan, search, chooseLanguage, relazioneWithTheOiv, planApi } = pages(world);
const PERIOD = '2024-06-30';

const textOf = (page: Page, testId: string) => page.locator(`[data-testid=${testId}]`).innerText();

describe('words said again in the language the reader switches to', { timeout: 240_000 }, () => {
  it('the entry form: a value saved again as it stands; a file too large for evidence', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    expect((await apiAs(ctl.context, 'PATCH', `${planApi()}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    const { page } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await pickPeriod(page, PERIOD);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:1"] .tree-link');
    await page.waitForSelector('#entry-actual');

    await page.selectOption('#entry-state', 'measured');
    await page.fill('#entry-actual', '3');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => textOf(page, 'entry-message')).toMatch(/^Salvato/);
    // The form moved on to the next indicator: back to this one, saved again as it stands.
    await page.click('[data-indicator="B.2.2:1"] .tree-link');
    await expect.poll(() => page.locator('#entry-actual').inputValue()).toBe('3');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => textOf(page, 'entry-message')).toBe('Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla.');

    // 3 MiB of PDF: over this server's limit, refused before it is sent.
    const big = Buffer.concat([tinyPdf('Verbale'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    await page.setInputFiles('#evidence-file', { name: 'verbale-grande.pdf', mimeType: 'application/pdf', buffer: big });
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => textOf(page, 'evidence-message')).toBe("Il file supera il limite di 2 MB per un'evidenza: non è stato salvato.");

    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'entry-message')).toBe('Nothing changed: the value was already saved as it is, and nothing was recorded.');
    await expect.poll(() => textOf(page, 'evidence-message')).toBe('The file is larger than the 2 MB limit for evidence: it was not stored.');
    await chooseLanguage(page, 'it');
    await expect.poll(() => textOf(page, 'evidence-message')).toBe("Il file supera il limite di 2 MB per un'evidenza: non è stato salvato.");
    await ctl.context.close();
  });

  it('the periods panel: a date typed that is no date, the field emptied since', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await openPlan(page);
    await page.click('[data-testid=periods-toggle]');
    await page.waitForSelector('[data-testid=periods-panel]');
    await page.fill('#period-ends-on', '31/02/2024');
    await page.click('text=Aggiungi il periodo');
    await expect.poll(() => textOf(page, 'periods-error')).toBe('La data 31/02/2024 non esiste: febbraio 2024 ha 29 giorni.');
    // The field emptied, the problem still shown: said again from the date typed, not from the field.
    await page.fill('#period-ends-on', '');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'periods-error')).toBe('The date 31/02/2024 does not exist: February 2024 has 29 days.');
    await context.close();
  });

  it('the Relazione: the OIV’s decision, the state named in the new language', async () => {
    const { oiv } = await relazioneWithTheOiv('Verificato.');
    const { page } = oiv;
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.click('[data-testid=relazione-decide-validated]');
    await expect.poll(() => textOf(page, 'relazione-message')).toBe('Decisione registrata: Validata.');
    await chooseLanguage(page, 'en');
    await expect.poll(() => textOf(page, 'relazione-message')).toBe('Decision recorded: Validated.');
  });
});
