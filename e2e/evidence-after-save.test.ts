/**
 * A value saved with its evidence file chosen and not yet sent. A save moves the detail on to the
 * next indicator to fill; the file chosen went with the panel, unsaid, and the referente pressing
 * «Carica» after the move (the file chosen again, or chosen after the save) attached the next
 * indicator's evidence. Here a save with a file chosen stays on the value, says the file is still to
 * send and puts the focus on «Carica», which attaches it to the saved indicator; a save without
 * one moves on as before, and the upload field and its message name the indicator they attach to.
 * A save that changes nothing with a file chosen names the file and says it was not attached.
 */
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../test/support/files.js';
import { e2eWorld, focused, pages, pickPeriod } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search } = pages(world);
const PERIOD = '2024-06-30';
const FIRST = 'N. eventi di informazione e sensibilizzazione (seminari, webinar, incontri di formazione, ecc.)';
const SECOND = 'N. incontri one to one';

describe('evidence chosen before a save', { timeout: 180_000 }, () => {
  it('stays with the value saved, and the upload says which indicator it attaches to', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    const files = async (indicator: string) =>
      ((await apiAs(ctl.context, 'GET', `${plan}/indicators/${encodeURIComponent(indicator)}/measurements/${PERIOD}/attachments`)).body as Array<{ name: string }>).map((f) => f.name);

    const { page } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await pickPeriod(page, PERIOD);
    await search(page, 'B.2.2');
    await page.click('[data-indicator="B.2.2:1"] .tree-link');
    await page.waitForSelector('#entry-actual');
    expect(await page.locator('label.form-label[for=evidence-file]').innerText()).toBe(`Allega un file a «${FIRST}»`);

    // The value typed, its file chosen, then «Salva».
    await page.selectOption('#entry-state', 'measured');
    await page.fill('#entry-actual', '3');
    await page.setInputFiles('#evidence-file', { name: 'locandina-seminari.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Seminari 2024') });
    await page.click('[data-testid=entry-save]');
    await expect
      .poll(() => page.locator('[data-testid=entry-message]').innerText())
      .toBe(`Salvato «${FIRST}»: l’albero è stato ricalcolato. Il file «locandina-seminari.pdf» scelto non è ancora allegato: premere «Carica».`);
    expect(await page.locator('#detail-title').innerText()).toBe(FIRST);
    await expect.poll(() => focused(page)).toBe('evidence-upload');
    expect(await page.locator('#evidence-file').evaluate((e) => (e as HTMLInputElement).files?.length)).toBe(1);

    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe(`File «locandina-seminari.pdf» allegato a «${FIRST}».`);
    expect(await files('B.2.2:1')).toEqual(['locandina-seminari.pdf']);

    // Saved again as it stands, another file chosen: nothing changed, and the file is named as NOT
    // attached (before, «Nessuna modifica» alone let it seem sent with the save); «Carica» has the focus.
    await page.setInputFiles('#evidence-file', { name: 'foglio-presenze.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Presenze 2024') });
    await page.click('[data-testid=entry-save]');
    await expect
      .poll(() => page.locator('[data-testid=entry-message]').innerText())
      .toBe(
        'Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla. Il file «foglio-presenze.pdf» scelto NON è stato allegato: il salvataggio non invia i file. Premere «Carica» per allegarlo.',
      );
    await expect.poll(() => focused(page)).toBe('evidence-upload');
    expect(await files('B.2.2:1')).toEqual(['locandina-seminari.pdf']);
    await page.click('[data-testid=evidence-upload]');
    await expect.poll(() => page.locator('[data-testid=evidence-message]').innerText()).toBe(`File «foglio-presenze.pdf» allegato a «${FIRST}».`);
    expect((await files('B.2.2:1')).sort()).toEqual(['foglio-presenze.pdf', 'locandina-seminari.pdf']);

    // Saved again with no file chosen: on to the next indicator, whose upload field names it.
    await page.fill('#entry-actual', '4');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('#detail-title').innerText()).toBe(SECOND);
    expect(await page.locator('label.form-label[for=evidence-file]').innerText()).toBe(`Allega un file a «${SECOND}»`);
    expect((await files('B.2.2:1')).sort()).toEqual(['foglio-presenze.pdf', 'locandina-seminari.pdf']);
    expect(await files('B.2.2:2')).toEqual([]);
    await Promise.all([ctl.context.close(), page.context().close()]);
  });
});
