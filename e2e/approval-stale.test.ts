/**
 * An approved value in the browser: the referente's evidence panel offers no «Rimuovi» on its files
 * and no upload, and says why (approved by whom, when; files removed or added once sent back or
 * changed), before anything is pressed; the referente changes the value in the entry form and the
 * files may be removed and added again; the
 * controller's worklist shows the value «Da rivedere», changed after their approval, and approves it
 * again. Italian and English; axe on the panel saying why.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, search, chooseLanguage, openToReferente, signedIn, expectAccessible, attachPdf } = pages(world);
const PERIOD = '2024-09-30';
const INDICATOR = 'B.2.2:2';

describe('a value changed after its approval', { timeout: 180_000 }, () => {
  it('keeps an approved value’s files without offering their removal, and shows the changed value to review again', async () => {
    const controller = await openToReferente('B.2.2', PERIOD);
    // Adopted, in force: a draft's worklist has no value to collect.
    expect((await apiAs(controller, 'POST', `/api/plans/${encodeURIComponent(world.planId)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    const referente = await signedIn('referente');
    const value = `/api/plans/${encodeURIComponent(world.planId)}/indicators/${encodeURIComponent(INDICATOR)}/measurements/${PERIOD}`;
    expect((await apiAs(referente, 'PUT', value, { state: 'measured', actual: 9, version: 0 })).status).toBe(200);
    await attachPdf(referente, value, 'registro-incontri.pdf', 'Registro incontri');
    const approved = await apiAs(controller, 'POST', `${value}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status).toBe(201);

    // The referente's evidence panel: the file listed, no «Rimuovi», no upload, and why.
    const { page } = await newPage();
    await login(page, 'referente');
    await openPlan(page);
    await page.selectOption('#period', PERIOD);
    await search(page, 'B.2.2');
    await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
    await page.waitForSelector('[data-testid=evidence-files]');
    const files = page.locator('[data-testid=evidence-file]');
    await expect.poll(() => files.count()).toBe(1);
    const why = page.locator('[data-testid=evidence-approved]');
    await expect
      .poll(() => why.innerText())
      .toMatch(
        /^Valore approvato da Carla Controllo il \d\d\/\d\d\/\d{4} \d\d:\d\d con questi allegati: restano come sono stati approvati, e non se ne possono rimuovere né aggiungere\. Si potranno rimuovere o aggiungere allegati se il valore viene rimandato per un’integrazione o modificato \(torna da rivedere\)\.$/,
      );
    expect(await files.getByRole('button', { name: /Rimuovi/ }).count()).toBe(0);
    const uploads = page.locator('[data-testid=evidence-upload]');
    expect(await uploads.count()).toBe(0);
    expect(await page.locator('#evidence-file').count()).toBe(0);
    await expectAccessible(page, 'evidence of an approved value');
    await chooseLanguage(page, 'en');
    await expect
      .poll(() => why.innerText())
      .toMatch(/^Value approved by Carla Controllo on \d\d\/\d\d\/\d{4} \d\d:\d\d with these files: they stay as approved, and none can be removed or added\. Files can be removed or added once/);
    expect(await files.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    expect(await uploads.count()).toBe(0);
    await chooseLanguage(page, 'it');

    // The referente changes the approved figure: the files may be corrected and added again.
    await page.fill('#entry-actual', '11');
    await page.click('[data-testid=entry-save]');
    await expect.poll(() => page.locator('[data-testid=entry-message]').innerText()).toContain('Salvato');
    // The form moved on to the next indicator: back to this one.
    await page.click(`[data-indicator="${INDICATOR}"] .tree-link`);
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain('N. incontri');
    await expect.poll(() => files.getByRole('button', { name: 'Rimuovi registro-incontri.pdf' }).count()).toBe(1);
    expect(await why.count()).toBe(0);
    await expect.poll(() => uploads.count()).toBe(1);

    // The controller's worklist: the value to review again, changed after their approval.
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=worklist-toggle]');
    const row = ctl.page.locator(`[data-testid=worklist-table] tr[data-indicator="${INDICATOR}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('entered');
    await expect.poll(() => row.locator('.badge').first().innerText()).toBe('Da rivedere');
    await expect.poll(() => row.locator('[data-testid=superseded-approval]').innerText()).toMatch(/^Modificato dopo l’approvazione di Carla Controllo del \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await chooseLanguage(ctl.page, 'en');
    await expect.poll(() => row.locator('.badge').first().innerText()).toBe('To be reviewed');
    await expect.poll(() => row.locator('[data-testid=superseded-approval]').innerText()).toMatch(/^Changed after the approval by Carla Controllo on \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    // Approved again, as it now is.
    await row.locator('[data-testid=approve]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('approved');
    expect(await row.locator('[data-testid=superseded-approval]').count()).toBe(0);
  });
});
