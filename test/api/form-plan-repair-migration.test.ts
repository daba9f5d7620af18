/**
 * Migration 83 on SQLite and PostgreSQL: a database of before (migrated up to 82) whose plans were
 * deleted before a deletion moved their appraisal forms, so the forms name a plan that is not there
 * (GET answered 404). Migrated on, a form not evaluated goes to its body's remaining plan of the year
 * (the store's rule: in use, published, newest), an evaluated one names no plan and shows what it
 * froze, one with no plan left of its body and year names none and its body is listed as stranded;
 * each on the appraisals' trail by the program, the deleted plan before. Read through the API.
 */
import { describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import { startTestServer, type Backend } from './harness.js';

const AT = '2024-02-01T00:00:00.000Z';
const SETTINGS = JSON.stringify(settingsToJson(DEFAULT_SETTINGS));

async function plan(db: Db, id: string, organisation: string, options: { published?: boolean; archived?: boolean; created?: string } = {}): Promise<void> {
  if ((await db.all(`SELECT 1 FROM organisations WHERE name = ?`, [organisation])).length === 0)
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)`, [`org-${organisation}`, organisation, AT]);
  await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, created_at, updated_at, archived_at) VALUES (?, ?, ?, 2024, 'plan', ?, ?, ?, ?, ?)`, [
    id,
    `org-${organisation}`,
    `Piano ${id}`,
    options.published === true ? 1 : 0,
    SETTINGS,
    options.created ?? AT,
    AT,
    options.archived === true ? AT : null,
  ]);
  await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES (?, 'fine', 'Fine anno', '2024-12-31', 'collecting', ?)`, [id, AT]);
}

/** A plan deleted by the code of before: gone, its deletion on the plans' trail. */
async function deletedPlan(db: Db, id: string, organisation: string): Promise<void> {
  await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after) VALUES (?, 'controller', 'delete', 'plan', ?, ?, ?, NULL)`, [
    AT,
    id,
    id,
    JSON.stringify({ title: `Piano ${id}`, year: 2024, organisation, version: 'plan' }),
  ]);
}

async function form(db: Db, id: string, organisation: string, planId: string, state: string, evaluation: unknown = null): Promise<void> {
  const document = { assignments: [], objectives: [], ratings: {}, evaluation };
  await db.run(
    `INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES (?, ?, 2024, ?, 'e1', 'eq', ?, ?, ?, 3, ?, ?)`,
    [id, organisation, `p-${id}`, planId, state, JSON.stringify(document), AT, AT],
  );
}

describe.each<Backend>(['sqlite', 'postgres'])('migration 83 (forms naming a deleted plan) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('moves those not evaluated to the body’s remaining plan, keeps the evaluated ones’ figures, and lists a body with no plan left', async () => {
    const database = await old.database();
    const db = database.open();
    await migrate(db, 82);
    for (const id of ['e1', 'p-f-bozza', 'p-f-valutata', 'p-f-senza-fonte', 'p-f-sola'])
      await db.run(`INSERT INTO users (id, username, display_name, role, units, password_hash, created_at) VALUES (?, ?, ?, 'referente', '[]', 'h', ?)`, [id, id, id.toUpperCase(), AT]);
    for (const body of ['Comune di Uno', 'Comune di Due'])
      await db.run(`INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES (?, 2024, 1, ?, 'delibera', ?, 'personale')`, [
        body,
        JSON.stringify(exampleSmvpJson(body, 2024)),
        AT,
      ]);
    // Comune di Uno: three plans remain (an archived one, a published one, a newer draft); the published one takes the forms.
    await plan(db, 'p-archiviato', 'Comune di Uno', { published: true, archived: true, created: '2024-03-01T00:00:00.000Z' });
    await plan(db, 'p-pubblicato', 'Comune di Uno', { published: true });
    await plan(db, 'p-bozza', 'Comune di Uno', { created: '2024-02-15T00:00:00.000Z' });
    await deletedPlan(db, 'p-andato', 'Comune di Uno');
    await form(db, 'f-bozza', 'Comune di Uno', 'p-andato', 'assigned');
    const evaluation = { at: AT, by: 'e1', smvpVersion: 1, org: { body: '72.5', units: {}, source: { kind: 'reported', relazione: null } }, score: '72.5', band: null };
    await form(db, 'f-valutata', 'Comune di Uno', 'p-andato', 'final', evaluation);
    // Evaluated before the source was kept: it took the reported figures.
    const { source: _kept, ...unsourced } = evaluation.org;
    await form(db, 'f-senza-fonte', 'Comune di Uno', 'p-andato', 'accepted', { ...evaluation, org: unsourced });
    // Comune di Due: its only plan of the year was deleted.
    await deletedPlan(db, 'p-solo', 'Comune di Due');
    await form(db, 'f-sola', 'Comune di Due', 'p-solo', 'draft');
    await db.close();

    const t = await startTestServer(backend, { location: database.location });
    try {
      const hr = await t.as('personale');
      const moved = await hr.get('/api/appraisals/f-bozza?lang=it');
      expect(moved.status, moved.text).toBe(200);
      expect([moved.body.planId, moved.body.version]).toEqual(['p-pubblicato', 4]);
      const frozen = await hr.get('/api/appraisals/f-valutata?lang=it');
      expect(frozen.status, frozen.text).toBe(200);
      expect([frozen.body.planId, frozen.body.result.frozen, frozen.body.version]).toEqual([null, true, 4]);
      // Its frozen figure and where it came from, as evaluated.
      expect(frozen.body.result.components[0]).toMatchObject({ kind: 'body', score: 72.5 });
      expect(frozen.body.result.org).toEqual({ source: { kind: 'reported', relazione: null }, text: 'Risultati organizzativi: valori rendicontati' });
      expect(frozen.body.result.score).toBe(72.5);
      // The screen's sentence: the plan was deleted after the evaluation, the frozen figures stand.
      expect(frozen.body.planDeleted).toEqual({
        planId: 'p-andato',
        title: 'Piano p-andato',
        text: 'Il piano da cui la scheda ha preso i risultati organizzativi («Piano p-andato») è stato eliminato dopo la valutazione: la scheda conserva i valori fissati allora',
      });
      // One evaluated before sources were kept still says where its figures came from: the reported ones.
      const unsourced = await hr.get('/api/appraisals/f-senza-fonte?lang=en');
      expect([unsourced.status, unsourced.body.planId, unsourced.body.result.org]).toEqual([
        200,
        null,
        { source: { kind: 'reported', relazione: null }, text: 'Organisational results: the reported values' },
      ]);
      expect(unsourced.body.planDeleted).toMatchObject({ planId: 'p-andato', title: 'Piano p-andato' });
      const alone = await hr.get('/api/appraisals/f-sola?lang=it');
      expect(alone.status, alone.text).toBe(200);
      expect(alone.body.planId).toBeNull();

      const trail = async (id: string): Promise<unknown> => ((await hr.get(`/api/appraisals/${id}/trail`)).body as unknown[]).at(-1);
      expect(await trail('f-bozza')).toMatchObject({
        action: 'plan-deleted',
        user: 'system',
        before: { planId: 'p-andato', planTitle: 'Piano p-andato' },
        after: { planId: 'p-pubblicato', planTitle: 'Piano p-pubblicato', repaired: 83 },
      });
      expect(await trail('f-valutata')).toMatchObject({ action: 'plan-deleted', user: 'system', before: { planId: 'p-andato', planTitle: 'Piano p-andato' }, after: { planId: null, repaired: 83 } });
      expect(await trail('f-sola')).toMatchObject({ action: 'plan-deleted', before: { planId: 'p-solo', planTitle: 'Piano p-solo' }, after: { planId: null, repaired: 83 } });

      const stranded = await hr.get('/api/appraisals/stranded-bodies?lang=en');
      expect(stranded.status, stranded.text).toBe(200);
      expect(stranded.body).toMatchObject([{ organisation: 'Comune di Due', year: 2024, deletedPlans: ['Piano p-solo'], records: { forms: [{ id: 'f-sola' }] } }]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('answers a form whose plan is missing at planId, never 404; an evaluated one with what it froze', async () => {
    const database = await old.database();
    const db = database.open();
    await migrate(db);
    for (const id of ['e1', 'p-f-viva', 'p-f-chiusa'])
      await db.run(`INSERT INTO users (id, username, display_name, role, units, password_hash, created_at) VALUES (?, ?, ?, 'referente', '[]', 'h', ?)`, [id, id, id.toUpperCase(), AT]);
    await db.run(`INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES ('Comune di Tre', 2024, 1, ?, 'delibera', ?, 'personale')`, [
      JSON.stringify(exampleSmvpJson('Comune di Tre', 2024)),
      AT,
    ]);
    // Written past the store (another program, a restore of part of a backup): forms naming a plan that is not there.
    await form(db, 'f-viva', 'Comune di Tre', 'p-assente', 'assigned');
    const evaluation = { at: AT, by: 'e1', smvpVersion: 1, org: { body: '90', units: {}, source: { kind: 'validated', at: AT, reservations: false } }, score: '90', band: null };
    await form(db, 'f-chiusa', 'Comune di Tre', 'p-assente', 'final', evaluation);
    await db.close();

    const t = await startTestServer(backend, { location: database.location });
    try {
      const hr = await t.as('personale');
      const live = await hr.get('/api/appraisals/f-viva?lang=en');
      expect(live.status, live.text).toBe(409);
      // A read says what happened and who mends it (the save's «choose another» was not the reader's to do).
      expect(live.body.error).toMatchObject({
        code: 'conflict',
        message:
          'the plan the form takes its organisational results from is no longer there (it was deleted; id p-assente): the score cannot be computed until HR links the form to a plan of “Comune di Tre” of 2024',
        params: { appraisal: 'form-plan-missing', planId: 'p-assente', organisation: 'Comune di Tre', year: 2024 },
        details: { field: 'planId' },
      });
      expect((await hr.get('/api/appraisals/f-viva?lang=it')).body.error.message).toBe(
        "il piano da cui la scheda prende i risultati organizzativi non c'è più (è stato eliminato; id p-assente): il punteggio non si può calcolare finché l'ufficio personale non collega la scheda a un piano di «Comune di Tre» del 2024",
      );
      const frozen = await hr.get('/api/appraisals/f-chiusa?lang=it');
      expect(frozen.status, frozen.text).toBe(200);
      expect([frozen.body.planId, frozen.body.result.frozen, frozen.body.result.score, frozen.body.result.org.source.kind]).toEqual(['p-assente', true, 90, 'validated']);
    } finally {
      await t.close();
    }
  }, 60_000);
});
