/**
 * Migration 84 on SQLite and PostgreSQL: a database of before (migrated up to 82) where plans' bodies
 * were corrected before the year's SMVP, forms and distributions followed the body, so they stayed
 * under a name no plan of that year carries. Migrated on, those whose place is beyond doubt (one
 * correction from that name, to a body with no records of its own that year) are the corrected
 * body's, each move on the appraisals' trail; the others stay, and HR reads them, in words, on
 * GET /api/appraisals/stranded-bodies.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { migrate } from '../../src/store/migrations.js';
import { oldDatabase } from '../support/old-database.js';
import { Client, startTestServer, type Backend } from './harness.js';

const AT = '2024-02-01T00:00:00.000Z';

/** A plan of `year` under the body `now`, its body corrected from `was` on the plan's trail, as the code of before recorded it. */
async function correctedPlan(db: Db, id: string, was: string, now: string, year = 2024): Promise<void> {
  await body(db, now);
  await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, settings, created_at, updated_at) VALUES (?, ?, ?, ?, 'plan', '{}', ?, ?)`, [
    id,
    `org-${now}`,
    `Piano ${id}`,
    year,
    AT,
    AT,
  ]);
  await db.run(`INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after) VALUES (?, 'controller', 'update', 'plan', ?, ?, ?, ?)`, [
    AT,
    id,
    id,
    JSON.stringify({ title: `Piano ${id}`, organisation: was, published: false, version: 'plan' }),
    JSON.stringify({ title: `Piano ${id}`, organisation: now, published: false, version: 'plan' }),
  ]);
}

async function body(db: Db, name: string): Promise<void> {
  if ((await db.all(`SELECT 1 FROM organisations WHERE name = ?`, [name])).length === 0) await db.run(`INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)`, [`org-${name}`, name, AT]);
}

async function smvp(db: Db, organisation: string, version = 1): Promise<void> {
  await db.run(`INSERT INTO smvp (organisation, year, version, document, reason, created_at, created_by) VALUES (?, 2024, ?, '{}', 'delibera', ?, 'personale')`, [organisation, version, AT]);
}

describe.each<Backend>(['sqlite', 'postgres'])('migration 84 (records a body correction left behind) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('moves those with one place to go, on the trail, and says the others', async () => {
    const database = await old.database();
    const db = database.open();
    await migrate(db, 82);
    await db.run(
      `INSERT INTO users (id, username, display_name, role, units, password_hash, created_at) VALUES ('p1', 'p1', 'P1', 'referente', '[]', 'h', ?), ('e1', 'e1', 'E1', 'referente', '[]', 'h', ?)`,
      [AT, AT],
    );
    // Corrected once: its SMVP (two versions), an evaluated form and a distribution stayed behind.
    await correctedPlan(db, 'p-uno', 'Comune di Vecchio', 'Comune di Nuovo');
    await smvp(db, 'Comune di Vecchio', 1);
    await smvp(db, 'Comune di Vecchio', 2);
    const evaluated = { assignments: [], objectives: [], ratings: {}, evaluation: { at: AT, by: 'e1', smvpVersion: 2, org: null, score: '85', band: 'Buono' } };
    await db.run(
      `INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES ('f1', 'Comune di Vecchio', 2024, 'p1', 'e1', 'eq', 'p-uno', 'evaluated', ?, 4, ?, ?)`,
      [JSON.stringify(evaluated), AT, AT],
    );
    await db.run(
      `INSERT INTO bonus_distributions (organisation, year, category, version, fund_cents, document, created_at, created_by) VALUES ('Comune di Vecchio', 2024, 'eq', 1, '100000', '{"people":[]}', ?, 'personale')`,
      [AT],
    );
    // Corrected twice that year, by two plans: which body's is its SMVP?
    await correctedPlan(db, 'p-due', 'Ente Doppio', 'Ente Uno');
    await correctedPlan(db, 'p-tre', 'Ente Doppio', 'Ente Due');
    await smvp(db, 'Ente Doppio');
    // Corrected to a body with an SMVP of its own that year: two SMVPs of one year cannot be one.
    await correctedPlan(db, 'p-quattro', 'Ente Tre', 'Ente Quattro');
    await smvp(db, 'Ente Tre');
    await smvp(db, 'Ente Quattro');
    // An SMVP saved for a body before its plan, never corrected: it stays, said by no one.
    await smvp(db, 'Ente senza piano');
    await db.close();

    const store = await SqlStore.open(database.open());
    try {
      expect(await store.appraisals.getSmvp('Comune di Vecchio', 2024)).toBeUndefined();
      expect((await store.appraisals.getSmvp('Comune di Nuovo', 2024))?.version).toBe(2);
      const form = await store.appraisals.getForm('f1');
      // The form keeps its version, and the body's name it was evaluated with.
      expect([form?.organisation, form?.version, (form?.document.evaluation as { organisation?: string }).organisation]).toEqual(['Comune di Nuovo', 4, 'Comune di Vecchio']);
      expect((await store.appraisals.distributions('Comune di Nuovo', 2024)).map((d) => d.fundCents)).toEqual(['100000']);
      expect(await store.appraisals.distributions('Comune di Vecchio', 2024)).toEqual([]);
      expect((await store.appraisals.formTrail('f1')).at(-1)).toMatchObject({
        action: 'correct-body',
        user: 'system',
        before: { organisation: 'Comune di Vecchio' },
        after: { organisation: 'Comune di Nuovo', repaired: 84, evaluatedAs: 'Comune di Vecchio' },
      });
      // The ambiguous ones stay where they were.
      expect((await store.appraisals.getSmvp('Ente Doppio', 2024))?.version).toBe(1);
      expect(await store.appraisals.getSmvp('Ente Uno', 2024)).toBeUndefined();
      expect(await store.appraisals.getSmvp('Ente Due', 2024)).toBeUndefined();
      expect((await store.appraisals.getSmvp('Ente Tre', 2024))?.version).toBe(1);
      expect((await store.appraisals.getSmvp('Ente senza piano', 2024))?.version).toBe(1);
    } finally {
      await store.close();
    }

    // HR reads them, in Italian and English; nobody else.
    const t = await startTestServer(backend, { location: database.location });
    try {
      const hr = await t.as('personale');
      const it = await hr.get('/api/appraisals/stranded-bodies?lang=it');
      expect(it.status, it.text).toBe(200);
      expect(it.body).toEqual([
        {
          organisation: 'Ente Doppio',
          year: 2024,
          correctedTo: ['Ente Uno', 'Ente Due'],
          deletedPlans: [],
          message:
            "registrazioni del 2024 sotto un ente che nessun piano di quell'anno porta più: «Ente Doppio» (corretto in «Ente Uno», «Ente Due»): SMVP, schede o distribuzioni da attribuire a mano",
          records: { smvpVersions: [1], forms: [], distributions: [] },
          bodies: [
            { name: 'Ente Due', candidate: true, hasRecords: false },
            { name: 'Ente Uno', candidate: true, hasRecords: false },
            { name: 'Comune di Nuovo', candidate: false, hasRecords: true },
            { name: 'Ente Quattro', candidate: false, hasRecords: true },
          ],
        },
        {
          organisation: 'Ente Tre',
          year: 2024,
          correctedTo: ['Ente Quattro'],
          deletedPlans: [],
          message: "registrazioni del 2024 sotto un ente che nessun piano di quell'anno porta più: «Ente Tre» (corretto in «Ente Quattro»): SMVP, schede o distribuzioni da attribuire a mano",
          records: { smvpVersions: [1], forms: [], distributions: [] },
          bodies: [
            { name: 'Ente Quattro', candidate: true, hasRecords: true },
            { name: 'Comune di Nuovo', candidate: false, hasRecords: true },
            { name: 'Ente Due', candidate: false, hasRecords: false },
            { name: 'Ente Uno', candidate: false, hasRecords: false },
          ],
        },
      ]);
      const en = await hr.get('/api/appraisals/stranded-bodies?lang=en');
      expect(en.body[1].message).toBe('2024 records under a body no plan of that year carries any more: “Ente Tre” (corrected to “Ente Quattro”): an SMVP, forms or distributions to assign by hand');
      const controller = await t.as('controller');
      expect((await controller.get('/api/appraisals/stranded-bodies')).status).toBe(403);
      expect((await new Client(t.url).get('/api/appraisals/stranded-bodies')).status).toBe(401);
    } finally {
      await t.close();
    }
  }, 60_000);
});
