/**
 * The Relazione screen after the OIV's validation, in the browser: the decision dated as the
 * documento di validazione dates it (Italian time, the year in full) and named by the person, not
 * the login; the OIV's note rendered as the documents render their markup, its HTML left as text;
 * and, once the administrator reopens the validated year end, the screen says so (when, by whom,
 * why) and that the validated Relazione keeps the figures it was validated with. Italian and
 * English; axe. Real server, fresh SQLite file, the fixture imported through the API.
 */
import { describe, expect, it } from 'vitest';
import { computedAtText } from '../src/io/report/meta.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, chooseLanguage, expectAccessible } = pages(world);
const YEAR_END = '2024-12-31';
const NOTE = 'Verifica dell’**OIV** sui *dati* di fine anno.\n\n<img src=x onerror="window.injected=1">';

describe('the validated Relazione on screen, and its year end reopened', { timeout: 240_000 }, () => {
  it('dates and names the decision as the documento does, renders the note, and says the reopening', async () => {
    const office = await loggedIn('controller');
    const oiv = await loggedIn('oiv');
    const admin = await loggedIn('admin');
    for (const to of ['collecting', 'closed']) expect((await apiAs(office.context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(office.context, 'POST', `${planApi()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await apiAs(oiv.context, 'GET', `${planApi()}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await apiAs(oiv.context, 'PUT', `${planApi()}/relazione/review`, { note: NOTE, reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    const decided = await apiAs(oiv.context, 'POST', `${planApi()}/relazione/transition`, { to: 'validated' });
    expect(decided.status).toBe(200);
    const decidedAt = new Date(decided.body.decidedAt as string);
    const savedAt = new Date(decided.body.updatedAt as string);

    const { page } = office;
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-frozen]');
    // Before: "Decisione dell’OIV del 04/12/26, 22:21 (oiv)" — the browser's time zone, a two-digit year, the login.
    const day = computedAtText(decidedAt, 'it');
    await expect.poll(() => page.locator('[data-testid=relazione-state] >> xpath=ancestor::section').innerText()).toContain(`Decisione dell’OIV del ${day} (Oscar OIV).`);
    // Who saved last, by name: the OIV's validation was the last write.
    expect(await page.locator('[data-testid=relazione-saved]').innerText()).toBe(`Ultimo salvataggio il ${computedAtText(savedAt, 'it')}, di Oscar OIV.`);
    const documento = await office.context.request.get(`${world.server.url}${planApi()}/relazione/validation?format=html`);
    expect(await documento.text()).toContain(`Data della decisione: ${day}, registrata da Oscar OIV.`);
    // The note as the documents render it: bold and italic, the HTML as text (before: "**OIV**" on screen).
    const note = page.locator('[data-testid=relazione-note-view]');
    await expect.poll(() => note.locator('strong').innerText()).toBe('OIV');
    expect(await note.locator('em').innerText()).toBe('dati');
    expect(await note.innerText()).not.toContain('**');
    expect(await note.innerText()).toContain('<img src=x onerror="window.injected=1">');
    expect(await note.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { injected?: number }).injected)).toBeUndefined();
    expect(await page.locator('[data-testid=relazione-reopened]').count()).toBe(0);

    // The administrator reopens the validated year end: the Relazione stays validated, and says so.
    expect((await apiAs(admin.context, 'POST', `${planApi()}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'rettifica del dato di A.2.1' })).status).toBe(200);
    const reopening = (await apiAs(office.context, 'GET', `${planApi()}/relazione`)).body.reopenedAfterDecision;
    const reopenedAt = new Date(reopening.at as string);
    await page.reload();
    await page.waitForSelector('[data-testid=relazione-frozen]');
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Validata');
    const notice = page.locator('[data-testid=relazione-reopened]');
    await expect
      .poll(async () => (await notice.innerText()).replace(/\n+/g, '\n'))
      .toBe(
        `Il periodo di fine anno (31/12/2024) è stato riaperto dopo la validazione, il ${computedAtText(reopenedAt, 'it')}, da Amministratrice: i suoi valori possono cambiare, ma la Relazione validata conserva i dati con cui è stata validata.\nMotivo della riapertura: rettifica del dato di A.2.1`,
      );
    await expectAccessible(page, 'relazione: validated, its year end reopened');

    await chooseLanguage(page, 'en');
    await expect
      .poll(async () => (await notice.innerText()).replace(/\n+/g, '\n'))
      .toBe(
        `The year-end period (31/12/2024) was reopened after the validation, on ${computedAtText(reopenedAt, 'en')}, by Amministratrice: its values may change, but the validated report keeps the figures it was validated with.\nReason for the reopening: rettifica del dato di A.2.1`,
      );
    expect(await page.locator('[data-testid=relazione-state] >> xpath=ancestor::section').innerText()).toContain(`OIV decision of ${computedAtText(decidedAt, 'en')} (Oscar OIV).`);
    expect(await page.locator('[data-testid=relazione-saved]').innerText()).toBe(`Last saved on ${computedAtText(savedAt, 'en')} by Oscar OIV.`);
  });
});
