/**
 * Every place that says a change names the indicator a reader knows, through HTTP on SQLite and
 * PostgreSQL: one revision read alone (and what approving or correcting it answers) names its
 * changes as the register does; the audit trail says a value «Valore di «Nome» (A.2.1) al …» by the
 * name the indicator had when the value was entered (a later rename leaves it as it was), and a
 * deletion lists the values it took by their indicators' names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src/contract/index.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERCENT = 'A.2.1:2';
const YEAR_END = '2024-12-31';
const NAME = 'Capacità di risposta dello sportello internazionalizzazione';
const RENAMED = 'Tempo di risposta dello sportello estero';

describe.each<Backend>(['sqlite', 'postgres'])('changes name the indicator on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;

  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
  const version = async (): Promise<number> => indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, PERCENT).definitionVersion;
  const enter = async (actual: string): Promise<void> => {
    const path = `/api/plans/${planId}/indicators/${enc(PERCENT)}/measurements/${YEAR_END}`;
    const read = indicatorOf((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body, PERCENT).version as number;
    ok(await controller.request('PUT', path, { state: 'measured', actual, version: read }));
  };
  /** The indicator's trail in `lang`, each entry checked against the contract. */
  const trail = async (lang: 'it' | 'en'): Promise<any[]> => {
    const reply = await controller.get(`/api/audit?planId=${planId}&indicator=${enc(PERCENT)}&lang=${lang}`);
    ok(reply);
    for (const entry of reply.body) expect(AuditEntrySchema.safeParse(entry).success, JSON.stringify(entry)).toBe(true);
    return reply.body;
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
  }, 120_000);
  afterAll(async () => t?.close());

  it('names the changes of one revision read alone, and of what correcting and approving it answer', async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto', date: '2024-07-15' }), 201);
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { target: 55, version: await version() }));
    const corrected = await controller.request('PATCH', `/api/plans/${planId}/revisions/1`, { reason: 'Target rivisto in giunta' });
    ok(corrected);
    expect(corrected.body.changes[0]).toMatchObject({ entityId: PERCENT, name: NAME });
    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } });
    ok(approved);
    expect(approved.body.changes[0]).toMatchObject({ entityId: PERCENT, name: NAME });
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes[0]).toMatchObject({ entityId: PERCENT, name: NAME });
  });

  it('says a value on the audit trail by the name its indicator had when it was entered', async () => {
    await enter('40');
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Nome più chiaro', date: '2024-09-01' }), 201);
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { name: RENAMED, version: await version() }));
    // The one revision read alone while open: the rename by the new name, the first change by the old.
    expect((await controller.get(`/api/plans/${planId}/revisions/2`)).body.changes[0].name).toBe(RENAMED);
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes[0].name).toBe(NAME);
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, { act: { kind: 'Delibera di Giunta', number: '60', date: '2024-09-05' } }));
    await enter('45');

    const values = (entries: any[]): string[] => entries.filter((e) => e.entity === 'measurement').map((e) => e.message);
    const [later, earlier] = values(await trail('it'));
    expect(earlier).toMatch(new RegExp(`^Valore di «${NAME}» \\(A\\.2\\.1\\) al 31/12/2024 \\(inserimento\\): `));
    expect(later).toMatch(new RegExp(`^Valore di «${RENAMED}» \\(A\\.2\\.1\\) al 31/12/2024 \\(inserimento\\): `));
    const english = await trail('en');
    expect(values(english)[1]).toMatch(new RegExp(`^Value of «${NAME}» \\(A\\.2\\.1\\) at 31/12/2024 \\(entry\\): `));
    expect(english.find((e) => e.entity === 'measurement')).toMatchObject({ name: RENAMED, params: { name: RENAMED, code: 'A.2.1' } });
    // What was recorded stays as it was: the name is the reading's, not the stored entry's.
    const stored = await t.server.store.listAudit({ planId, indicator: PERCENT });
    expect(stored.filter((e) => e.entity === 'measurement').every((e) => !('name' in e))).toBe(true);
  });

  it("lists the values a deletion took by their indicators' names, on the trail and in the register's report", async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Indicatore superato', date: '2024-10-01' }), 201);
    ok(await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc(PERCENT)}?removeValues=true`));
    const deletion = (entries: any[]): any => entries.find((e) => e.action === 'delete' && e.entity === 'indicator');
    expect(deletion(await trail('it')).message).toContain(`valori tolti dai periodi aperti: «${RENAMED}» (A.2.1) al 31/12/2024 45,00%`);
    expect(deletion(await trail('en')).message).toContain(`values removed from the open periods: «${RENAMED}» (A.2.1) at 31/12/2024 45.00%`);
    const html = (await controller.get(`/api/plans/${planId}/export?format=html`)).text;
    expect(html).toContain(`valori tolti dai periodi aperti: «${RENAMED}» (A.2.1) al 31/12/2024 45,00%`);
    expect(html).not.toContain(`valori tolti dai periodi aperti: ${PERCENT}`);
  });
});
