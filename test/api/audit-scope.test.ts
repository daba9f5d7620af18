/**
 * The audit trail says no more than the reader may read (issue 14, defect 10): `/api/audit` was
 * readable by every signed-in role with account entries (every user's role, units, active flag)
 * included, while `/api/users` is the administrator's only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../support/files.js';
import { enc, startTestServer, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe('the audit trail, scoped to the reader', () => {
  let t: TestServer;
  let planId: string;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture();
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as any[];
    const oiv = users.find((u) => u.username === 'oiv');
    const changed = await admin.request('PATCH', `/api/users/${oiv.id}`, { displayName: 'Anna Bianchi' });
    expect(changed.status, changed.text).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows account entries to the administrator only', async () => {
    const admin = await t.as('admin');
    const all = (await admin.get('/api/audit?limit=1000')).body as any[];
    expect(all.some((e) => e.entity === 'user' && e.after?.displayName === 'Anna Bianchi')).toBe(true);
    for (const role of ['controller', 'referente', 'oiv'] as const) {
      const reader = await t.as(role);
      const seen = await reader.get('/api/audit?limit=1000');
      expect(seen.status, role).toBe(200);
      expect(seen.body.length, role).toBeGreaterThan(0);
      expect(
        seen.body.filter((e: any) => e.entity === 'user' || e.planId === null),
        role,
      ).toEqual([]);
      expect(
        seen.body.every((e: any) => e.planId === planId),
        role,
      ).toBe(true);
    }
  });

  it('shows the entries of a plan its readers may read, and none to the public', async () => {
    const oiv = await t.as('oiv');
    const plan = await oiv.get(`/api/audit?planId=${planId}`);
    expect(plan.status).toBe(200);
    expect(plan.body.some((e: any) => e.action === 'import')).toBe(true);
    expect((await oiv.get('/api/audit?planId=no-such-plan')).status).toBe(404);
    expect((await (await t.as('public')).get(`/api/audit?planId=${planId}`)).status).toBe(401);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('comment threads and evidence files in the audit trail on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  const MINE = 'B.1.1:1';
  const OTHERS = 'A.1.1:1';
  const thread = (indicator: string) => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/2024-09-30`;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    for (const [indicator, body] of [
      [MINE, 'Nota per il referente digitale'],
      [OTHERS, 'Riservato: i dati di un altro ufficio vanno rifatti'],
    ] as const) {
      expect((await controller.request('POST', `${thread(indicator)}/comments`, { body })).status).toBe(201);
    }
    const value = await controller.request('PUT', thread(OTHERS), { state: 'measured', actual: 7, version: 0 });
    expect(value.status, value.text).toBe(200);
    const returned = await controller.request('POST', `${thread(OTHERS)}/reviews`, { action: 'return', note: 'Richiesta riservata: manca il verbale', version: 1 });
    expect(returned.status, returned.text).toBe(201);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tinyPdf('verbale'))]), 'verbale-altro-ufficio.pdf');
    expect((await controller.request('POST', `${thread(OTHERS)}/attachments`, form)).status).toBe(201);
  });
  afterAll(async () => t?.close());

  const said = async (role: 'referente' | 'personale' | 'oiv', query = ''): Promise<string> => {
    const reply = await (await t.as(role)).get(`/api/audit?limit=1000${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.text;
  };

  it("says them only to whom may read that indicator's thread: a referente their own, HR none", async () => {
    // The thread itself is refused to the referente (403): the trail must not tell it either.
    expect((await (await t.as('referente')).get(`${thread(OTHERS)}/comments`)).status).toBe(403);
    for (const query of ['', `&planId=${planId}`, `&planId=${planId}&indicator=${enc(OTHERS)}`]) {
      const referente = await said('referente', query);
      expect(referente).not.toContain('Riservato');
      expect(referente).not.toContain('verbale-altro-ufficio.pdf');
      expect(referente).not.toContain('Richiesta riservata');
      const hr = await said('personale', query);
      expect(hr).not.toContain('Riservato');
      expect(hr).not.toContain('Nota per il referente digitale');
      expect(hr).not.toContain('verbale-altro-ufficio.pdf');
    }
    expect(await said('referente')).toContain('Nota per il referente digitale');
    // The referente still reads the values' history of every indicator, as the tree shows them.
    expect(JSON.parse(await said('referente', `&planId=${planId}&indicator=${enc(OTHERS)}`)).length).toBeGreaterThan(0);
    const oiv = await said('oiv');
    for (const text of ['Riservato', 'Nota per il referente digitale', 'verbale-altro-ufficio.pdf', 'Richiesta riservata']) expect(oiv).toContain(text);
  });
});
