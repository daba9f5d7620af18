/**
 * A referente leaves the entry form with a value typed and its evidence file chosen, not yet sent.
 * Before, the file was gone as soon as the form was (another screen, and back: an empty file
 * field), and a reload lost the value too. Now, while the page lives, both come back; a reload
 * (which the browser asks about first) keeps the value, and names the file to choose again (a page
 * cannot keep a file through a reload); the numbers come back in the screen's notation. After an
 * expired session the referente signing in again finds it; signing out forgets it.
 * Real server, fresh SQLite file, the fixture imported through the API, Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../test/support/files.js';
import { e2eWorld, field, focused, pages, planDrawn } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, openToReferente, referenteOpensPlan, pickIndicator, storedIndicator, chooseLanguage, expectAccessible } = pages(world);
const MID_YEAR = '2024-06-30';
const TYPED = 'A.2.1:1';
const OTHER = 'A.2.1:2';
const NAMES: Record<string, string> = { [TYPED]: 'Attività di informazione e orientamento ai mercati', [OTHER]: 'Capacità di risposta dello sportello internazionalizzazione' };
const FILE = 'verbale-incontri.pdf';
const PDF = tinyPdf('Verbale degli incontri');
const KEPT = {
  it: 'Ripreso quanto scritto qui e non salvato: non è ancora registrato. Controllarlo e premere «Salva».',
  en: 'What you typed here and did not save is back: it is not stored yet. Check it and press “Save”.',
};
const AGAIN = {
  it: `Il file «${FILE}» era stato scelto e non caricato prima che la pagina fosse ricaricata o chiusa: sceglierlo di nuovo e premere «Carica». Non allegarlo`,
  en: `The file “${FILE}” was chosen and not uploaded before the page was reloaded or closed: choose it again and press “Upload”. Do not attach it`,
};

/** The indicator's detail and entry form, the tree filtered to its objective. */
async function pick(page: Page, indicator: string): Promise<void> {
  await pickIndicator(page, indicator, NAMES[indicator]!);
  await page.waitForSelector('#evidence-file');
}

/** The names of the files in the evidence field. */
const fieldFiles = (page: Page) => page.locator('#evidence-file').evaluate((e) => Array.from((e as HTMLInputElement).files ?? [], (f) => f.name));
/** The drafts this browser keeps, by key. */
const keptDrafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('albero.draft.')));

describe('a value and its evidence file left in the entry form', { timeout: 240_000 }, () => {
  it('come back after another screen; the value after a reload, the file named to choose again; after an expired session', async () => {
    const controller = await openToReferente('A.2.1', MID_YEAR);

    const { context, page } = await newPage();
    // Every question the browser asks before unloading the page, accepted (as leaving anyway).
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await referenteOpensPlan(page, MID_YEAR);
    await pick(page, TYPED);
    await page.fill('#entry-actual', '7,5');
    await page.fill('#entry-notes', 'Sette incontri e mezzo, il verbale allegato');
    await page.setInputFiles('#evidence-file', { name: FILE, mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.locator('[data-testid=evidence-file-chosen]').innerText()).toBe(`Scelto e non ancora caricato: «${FILE}» (${PDF.length} B).`);
    expect(await page.locator('[data-testid=evidence-chosen]').innerText()).toBe('Non allegarlo');
    // The file is named once on the panel (before: by the field and again by the panel), and read with the field.
    expect((await page.locator('[data-testid=evidence-files]').innerText()).split(FILE).length - 1).toBe(1);
    expect((await field(page, 'evidence-file')).said).toContain(`Scelto e non ancora caricato: «${FILE}»`);

    // Another screen of the app, and back: the value and the file (before, the file field was empty).
    await page.click('[data-testid=nav-appraisals]');
    await page.waitForSelector('#entry-actual', { state: 'detached' });
    await page.goBack();
    await planDrawn(page);
    await expect.poll(() => page.inputValue('#period')).toBe(MID_YEAR);
    await pick(page, TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7,5');
    expect(await page.inputValue('#entry-notes')).toBe('Sette incontri e mezzo, il verbale allegato');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toBe(KEPT.it);
    expect(await fieldFiles(page)).toEqual([FILE]);
    expect(await page.locator('[data-testid=evidence-file-chosen]').innerText()).toContain(`«${FILE}»`);
    await expectAccessible(page, 'the entry form and a file chosen, back');

    // Another indicator's file chosen, then not wanted: taken back, the focus on the field to choose another.
    await pick(page, OTHER);
    expect(await fieldFiles(page)).toEqual([]);
    await page.setInputFiles('#evidence-file', { name: 'altro.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.click('[data-testid=evidence-drop]');
    await expect.poll(() => page.locator('[data-testid=evidence-chosen]').count()).toBe(0);
    expect(await fieldFiles(page)).toEqual([]);
    await expect.poll(() => focused(page)).toBe('evidence-file');
    await pick(page, TYPED);
    await pick(page, OTHER);
    expect(await fieldFiles(page)).toEqual([]);
    expect(await page.locator('[data-testid=evidence-chosen]').count()).toBe(0);

    // A reload: the browser asks first (a file not sent cannot be kept), then the value is back and the file named.
    await page.reload();
    expect(asked).toEqual(['beforeunload']);
    await planDrawn(page);
    await pick(page, TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7,5');
    expect(await page.inputValue('#entry-notes')).toBe('Sette incontri e mezzo, il verbale allegato');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toBe(KEPT.it);
    await expect.poll(() => page.locator('[data-testid=evidence-again]').innerText()).toBe(AGAIN.it);
    expect(await fieldFiles(page)).toEqual([]);
    expect(await page.locator('#evidence-file').getAttribute('aria-describedby')).toContain('evidence-again');
    expect(await storedIndicator(context, 'A.2.1', TYPED, MID_YEAR)).toMatchObject({ state: 'not_measured' });

    // In English, the form met again: the number in the screen's notation, the words English.
    await pick(page, OTHER);
    await chooseLanguage(page, 'en');
    await pick(page, TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7.5');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toBe(KEPT.en);
    await expect.poll(() => page.locator('[data-testid=evidence-again]').innerText()).toBe(AGAIN.en);
    await expectAccessible(page, 'the entry form back after a reload, a file to choose again');

    // The session gone without signing out (a closed browser): the referente signs in again here and finds it
    // (another account signing in would remove it: e2e/entry-draft-shared-pc.test.ts).
    await context.clearCookies();
    await referenteOpensPlan(page);
    await pick(page, TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('7.5');
    await expect.poll(() => page.locator('[data-testid=evidence-again]').innerText()).toBe(AGAIN.en);
    expect(await keptDrafts(page)).toHaveLength(1);
    // Signing out forgets it.
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#username');
    expect(await keptDrafts(page)).toEqual([]);
    await referenteOpensPlan(page);
    await pick(page, TYPED);
    await expect.poll(() => page.inputValue('#entry-actual')).toBe('');
    expect(await page.locator('[data-testid=entry-message]').count()).toBe(0);
    expect(await page.locator('[data-testid=evidence-again]').count()).toBe(0);
    await Promise.all([controller.close(), context.close()]);
  });
});
