/**
 * Two desks editing the same plan, period or revision, through HTTP on SQLite and PostgreSQL: each
 * read carries the version, a save naming a version another save has replaced is refused (409
 * `conflict`, the version now, who saved it and when, in Italian and English) and writes nothing;
 * a save naming none is taken as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };
const ITALIAN = { 'accept-language': 'it-IT,it;q=0.9' };

describe.each<Backend>(['sqlite', 'postgres'])('stale saves of plans, periods and revisions on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    admin = await t.as('admin');
    // The refusals name the person who saved meanwhile, not the login they sign in with.
    const me = (await admin.get('/api/session')).body.user;
    expect((await admin.request('PATCH', `/api/users/${me.id}`, { displayName: 'Anna Ferri' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  /** The refusal of a stale save: its code, the record's version now, who saved it (login and name), when; nothing of its content. */
  function expectStale(reply: { status: number; body: any; text: string }, what: string, version: number, by: string): void {
    const name = by === 'admin' ? 'Anna Ferri' : by;
    expect(reply.status, reply.text).toBe(409);
    expect(reply.body.error.code).toBe('conflict');
    expect(reply.body.error.params).toMatchObject({ what, version, by: name });
    expect(reply.body.error.details.current).toEqual({ version, updatedBy: by, updatedByName: name, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
  }

  it("refuses a plan's title or published flag saved from an older read, and keeps the other desk's", async () => {
    const read = (await controller.get(`/api/plans/${planId}`)).body;
    expect(read.editVersion).toBe(1);
    const published = await admin.request('PATCH', `/api/plans/${planId}`, { published: true, editVersion: read.editVersion });
    expect(published.status, published.text).toBe(200);
    expect(published.body.editVersion).toBe(2);

    const stale = await controller.request('PATCH', `/api/plans/${planId}`, { title: 'Piano rinominato', published: false, editVersion: read.editVersion });
    expectStale(stale, 'plan', 2, 'admin');
    expect(stale.body.error.message).toMatch(/^the plan was changed by Anna Ferri after you read it \(version 2, you sent 1\): nothing was saved/);
    const italian = await controller.request('PATCH', `/api/plans/${planId}`, { published: false, editVersion: read.editVersion }, ITALIAN);
    expect(italian.body.error.message).toMatch(/^il piano è stato modificato da Anna Ferri dopo che l'hai letto \(versione 2, inviata 1\): non è stato salvato nulla/);
    const now = (await controller.get(`/api/plans/${planId}`)).body;
    expect(now).toMatchObject({ title: read.title, published: true, editVersion: 2 });

    // The public reads the version too (a number), never who saved it.
    expect(Object.keys((await (await t.as('public')).get(`/api/plans/${planId}`)).body)).not.toContain('editedBy');
    // A client that names no version saves as before.
    const unnamed = await controller.request('PATCH', `/api/plans/${planId}`, { published: false });
    expect(unnamed.status, unnamed.text).toBe(200);
    expect(unnamed.body).toMatchObject({ published: false, editVersion: 3 });
  });

  it("refuses a period's label or deadline saved from an older read", async () => {
    const [first] = (await controller.get(`/api/plans/${planId}/periods`)).body;
    expect(first.version).toBe(1);
    const renamed = await admin.request('PATCH', `/api/plans/${planId}/periods/${first.id}`, { label: 'I semestre', version: first.version });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ label: 'I semestre', version: 2 });

    expectStale(await controller.request('PATCH', `/api/plans/${planId}/periods/${first.id}`, { label: 'Primo semestre', version: first.version }), 'period', 2, 'admin');
    const deadline = await controller.request('PUT', `/api/plans/${planId}/periods/${first.id}/deadline`, { deadline: '2024-07-15', version: first.version }, ITALIAN);
    expectStale(deadline, 'period', 2, 'admin');
    expect(deadline.body.error.message).toMatch(/^il periodo è stato modificato da Anna Ferri dopo che l'hai letto/);
    expect((await controller.get(`/api/plans/${planId}/periods`)).body[0]).toMatchObject({ label: 'I semestre', deadline: null, version: 2 });

    // Read again, the same deadline is taken; and the tree's periods carry the version too.
    const again = await controller.request('PUT', `/api/plans/${planId}/periods/${first.id}/deadline`, { deadline: '2024-07-15', version: 2 });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ deadline: '2024-07-15', version: 3 });
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${first.id}`)).body;
    expect(tree.period).toMatchObject({ id: first.id, version: 3 });
    expect((await controller.request('PATCH', `/api/plans/${planId}/periods/${first.id}`, { label: 'Semestre' })).body.version).toBe(4);
  });

  it("refuses a revision's reason or date corrected from an older read", async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/adopt`, { act: ACT })).status).toBe(200);
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Nuove risorse', date: '2024-07-01' });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.version).toBe(1);
    const [read] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(read).toMatchObject({ number: 1, version: 1 });

    const corrected = await admin.request('PATCH', `/api/plans/${planId}/revisions/1`, { reason: 'Nuove risorse assegnate', version: read.version });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.body.version).toBe(2);
    const stale = await controller.request('PATCH', `/api/plans/${planId}/revisions/1`, { reason: 'Risorse', date: '2024-07-02', version: read.version });
    expectStale(stale, 'revision', 2, 'admin');
    expect(stale.body.error.message).toMatch(/^the revision was changed by Anna Ferri after you read it/);
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body).toMatchObject({ reason: 'Nuove risorse assegnate', date: '2024-07-01', version: 2 });
    // A version never given out is refused the same way.
    expectStale(await admin.request('PATCH', `/api/plans/${planId}/revisions/1`, { reason: 'x', version: 7 }), 'revision', 2, 'admin');

    // The approval is of the revision as read: one corrected since is not approved blind.
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A`, { title: 'Obiettivo A rivisto' })).status).toBe(200);
    expectStale(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: ACT, version: 1 }), 'revision', 2, 'admin');
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body).toMatchObject({ status: 'open', act: null, version: 2 });
    const approved = await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: ACT, version: 2 });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: 3 });
  });

  it('refuses a period moved from an older read, even where the new state asks another role', async () => {
    const periods = (await controller.get(`/api/plans/${planId}/periods`)).body;
    const last = periods[periods.length - 1];
    const read = last.version;
    const moved = await admin.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', version: read });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ state: 'collecting', version: read + 1 });

    // Pressed on the "open" the controller read: refused as stale, not "cannot go from collecting to collecting".
    const stale = await controller.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', version: read }, ITALIAN);
    expectStale(stale, 'period', read + 1, 'admin');
    expect(stale.body.error.message).toMatch(/^il periodo è stato modificato da Anna Ferri dopo che l'hai letto \(versione \d+, inviata \d+\): non è stato salvato nulla/);
    expectStale(await controller.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'closed', version: read, acknowledgeUnreviewed: true }), 'period', read + 1, 'admin');
    expect((await controller.get(`/api/plans/${planId}/periods`)).body.find((p: { id: string }) => p.id === last.id)).toMatchObject({ state: 'collecting', version: read + 1 });

    // Read again, the close is taken; the OIV validates it.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'closed', version: read + 1, acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = read + 2;
    const oiv = await t.as('oiv');
    expect((await oiv.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'validated', version: closed })).status).toBe(200);
    // The controller, who read it closed (theirs to reopen), hears the validation came since: not a 403 for the administrator's move it has become.
    const reopen = await controller.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', reason: 'Dato errato', version: closed });
    expectStale(reopen, 'period', closed + 1, 'oiv');
    expect(reopen.body.error.message).toMatch(/^the period was changed by oiv after you read it/);
    // Naming the version now, the rules of the state are the rules: the administrator's move.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', reason: 'Dato errato', version: closed + 1 })).status).toBe(403);
    // A role that may make the move from no state hears nothing of who moved it.
    const referente = await t.as('referente');
    const refused = await referente.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', reason: 'x', version: closed });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.text).not.toContain('oiv');
    // A client that names no version moves as before; its move is on the record.
    const unnamed = await admin.request('POST', `/api/plans/${planId}/periods/${last.id}/transition`, { to: 'collecting', reason: 'Dato errato' });
    expect(unnamed.status, unnamed.text).toBe(200);
    expect(unnamed.body).toMatchObject({ state: 'collecting', version: closed + 2 });
    const trail = (await admin.get(`/api/audit?planId=${planId}`)).body as Array<{ action: string; entity: string; entityId: string; user: string | null }>;
    const ofPeriod = trail.filter((e) => e.entity === 'period' && e.entityId === last.id).map((e) => `${e.action} ${e.user}`);
    // Newest first: the refused moves left nothing on the record.
    expect(ofPeriod.slice(0, 4)).toEqual(['void-validation admin', 'validate oiv', 'transition controller', 'transition admin']);
  });

  it('refuses a revision discarded from an older read', async () => {
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Aperta per errore', date: '2024-08-01' });
    expect(opened.status, opened.text).toBe(201);
    const number = opened.body.number;
    expect((await admin.request('PATCH', `/api/plans/${planId}/revisions/${number}`, { reason: 'Da tenere: risorse in arrivo', version: 1 })).status).toBe(200);

    const stale = await controller.request('DELETE', `/api/plans/${planId}/revisions/${number}?version=1`, undefined, ITALIAN);
    expectStale(stale, 'revision', 2, 'admin');
    expect(stale.body.error.message).toMatch(/^la variazione è stata modificata da Anna Ferri dopo che l'hai letta \(versione 2, inviata 1\)/);
    expect((await controller.get(`/api/plans/${planId}/revisions/${number}`)).body).toMatchObject({ status: 'open', reason: 'Da tenere: risorse in arrivo', version: 2 });
    // A version that is not a whole number is said at its field.
    const bad = await controller.request('DELETE', `/api/plans/${planId}/revisions/${number}?version=due`);
    expect(bad.status, bad.text).toBe(400);
    expect(bad.body.error.issues[0].location).toEqual({ field: 'version' });

    const discarded = await controller.request('DELETE', `/api/plans/${planId}/revisions/${number}?version=2`);
    expect(discarded.status, discarded.text).toBe(200);
    expect((await controller.get(`/api/plans/${planId}/revisions/${number}`)).body).toMatchObject({ status: 'discarded', version: 3 });
  });
});
