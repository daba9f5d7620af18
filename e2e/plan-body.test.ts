/**
 * The body a plan belongs to, on a new installation. The web app made every plan, created or
 * imported, the server's placeholder «Ente», with no field to say otherwise: the office's Relazione
 * then read «Ente» where the body's name goes. Here the new-plan and import forms ask for it (said at
 * the field, in the screen's language, nothing made while it is empty), the import's preview says
 * what the confirmation makes (title, year, body, how many areas, objectives and indicators: a file
 * without a title gets a default the office should see first), the plan and its Relazione carry the
 * name typed, and the next plan's forms offer it again. An office with only the web app downloads
 * the blank template beside the import (before, only the command line's `albero template` made it),
 * fills it in and imports it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../test/exchange/helpers.js';
import { FIXTURE } from '../test/helpers.js';
import { e2eWorld, focused, pages } from './pages.js';

const world = e2eWorld();
const { newPage, login, apiAs, chooseLanguage, expectAccessible } = pages(world);

const BODY = 'Camera di commercio di Prova';

/** The words that describe field `id` (its hint and its error), as a screen reader says them. */
const described = (page: Page, id: string) =>
  page.evaluate(
    (id) =>
      (document.getElementById(id)?.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((ref) => document.getElementById(ref)?.textContent ?? '')
        .join(' '),
    id,
  );

describe('the body a plan belongs to', { timeout: 240_000 }, () => {
  it('is asked when importing and creating a plan, and is the one the Relazione names', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    const plans = async () => (await apiAs(context, 'GET', '/api/plans')).body as Array<{ id: string; title: string; year: number; organisation: string }>;
    expect(await plans()).toEqual([]);

    // No plan yet: nothing to offer, and a check without it is refused at the field, nothing sent.
    expect(await page.inputValue('#import-organisation')).toBe('');
    await page.setInputFiles('#import-file', FIXTURE);
    await page.click('text=Controlla il file');
    await expect.poll(() => page.getAttribute('#import-organisation', 'aria-invalid')).toBe('true');
    expect(await described(page, 'import-organisation')).toContain('Scrivere il nome dell’ente');
    expect(await focused(page)).toBe('import-organisation');
    expect(await page.locator('[data-testid=import-preview]').count()).toBe(0);

    await page.fill('#import-organisation', BODY);
    await page.click('text=Controlla il file');
    const preview = page.locator('[data-testid=import-plan]');
    await preview.waitFor();
    expect(await preview.innerText()).toBe(`Confermando si crea il piano «Albero performance 2024» 2024 dell’ente «${BODY}»: 3 aree strategiche, 46 obiettivi, 88 indicatori.`);
    await expectAccessible(page, 'import preview');
    expect(await plans()).toEqual([]);
    await page.click('text=Conferma l’importazione');
    await page.waitForURL(/\/plans\/[^/?#]+$/);
    const [imported] = await plans();
    expect(imported).toMatchObject({ title: 'Albero performance 2024', year: 2024, organisation: BODY });

    // The Relazione is the body's, not «Ente»'s.
    const html = await context.request.get(`${world.server.url}/api/plans/${encodeURIComponent(imported!.id)}/relazione/export?format=html`);
    expect(html.status()).toBe(200);
    const text = await html.text();
    expect(text).toContain(BODY);

    // The next plan's form offers the same body; emptied, it is refused in the screen's language.
    await page.click('text=Tutti i piani');
    await page.waitForSelector('#plan-organisation');
    expect(await page.inputValue('#plan-organisation')).toBe(BODY);
    expect(await page.inputValue('#import-organisation')).toBe(BODY);
    await chooseLanguage(page, 'en');
    await page.fill('#plan-title', 'Piano della performance 2025');
    await page.fill('#plan-year', '2025');
    await page.fill('#plan-organisation', '');
    await page.click('form:has(#plan-title) button[type=submit]');
    await expect.poll(() => page.getAttribute('#plan-organisation', 'aria-invalid')).toBe('true');
    expect(await described(page, 'plan-organisation')).toContain('Write the body’s name');
    expect(await focused(page)).toBe('plan-organisation');
    await expectAccessible(page, 'new plan without its body');
    expect((await plans()).length).toBe(1);

    await page.fill('#plan-organisation', BODY);
    await page.click('form:has(#plan-title) button[type=submit]');
    await page.waitForURL(/\/plans\/[^/?#]+$/);
    expect((await plans()).map((p) => `${p.title} ${p.year} ${p.organisation}`).sort()).toEqual([`Albero performance 2024 2024 ${BODY}`, `Piano della performance 2025 2025 ${BODY}`]);
    await context.close();
  });

  it('the blank template downloaded beside the import, filled in and imported', async () => {
    const { context, page } = await newPage();
    await login(page, 'controller');
    await page.waitForSelector('[data-testid=plan-template] a');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=plan-template] a')]);
    expect(download.suggestedFilename()).toBe('modello-piano.xlsx');
    const downloaded = (await download.path())!;
    const workbook = await readWorkbook(new Uint8Array(readFileSync(downloaded)));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Albero', 'Guida']);
    // Filled in as an office would: found by the headers the sheet gives.
    const sheet = workbook.getWorksheet('Albero')!;
    const heads = (sheet.getRow(1).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
    const rows: Array<Record<string, string>> = [
      { Codice: 'A', Titolo: 'Servizi ai cittadini', Tipo: 'obiettivo' },
      { Codice: 'A.1', Padre: 'A', Titolo: 'Anagrafe digitale', Tipo: 'obiettivo', Struttura: 'UA' },
      { Padre: 'A.1', Titolo: 'Certificati rilasciati online', Tipo: 'indicatore', Peso: '100', Comparatore: '>=', Target: '60%' },
    ];
    rows.forEach((r, n) => {
      const row = sheet.getRow(n + 2);
      for (const [head, value] of Object.entries(r)) row.getCell(heads.indexOf(head)).value = value;
      row.commit();
    });
    // Beside the download, which goes with the browser's context.
    const filled = join(dirname(downloaded), 'piano-2027.xlsx');
    writeFileSync(filled, new Uint8Array(await workbook.xlsx.writeBuffer()));

    await page.setInputFiles('#import-file', filled);
    await page.fill('#import-title-input', 'Piano della performance 2027');
    await page.fill('#import-year', '2027');
    await page.click('text=Controlla il file');
    await expect
      .poll(() => page.locator('[data-testid=import-plan]').innerText())
      .toBe(`Confermando si crea il piano «Piano della performance 2027» 2027 dell’ente «${BODY}»: 1 area strategica, 1 obiettivo, 1 indicatore.`);
    await page.click('text=Conferma l’importazione');
    await page.waitForSelector('[data-testid=tree] [data-code="A.1"]');
    const made = ((await apiAs(context, 'GET', '/api/plans')).body as Array<{ id: string; title: string }>).find((p) => p.title === 'Piano della performance 2027')!;
    const tree = (await apiAs(context, 'GET', `/api/plans/${encodeURIComponent(made.id)}/tree`)).body as {
      objectives: Array<{ code: string; unit: string | null; indicators: Array<{ name: string; targetText: string }> }>;
    };
    const a1 = tree.objectives.find((o) => o.code === 'A.1')!;
    expect(a1.unit).toBe('Ufficio Anagrafe');
    expect(a1.indicators.map((i) => `${i.name} ${i.targetText}`)).toEqual(['Certificati rilasciati online 60,00%']);
    await context.close();
  });
});
