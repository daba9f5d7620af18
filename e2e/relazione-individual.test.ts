/**
 * The Relazione's §5 where the office writes it, in the browser: the figures of the year's appraisal
 * forms the documents print before the section's text («3 schede su 4 concluse al <day>»), the forms
 * by category and state, the concluded ones by band, the art. 20 bonuses with the amounts of a band of
 * one person not published, in accessible tables (caption, headers by scope); in Italian and English;
 * axe. Before, the office saw these figures only in the downloaded documents. Real server, fresh
 * SQLite file; the forms and the distribution stored as the workflow and HR's run store them.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Decimal } from '../src/core/index.js';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { formatItalianDate } from '../src/core/italian-date.js';
import { officeDay } from '../src/core/messages/index.js';
import { emptyDocument, FieldProblems, objectivesToDocument, type FormDocument } from '../src/server/appraisal/forms.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { storeDistribution } from '../test/support/distributions.js';
import { e2eWorld, pages } from './pages.js';

const world = e2eWorld({ fixture: true });
const { planApi, loggedIn, signedIn, apiAs, chooseLanguage, expectAccessible } = pages(world);

/** Four staff forms of 2024 on the fixture's plan: three concluded (evaluated, frozen, final), one still a draft. */
async function forms(): Promise<void> {
  const hr = await signedIn('personale');
  const smvp = await apiAs(hr, 'PUT', '/api/smvp/2024?organisation=Ente', { document: exampleSmvpJson('Ente', 2024), reason: 'delibera n. 12' });
  expect(smvp.status, JSON.stringify(smvp.body)).toBe(200);
  const store = await openStore(world.server.database);
  try {
    const unitId = (await store.listUnits())[0]!.id;
    const people: string[] = [];
    for (const name of ['Anna', 'Bruno', 'Carla', 'Dario', 'Capo']) {
      const made = await store.createUser({ username: name.toLowerCase(), displayName: `${name} Rossi`, role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
      if (!made.ok) throw new Error(made.error.message);
      people.push(made.value.id);
    }
    for (let f = 0; f < 4; f++) {
      const created = await store.appraisals.createForm(
        {
          organisation: 'Ente',
          year: 2024,
          personId: people[f]!,
          evaluatorId: people[4]!,
          category: 'personale',
          planId: world.planId,
          document: emptyDocument() as unknown as Record<string, unknown>,
        },
        SYSTEM,
      );
      if (!created.ok) throw new Error(created.error.message);
      if (f === 3) continue;
      const problems = new FieldProblems();
      const objectives = objectivesToDocument(
        [{ id: 'o1', title: 'Pratiche evase', weight: new Decimal(100), comparator: '>=', unit: 'number', target: 10, scoring: null, state: 'measured', actual: 10, reason: null }] as Parameters<
          typeof objectivesToDocument
        >[0],
        2024,
        problems,
      );
      problems.refuseAny();
      const at = '2025-03-01T10:00:00.000Z';
      const doc: FormDocument = {
        ...emptyDocument(),
        assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: '100' }],
        objectives,
        ratings: { C1: 4, C2: 4, C3: 4 },
        acknowledged: { person: at, evaluator: at },
        // Frozen at the evaluation as the workflow freezes it (routes/appraisals.ts `evaluate`).
        evaluation: { at, by: 'capo', smvpVersion: 1, org: { body: '90', units: { [unitId]: '90' }, objectives: { [unitId]: [] } }, score: null, band: null },
        acceptance: { at },
        finalisedAt: at,
      };
      const final = await store.appraisals.updateForm(created.value.id, created.value.version, { state: 'final', document: doc as unknown as Record<string, unknown> }, 'finalise', null, SYSTEM);
      if (!final.ok) throw new Error(final.error.message);
    }
    // One "Eccellente" alone, whose bonus (1.500,17) must not be read; "Adeguato" withheld with it (the rewards' rule).
    await storeDistribution(store, 'Ente', 2024, 'personale', [
      ['Buono', 100_000],
      ['Buono', 120_000],
      ['Buono', 90_000],
      ['Eccellente', 150_017],
      ['Adeguato', 50_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_003],
    ]);
  } finally {
    await store.close();
  }
}

/** A table as read by its rows: each row's cells, header cells included, trimmed. */
const rows = (page: Page, testId: string): Promise<string[][]> =>
  page.locator(`[data-testid=${testId}] tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())));

describe("the Relazione's §5 figures where the office writes it", { timeout: 240_000 }, () => {
  it('shows the forms by state and band and the bonuses above the section’s text, as accessible tables, in Italian and English', async () => {
    await forms();
    const { page } = await loggedIn('controller');
    await page.goto(`${world.server.url}/plans/${encodeURIComponent(world.planId)}/relazione`);
    const figures = page.locator('[data-testid=relazione-individual]');
    await figures.waitFor();
    // Above the section's field, as the documents print the figures before the office's text.
    expect(await figures.locator('xpath=following-sibling::*//textarea[@data-testid="relazione-text-performance-individuale"]').count()).toBe(1);
    const band = (await apiAs(page.context(), 'GET', `${planApi()}/relazione`)).body.individual.bands[0].rows[0].band as string;
    const today = formatItalianDate(officeDay());

    expect(await figures.locator('h3').innerText()).toBe('Dati delle schede di valutazione');
    expect(await figures.locator('[data-testid=relazione-individual-text]').allInnerTexts()).toEqual([
      `3 schede su 4 concluse al ${today}: la valutazione individuale non è ancora conclusa e i dati che seguono sono provvisori.`,
      'Gli importi non pubblicati sono quelli di una fascia di una o due persone, o della fascia da cui si ricaverebbero: così la pubblicazione della distribuzione dei premi (d.lgs. 33/2013, art. 20).',
    ]);
    expect(await figures.locator('caption').allInnerTexts()).toEqual([
      'Schede di valutazione per categoria di personale e stato',
      'Schede concluse per fascia di valutazione: Personale',
      'Premi distribuiti per categoria e fascia (d.lgs. 33/2013, art. 20)',
    ]);
    expect(await rows(page, 'relazione-individual-states')).toEqual([
      ['Categoria', 'Schede', 'Concluse', 'In corso', 'Contestate, in conciliazione'],
      ['Personale', '4', '3', '1', '0'],
    ]);
    const bands = await rows(page, 'relazione-individual-bands-personale');
    expect(bands[0]).toEqual(['Fascia', 'Persone', 'Quota']);
    expect(bands).toContainEqual([band, '3', '100,00%']);
    const bonuses = await rows(page, 'relazione-individual-bonuses');
    expect(bonuses[0]).toEqual(['Categoria', 'Fascia', 'Persone', 'Totale premi (€)', 'Premio medio (€)']);
    // The SMVP's bands, highest first, as the art. 20 table lists them.
    expect(bonuses.slice(1, 4)).toEqual([
      ['Personale', 'Eccellente', '1', 'non pubblicato', 'non pubblicato'],
      ['Personale', 'Buono', '3', '3.100,00', '1.033,33'],
      ['Personale', 'Adeguato', '3', 'non pubblicato', 'non pubblicato'],
    ]);
    // Headers by scope: the columns' and each row's (a screen reader names a figure by both).
    expect(await figures.locator('thead th:not([scope=col])').count()).toBe(0);
    expect(await figures.locator('tbody tr').evaluateAll((trs) => trs.every((tr) => tr.querySelector('th[scope=row]') !== null))).toBe(true);
    expect(await figures.innerText()).not.toMatch(/1\.500,17|Rossi/);
    await expectAccessible(page, "relazione: §5's figures");

    await chooseLanguage(page, 'en');
    await expect.poll(() => figures.locator('h3').innerText()).toBe('Figures of the appraisal forms');
    expect((await figures.locator('[data-testid=relazione-individual-text]').allInnerTexts())[0]).toBe(
      `3 of 4 forms concluded as of ${today}: the individual appraisal is not concluded yet and the figures below are provisional.`,
    );
    expect(await rows(page, 'relazione-individual-states')).toEqual([
      ['Category', 'Forms', 'Concluded', 'In progress', 'Disputed, in conciliation'],
      ['Staff', '4', '3', '1', '0'],
    ]);
    expect(await rows(page, 'relazione-individual-bands-personale')).toContainEqual([band, '3', '100.00%']);
    expect(await rows(page, 'relazione-individual-bonuses')).toContainEqual(['Staff', 'Buono', '3', '3,100.00', '1,033.33']);
    expect(await rows(page, 'relazione-individual-bonuses')).toContainEqual(['Staff', 'Eccellente', '1', 'not published', 'not published']);
    await expectAccessible(page, "relazione: §5's figures in English");
  });
});
