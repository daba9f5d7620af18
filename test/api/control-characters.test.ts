/**
 * Control characters in text (issue 14, defect 5): PostgreSQL cannot store NUL and answered 500,
 * SQLite stored it. Now every text field, query value and path refuses them with 422 (bodies,
 * query) or 400 (path), the field named, on both backends alike, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText } from '../helpers.js';
import { Client, enc, startWithFixture, type Backend, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('control characters in text on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  const audited = async (): Promise<number> => (await t.server.store.listAudit({ limit: 10_000 })).length;

  it('refuses NUL, escape and other controls in every text field with 422 naming the field, storing nothing', async () => {
    const before = await audited();
    const measurement = `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`;
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/plans', { title: 'Piano\u0000 2025', year: 2025 }, 'title'],
      ['PATCH', `/api/plans/${planId}`, { title: 'Piano \u001b]0;pwned\u0007' }, 'title'],
      ['PATCH', `/api/plans/${planId}/nodes/A.1`, { title: 'Obiettivo\u0000' }, 'title'],
      ['PUT', measurement, { state: 'measured', actual: 5, evidence: 'verbale\u0000', version: 0 }, 'evidence'],
      ['PATCH', `/api/plans/${planId}/periods/2024-06-30`, { label: 'Primo\u0000semestre' }, 'label'],
      ['POST', `/api/plans/${planId}/periods`, { endsOn: '2024-04-30', label: 'Aprile\u0008' }, 'label'],
      ['POST', '/api/plans', { title: 'Piano', year: 2025, periods: [{ endsOn: '2025-12-31', label: '\u009bfine' }] }, 'periods.0.label'],
    ];
    for (const [method, path, body, field] of cases) {
      const reply = await controller.request(method, path, body);
      expect(reply.status, `${method} ${path} ${field}`).toBe(422);
      expect(reply.body.error.code).toBe('control-characters');
      expect(reply.body.error.issues.map((i: any) => i.location.field)).toEqual([field]);
      expect(reply.body.error.message).toContain(field);
    }
    expect(await audited()).toBe(before);
  });

  it('keeps tabs and line breaks in text that allows them', async () => {
    const reply = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-06-30`, {
      state: 'measured',
      actual: 5,
      evidence: 'verbale n. 12\r\nallegato\tB',
      version: 0,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.measurement.evidence).toBe('verbale n. 12\r\nallegato\tB');
  });

  it('refuses them in the sign-in username, the audit query and the address, never with a 500', async () => {
    const stranger = new Client(t.url);
    const login = await stranger.request('POST', '/api/session', { username: 'admin\u0000', password: 'whatever it is' });
    expect(login.status).toBe(422);
    expect(login.body.error.issues[0].location.field).toBe('username');
    const audit = await controller.get(`/api/audit?planId=${planId}&node=A.1%00`);
    expect(audit.status).toBe(422);
    expect(audit.body.error.issues[0].location.field).toBe('node');
    const path = await controller.get(`/api/plans/${planId}/nodes/A%00/explanation`);
    expect(path.status).toBe(400);
    expect(path.body.error.code).toBe('invalid-path');
    const form = new FormData();
    form.set('file', new Blob(['Obiettivo\tIndicatore\n']), 'piano.txt');
    form.set('title', 'Piano\u0000');
    const upload = await controller.request('POST', '/api/plans/import?dryRun=true', form);
    expect(upload.status).toBe(422);
    expect(upload.body.error.issues[0].location.field).toBe('title');
  });

  it('refuses an imported table with NUL in an indicator name: 422 at its line, nothing stored (was a 500 on PostgreSQL)', async () => {
    // Past the first 8 KiB, where a NUL would make the whole file binary (found by `npm run fuzz -- --backend postgres`).
    const lines = fixtureText().split('\n');
    let offset = 0;
    const late = lines.findIndex((line) => (offset += line.length + 1) > 9000 && line.startsWith('\t') && line.split('\t')[1] !== '');
    lines[late] = lines[late]!.replace(/^\t([^\t]+)/, '\t$1\u0000');
    const plans = (await t.server.store.listPlans()).length;
    const before = await audited();
    for (const query of ['?dryRun=true', '']) {
      const form = new FormData();
      form.set('file', new Blob([lines.join('\n')]), 'nul.txt');
      const reply = await controller.request('POST', `/api/plans/import${query}`, form, { 'accept-language': 'it' });
      expect(reply.status).toBe(422);
      expect(reply.body.error.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([
        expect.objectContaining({
          code: 'control-character',
          message: 'il testo contiene un carattere di controllo (U+0000), che non si può salvare: toglierlo',
          location: expect.objectContaining({ file: 'nul.txt', line: late + 1 }),
        }),
      ]);
    }
    expect((await t.server.store.listPlans()).length).toBe(plans);
    expect(await audited()).toBe(before);
  });

  it('says the refusal in Italian by default and in English when asked', async () => {
    const italian = await controller.request('PATCH', `/api/plans/${planId}`, { title: 'Piano\u0000' }, { 'accept-language': 'it-IT,it;q=0.9' });
    expect(italian.body.error.message).toBe('title: contiene caratteri di controllo (come NUL), che non si possono salvare');
    expect(italian.body.error.issues[0].message).toBe('title: contiene un carattere di controllo (U+0000), che non si può salvare: toglierlo');
    expect(italian.headers.get('content-language')).toBe('it');
    const english = await controller.request('PATCH', `/api/plans/${planId}?lang=en`, { title: 'Piano\u0000' }, { 'accept-language': 'it' });
    expect(english.body.error.message).toBe('title: contains control characters (such as NUL), which cannot be stored');
    expect(english.body.error.params).toEqual({ fields: ['title'] });
  });
});
