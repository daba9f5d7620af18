/**
 * The referente's side of the campaign in a real browser: the controller asks a question on a value
 * of the referente's unit; the referente opens the indicator, attaches a PDF (listed with its hash,
 * downloaded byte for byte), sees a renamed executable refused in Italian, writes the data source,
 * and answers in the comment thread; the controller reads the answer. Axe on the indicator detail.
 * The form's hint and file picker list exactly the types the server accepts (text too); a PDF named
 * .docx is refused saying what it is; the same file twice is said to be there already, marked in the list.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_EXTENSIONS } from '../src/contract/evidence-formats.js';
import { fakeExe, tinyPdf } from '../test/support/files.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, loggedIn, apiAs, openPlan, search, referenteAtIndicator, expectAccessible } = pages(world);

describe('evidence and comments', { timeout: 120_000 }, () => {
  it('a referente attaches a PDF and answers the controller in the thread', async () => {
    const planId = encodeURIComponent(world.planId);
    const controller = await newPage();
    await login(controller.page, 'controller');
    expect((await apiAs(controller.context, 'PATCH', `/api/plans/${planId}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    const thread = `/api/plans/${planId}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/2024-12-31/comments`;
    expect((await apiAs(controller.context, 'POST', thread, { body: 'Potete allegare il verbale del 15/12?' })).status).toBe(201);

    const { page } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:3"] .tree-link');
    await page.waitForSelector('[data-testid=evidence-files]');
    await expect.poll(() => page.locator('[data-testid=evidence-files]').innerText()).toContain('Nessun allegato');

    // A PDF, attached and listed with who and its hash; downloaded, it is the same file.
    const pdf = tinyPdf('Verbale n. 12 del 15/12/2024');
    await page.setInputFiles('#evidence-file', { name: 'verbale-12.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toContain('File «verbale-12.pdf» allegato a «N. assessment (sostenibilità, energia)».');
    const listed = page.locator('[data-testid=evidence-file]');
    await expect.poll(() => listed.count()).toBe(1);
    const sha = createHash('sha256').update(pdf).digest('hex');
    await expect.poll(() => listed.innerText()).toMatch(new RegExp(`verbale-12\\.pdf[\\s\\S]*caricato da Rita Referente[\\s\\S]*SHA-256: ${sha.slice(0, 16)}`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=evidence-file] a')]);
    expect(download.suggestedFilename()).toBe('verbale-12.pdf');
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

    // A program renamed .pdf, sent from the keyboard: refused in Italian, nothing added; the focus
    // goes to the file field, marked invalid and described by the refusal (not lost to the page).
    await page.setInputFiles('#evidence-file', { name: 'verbale-13.pdf', mimeType: 'application/pdf', buffer: fakeExe() });
    await page.focus('[data-testid=evidence-upload]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toContain('è un programma eseguibile o uno script): non è stato salvato.');
    await expect.poll(() => listed.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('evidence-file');
    expect(await page.getAttribute('#evidence-file', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#evidence-file', 'aria-describedby')).toContain('evidence-message');

    // The data source is a field of its own, kept with the value.
    await page.fill('#entry-source', 'Protocollo informatico, estrazione del 10/01/2025');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    await expect.poll(() => page.locator('[data-testid=source]').innerText()).toContain('Protocollo informatico');

    // The controller's question, and the referente's answer below it.
    const comments = page.locator('[data-testid=comment]');
    await expect.poll(() => comments.count()).toBe(1);
    await expect.poll(() => comments.first().innerText()).toMatch(/Carla Controllo[\s\S]*Controllo di gestione[\s\S]*Potete allegare il verbale del 15\/12\?/);
    await page.click('[data-testid=comment-send]');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Scrivere il testo del commento.' }).count()).toBe(1);
    await page.fill('#comment-text', 'Allegato il verbale n. 12.');
    await page.click('[data-testid=comment-send]');
    await expect.poll(() => comments.count()).toBe(2);
    await expect.poll(() => comments.nth(1).innerText()).toMatch(/Rita Referente[\s\S]*Referente[\s\S]*Allegato il verbale n\. 12\./);
    await expectAccessible(page, 'indicator detail with evidence and comments');

    const answers = (await apiAs(controller.context, 'GET', thread)).body;
    expect(answers.map((c: { author: string; body: string }) => `${c.author}: ${c.body}`)).toEqual(['controllo: Potete allegare il verbale del 15/12?', 'referente: Allegato il verbale n. 12.']);
    const files = (await apiAs(controller.context, 'GET', `/api/plans/${planId}/indicators/${encodeURIComponent('B.2.2:3')}/measurements/2024-12-31/attachments`)).body;
    expect(files).toEqual([expect.objectContaining({ name: 'verbale-12.pdf', sha256: sha, mediaType: 'application/pdf', uploadedBy: 'referente' })]);
  });

  it('shows no files or thread to those who may not read them: HR, the referente of another unit', async () => {
    for (const who of ['personale', 'referente'] as const) {
      const { page } = await loggedIn(who);
      await openPlan(page);
      await search(page, 'A.1.1');
      await page.click('[data-indicator="A.1.1:1"] .tree-link');
      // Attached, not visible: once both lists are refused the panels' fieldset is empty, hence hidden.
      await page.waitForSelector('[data-testid=indicator-panels]', { state: 'attached' });
      // The panels read their lists first (403 to these readers): then nothing of them is shown, no refusal either.
      await expect.poll(() => page.locator('[data-testid=indicator-panels]').innerText(), { timeout: 5000 }).not.toContain('Caricamento');
      expect(await page.locator('[data-testid=evidence-files]').count(), who).toBe(0);
      expect(await page.locator('[data-testid=comments]').count(), who).toBe(0);
      expect(await page.locator('[data-testid=indicator-panels] .text-danger').count(), who).toBe(0);
    }
  });

  it('lists exactly the accepted types, refuses a PDF named .docx, and says a file sent twice is there already', async () => {
    const { page } = await referenteAtIndicator('B.2.2:3');
    await page.waitForSelector('#evidence-file-hint');
    const listed = page.locator('[data-testid=evidence-file]');
    await expect.poll(() => page.locator('[data-testid=evidence-files]').innerText()).not.toContain('Caricamento');
    const before = await listed.count();

    // The hint and the picker say the server's list, text included, and nothing else.
    expect(await page.locator('#evidence-file-hint').innerText()).toBe(
      'Tipi accettati: PDF (.pdf); immagini (.png, .jpg, .jpeg, .gif, .webp, .tif, .tiff); Word, Excel e PowerPoint (.doc, .xls, .ppt, .docx, .xlsx, .pptx); OpenDocument (.odt, .ods, .odp); CSV e testo (.csv, .txt). Al massimo 20 MB.',
    );
    expect(await page.getAttribute('#evidence-file', 'accept')).toBe(EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(','));

    // A PDF named as a Word document: refused at the field, saying what it is and how to name it.
    await page.setInputFiles('#evidence-file', { name: 'x.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: tinyPdf('Non sono Word') });
    await page.click('[data-testid=evidence-upload]');
    await expect
      .poll(() => page.locator('[data-testid=evidence-message]').innerText())
      .toBe('Il file «x.docx» è un PDF, non un file .docx come dice il nome: rinominalo «x.pdf» e caricalo di nuovo: non è stato salvato.');
    expect(await page.getAttribute('#evidence-file', 'aria-invalid')).toBe('true');
    await expect.poll(() => listed.count()).toBe(before);

    // A plain-text note is evidence; sent again (a second click, another name), it is there already:
    // said as news, the file that holds it marked, nothing added.
    const note = Buffer.from('Estrazione dal protocollo del 10/01/2025: 45 pratiche.\n', 'utf8');
    await page.setInputFiles('#evidence-file', { name: 'nota.txt', mimeType: 'text/plain', buffer: note });
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe('File «nota.txt» allegato a «N. assessment (sostenibilità, energia)».');
    await expect.poll(() => listed.count()).toBe(before + 1);
    await page.setInputFiles('#evidence-file', { name: 'nota (1).txt', mimeType: 'text/plain', buffer: note });
    await page.click('[data-testid=evidence-upload]');
    const said = page.locator('[data-testid=evidence-message]');
    await expect
      .poll(() => said.innerText())
      .toMatch(/^Il file «nota \(1\)\.txt» è già allegato a questo valore come «nota\.txt» \(stesso contenuto, caricato da Rita Referente il .*\): non è stato salvato una seconda volta\.$/);
    expect(await said.getAttribute('role')).toBe('status');
    expect(await page.getAttribute('#evidence-file', 'aria-invalid')).toBeNull();
    await expect.poll(() => listed.count()).toBe(before + 1);
    const marked = page.locator('[data-testid=evidence-file][data-already]');
    expect(await marked.count()).toBe(1);
    expect(await marked.innerText()).toMatch(/^nota\.txt già allegato/);
    await expectAccessible(page, 'evidence form after a file sent twice');
  });
});
