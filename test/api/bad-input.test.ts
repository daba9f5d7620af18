/**
 * Bad input through HTTP: each a 4xx with a stable code and a message in plain words, never a
 * 500, and nothing stored.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../helpers.js';
import { upload } from '../support/files.js';
import { Client, enc, startTestServer, startWithFixture, type Backend, type TestServer } from './harness.js';
import { startServer } from '../../src/server/server.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe.each<Backend>(['sqlite', 'postgres'])('bad input over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { uploadBytes: 64 * 1024 }));
  });
  afterAll(async () => t?.close());

  const counts = async (): Promise<{ plans: number; audit: number }> => ({ plans: (await t.server.store.listPlans()).length, audit: (await t.server.store.listAudit({ limit: 10_000 })).length });

  it('refuses malformed JSON, wrong types and the wrong content type, storing nothing', async () => {
    const before = await counts();
    const malformed = await controller.request('POST', '/api/plans', '{"title": "x", "year": 20');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'malformed-json', message: 'the body is not valid JSON' });
    const wrong = await controller.request('POST', '/api/plans', { title: 5, year: 'duemila' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('invalid-body');
    expect(wrong.body.error.issues.map((i: any) => i.location.field).sort()).toEqual(['title', 'year']);
    const extra = await controller.request('POST', '/api/plans', { title: 'x', year: 2024, owner: 'me' });
    expect(extra.status).toBe(400);
    const notJson = await controller.request('POST', '/api/plans', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
    expect(notJson.body.error.code).toBe('unsupported-media-type');
    const array = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`, []);
    expect(array.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('refuses values that do not fit the indicator, naming the field', async () => {
    const before = await counts();
    const path = `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`;
    const cases: Array<[unknown, string]> = [
      [{ state: 'measured', version: 1 }, 'actual'],
      [{ state: 'measured', actual: 'tanti', version: 1 }, 'actual'],
      [{ state: 'measured', actual: true, version: 1 }, 'actual'],
      [{ state: 'not_evaluable', version: 1 }, 'reason'],
      [{ state: 'not_achieved', actual: 3, version: 1 }, 'actual'],
      [{ state: 'finished', version: 1 }, 'state'],
      [{ state: 'measured', actual: 3 }, 'version'],
      [{ state: 'measured', actual: 3, version: -1 }, 'version'],
      [{ state: 'measured', actual: 3, version: 1.5 }, 'version'],
    ];
    for (const [body, field] of cases) {
      const reply = await controller.request('PUT', path, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.issues[0].location.field, JSON.stringify(body)).toBe(field);
      expect(reply.body.error.message).toMatch(new RegExp(field));
    }
    const derived = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2:2')}/measurements/2024-12-31`, { state: 'measured', actual: 50, version: 0 });
    expect(derived.status).toBe(422);
    expect(derived.body.error.code).toBe('derived-indicator');
    expect(await counts()).toEqual(before);
  });

  it('says a value of the wrong type as such, in Italian words: never "required" for a value sent, never zod\'s English', async () => {
    const path = `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`;
    const said = async (body: unknown, url = path, method = 'PUT'): Promise<string[]> => {
      const reply = await controller.request(method, url, body, { 'accept-language': 'it' });
      expect(reply.status, reply.text).toBe(400);
      return reply.body.error.issues.map((i: any) => i.message);
    };
    expect(await said({ state: 'measured', actual: 3, version: '1' })).toEqual(['version: atteso un numero']);
    expect(await said({ state: 'measured', actual: 3 })).toEqual(['version: obbligatorio']);
    expect(await said({ state: 'measured', actual: [3], version: 1 })).toEqual(['actual: atteso un numero, un testo o vero o falso']);
    expect(await said([1, 2], `/api/plans/${planId}/periods/2024-12-31/transition`, 'POST')).toEqual(['atteso un oggetto']);
  });

  it('answers 404 for unknown plans, objectives, indicators and periods, 404/405 for unknown routes', async () => {
    const expectations: Array<[string, string, unknown, number, string]> = [
      ['GET', '/api/plans/no-such-plan/tree', undefined, 404, 'not-found'],
      ['GET', `/api/plans/${planId}/tree?period=2024-13-45`, undefined, 404, 'not-found'],
      ['GET', `/api/plans/${planId}/nodes/Z.9/explanation`, undefined, 404, 'not-found'],
      ['PUT', `/api/plans/${planId}/indicators/${enc('Z.9:1')}/measurements/2024-12-31`, { state: 'not_achieved', version: 0 }, 404, 'not-found'],
      ['PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2031-01-01`, { state: 'not_achieved', version: 0 }, 404, 'not-found'],
      ['PATCH', `/api/plans/${planId}/nodes/Z.9`, { title: 'x' }, 404, 'not-found'],
      ['PATCH', `/api/plans/${planId}/indicators/${enc('Z.9:1')}`, { weight: 5, version: 1 }, 404, 'not-found'],
      ['DELETE', '/api/plans/no-such-plan', undefined, 404, 'not-found'],
      ['POST', `/api/plans/${planId}/periods/2031-01-01/transition`, { to: 'collecting' }, 404, 'not-found'],
      ['PATCH', '/api/users/nobody', { role: 'oiv' }, 403, 'forbidden'],
      ['GET', '/api/nothing-here', undefined, 404, 'not-found'],
      ['PUT', '/api/plans', { title: 'x' }, 405, 'method-not-allowed'],
      ['GET', '/api/audit?limit=abc', undefined, 400, 'invalid-query'],
      // An open period cannot be validated, whoever asks: the state's refusal, not the role's.
      ['POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to: 'validated' }, 409, 'invalid-transition'],
      ['POST', `/api/plans/${planId}/nodes`, { code: 'A.2', title: 'again', parent: 'A' }, 409, 'duplicate'],
      ['POST', `/api/plans/${planId}/nodes`, { code: 'Q.1', title: 'orphan', parent: 'Q' }, 404, 'not-found'],
    ];
    for (const [method, path, body, status, code] of expectations) {
      const reply = await controller.request(method, path, body);
      expect(reply.status, `${method} ${path}: ${reply.text}`).toBe(status);
      expect(reply.body.error.code, `${method} ${path}`).toBe(code);
      expect(reply.body.error.message.length).toBeGreaterThan(5);
    }
  });

  it('refuses a binary file, an empty file, a missing file and an oversized upload as imports, storing nothing', async () => {
    const before = await counts();
    const binary = await controller.request('POST', '/api/plans/import', upload(PNG, 'albero.txt'));
    expect(binary.status).toBe(422);
    expect(binary.body.error.code).toBe('invalid-file');
    expect(binary.body.error.issues.length).toBeGreaterThan(0);
    expect(binary.body.error.message).toMatch(/albero\.txt/);
    const empty = await controller.request('POST', '/api/plans/import', upload('', 'vuoto.txt'));
    expect(empty.status).toBe(422);
    const noFile = new FormData();
    noFile.set('title', 'senza file');
    const missing = await controller.request('POST', '/api/plans/import', noFile);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'missing-file', message: "attach the plan's table in a field called “file”" });
    const missingIt = await controller.request('POST', '/api/plans/import', noFile, { 'accept-language': 'it' });
    expect([missingIt.status, missingIt.body.error.message]).toEqual([400, 'allegare la tabella del piano in un campo chiamato «file»']);
    const notUpload = await controller.request('POST', '/api/plans/import', { title: 'x' }, { 'accept-language': 'it' });
    expect([notUpload.status, notUpload.body.error.message]).toEqual([415, 'inviare la tabella del piano come caricamento multipart/form-data con un campo «file»']);
    const big = await controller.request('POST', '/api/plans/import', upload(Buffer.alloc(200 * 1024, 'x'), 'grande.txt'));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('too-large');
    const bigJson = await controller.request('POST', '/api/plans', JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024), year: 2024 }));
    expect(bigJson.status).toBe(413);
    const json = await controller.request('POST', '/api/plans/import', { file: 'x' });
    expect(json.status).toBe(415);
    const badYear = await controller.request(
      'POST',
      '/api/plans/import',
      (() => {
        const f = upload(readFileSync(FIXTURE), 'albero.txt');
        f.set('year', 'MMXXIV');
        return f;
      })(),
    );
    expect(badYear.status).toBe(400);
    const dry = await controller.request('POST', '/api/plans/import?dryRun=true', upload(readFileSync(FIXTURE), 'albero.txt'));
    expect(dry.status).toBe(200);
    // Counted as `albero import` and the Relazione count the 2024 plan: 3 areas apart from its 46 objectives, not 49 objectives.
    expect(dry.body).toEqual({ plan: null, preview: { title: 'Albero performance 2024', year: 2024, areas: 3, objectives: 46, indicators: 88 }, issues: dry.body.issues });
    expect(await counts()).toEqual(before);
  });

  it('refuses a table whose own title is longer than a plan\'s, at the field "title", and takes a shorter one given', async () => {
    const before = await counts();
    const long = `Albero performance 2024 ${'della Camera di commercio '.repeat(12)}`.trim();
    expect(long.length).toBeGreaterThan(300);
    const table = readFileSync(FIXTURE, 'utf8').replace('**Albero performance 2024**', `**${long}**`);
    for (const path of ['/api/plans/import', '/api/plans/import?dryRun=true']) {
      const said = await controller.request('POST', path, upload(table, 'albero.txt'), { 'accept-language': 'it' });
      expect(said.status, said.text).toBe(400);
      expect(said.body.error.code).toBe('invalid-body');
      expect(said.body.error.issues).toMatchObject([{ location: { field: 'title' } }]);
      expect(said.body.error.issues[0].message).toMatch(/300/);
    }
    const titled = upload(table, 'albero.txt');
    titled.set('title', 'Piano della performance 2024');
    const dry = await controller.request('POST', '/api/plans/import?dryRun=true', titled);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.preview).toMatchObject({ title: 'Piano della performance 2024', year: 2024 });
    expect(await counts()).toEqual(before);
  });

  it('refuses two tables in one import, in the reader\'s language at the field "file", importing neither', async () => {
    const before = await counts();
    const two = (): FormData => {
      const form = upload(readFileSync(FIXTURE), 'albero-2024.txt');
      form.append('file', new Blob([readFileSync(FIXTURE)]), 'albero-2024-bis.txt');
      form.set('title', 'Due tabelle');
      return form;
    };
    for (const path of ['/api/plans/import', '/api/plans/import?dryRun=true']) {
      const said = await controller.request('POST', path, two(), { 'accept-language': 'it' });
      expect(said.status, said.text).toBe(400);
      expect(said.body.error).toMatchObject({
        code: 'one-file',
        message: 'allegare la tabella del piano un file alla volta: ne sono arrivati 2 nel campo «file» (albero-2024.txt, albero-2024-bis.txt) e nessuno è stato importato',
        details: { count: 2 },
        issues: [{ code: 'one-file', location: { field: 'file' } }],
      });
      expect(said.body.error.issues[0].message).toBe(said.body.error.message);
    }
    const en = await controller.request('POST', '/api/plans/import', two(), { 'accept-language': 'en' });
    expect([en.status, en.body.error.message]).toEqual([400, "attach the plan's table one file at a time: 2 came in the field “file” (albero-2024.txt, albero-2024-bis.txt) and none was imported"]);
    expect(await counts()).toEqual(before);
    expect((await t.server.store.listPlans()).map((p) => p.title)).not.toContain('Due tabelle');
  });

  it('refuses two files in one registry or SMVP import too, saying which upload, keeping neither', async () => {
    const admin = new Client(t.url);
    expect((await admin.login('admin')).status).toBe(200);
    const two = (name: string, text: string): FormData => {
      const form = upload(text, `${name}.csv`);
      form.append('file', new Blob([text]), `${name}-bis.csv`);
      return form;
    };
    const units = await admin.request('GET', '/api/units');
    const registry = await admin.request('POST', '/api/units/import', two('strutture', 'code,name\nUX,Ufficio X\n'), { 'accept-language': 'it' });
    expect([registry.status, registry.body.error.code, registry.body.error.message]).toEqual([
      400,
      'one-file',
      'allegare il registro delle strutture un file alla volta: ne sono arrivati 2 nel campo «file» (strutture.csv, strutture-bis.csv) e nessuno è stato importato',
    ]);
    expect((await admin.request('GET', '/api/units')).body).toEqual(units.body);
    const smvp = await controller.request('POST', '/api/smvp/2024/import', two('smvp', '{}'), { 'accept-language': 'en' });
    expect([smvp.status, smvp.body.error.code, smvp.body.error.issues]).toEqual([400, 'one-file', [expect.objectContaining({ code: 'one-file', location: { field: 'file' } })]]);
    expect(smvp.body.error.message).toBe('attach the SMVP one file at a time: 2 came in the field “file” (smvp.csv, smvp-bis.csv) and none was imported');
  });

  it("says every import problem in the reader's language, by code and parameters", async () => {
    const before = await counts();
    // The fixture's bare percentage is a warning: the dry run lists it.
    const dryIt = await controller.request('POST', '/api/plans/import?dryRun=true', upload(readFileSync(FIXTURE), 'albero.txt'), { 'accept-language': 'it-IT,it;q=0.9' });
    expect(dryIt.status).toBe(200);
    expect(dryIt.headers.get('content-language')).toBe('it');
    const bareIt = dryIt.body.issues.find((i: any) => i.code === 'bare-percent-actual');
    expect(bareIt).toMatchObject({ severity: 'warning', location: { file: 'albero.txt', line: 84 }, params: { actual: expect.any(String), target: expect.any(String) } });
    expect(bareIt.message).toMatch(/^il Consuntivo .+ non ha il segno % ma il target .+ è una percentuale: letto come .+%$/);
    const dryEn = await controller.request('POST', '/api/plans/import?dryRun=true', upload(readFileSync(FIXTURE), 'albero.txt'), { 'accept-language': 'en' });
    expect(dryEn.body.issues.find((i: any) => i.code === 'bare-percent-actual').message).toMatch(/^the Consuntivo .+ has no % sign but the target .+ is a percentage/);
    // The reading in each language's decimals; the cells quoted as written (issue 14).
    expect(bareIt.message).toBe('il Consuntivo 0,69 non ha il segno % ma il target 1,00% è una percentuale: letto come 0,69%');
    expect(dryEn.body.issues.find((i: any) => i.code === 'bare-percent-actual').message).toBe('the Consuntivo 0,69 has no % sign but the target 1,00% is a percentage: read as 0.69%');
    // A refused file: each located issue in the reader's language, the parameters the same in both.
    const lines = readFileSync(FIXTURE, 'utf8').split('\n');
    lines[7] = lines[7]!.replace('50% >=', 'cinquanta% >=');
    const broken = lines.join('\n');
    const refusedIt = await controller.request('POST', '/api/plans/import?lang=it', upload(broken, 'rotto.txt'));
    expect(refusedIt.status).toBe(422);
    const weightIt = refusedIt.body.error.issues.find((i: any) => i.code === 'unparsable-weight');
    expect(weightIt).toMatchObject({ message: 'il Peso «cinquanta% >=» non è un peso come «50% >=»', params: { text: 'cinquanta% >=' }, location: { file: 'rotto.txt', line: 8 } });
    const refusedEn = await controller.request('POST', '/api/plans/import?lang=en', upload(broken, 'rotto.txt'));
    const weightEn = refusedEn.body.error.issues.find((i: any) => i.code === 'unparsable-weight');
    expect(weightEn).toMatchObject({ message: 'the Peso “cinquanta% >=” is not a weight such as “50% >=”', params: weightIt.params });
    expect(await counts()).toEqual(before);
  });

  it('refuses a mutating request without the CSRF token of the session', async () => {
    const before = await counts();
    const withoutToken = await controller.request('POST', '/api/plans', { title: 'x', year: 2024 }, { 'x-csrf-token': '' });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.error.code).toBe('csrf');
    const wrongToken = await controller.request('POST', '/api/plans', { title: 'x', year: 2024 }, { 'x-csrf-token': 'forged' });
    expect(wrongToken.status).toBe(403);
    expect(await counts()).toEqual(before);
    const session = await controller.get('/api/session');
    expect(session.body.user.username).toBe('controller');
    expect(session.body.csrfToken).toBe(controller.csrf);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, and ends it on sign-out', async () => {
    const client = new Client(t.url);
    const login = await client.login('oiv');
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/albero_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    const old = client.cookie;
    expect((await client.request('DELETE', '/api/session')).status).toBe(200);
    const stale = new Client(t.url);
    stale.cookie = old;
    expect((await stale.get('/api/session')).body).toBeNull();
  });
});

describe('brute force', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After after repeated failures, even to the right password', async () => {
    const client = new Client(t.url);
    for (let k = 0; k < 5; k++) {
      const reply = await client.request('POST', '/api/session', { username: 'admin', password: `guess ${k}` });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('invalid-credentials');
    }
    const blocked = await client.login('admin');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too-many-attempts');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another account is not locked by this one's failures.
    expect((await new Client(t.url).login('oiv')).status).toBe(200);
    const unknownUser = await client.request('POST', '/api/session', { username: 'nobody', password: 'x' });
    expect(unknownUser.status).toBe(401);
    expect(unknownUser.body.error.message).toBe('wrong username or password');
  });

  it('keeps the count in the database: a second server on it (or the same one restarted) refuses too', async () => {
    const other = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    try {
      const blocked = await new Client(other.url).login('admin');
      expect(blocked.status).toBe(429);
      // Counted for the account from this address (login-guard.ts), in the database.
      const [failure] = await other.store.loginFailures(['p:admin 127.0.0.1']);
      expect(failure).toMatchObject({ key: 'p:admin 127.0.0.1', count: 5 });
      expect(failure!.until).toBeGreaterThan(Date.now());
    } finally {
      await other.close();
    }
  });
});
