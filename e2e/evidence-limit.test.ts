/**
 * The evidence limit as the server was started (ALBERO_MAX_ATTACHMENT_MB=2, not the default 20): the
 * upload form's hint says it, and a file over it is refused at the field, in the reader's language
 * and in the server's own words for its 413, without being sent; a file under it is attached.
 */
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../test/support/files.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true, env: { ALBERO_MAX_ATTACHMENT_MB: '2' } });
const { referenteAtIndicator, chooseLanguage } = pages(world);

describe('the evidence limit the server was started with', { timeout: 120_000 }, () => {
  it('is said by the hint and refuses a larger file before sending it', async () => {
    const { page } = await referenteAtIndicator('B.2.2:3');
    await page.waitForSelector('#evidence-file-hint');
    await expect.poll(() => page.locator('[data-testid=evidence-files]').innerText()).toContain('Nessun allegato');
    expect(await page.locator('#evidence-file-hint').innerText()).toMatch(/CSV e testo \(\.csv, \.txt\)\. Al massimo 2 MB\.$/);

    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/attachments')) sent.push(r.url());
    });
    // 3 MiB of PDF: over this server's limit, under the default one.
    const big = Buffer.concat([tinyPdf('Verbale'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    await page.setInputFiles('#evidence-file', { name: 'verbale-grande.pdf', mimeType: 'application/pdf', buffer: big });
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe("Il file supera il limite di 2 MB per un'evidenza: non è stato salvato.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('evidence-file');
    expect(await page.getAttribute('#evidence-file', 'aria-invalid')).toBe('true');
    expect(sent).toEqual([]);

    // In English, the same limit in English words.
    await chooseLanguage(page, 'en');
    await expect.poll(() => page.locator('#evidence-file-hint').innerText()).toMatch(/CSV and text \(\.csv, \.txt\)\. At most 2 MB\.$/);
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe('The file is larger than the 2 MB limit for evidence: it was not stored.');
    expect(sent).toEqual([]);

    // A file under the limit is sent and kept.
    await page.setInputFiles('#evidence-file', { name: 'verbale.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Verbale') });
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe('File “verbale.pdf” attached to “N. assessment (sostenibilità, energia)”.');
    expect(sent).toHaveLength(1);
  });
});
