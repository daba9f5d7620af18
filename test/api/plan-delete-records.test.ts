/**
 * Deleting a plan never strands HR's records, on SQLite and PostgreSQL: a body's SMVP, appraisal
 * forms and bonus distributions are kept by the body's name and year, so deleting the last plan of
 * that body and year is refused (409 `plan-has-appraisals`, at `organisation`, in Italian and
 * English, with how many of each would be left without a plan and what to do instead), nothing
 * deleted; a plan that is not the body's last of the year, or one of a body with no records that
 * year, goes as before; a body corrected first, as the refusal says, takes its records along and
 * lets the plan go. On PostgreSQL a form HR creates at the same moment is waited for and counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { SYSTEM } from '../../src/store/index.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { storeDistribution } from '../support/distributions.js';
import { startTestServer, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("deleting a plan whose body holds HR's records, on %s", (backend) => {
  let t: TestServer;
  let controller: Client;
  let hr: Client;
  let person: string;
  let evaluator: string;

  const plan = async (organisation: string, year = 2024, title = `Piano di ${organisation}`): Promise<string> => {
    const r = await controller.request('POST', '/api/plans', { title, year, organisation });
    expect(r.status, r.text).toBe(201);
    return String(r.body.id);
  };
  const smvp = async (organisation: string, reason: string, year = 2024): Promise<void> => {
    const r = await hr.request('PUT', `/api/smvp/${year}?organisation=${encodeURIComponent(organisation)}`, { document: exampleSmvpJson(organisation, year), reason });
    expect(r.status, r.text).toBe(200);
  };
  /** Whether the body has an SMVP saved for 2024 (none saved is a 200 with `version: null`). */
  const smvpOf = async (organisation: string): Promise<boolean> => {
    const r = await hr.get(`/api/smvp/2024?organisation=${encodeURIComponent(organisation)}`);
    expect(r.status, r.text).toBe(200);
    return r.body.version !== null;
  };
  const remove = (planId: string, lang: 'it' | 'en' = 'it') => controller.request('DELETE', `/api/plans/${planId}`, undefined, { 'accept-language': lang });

  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    hr = await t.as('personale');
    const p = await t.server.store.createUser({ username: 'impiegato', displayName: 'Ivo Impiegato', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    const e = await t.server.store.createUser({ username: 'dirigente', displayName: 'Dora Dirigente', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    if (!p.ok || !e.ok) throw new Error('accounts');
    [person, evaluator] = [p.value.id, e.value.id];
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses the last plan of the body and year, saying what would be left without a plan and what to do, in Italian and English; nothing deleted', async () => {
    const id = await plan('Comune di Alfa');
    await smvp('Comune di Alfa', 'delibera n. 1');
    await smvp('Comune di Alfa', 'delibera n. 2');
    const form = await hr.request('POST', '/api/appraisals', { year: 2024, personId: person, evaluatorId: evaluator, category: 'eq', organisation: 'Comune di Alfa' });
    expect(form.status, form.text).toBe(201);
    await storeDistribution(t.server.store, 'Comune di Alfa', 2024, 'eq', [['Buono', 100_000]]);
    await storeDistribution(t.server.store, 'Comune di Alfa', 2024, 'eq', [['Buono', 120_000]]);

    const it = await remove(id, 'it');
    expect(it.status, it.text).toBe(409);
    expect(it.body.error).toMatchObject({
      code: 'plan-has-appraisals',
      details: { field: 'organisation', organisation: 'Comune di Alfa', year: 2024, records: { smvpVersions: 2, forms: 1, distributions: 1 } },
    });
    expect(it.body.error.message).toBe(
      "il piano è l'ultimo del 2024 dell'ente «Comune di Alfa»: eliminandolo, resterebbero senza un piano i documenti dell'ufficio personale di quell'ente e di quell'anno (l'SMVP in 2 versioni, 1 scheda di valutazione e la distribuzione dei premi di 1 categoria di personale); correggi invece l'ente del piano con quello a cui appartengono (lo seguono, e il piano si può poi eliminare se quell'ente ha un altro piano del 2024), oppure archivia il piano (resta intero, con l'ente)",
    );
    const en = await remove(id, 'en');
    expect(en.status, en.text).toBe(409);
    expect(en.body.error.message).toBe(
      "the plan is the last of 2024 of the body “Comune di Alfa”: deleting it would leave HR's records of that body and year without a plan (the SMVP in 2 versions, 1 appraisal form and the bonus distributions of 1 staff category); correct the plan's body to the one they belong to instead (they follow it, and the plan can then be deleted if that body has another plan of 2024), or archive the plan (it is kept whole, with its body)",
    );
    // Nothing deleted: the plan, its records, and no deletion on the trail.
    expect((await controller.get(`/api/plans/${id}`)).status).toBe(200);
    expect(await smvpOf('Comune di Alfa')).toBe(true);
    expect((await hr.get(`/api/appraisals/${form.body.id}`)).body.organisation).toBe('Comune di Alfa');
    expect((await t.server.store.appraisals.distributions('Comune di Alfa', 2024)).map((d) => d.version)).toEqual([2]);
    const trail = (await controller.get(`/api/audit?planId=${id}&limit=1000`)).body as { action: string; entity: string }[];
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.filter((e) => e.action === 'delete' && e.entity === 'plan')).toEqual([]);
    // Archiving is the way the refusal offers: the plan stays, with its body.
    expect((await controller.request('POST', `/api/plans/${id}/archive`)).status).toBe(200);
    expect((await hr.get('/api/appraisals/stranded-bodies')).body).toEqual([]);
  });

  it('deletes a plan of the body that is not its last of the year, the records staying with the other; the last one is refused', async () => {
    const first = await plan('Comune di Beta', 2024, 'Piano di Beta');
    const second = await plan('Comune di Beta', 2024, 'Piano di Beta, bis');
    await smvp('Comune di Beta', 'delibera n. 3');
    const gone = await remove(first);
    expect(gone.status, gone.text).toBe(200);
    expect((await controller.get(`/api/plans/${first}`)).status).toBe(404);
    expect(await smvpOf('Comune di Beta')).toBe(true);
    const last = await remove(second, 'en');
    expect(last.status, last.text).toBe(409);
    expect(last.body.error.details.records).toEqual({ smvpVersions: 1, forms: 0, distributions: 0 });
    expect(last.body.error.message).toContain('without a plan (the SMVP);');
  });

  it('deletes the last plan of a body with no records that year, as before', async () => {
    const id = await plan('Comune di Gamma');
    // Records of another year, and another body's of this one, are not this plan's.
    await smvp('Comune di Gamma', 'delibera 2025', 2025);
    const r = await remove(id);
    expect(r.status, r.text).toBe(200);
    expect((await controller.get(`/api/plans/${id}`)).status).toBe(404);
  });

  it('lets the plan go once its body is corrected to the one the records belong to, which has another plan of the year', async () => {
    const wrong = await plan('Comune di Deltaa');
    const right = await plan('Comune di Delta');
    await smvp('Comune di Deltaa', 'delibera n. 4');
    expect((await remove(wrong)).status).toBe(409);
    expect((await controller.request('PATCH', `/api/plans/${wrong}`, { organisation: 'Comune di Delta' })).status).toBe(200);
    const r = await remove(wrong);
    expect(r.status, r.text).toBe(200);
    expect(await smvpOf('Comune di Delta')).toBe(true);
    expect(await smvpOf('Comune di Deltaa')).toBe(false);
    expect((await controller.get(`/api/plans/${right}`)).status).toBe(200);
    expect((await hr.get('/api/appraisals/stranded-bodies')).body).toEqual([]);
  });

  // PostgreSQL only: SQLite lets one writer in at a time, so no form can be made between the check and the deletion.
  if (backend === 'postgres')
    it('waits for a form HR is creating under the body at that moment, counts it and refuses; nothing deleted', async () => {
      const id = await plan('Comune di Epsilon');
      // Another HR desk's createForm: the forms' lock held, its form inserted and not yet committed.
      const at = new Date().toISOString();
      const other = `SELECT pg_advisory_xact_lock(4246); INSERT INTO appraisal_forms (id, organisation, year, person_id, evaluator_id, category, plan_id, state, document, version, created_at, updated_at) VALUES ('form-epsilon', 'Comune di Epsilon', 2024, '${person}', '${evaluator}', 'eq', NULL, 'draft', '{}', 1, '${at}', '${at}')`;
      const r = await whileAnotherHolds(t.location, other, 'SELECT pg_advisory_xact_lock', () => remove(id));
      expect(r.status, r.text).toBe(409);
      expect(r.body.error).toMatchObject({ code: 'plan-has-appraisals', details: { records: { smvpVersions: 0, forms: 1, distributions: 0 } } });
      expect((await controller.get(`/api/plans/${id}`)).status).toBe(200);
      expect((await hr.get('/api/appraisals/form-epsilon')).body.organisation).toBe('Comune di Epsilon');
    });
});
