/**
 * A renamed account is named by its new name at once, through HTTP, on SQLite and PostgreSQL:
 * in the tree (who entered a value, an objective's person; its cached evaluation answers again
 * without reading the plan; renamed by another process, within a second), in a closed period's tree, in the save answer, the review list, the
 * audit trail, a forecast, an evidence file, a comment's thread, an SMVP version, a bonus distribution
 * and an appraisal form (its person and evaluator, on the form and in the list). Beside each
 * login the answers keep for scripts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleSmvpJson, REMAINDER_RULE } from '../../src/core/appraisal/index.js';
import { SYSTEM } from '../../src/store/index.js';
import { tinyPdf, upload } from '../support/files.js';
import { startWithRenamedReferente } from '../support/renamed-referente.js';
import { adopt, enc, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const MID_YEAR = '2024-06-30';
const INDICATOR = 'B.1.1:1';

describe.each<Backend>(['sqlite', 'postgres'])('a renamed account named anew at once, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  let referenteId: string;
  let hrId: string;

  let rename: (id: string, displayName: string) => Promise<void>;
  const tree = async (period = YEAR_END, headers: Record<string, string> = {}) => controller.request('GET', `/api/plans/${planId}/tree?period=${period}`, undefined, headers);
  const objectiveOf = (body: { objectives: { code: string; person: string | null; indicators: { id: string; version: number; enteredBy: string | null; enteredByName: string | null }[] }[] }) =>
    body.objectives.find((o) => o.code === 'B.1.1')!;

  beforeAll(async () => {
    let users: readonly { id: string; username: string }[];
    ({ t, planId, controller, referente, users, referenteId, rename } = await startWithRenamedReferente(backend));
    // Adopted, in force: a draft's worklist lists nothing.
    await adopt(planId, controller);
    hrId = users.find((u) => u.username === 'personale')!.id;
  });
  afterAll(async () => t?.close());

  it('names who saved in the save answer, beside the login', async () => {
    const read = objectiveOf((await tree()).body).indicators.find((i) => i.id === INDICATOR)!;
    const saved = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(INDICATOR)}/measurements/${YEAR_END}`, { state: 'measured', actual: 3, version: read.version });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.measurement).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi', state: 'measured', version: read.version + 1 });
    expect(saved.body.indicator).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
  });

  it('names the renamed account in the cached tree at once, with a new ETag, without reading the plan again', async () => {
    const before = await tree();
    expect(before.status).toBe(200);
    const o = objectiveOf(before.body);
    expect(o.person).toBe('Giulia Bianchi');
    expect(o.indicators.find((i) => i.id === INDICATOR)).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
    const etag = before.headers.get('etag')!;
    expect((await tree(YEAR_END, { 'If-None-Match': etag })).status).toBe(304);

    await rename(referenteId, 'Giulia Bianchi Verdi');
    const reads = vi.spyOn(t.server.store, 'planForPeriod');
    try {
      const after = await tree(YEAR_END, { 'If-None-Match': etag });
      // The browser's copy names the old name: not "unchanged".
      expect(after.status).toBe(200);
      const renamed = objectiveOf(after.body);
      expect(renamed.person).toBe('Giulia Bianchi Verdi');
      expect(renamed.indicators.find((i) => i.id === INDICATOR)).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi Verdi' });
      // The new answer is kept: asked again, unchanged, and the accounts are not read again (their stamp is).
      const accounts = vi.spyOn(t.server.store, 'userNames');
      try {
        expect((await tree(YEAR_END, { 'If-None-Match': after.headers.get('etag')! })).status).toBe(304);
        expect(accounts).not.toHaveBeenCalled();
      } finally {
        accounts.mockRestore();
      }
      // The cached evaluation answered: the plan was not read again.
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('names an account renamed by another process (the store written directly) within a second', async () => {
    expect(objectiveOf((await tree()).body).person).toBe('Giulia Bianchi Verdi');
    expect((await t.server.store.updateUser(referenteId, { displayName: 'Giulia B. Verdi' }, SYSTEM)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = objectiveOf((await tree()).body);
    expect(after.person).toBe('Giulia B. Verdi');
    expect(after.indicators.find((i) => i.id === INDICATOR)).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia B. Verdi' });
    await rename(referenteId, 'Giulia Bianchi Verdi');
  });

  it('names the renamed account in the review list, the audit trail, a forecast and an evidence file', async () => {
    const forecast = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(INDICATOR)}/forecasts/${MID_YEAR}`, { reachable: 'at_risk', note: 'Bando rinviato.', version: 0 });
    expect(forecast.status, forecast.text).toBe(200);
    const files = `/api/plans/${planId}/indicators/${enc(INDICATOR)}/measurements/${YEAR_END}/attachments`;
    expect((await referente.request('POST', files, upload(tinyPdf('Verbale'), 'verbale.pdf'))).status).toBe(201);
    const worklist = async () =>
      ((await controller.get(`/api/plans/${planId}/worklist?period=${YEAR_END}&limit=1000`)).body.items as { indicatorId: string; enteredBy: string | null; enteredByName: string | null }[]).find(
        (i) => i.indicatorId === INDICATOR,
      );
    expect(await worklist()).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi Verdi' });

    await rename(referenteId, 'Giulia Rossi');
    expect(await worklist()).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Rossi' });
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(INDICATOR)}`)).body as { user: string; userName: string; entity: string }[];
    expect(trail.filter((e) => e.user === 'referente').map((e) => e.userName)).toEqual(expect.arrayContaining(['Giulia Rossi']));
    expect(trail.filter((e) => e.user === 'referente').every((e) => e.userName === 'Giulia Rossi')).toBe(true);
    const forecasts = (await controller.get(`/api/plans/${planId}/periods/${MID_YEAR}/variances`)).body.forecasts;
    expect(forecasts).toEqual([expect.objectContaining({ indicatorId: INDICATOR, updatedBy: 'referente', updatedByName: 'Giulia Rossi' })]);
    expect((await controller.get(files)).body).toEqual([expect.objectContaining({ uploadedBy: 'referente', uploadedByName: 'Giulia Rossi' })]);
  });

  it('names the renamed author of a comment in its thread, with the role they wrote it in', async () => {
    const thread = `/api/plans/${planId}/indicators/${enc(INDICATOR)}/measurements/${YEAR_END}/comments`;
    const written = await referente.request('POST', thread, { body: 'Il dato è del registro.' });
    expect(written.status, written.text).toBe(201);
    expect(written.body).toMatchObject({ author: 'referente', authorName: 'Giulia Rossi', authorRole: 'referente' });
    await rename(referenteId, 'Giulia Rossi Neri');
    // Before, the thread kept the name the comment was written under.
    expect((await controller.get(thread)).body).toEqual([expect.objectContaining({ author: 'referente', authorName: 'Giulia Rossi Neri', authorRole: 'referente', body: 'Il dato è del registro.' })]);
    await rename(referenteId, 'Giulia Rossi');
  });

  it('names the renamed account in a closed period’s tree, frozen before the rename', async () => {
    for (const to of ['collecting', 'closed'] as const) {
      const moved = await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true });
      expect(moved.status, moved.text).toBe(200);
    }
    const closed = await tree();
    expect(closed.body.period.state).toBe('closed');
    expect(objectiveOf(closed.body).indicators.find((i) => i.id === INDICATOR)).toMatchObject({ enteredByName: 'Giulia Rossi' });
    await rename(referenteId, 'Giulia Neri');
    const after = objectiveOf((await tree()).body);
    expect(after.person).toBe('Giulia Neri');
    expect(after.indicators.find((i) => i.id === INDICATOR)).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Neri' });
  });

  it('names who saved an SMVP version and who made a distribution, beside the login', async () => {
    const hr = await t.as('personale');
    await rename(hrId, 'Anna Conti');
    const saved = await hr.request('PUT', '/api/smvp/2024?organisation=Ente', { document: exampleSmvpJson('Ente', 2024), reason: 'delibera n. 12' });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toMatchObject({ createdBy: 'personale', createdByName: 'Anna Conti' });
    const stored = await t.server.store.appraisals.saveDistribution(
      'Ente',
      2024,
      'personale',
      100n,
      { smvpVersion: 1, rule: REMAINDER_RULE, people: [], undistributedCents: '100', issues: [] },
      { id: hrId, username: 'personale' },
    );
    expect(stored.ok).toBe(true);

    await rename(hrId, 'Anna Conti Ferri');
    expect((await hr.get('/api/smvp/2024?organisation=Ente')).body).toMatchObject({ createdBy: 'personale', createdByName: 'Anna Conti Ferri' });
    expect((await hr.get('/api/smvp')).body).toEqual(expect.arrayContaining([expect.objectContaining({ organisation: 'Ente', createdBy: 'personale', createdByName: 'Anna Conti Ferri' })]));
    const rewards = await hr.get('/api/rewards/2024?organisation=Ente');
    expect(rewards.status, rewards.text).toBe(200);
    expect(rewards.body).toEqual([expect.objectContaining({ category: 'personale', createdBy: 'personale', createdByName: 'Anna Conti Ferri' })]);
  });

  it('names a renamed person and evaluator on their appraisal form and in the list at once, without reading the accounts', async () => {
    const hr = await t.as('personale');
    const form = {
      year: 2024,
      personId: referenteId,
      evaluatorId: hrId,
      category: 'eq',
      planId,
      assignments: [],
      objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }],
    };
    const created = await hr.request('POST', '/api/appraisals', form);
    expect(created.status, created.text).toBe(201);
    expect(created.body.person).toEqual({ id: referenteId, username: 'referente', displayName: 'Giulia Neri' });
    await rename(referenteId, 'Giulia Neri Bassi');
    await rename(hrId, 'Anna Ferri');
    // Named from the server's names of the accounts: no account read for the form or the list.
    const accounts = vi.spyOn(t.server.store, 'listUsers');
    try {
      for (const lang of ['it', 'en']) {
        const form = await hr.get(`/api/appraisals/${created.body.id}?lang=${lang}`);
        expect(form.status, form.text).toBe(200);
        expect(form.body).toMatchObject({ person: { username: 'referente', displayName: 'Giulia Neri Bassi' }, evaluator: { username: 'personale', displayName: 'Anna Ferri' } });
      }
      const listed = (await hr.get('/api/appraisals?year=2024')).body.find((f: { id: string }) => f.id === created.body.id);
      expect(listed).toMatchObject({ person: { displayName: 'Giulia Neri Bassi' }, evaluator: { displayName: 'Anna Ferri' } });
      expect(accounts).not.toHaveBeenCalled();
    } finally {
      accounts.mockRestore();
    }
    // An account made by another process (`albero admin`) a moment ago: its form names it, not as removed.
    const made = await t.server.store.createUser({ username: 'nuovo', displayName: 'Marco Nuovo', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    if (!made.ok) throw new Error(made.error.message);
    const theirs = await hr.request('POST', '/api/appraisals', { ...form, personId: made.value.id });
    expect(theirs.status, theirs.text).toBe(201);
    expect(theirs.body.person).toEqual({ id: made.value.id, username: 'nuovo', displayName: 'Marco Nuovo' });
  });
});
