/**
 * What the OIV reads of the year beside the plan, in the browser, in Italian and English: a staff
 * member's appraisal form opened from a shared link says why it is not theirs to read (before, «Non
 * puoi farlo in questa fase», as if the stage were wrong) and keeps the way back to the list; the
 * Relazione validated without a note, reservations or texts says each «Nessuna nota.», «Nessuna
 * riserva.», «Nessun testo scritto.» (before, a single «Nessuno.» under every heading). Real server,
 * fresh SQLite file, axe on both screens.
 */
import { describe, expect, it } from 'vitest';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, apiAs, signedIn, chooseLanguage, staffForm, expectAccessible } = pages(world);

describe('what the OIV reads of the year', { timeout: 240_000 }, () => {
  it("says why a staff member's appraisal form is not the OIV's to read, in the screen's language", async () => {
    const hr = await signedIn('personale');
    const created = await staffForm(hr);

    const { page } = await loggedIn('oiv');
    await page.goto(`${world.server.url}/appraisals/${encodeURIComponent(created.id)}`);
    const refusal = page.getByRole('alert');
    await expect
      .poll(() => refusal.textContent())
      .toBe("Una scheda di valutazione è visibile solo alla persona valutata, al suo valutatore, all'ufficio personale e all'amministratore (l'OIV: le schede dei dirigenti).");
    await expectAccessible(page, "the OIV refused a staff member's form");
    await chooseLanguage(page, 'en');
    await expect.poll(() => refusal.textContent()).toBe('An appraisal form is visible only to the person, their evaluator, HR and the administrator (the OIV: managers’ forms).');
    // Not a dead end: the way back to the list of the forms the OIV may see.
    await page.getByRole('button', { name: /All forms/ }).click();
    await page.waitForSelector('[data-testid=appraisals-page]');
  });

  it('says the validated Relazione has no note, reservations or texts, each in its own words', async () => {
    const [controller, oiv] = [await signedIn('controller'), await signedIn('oiv')];
    for (const to of ['collecting', 'closed']) expect((await apiAs(controller, 'POST', `${planApi()}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${planApi()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const relazione = (await apiAs(oiv, 'GET', `${planApi()}/relazione`)).body;
    const review = await apiAs(oiv, 'PUT', `${planApi()}/relazione/review`, {
      note: '',
      reservations: '',
      checklist: relazione.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes', note: '' })),
      values: [],
      version: relazione.version,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await apiAs(oiv, 'POST', `${planApi()}/relazione/transition`, { to: 'validated' })).status).toBe(200);

    const { page } = await loggedIn('oiv');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    const reservations = page.locator('[data-testid=relazione-reservations-view]');
    await expect.poll(() => reservations.textContent()).toBe('Nessuna riserva.');
    const said = () =>
      Promise.all(['relazione-texts-none', 'relazione-note-view', 'relazione-reservations-view', 'relazione-values-view'].map((id) => page.locator(`[data-testid=${id}]`).textContent()));
    await expect.poll(said).toEqual(['Nessun testo scritto.', 'Nessuna nota.', 'Nessuna riserva.', 'Nessun valore validato diverso da quello rendicontato.']);
    await expectAccessible(page, 'the validated Relazione with nothing written');
    await chooseLanguage(page, 'en');
    await expect.poll(said).toEqual(['No text written.', 'No note.', 'No reservations.', 'No validated value differing from the reported one.']);
  });
});
