/**
 * A form saved as it stands writes nothing: the evaluator sends the objectives and actuals the
 * form already holds, against its current version, and the answer is the form at that version, the
 * trail without a new entry. Before, each such save made a new version and a «Scheda modificata»
 * entry listing no change on the person's trail, and another desk's copy turned stale for nothing.
 * A real change is still stored and said; a stale version still refused. On SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { formPlanKit } from './form-plans.js';
import { Client, type Backend } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('a form saved as it stands, on %s', (backend) => {
  const { server, people, plan, smvp } = formPlanKit(backend);
  const objectives = [{ title: 'Archivio digitale', weight: 100, target: 10, state: 'measured', actual: 8 }];

  it('keeps its version and its trail, and stores a real change', async () => {
    const { t, hr } = server;
    const planId = await plan('Ente senza cambi', 'Piano senza cambi');
    await smvp('Ente senza cambi');
    const who = await people('senza-cambi');
    const evaluator = new Client(t.url);
    await evaluator.login('valutatore-senza-cambi');
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId, objectives });
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    const version = Number(made.body.version);
    const trail = async () => (await hr.get(`/api/appraisals/${id}/trail`)).body as { action: string; changes: unknown[] }[];
    const before = await trail();

    // Twice, the second with the objective's id as the form named it.
    for (const sent of [objectives, [{ ...objectives[0], id: 'o1' }]]) {
      const same = await evaluator.request('PATCH', `/api/appraisals/${id}`, { objectives: sent, version });
      expect(same.status, same.text).toBe(200);
      expect(same.body.version).toBe(version);
    }
    expect(await trail()).toEqual(before);

    // A real change: stored, a new version, said on the trail.
    const now = [{ ...objectives[0], actual: 9 }];
    const changed = await evaluator.request('PATCH', `/api/appraisals/${id}`, { objectives: now, version });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.version).toBe(version + 1);
    const after = await trail();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.changes.length).toBeGreaterThan(0);

    // A stale version is refused as before, even with the content the form now holds.
    expect((await evaluator.request('PATCH', `/api/appraisals/${id}`, { objectives: now, version })).status).toBe(409);
  });
});
