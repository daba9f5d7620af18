/**
 * What was typed on the Relazione's screen and not saved goes with the step that sends it on: the
 * office's texts when it sends the Relazione to the OIV, the OIV's review when it decides. Before,
 * the step left with the stored (empty) texts and review and the typed words vanished from the
 * screen: an OIV could validate a Relazione whose checks and note were never recorded. A step the
 * server refuses is said in the screen's words and language, not in the server's sentence.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, chooseLanguage } = pages(world);

describe('the Relazione keeps what was typed when it is sent on', { timeout: 180_000 }, () => {
  const open = async (who: 'controller' | 'oiv') => {
    const { context, page } = await loggedIn(who);
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    await page.waitForSelector('[data-testid=relazione-page]');
    return { context, page };
  };

  it("says a refusal in the screen's words, not the server's sentence", async () => {
    const { context, page } = await open('controller');
    // The year-end period is still open: the server refuses to send the Relazione on.
    const periods = (await apiAs(context, 'GET', `${planApi()}/periods`)).body as Array<{ id: string; label: string }>;
    const label = periods.find((p) => p.id === '2024-12-31')!.label;
    await page.click('[data-testid=relazione-transmit]');
    await page.click('[data-testid=relazione-transmit-anyway]');
    await expect
      .poll(() => page.locator('[data-testid=relazione-message]').innerText())
      .toBe(`Prima di trasmettere la Relazione all’OIV chiudere il periodo di fine anno (${label}): i suoi dati devono essere definitivi.`);
    await chooseLanguage(page, 'en');
    await page.click('[data-testid=relazione-transmit]');
    await page.click('[data-testid=relazione-transmit-anyway]');
    await expect.poll(() => page.locator('[data-testid=relazione-message]').innerText()).toBe(`Close the year-end period (${label}) before sending the report to the OIV: its figures must be final.`);
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Draft');
  });

  it('the office sends the Relazione with the text it typed and did not save', async () => {
    const { context, page } = await open('controller');
    for (const to of ['collecting', 'closed']) expect((await apiAs(context, 'POST', `${planApi()}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    await page.fill('#relazione-text-presentazione', 'Presentazione scritta e non salvata.');
    await page.click('[data-testid=relazione-transmit]');
    // The sections nobody wrote are named, the one just typed is not; nothing leaves until confirmed.
    await expect
      .poll(() => page.locator('[data-testid=relazione-empty-sections] li').allInnerTexts())
      .toEqual(['2.1 Il contesto esterno', '2.2 L’organizzazione', '2.3 Le risorse umane ed economiche', '5 La performance individuale', '6 Il processo di redazione']);
    await page.click('[data-testid=relazione-keep-writing]');
    expect(await page.locator('[data-testid=relazione-empty-sections]').count()).toBe(0);
    expect((await apiAs(context, 'GET', `${planApi()}/relazione`)).body.state).toBe('draft');
    await page.click('[data-testid=relazione-transmit]');
    await page.click('[data-testid=relazione-transmit-anyway]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    await expect.poll(() => page.locator('[data-testid=relazione-text-view-presentazione]').innerText()).toContain('Presentazione scritta e non salvata.');
    const stored = await apiAs(context, 'GET', `${planApi()}/relazione`);
    expect(stored.body.texts.presentazione).toBe('Presentazione scritta e non salvata.');
  });

  it('the OIV decides with the review it typed and did not save', async () => {
    const { context, page } = await open('oiv');
    await page.selectOption('#relazione-point-outcome-0', 'yes');
    await page.fill('#relazione-note', 'Dati coerenti con il piano.');
    await page.fill('#relazione-reservations', 'Evidenze incomplete per B.1.');
    await page.click('[data-testid=relazione-add-value]');
    await page.fill('#relazione-value-code-0', 'B.1');
    await page.fill('#relazione-value-validated-0', '50,5');
    await page.fill('#relazione-value-note-0', 'Un indicatore senza evidenza');
    // A check left "non valutato" is said at its outcome, with the focus, and nothing is sent
    // (before: the Relazione was validated with three checks never made).
    await page.click('[data-testid=relazione-decide-validated_with_reservations]');
    await expect.poll(() => page.locator('[data-testid=relazione-point-outcome-1-error]').innerText()).toBe('Indicare l’esito: la validazione registra l’esito di ogni verifica.');
    expect(await page.getAttribute('#relazione-point-outcome-1', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-point-outcome-1');
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    for (const i of [1, 2]) await page.selectOption(`#relazione-point-outcome-${i}`, 'yes');
    expect(await page.getAttribute('#relazione-point-outcome-1', 'aria-invalid')).toBeNull();
    // A check answered "no" is no plain validation: said at its outcome, with the focus, nothing sent
    // (before: "validata" with "Attendibilità dei dati: no" in the documento di validazione).
    await page.selectOption('#relazione-point-outcome-3', 'no');
    await page.click('[data-testid=relazione-decide-validated]');
    await expect.poll(() => page.locator('[data-testid=relazione-point-outcome-3-error]').innerText()).toBe('Esito negativo: validare con riserva, indicandola, o non validare.');
    expect(await page.getAttribute('#relazione-point-outcome-3', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relazione-point-outcome-3');
    expect(await page.locator('[data-testid=relazione-state]').innerText()).toBe('Trasmessa all’OIV');
    // No "Salva l'esame": the decision itself carries the review (with reservations, which it needs).
    await page.click('[data-testid=relazione-decide-validated_with_reservations]');
    await expect.poll(() => page.locator('[data-testid=relazione-state]').innerText()).toBe('Validata con riserva');
    await expect.poll(() => page.locator('[data-testid=relazione-reservations-view]').innerText()).toContain('Evidenze incomplete per B.1.');
    const stored = (await apiAs(context, 'GET', `${planApi()}/relazione`)).body;
    expect(stored.state).toBe('validated_with_reservations');
    expect(stored.note).toBe('Dati coerenti con il piano.');
    expect(stored.checklist.map((p: { outcome: string }) => p.outcome)).toEqual(['yes', 'yes', 'yes', 'no']);
    expect(stored.values).toEqual([{ code: 'B.1', validated: 50.5, note: 'Un indicatore senza evidenza', deliberate: false, fromChildren: null, reported: 56 }]);
  });
});
