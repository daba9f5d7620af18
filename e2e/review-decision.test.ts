/**
 * The controller decides on what they see, in the browser: the worklist row of a value shows it as
 * entered (in the screen's notation), the target, the note, the data source and the evidence (its
 * words and its file, a download); a value sent back and corrected is explained by the referente on
 * its row (one answer after the correction, before refused: «non c'è una richiesta di integrazione
 * aperta»), and the controller reads that answer; the thread names people («Richiesta di Carla
 * Controllo»), not usernames. Italian and English; axe on the list with a value shown.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, openPlan, chooseLanguage, expectAccessible, attachPdf } = pages(world);
const PERIOD = '2024-09-30';
const INDICATOR = 'B.2.2:2';

describe('reviewing a value with what was entered', { timeout: 180_000 }, () => {
  it('shows the value, target, note, source and evidence on the row; a corrected value is explained, and the thread names people', async () => {
    const ctl = await newPage();
    await login(ctl.page, 'controller');
    const plan = `/api/plans/${encodeURIComponent(world.planId)}`;
    const value = `${plan}/indicators/${encodeURIComponent(INDICATOR)}/measurements/${PERIOD}`;
    expect((await apiAs(ctl.context, 'PATCH', `${plan}/nodes/B.2.2`, { unit: 'Ufficio Transizione' })).status).toBe(200);
    // Adopted, in force: a draft's worklist has no value to collect.
    expect((await apiAs(ctl.context, 'POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await apiAs(ctl.context, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);

    // The referente enters the value with its note, source and evidence, and attaches a file.
    const ref = await newPage();
    await login(ref.page, 'referente');
    const saved = await apiAs(ref.context, 'PUT', value, {
      state: 'measured',
      actual: 1587.5,
      notes: 'Dato provvisorio',
      source: 'Registro incontri',
      evidence: 'Verbale n. 12',
      version: 0,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await attachPdf(ref.context, value, 'incontri-settembre.pdf', 'Incontri di settembre');

    // The controller's row: the value as entered, the target, the note, the source, the evidence and its file.
    await openPlan(ctl.page);
    await ctl.page.click('[data-testid=worklist-toggle]');
    const row = ctl.page.locator(`[data-testid=worklist-table] tr[data-indicator="${INDICATOR}"]`);
    const shown = async () => (await row.locator('[data-testid=worklist-value]').innerText()).replace(/\s+/g, ' ').trim();
    await expect.poll(shown).toBe('1.587,50 Target ≥ 10 Note: Dato provvisorio Fonte: Registro incontri Evidenze: Verbale n. 12, incontri-settembre.pdf');
    const link = row.locator('[data-testid=worklist-evidence] a');
    expect(await link.getAttribute('download')).toBe('incontri-settembre.pdf');
    const file = await ctl.context.request.get(`${world.server.url}${(await link.getAttribute('href'))!}`);
    expect([file.status(), (await file.body()).subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    await expectAccessible(ctl.page, 'worklist with values');
    await chooseLanguage(ctl.page, 'en');
    await expect.poll(shown).toBe('1,587.50 Target ≥ 10 Notes: Dato provvisorio Source: Registro incontri Evidence: Verbale n. 12, incontri-settembre.pdf');
    await chooseLanguage(ctl.page, 'it');

    // Sent back; the referente reads who asked by their name.
    await row.locator('[data-testid=send-back]').click();
    await row.locator('[data-testid=review-note]').fill('Il numero non torna con il registro');
    await row.locator('button[type=submit]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('returned');
    await openPlan(ref.page);
    await ref.page.click('[data-testid=worklist-toggle]');
    const mine = ref.page.locator(`[data-testid=worklist-table] tr[data-indicator="${INDICATOR}"]`);
    await expect.poll(() => mine.locator('[data-testid=request-note]').innerText()).toBe('Richiesta di Carla Controllo: Il numero non torna con il registro');

    // The referente corrects the value, then says why on its row: the answer is taken.
    const version = (await apiAs(ref.context, 'GET', `${value}/reviews`)).body.version as number;
    expect((await apiAs(ref.context, 'PUT', value, { state: 'measured', actual: 12, version })).status).toBe(200);
    await ref.page.reload();
    await ref.page.click('[data-testid=worklist-toggle]');
    await expect.poll(() => mine.getAttribute('data-state')).toBe('entered');
    await expect.poll(() => mine.locator('[data-testid=corrected-request]').innerText()).toBe('Corretto dopo la richiesta di Carla Controllo: Il numero non torna con il registro');
    await mine.locator('[data-testid=answer]').click();
    await mine.locator('[data-testid=review-note]').fill('Contati anche gli incontri online');
    await mine.locator('button[type=submit]').click();
    await expect.poll(() => mine.locator('[data-testid=answer-note]').innerText()).toBe('Risposta di Rita Referente: Contati anche gli incontri online');
    expect(await ref.page.locator('[data-testid=worklist] [role=alert]').count()).toBe(0);
    // Answered once: the button is gone.
    expect(await mine.locator('[data-testid=answer]').count()).toBe(0);

    // The controller reads the corrected value with its explanation, and approves it.
    await ctl.page.reload();
    await ctl.page.click('[data-testid=worklist-toggle]');
    await expect.poll(() => row.locator('[data-testid=answer-note]').innerText()).toBe('Risposta di Rita Referente: Contati anche gli incontri online');
    await expect.poll(() => row.locator('[data-testid=worklist-actual]').innerText()).toBe('12');
    await chooseLanguage(ctl.page, 'en');
    await expect.poll(() => row.locator('[data-testid=answer-note]').innerText()).toBe('Answer by Rita Referente: Contati anche gli incontri online');
    await row.locator('[data-testid=approve]').click();
    await expect.poll(() => row.getAttribute('data-state')).toBe('approved');
  });
});
