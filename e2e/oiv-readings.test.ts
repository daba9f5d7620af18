/**
 * What the OIV reads of the year beside the plan, in the browser, in Italian and English: a staff
 * member's appraisal form opened from a shared link says why it is not theirs to read (before, «Non
 * puoi farlo in questa fase», as if the stage were wrong) and keeps the way back to the list; the
 * Relazione validated without a note, reservations or texts says each «Nessuna nota.», «Nessuna
 * riserva.», «Nessun testo scritto.» (before, a single «Nessuno.» under every heading). Real server,
 * fresh SQLite file, axe on both screens.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { e2eWorld, pages } from './pages.js';
import { ACCOUNTS } from './server.js';

const world = e2eWorld({ fixture: true });
const { newPage, login, apiAs, signedIn, chooseLanguage, expectAccessible } = pages(world);
const UNIT = ACCOUNTS.referente.units[0]!;

describe('what the OIV reads of the year', { timeout: 240_000 }, () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });
  const plan = () => `/api/plans/${encodeURIComponent(world.planId)}`;

  it("says why a staff member's appraisal form is not the OIV's to read, in the screen's language", async () => {
    const [controller, hr] = [await signedIn('controller'), await signedIn('personale')];
    contexts.push(controller, hr);
    const organisation = (await apiAs(controller, 'GET', plan())).body.organisation as string;
    expect((await apiAs(hr, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
    const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;
    const unitId = ((await apiAs(hr, 'GET', '/api/units')).body as { id: string; name: string }[]).find((u) => u.name === UNIT)!.id;
    const created = await apiAs(hr, 'POST', '/api/appraisals', {
      year: 2024,
      personId: id(ACCOUNTS.referente.username),
      evaluatorId: id(ACCOUNTS.dirigente.username),
      category: 'personale',
      planId: world.planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const { context, page } = await newPage();
    contexts.push(context);
    await login(page, 'oiv');
    await page.goto(`${world.server.url}/appraisals/${encodeURIComponent(created.body.id)}`);
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
    contexts.push(controller, oiv);
    for (const to of ['collecting', 'closed']) expect((await apiAs(controller, 'POST', `${plan()}/periods/2024-12-31/transition`, { to })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan()}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const relazione = (await apiAs(oiv, 'GET', `${plan()}/relazione`)).body;
    const review = await apiAs(oiv, 'PUT', `${plan()}/relazione/review`, {
      note: '',
      reservations: '',
      checklist: relazione.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes', note: '' })),
      values: [],
      version: relazione.version,
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await apiAs(oiv, 'POST', `${plan()}/relazione/transition`, { to: 'validated' })).status).toBe(200);

    const { context, page } = await newPage();
    contexts.push(context);
    await login(page, 'oiv');
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
