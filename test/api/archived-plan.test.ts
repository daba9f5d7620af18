/**
 * An archived plan (a past year put away: read-only) through HTTP, on SQLite and PostgreSQL: a
 * revision left open in it is not discarded (409 `plan-archived`, in Italian and English), its row
 * and the trail unchanged; its worklist lists no value to collect and says it is archived, as the
 * home page's work due leaves it out; a review step, a deadline, a variance or a forecast is refused
 * as every other change, nothing recorded, told as archived before the period, objective or rule the
 * route checks (a variance after its objective's access, 404 or 403, as a forecast after its indicator's); so are a comment (of a period it has or not) and the Relazione's texts, review and
 * moves, while every other write route (values, evidence, tree, units, baselines, periods, revisions,
 * the plan's version) is seen refusing too, a value, a file or a comment told as archived before the
 * indicator's rule or deletion, an indicator's definition and a baselines refresh before the body is
 * checked against the plan, and reading and exporting keep working. The OIV's review
 * and decision are told as archived before what the route checks of them (the figures, `seen`). On
 * PostgreSQL, a write waiting on an archiving in flight is refused as archived once it commits. And a plan's
 * deletion refuses a `?reason=` too long at its field, as a revision's discard does, rather than
 * keeping it cut short: nothing deleted. Its dashboard and the dashboard's workbook count nothing late
 * (no work is due in it: a value never entered is missing) and agree, as its closing checklist does; and it is not deleted while
 * archived (409 `plan-archived`, saying to bring it back first), the deletion going through once it is.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClosingPreview, Dashboard, WorkDue, Worklist } from '../../src/contract/index.js';
import { whileAnotherHolds } from '../support/another-writer.js';
import { tinyPdf, upload } from '../support/files.js';
import { adopt, adoptAndReview, enc, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const ITALIAN = { 'accept-language': 'it-IT,it;q=0.9' };
const ENGLISH = { 'accept-language': 'en' };

describe.each<Backend>(['sqlite', 'postgres'])('an archived plan on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let referente: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    referente = await t.as('referente');
  }, 60_000);
  afterAll(async () => t?.close());

  const archive = async (planId: string, archived = true): Promise<void> => {
    const r = await controller.request('POST', `/api/plans/${planId}/${archived ? 'archive' : 'unarchive'}`);
    expect(r.status, r.text).toBe(200);
  };

  it('stays readable where a record is read: its trail by the office, its published pages by the public', async () => {
    const planId = await t.importFixture();
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
    const index = async (): Promise<string> => {
      const page = await fetch(`${t.url}/trasparenza`);
      expect(page.status).toBe(200);
      return page.text();
    };
    expect(await index()).toContain(`/trasparenza/${planId}`);
    await archive(planId);

    // Before: [] (the readable plans were listed without the archived ones).
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body as Array<{ action: string }>;
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['archive', 'import']));
    expect((await referente.get(`/api/audit?planId=${planId}`)).body).not.toEqual([]);
    // Before: gone from the public index once archived, though published.
    expect(await index()).toContain(`/trasparenza/${planId}`);
    expect((await fetch(`${t.url}/trasparenza/${planId}/index.html`)).status).toBe(200);
  });

  it('keeps a revision left open in it: the discard is refused, the revision and the trail unchanged', async () => {
    const planId = await t.importFixture();
    await adopt(planId, controller);
    const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Aperta prima di archiviare' });
    expect(opened.status, opened.text).toBe(201);
    const revision = `/api/plans/${planId}/revisions/${opened.body.number}`;
    const before = (await controller.get(revision)).body;
    expect(before).toMatchObject({ status: 'open', discarded: null });
    await archive(planId);

    // Before: discarded (200), the archived plan's register changed.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      const refused = await controller.request('DELETE', `${revision}?reason=errore&version=${before.version}`, undefined, headers);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'plan-archived', message, details: { planId } });
    }
    expect((await controller.get(revision)).body).toEqual(before);
    expect((await controller.get(`/api/plans/${planId}`)).body.openRevision).toBe(before.number);
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body as Array<{ entity: string; action: string }>;
    expect(trail.filter((e) => e.entity === 'revision' && e.action === 'discard')).toEqual([]);

    // Brought back from the archive, the plan's open revision is discarded as ever.
    await archive(planId, false);
    const discarded = await controller.request('DELETE', `${revision}?reason=errore`);
    expect(discarded.status, discarded.text).toBe(200);
    expect(discarded.body.status).toBe('discarded');
  });

  it('lists no value to collect in it and says it is archived, as the home page has no work of it; back from the archive, its values', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const due = async (client: Client) => ((await client.get('/api/work-due')).body as WorkDue).items.filter((i) => i.planId === planId);
    const inUse = (await referente.get(`${plan}/worklist?period=${PERIOD}&state=todo`)).body as Worklist;
    expect(inUse).toMatchObject({ notAdopted: false, archived: false });
    expect(inUse.items.length).toBeGreaterThan(0);
    expect(await due(referente)).toHaveLength(1);

    await archive(planId);
    const none = { to_enter: 0, entered: 0, returned: 0, approved: 0, late: 0 };
    for (const [client, query] of [
      [referente, ''],
      [referente, '&state=todo'],
      [controller, ''],
      [controller, '&mine=1'],
    ] as const) {
      const list = await client.get(`${plan}/worklist?period=${PERIOD}${query}`);
      expect(list.status, list.text).toBe(200);
      // Before: every value of the period to enter and late, in a plan that refuses every value.
      expect(list.body).toMatchObject({ planId, period: { id: PERIOD }, notAdopted: false, archived: true, items: [], counts: none, total: 0 });
      expect(list.body.periods.length).toBeGreaterThan(1);
    }
    // The dashboard keeps its counts as the record and says the plan is archived (before: no word of it).
    const board = await controller.get(`${plan}/dashboard`);
    expect(board.status, board.text).toBe(200);
    expect(board.body).toMatchObject({ planId, archived: true });
    expect(board.body.rows.length).toBeGreaterThan(0);
    // The home page agrees: nothing due in it.
    expect(await due(referente)).toEqual([]);
    expect(await due(controller)).toEqual([]);
    // What is refused stays refused.
    expect((await referente.get(`${plan}/worklist?period=2024-02-30`)).status).toBe(404);
    expect((await referente.get(`${plan}/worklist?state=nonsense`)).status).toBe(400);

    await archive(planId, false);
    expect((await controller.get(`${plan}/dashboard`)).body.archived).toBe(false);
    const back = (await referente.get(`${plan}/worklist?period=${PERIOD}&state=todo`)).body as Worklist;
    expect(back.archived).toBe(false);
    expect(back.items.map((i) => i.indicatorId)).toEqual(inUse.items.map((i) => i.indicatorId));
  });

  it('says a draft put away is archived, and not adopted', async () => {
    const planId = await t.importFixture();
    await archive(planId);
    const list = await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`);
    expect(list.status, list.text).toBe(200);
    expect(list.body).toMatchObject({ notAdopted: true, archived: true, items: [], total: 0 });
  });

  it("refuses a plan deletion's reason too long, or holding a control character, at its field, in the reader's language; nothing deleted", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    // Before: deleted, its reason cut to 5,000 characters on the trail.
    for (const [headers, message] of [
      [ITALIAN, 'reason: al massimo 5000 caratteri'],
      [ENGLISH, 'reason: at most 5000 characters'],
    ] as const) {
      const long = await controller.request('DELETE', `${plan}?reason=${'x'.repeat(5001)}`, undefined, headers);
      expect(long.status, long.text).toBe(400);
      expect(long.body.error).toMatchObject({ code: 'invalid-query', message });
      expect(long.body.error.issues.map((i: { location: unknown }) => i.location)).toEqual([{ field: 'reason' }]);
    }
    const control = await controller.request('DELETE', `${plan}?reason=a%07b`);
    expect(control.status, control.text).toBe(422);
    expect((await controller.get(plan)).status).toBe(200);

    // At most 5,000 characters, kept whole on the trail.
    const reason = `${'y'.repeat(4999)}z`;
    const deleted = await controller.request('DELETE', `${plan}?reason=${reason}`);
    expect(deleted.status, deleted.text).toBe(200);
    expect((await controller.get(plan)).status).toBe(404);
    const audit = (await (await t.as('admin')).get('/api/audit?limit=1000')).body as Array<{ entityId: string; action: string; reason: string | null }>;
    expect(audit.find((e) => e.action === 'delete' && e.entityId === planId)?.reason).toBe(reason);
  });
  it('keeps its reviews, deadlines and analysis as archived: a review step, a deadline, a variance and a forecast are refused, nothing recorded; back from the archive, both go through', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const YEAR_END = '2024-12-31';
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    const tree = (await controller.get(`${plan}/tree?period=${YEAR_END}`)).body;
    const value = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.version > 0);
    const reviews = `${plan}/indicators/${encodeURIComponent(value.id)}/measurements/${YEAR_END}/reviews`;
    const periods = async () => (await controller.get(`${plan}/periods`)).body;
    const explainable = async () =>
      ((await controller.get(`${plan}/periods/${YEAR_END}/variances`)).body.objectives as Array<{ code: string; editable: boolean }>).filter((o) => o.editable).map((o) => o.code);
    expect(await explainable()).toContain('B.1.1');
    await archive(planId);
    // The variances report offers none to write (before: the same as in use, each save refused).
    expect(await explainable()).toEqual([]);
    const before = await periods();
    const thread = (await controller.get(reviews)).body;
    expect(thread).toMatchObject({ state: 'entered' });

    // Before: the approval (201) and the deadline (200) were stored on the archived plan.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      const review = await controller.request('POST', reviews, { action: 'approve', version: value.version }, headers);
      expect(review.status, review.text).toBe(409);
      expect(review.body.error).toMatchObject({ code: 'plan-archived', message });
      const deadline = await controller.request('PUT', `${plan}/periods/${YEAR_END}/deadline`, { deadline: '2025-01-31' }, headers);
      expect(deadline.status, deadline.text).toBe(409);
      expect(deadline.body.error).toMatchObject({ code: 'plan-archived', message });
      const variance = await controller.request('PUT', `${plan}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'Bando rinviato.', version: 0 }, headers);
      expect(variance.status, variance.text).toBe(409);
      expect(variance.body.error).toMatchObject({ code: 'plan-archived', message });
      const forecast = await controller.request('PUT', `${plan}/indicators/${encodeURIComponent(value.id)}/forecasts/${YEAR_END}`, { reachable: 'yes', version: 0 }, headers);
      expect(forecast.status, forecast.text).toBe(409);
      expect(forecast.body.error).toMatchObject({ code: 'plan-archived', message });
    }
    expect(await t.server.store.variances.listVariances(planId)).toEqual([]);
    expect((await controller.get(reviews)).body).toEqual(thread);
    expect(await periods()).toEqual(before);

    await archive(planId, false);
    expect(await explainable()).toContain('B.1.1');
    expect((await controller.request('POST', reviews, { action: 'approve', version: value.version })).status).toBe(201);
    expect((await controller.request('PUT', `${plan}/periods/${YEAR_END}/deadline`, { deadline: '2025-01-31' })).status).toBe(200);
  });

  it("takes no comment on its values: refused in the reader's language, the thread kept as it was and still read; back from the archive, taken", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    const tree = (await controller.get(`${plan}/tree?period=${PERIOD}`)).body;
    const indicator = tree.objectives.flatMap((o: any) => o.indicators)[0];
    const thread = `${plan}/indicators/${enc(indicator.id)}/measurements/${PERIOD}/comments`;
    expect((await controller.request('POST', thread, { body: 'Fonte da verificare.' })).status).toBe(201);
    await archive(planId);
    const before = (await controller.get(thread)).body;
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body;

    // Before: 201, the comment added to a plan put away.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      const refused = await controller.request('POST', thread, { body: 'Risposta tardiva.' }, headers);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'plan-archived', message, details: { planId } });
      // A period the plan has not: the archive said first, as every other write says it (before: 404 not-found).
      const nowhere = await controller.request('POST', thread.replace(PERIOD, '2024-02-30'), { body: 'Risposta tardiva.' }, headers);
      expect(nowhere.status, nowhere.text).toBe(409);
      expect(nowhere.body.error).toMatchObject({ code: 'plan-archived', message, details: { planId } });
    }
    const read = await controller.get(thread);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(before);
    expect(read.body.map((c: { body: string }) => c.body)).toEqual(['Fonte da verificare.']);
    expect((await controller.get(`/api/audit?planId=${planId}`)).body).toEqual(trail);

    await archive(planId, false);
    expect((await controller.request('POST', thread, { body: 'Risposta.' })).status).toBe(201);
    // Back from the archive, a period the plan has not is said as such.
    const unknown = await controller.request('POST', thread.replace(PERIOD, '2024-02-30'), { body: 'Risposta.' });
    expect(unknown.status, unknown.text).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'not-found' });
  });

  it("tells a period's move or addition, a variance and a forecast as archived first, before the period, the objective or the rule the route checks: nothing written; back from the archive, refused for those", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const YEAR_END = '2024-12-31';
    const NO_PERIOD = '2024-02-30';
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    const tree = (await controller.get(`${plan}/tree?period=${YEAR_END}`)).body;
    const short = ((await controller.get(`${plan}/periods/${YEAR_END}/variances`)).body.objectives as Array<{ code: string }>).map((o) => o.code);
    // An objective not short of its target (no variance to explain), and an indicator following its child objectives (no forecast of its own).
    const atTarget = (tree.objectives as Array<{ code: string }>).map((o) => o.code).find((code) => !short.includes(code))!;
    const derived = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.formula?.kind === 'children_mean');
    expect(atTarget).toBeDefined();
    expect(derived).toBeDefined();
    const writes = [
      ['move of a period it has not', 'POST', `${plan}/periods/${NO_PERIOD}/transition`, { to: 'collecting' }, 404, 'not-found'],
      ["period added outside the plan's year", 'POST', `${plan}/periods`, { endsOn: '2031-10-31' }, 400, 'invalid-body'],
      ['variance of a period it has not', 'PUT', `${plan}/nodes/B.1.1/variances/${NO_PERIOD}`, { cause: 'external', explanation: 'Bando rinviato.', version: 0 }, 404, 'not-found'],
      ['variance of an objective at target', 'PUT', `${plan}/nodes/${atTarget}/variances/${YEAR_END}`, { cause: 'external', explanation: 'Bando rinviato.', version: 0 }, 422, 'variance-not-short'],
      ['forecast of an indicator following its children', 'PUT', `${plan}/indicators/${enc(derived.id)}/forecasts/${PERIOD}`, { reachable: 'yes', version: 0 }, 422, 'forecast-derived'],
    ] as const;
    await archive(planId);
    const snapshot = async () => ({
      periods: (await controller.get(`${plan}/periods`)).body,
      variances: await t.server.store.variances.listVariances(planId),
      trail: (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body,
    });
    const before = await snapshot();

    // Before: each told as the route's own check (404, 422), not as the archive every other write says.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      for (const [what, method, path, body] of writes) {
        const refused = await controller.request(method, path, body, headers);
        expect(refused.status, `${what}: ${refused.text}`).toBe(409);
        expect(refused.body.error, what).toMatchObject({ code: 'plan-archived', message, details: { planId } });
      }
    }
    expect(await snapshot()).toEqual(before);

    // Back from the archive, each is refused for what it is.
    await archive(planId, false);
    for (const [what, method, path, body, status, code] of writes) {
      const refused = await controller.request(method, path, body);
      expect(refused.status, `${what}: ${refused.text}`).toBe(status);
      expect(refused.body.error.code, what).toBe(code);
    }
  });

  it("tells a variance's access first, as a forecast's: 404 an objective it has not, 403 not the referente's, then 409 archived, before the period and band", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const YEAR_END = '2024-12-31';
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    // The referente's report: the objectives short of their target, editable where theirs.
    const report = (await referente.get(`${plan}/periods/${YEAR_END}/variances`)).body.objectives as Array<{ code: string; editable: boolean }>;
    const theirs = report.find((o) => o.editable)!.code;
    const others = report.find((o) => !o.editable)!.code;
    const forecastOf = (await referente.get(`${plan}/tree?period=2024-09-30`)).body.objectives.flatMap((o: any) => o.indicators).find((i: any) => !i.editable && i.formula === null);
    await archive(planId);
    const variance = { cause: 'external', explanation: 'Bando rinviato.', version: 0 };
    const answers = [
      ['an objective it has not', referente, `${plan}/nodes/ZZ.9/variances/${YEAR_END}`, 404, 'not-found'],
      ["an objective not the referente's", referente, `${plan}/nodes/${enc(others)}/variances/${YEAR_END}`, 403, 'forbidden'],
      ["the referente's objective", referente, `${plan}/nodes/${enc(theirs)}/variances/${YEAR_END}`, 409, 'plan-archived'],
      // A period it has not, or its objective's band, is checked after: told as archived.
      ["the referente's objective, a period it has not", referente, `${plan}/nodes/${enc(theirs)}/variances/2024-02-30`, 409, 'plan-archived'],
      ["an objective not the referente's, to the controller", controller, `${plan}/nodes/${enc(others)}/variances/${YEAR_END}`, 409, 'plan-archived'],
    ] as const;
    for (const [what, who, path, status, code] of answers) {
      const refused = await who.request('PUT', path, variance);
      expect(refused.status, `${what}: ${refused.text}`).toBe(status);
      expect(refused.body.error.code, what).toBe(code);
    }
    // As a forecast of an indicator not the referente's is told.
    const forecast = await referente.request('PUT', `${plan}/indicators/${enc(forecastOf.id)}/forecasts/2024-09-30`, { reachable: 'yes', version: 0 });
    expect(forecast.status, forecast.text).toBe(403);
    expect(await t.server.store.variances.listVariances(planId)).toEqual([]);
  });

  it("tells a value, an evidence file and a comment as archived first, before the indicator's rule or its deletion: nothing written; back from the archive, refused for those", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    const indicators = (await controller.get(`${plan}/tree?period=${PERIOD}`)).body.objectives.flatMap((o: any) => o.indicators);
    // An indicator following its child objectives (computed, never entered), and one deleted in a revision, its thread kept.
    const derived = indicators.find((i: any) => i.formula?.kind === 'children_mean');
    const gone = indicators.find((i: any) => i.editable && i.formula === null);
    const goneValue = `${plan}/indicators/${enc(gone.id)}/measurements/${PERIOD}`;
    expect((await controller.request('POST', `${goneValue}/comments`, { body: 'Fonte da verificare.' })).status).toBe(201);
    expect((await controller.request('POST', `${plan}/revisions`, { reason: 'Indicatore tolto' })).status).toBe(201);
    const deleted = await controller.request('DELETE', `${plan}/indicators/${enc(gone.id)}?removeValues=true`);
    expect(deleted.status, deleted.text).toBe(200);
    const writes = [
      ['value of a computed indicator', 'PUT', `${plan}/indicators/${enc(derived.id)}/measurements/${PERIOD}`, { state: 'measured', actual: 1, version: derived.version }, 422, 'derived-indicator'],
      ["comment on a deleted indicator's kept thread", 'POST', `${goneValue}/comments`, { body: 'Risposta tardiva.' }, 409, 'indicator-deleted'],
      ['evidence of a deleted indicator', 'POST', `${goneValue}/attachments`, () => upload(tinyPdf(), 'verbale.pdf'), 409, 'indicator-deleted'],
    ] as const;
    const send = (method: string, path: string, body: unknown, headers?: Record<string, string>) => controller.request(method, path, typeof body === 'function' ? body() : body, headers);
    await archive(planId);
    const snapshot = async () => ({
      thread: (await controller.get(`${goneValue}/comments`)).body,
      files: (await controller.get(`${goneValue}/attachments`)).body,
      tree: (await controller.get(`${plan}/tree?period=${PERIOD}`)).body,
      trail: (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body,
    });
    const before = await snapshot();

    // Before: 422 derived-indicator and 409 indicator-deleted, the archive not said.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      for (const [what, method, path, body] of writes) {
        const refused = await send(method, path, body, headers);
        expect(refused.status, `${what}: ${refused.text}`).toBe(409);
        expect(refused.body.error, what).toMatchObject({ code: 'plan-archived', message, details: { planId } });
      }
    }
    expect(await snapshot()).toEqual(before);

    // Back from the archive, each is refused for what it is.
    await archive(planId, false);
    for (const [what, method, path, body, status, code] of writes) {
      const refused = await send(method, path, body);
      expect(refused.status, `${what}: ${refused.text}`).toBe(status);
      expect(refused.body.error.code, what).toBe(code);
    }
  });

  it("tells an indicator's definition and a baselines refresh as archived first, before what the route checks against the plan: nothing written; back from the archive, refused for those", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    const indicator = (await controller.get(`${plan}/tree?period=${PERIOD}`)).body.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.formula === null);
    // A baseline year after the plan's (2024), an indicator it has not, a baseline that follows no previous year.
    const added = { name: 'Nuovo indicatore', weight: 1, comparator: '>=', target: 10, unit: 'number', baseline: 5, baselineYear: 2030 };
    const writes = [
      ['indicator added with a baseline year after the plan', 'POST', `${plan}/nodes/B.1.1/indicators`, added, 400, 'invalid-body'],
      ['indicator changed with a baseline year after the plan', 'PATCH', `${plan}/indicators/${enc(indicator.id)}`, { baselineYear: 2030, version: indicator.definitionVersion }, 400, 'invalid-body'],
      ['indicator it has not', 'PATCH', `${plan}/indicators/${enc('ZZ.9:1')}`, { target: 5, version: 1 }, 404, 'not-found'],
      ['baseline that follows no previous year', 'POST', `${plan}/baselines/refresh`, { indicators: [indicator.id] }, 422, 'baseline-not-changed'],
    ] as const;
    await archive(planId);
    const snapshot = async () => ({
      tree: (await controller.get(`${plan}/tree?period=${PERIOD}`)).body,
      trail: (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body,
    });
    const before = await snapshot();

    // Before: each told as the route's own check (400, 404, 422), not as the archive.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      for (const [what, method, path, body] of writes) {
        const refused = await controller.request(method, path, body, headers);
        expect(refused.status, `${what}: ${refused.text}`).toBe(409);
        expect(refused.body.error, what).toMatchObject({ code: 'plan-archived', message, details: { planId } });
      }
    }
    expect(await snapshot()).toEqual(before);

    await archive(planId, false);
    for (const [what, method, path, body, status, code] of writes) {
      const refused = await controller.request(method, path, body);
      expect(refused.status, `${what}: ${refused.text}`).toBe(status);
      expect(refused.body.error.code, what).toBe(code);
      // The baseline year is refused at its field, for coming after the plan's year.
      if (status === 400)
        expect(
          refused.body.error.issues.map((i: { location: unknown }) => i.location),
          what,
        ).toEqual([{ field: 'baselineYear' }]);
    }
  });

  it("tells the OIV's review and decision of its Relazione as archived first, before the figures or what the screen showed: nothing written; back from the archive, refused for those", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const oiv = await t.as('oiv');
    await adoptAndReview(planId, controller, oiv);
    const current = (await oiv.get(`${plan}/relazione`)).body;
    // A value above what the plan's scoring gives (422 at its row), a `seen` no screen showed (409 conflict).
    const review = (headers?: Record<string, string>) =>
      oiv.request(
        'PUT',
        `${plan}/relazione/review`,
        { note: 'Verificato.', reservations: '', checklist: current.checklist, values: [{ code: 'B.1', validated: 150, note: 'Obiettivo superato.' }], version: current.version },
        headers,
      );
    const decide = (headers?: Record<string, string>) => oiv.request('POST', `${plan}/relazione/transition`, { to: 'validated', seen: 'mai-mostrato' }, headers);
    await archive(planId);
    const before = { relazione: (await oiv.get(`${plan}/relazione`)).body, trail: (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body };

    // Before: 422 above-ceiling and 409 changed-since-shown, the archive not said.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: si può consultare ma non modificare (ripristinalo prima dall'archivio)"],
      [ENGLISH, 'the plan is archived: it can be read but not changed (bring it back from the archive first)'],
    ] as const) {
      for (const [what, refused] of [
        ['review', await review(headers)],
        ['decision', await decide(headers)],
      ] as const) {
        expect(refused.status, `${what}: ${refused.text}`).toBe(409);
        expect(refused.body.error, what).toMatchObject({ code: 'plan-archived', message, details: { planId } });
      }
    }
    expect({ relazione: (await oiv.get(`${plan}/relazione`)).body, trail: (await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body }).toEqual(before);

    await archive(planId, false);
    const reviewed = await review();
    expect(reviewed.status, reviewed.text).toBe(422);
    expect(reviewed.body.error).toMatchObject({ code: 'invalid', params: { relazione: 'above-ceiling' } });
    const decided = await decide();
    expect(decided.status, decided.text).toBe(409);
    expect(decided.body.error).toMatchObject({ code: 'conflict', details: { reason: 'changed-since-shown' } });
  });

  it('refuses every write of its values, evidence, tree, units, baselines, periods, revisions and Relazione; reading and exporting it keep working', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const oiv = await t.as('oiv');
    const YEAR_END = '2024-12-31';
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    const first = (await controller.get(`${plan}/tree?period=${PERIOD}`)).body.objectives
      .flatMap((o: any) => o.indicators)
      .find((i: any) => i.editable && i.formula === null && i.rule?.kind !== 'children_mean');
    const value = `${plan}/indicators/${enc(first.id)}/measurements/${PERIOD}`;
    const entered = await controller.request('PUT', value, { state: 'measured', actual: 1, version: first.version });
    expect(entered.status, entered.text).toBe(200);
    const evidence = await controller.request('POST', `${value}/attachments`, upload(tinyPdf(), 'verbale.pdf'));
    expect(evidence.status, evidence.text).toBe(201);
    const opened = await controller.request('POST', `${plan}/revisions`, { reason: 'Aperta prima di archiviare' });
    expect(opened.status, opened.text).toBe(201);
    const relazione = (await controller.get(`${plan}/relazione`)).body;
    await archive(planId);

    const snapshot = async () => ({
      plan: (await controller.get(plan)).body,
      tree: (await controller.get(`${plan}/tree?period=${PERIOD}`)).body,
      periods: (await controller.get(`${plan}/periods`)).body,
      evidence: (await controller.get(`${value}/attachments`)).body,
      revisions: (await controller.get(`${plan}/revisions`)).body,
      relazione: (await controller.get(`${plan}/relazione`)).body,
      trail: (await controller.get(`/api/audit?planId=${planId}`)).body,
    });
    const before = await snapshot();
    const definition = before.tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.id === first.id);
    const writes: ReadonlyArray<readonly [string, Client, string, string, unknown?]> = [
      ['value', controller, 'PUT', value, { state: 'measured', actual: 2, version: definition.version }],
      ['evidence upload', controller, 'POST', `${value}/attachments`, upload(tinyPdf('Altro'), 'altro.pdf')],
      ['evidence removal', controller, 'DELETE', `${value}/attachments/${evidence.body.id}`],
      ['objective added', controller, 'POST', `${plan}/nodes`, { code: 'Z', title: 'Nuova area', parent: null }],
      ['objective changed', controller, 'PATCH', `${plan}/nodes/B.1.1`, { title: 'Titolo rivisto' }],
      ['objective deleted', controller, 'DELETE', `${plan}/nodes/B.1.1`],
      ['indicator changed', controller, 'PATCH', `${plan}/indicators/${enc(definition.id)}`, { target: 50, version: definition.definitionVersion }],
      ['indicator deleted', controller, 'DELETE', `${plan}/indicators/${enc(definition.id)}`],
      ['units assigned', controller, 'POST', `${plan}/reassign`, { nodes: ['B'], unitId: null }],
      ['baselines refreshed', controller, 'POST', `${plan}/baselines/refresh`, {}],
      ['plan version', controller, 'PATCH', plan, { version: 'revision' }],
      ['plan title', controller, 'PATCH', plan, { title: 'Piano rinominato' }],
      ['period added', controller, 'POST', `${plan}/periods`, { endsOn: '2024-10-31' }],
      ['period renamed', controller, 'PATCH', `${plan}/periods/${PERIOD}`, { label: 'Terzo trimestre' }],
      ['period deleted', controller, 'DELETE', `${plan}/periods/2024-06-30`],
      ['period moved', controller, 'POST', `${plan}/periods/${PERIOD}/transition`, { to: 'closed', acknowledgeUnreviewed: true }],
      ['revision corrected', controller, 'PATCH', `${plan}/revisions/${opened.body.number}`, { reason: 'Corretta' }],
      ['revision approved', controller, 'POST', `${plan}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2024-05-02' } }],
      ['Relazione texts', controller, 'PUT', `${plan}/relazione/texts`, { texts: { presentazione: 'Sintesi.' }, version: relazione.version }],
      ['Relazione review', oiv, 'PUT', `${plan}/relazione/review`, { note: 'Verificato.', reservations: '', checklist: [], values: [], version: relazione.version }],
      ['Relazione moved', controller, 'POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }],
    ];
    for (const [what, client, method, path, body] of writes) {
      const refused = await client.request(method, path, body);
      expect(refused.status, `${what}: ${refused.text}`).toBe(409);
      expect(refused.body.error.code, what).toBe('plan-archived');
    }
    expect(await snapshot()).toEqual(before);

    // Reading and exporting: the tree, its value's evidence and thread, the open data, the Relazione.
    expect((await controller.get(`${value}/attachments/${evidence.body.id}`)).status).toBe(200);
    expect((await controller.get(`${value}/comments`)).status).toBe(200);
    for (const format of ['csv', 'json', 'xlsx']) {
      const exported = await controller.get(`${plan}/export?format=${format}&period=${PERIOD}`);
      expect(exported.status, `${format}: ${exported.text.slice(0, 200)}`).toBe(200);
    }
    const document = await controller.get(`${plan}/relazione/export?format=html`);
    expect(document.status, document.text.slice(0, 200)).toBe(200);
    expect((await controller.get(`${plan}/tree?period=${YEAR_END}`)).status).toBe(200);
  });
  it('counts its values as they were archived: none late, the ones never entered missing, its workbook agreeing in both languages', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    // A deadline long past: in use, the values to enter are late.
    expect((await controller.request('PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const inUse = (await controller.get(`${plan}/dashboard`)).body as Dashboard;
    const total = (b: Dashboard) => b.totals.find((r) => r.periodId === PERIOD)!;
    expect(total(inUse).late).toBeGreaterThan(0);
    const preview = `${plan}/periods/${PERIOD}/closing-preview`;
    const lateIn = (p: ClosingPreview) => [...p.missing, ...p.toReview, ...p.returned].filter((i) => i.late).length;
    const previewInUse = (await controller.get(preview)).body as ClosingPreview;
    expect(previewInUse).toMatchObject({ archived: false, counts: { late: total(inUse).late } });
    expect(lateIn(previewInUse)).toBe(total(inUse).late);
    await archive(planId);

    const board = await controller.get(`${plan}/dashboard`);
    expect(board.status, board.text).toBe(200);
    const archived = board.body as Dashboard;
    expect(archived.archived).toBe(true);
    // Before: the same late count as in use, against a today an archived plan no longer has.
    expect([...archived.rows, ...archived.totals].filter((r) => r.late !== 0)).toEqual([]);
    // What was collected and what was missing stay as they were put away.
    const counts = (r: Dashboard['rows'][number] | Dashboard['totals'][number]) => [r.expected, r.entered, r.toReview, r.returned, r.approved, r.missing];
    expect(archived.rows.map(counts)).toEqual(inUse.rows.map(counts));
    expect(total(archived).missing).toBe(total(inUse).late);
    // The closing checklist agrees (a read only: the closing is refused): none late, the same values missing.
    // Before: its counts and items late as in use, against the dashboard's none.
    const read = await controller.get(preview);
    expect(read.status, read.text).toBe(200);
    const archivedPreview = read.body as ClosingPreview;
    expect(archivedPreview).toMatchObject({ notAdopted: false, archived: true, counts: { expected: total(archived).expected, to_enter: total(archived).missing, late: 0 } });
    expect(lateIn(archivedPreview)).toBe(0);
    expect(archivedPreview.missing.map((i) => i.indicatorId)).toEqual(previewInUse.missing.map((i) => i.indicatorId));

    for (const [lang, sheets, heads, missing] of [
      ['it', ['Completamento', 'Non approvati'], ['Mancanti', 'In ritardo'], 'mancante'],
      ['en', ['Completion', 'Not approved'], ['Missing', 'Late'], 'missing'],
    ] as const) {
      const reply = await fetch(`${t.url}${plan}/dashboard/export?lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(reply.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ExcelJS.Buffer);
      expect(book.worksheets.map((w) => w.name)).toEqual(sheets);
      const rows = book.getWorksheet(sheets[0])!.getSheetValues().filter(Boolean) as unknown[][];
      // Before: a «In ritardo» column counting the late values the dashboard now has none of.
      expect(rows[0]).toContain(heads[0]);
      expect(rows[0]).not.toContain(heads[1]);
      // The workbook's counts are the dashboard's, row by row (period, unit; expected … missing).
      const unitWords = lang === 'it' ? '(senza struttura)' : '(no unit)';
      const shown = rows.slice(1).map((r) => r.slice(4, 10));
      expect(shown).toEqual(archived.rows.map(counts));
      expect(rows.slice(1).map((r) => r[3])).toEqual(archived.rows.map((r) => r.unit ?? unitWords));
      const list = book.getWorksheet(sheets[1])!.getSheetValues().filter(Boolean) as unknown[][];
      expect(list[0]).not.toContain(heads[1]);
      const label = archived.periods.find((p) => p.id === PERIOD)!.label;
      const states = list.slice(1).filter((r) => r[1] === label);
      // Before: «da compilare» / «to enter», as if still due.
      expect(states.filter((r) => r[6] === missing).length).toBe(total(archived).missing);
    }

    // Brought back from the archive, the late values are late again.
    await archive(planId, false);
    expect(total((await controller.get(`${plan}/dashboard`)).body as Dashboard).late).toBe(total(inUse).late);
    expect((await controller.get(preview)).body).toEqual(previewInUse);
  });

  it("marks nothing editable in its tree, and moves its data version: an ETag taken before is not answered 304; back from the archive, editable again; a closed period's answer unchanged", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await adopt(planId, controller);
    const CLOSED = '2024-12-31';
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `${plan}/periods/${CLOSED}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    type Tree = { dataVersion: number; objectives: Array<{ code: string; indicators: Array<{ id: string; editable: boolean }> }> };
    const flags = (tree: Tree) => tree.objectives.flatMap((o) => o.indicators.map((i) => [o.code, i.id, i.editable] as const));
    const closed = await controller.get(`${plan}/tree?period=${CLOSED}`);
    const explainable = async () =>
      ((await controller.get(`${plan}/periods/${CLOSED}/variances`)).body.objectives as Array<{ code: string; editable: boolean }>).filter((o) => o.editable).map((o) => o.code);
    expect(await explainable()).toContain('B.1.1');
    const inUse = await controller.get(`${plan}/tree?period=${PERIOD}`);
    expect(inUse.status).toBe(200);
    expect(flags(inUse.body as Tree).some(([, , editable]) => editable)).toBe(true);
    // Read by the administrator: the trail of a plan not listed (archived) is an administrator's read.
    const admin = await t.as('admin');
    const trail = async () => ((await admin.get(`/api/audit?planId=${planId}`)).body as Array<{ action: string }>).filter((e) => e.action === 'archive' || e.action === 'unarchive');
    await archive(planId);

    // A new answer (archiving moves the data version: no 304 to the ETag taken in use); before, every value in it still said editable.
    const stale = await controller.request('GET', `${plan}/tree?period=${PERIOD}`, undefined, { 'if-none-match': inUse.headers.get('etag')! });
    expect(stale.status).toBe(200);
    const archived = stale.body as Tree;
    expect(archived.dataVersion).toBeGreaterThan((inUse.body as Tree).dataVersion);
    expect(flags(archived).filter(([, , editable]) => editable)).toEqual([]);
    // The referente's own values too.
    expect(flags((await referente.get(`${plan}/tree?period=${PERIOD}`)).body as Tree).filter(([, , editable]) => editable)).toEqual([]);
    // A closed period's answer is its closing's: the same bytes and ETag, still current.
    const closedAfter = await controller.request('GET', `${plan}/tree?period=${CLOSED}`, undefined, { 'if-none-match': closed.headers.get('etag')! });
    expect(closedAfter.status).toBe(304);
    expect((await controller.get(`${plan}/tree?period=${CLOSED}`)).text).toBe(closed.text);
    // Its variances offer none to write either, read from the closing's answer with the plan as it is now.
    expect(await explainable()).toEqual([]);
    // The trail says it as before: one entry, the plan archived.
    expect(await trail()).toMatchObject([{ action: 'archive', entity: 'plan', entityId: planId, before: { archived: false }, after: { archived: true } }]);

    await archive(planId, false);
    const back = await controller.request('GET', `${plan}/tree?period=${PERIOD}`, undefined, { 'if-none-match': stale.headers.get('etag')! });
    expect(back.status).toBe(200);
    expect(flags(back.body as Tree)).toEqual(flags(inUse.body as Tree));
    expect((await controller.get(`${plan}/tree?period=${CLOSED}`)).text).toBe(closed.text);
    expect((await trail()).map((e) => e.action)).toEqual(['unarchive', 'archive']);
    expect(await explainable()).toContain('B.1.1');
  });

  it("is not deleted while archived: refused in the reader's language, saying to bring it back first, nothing deleted; back from the archive, deleted with its reason", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    await archive(planId);
    const before = (await controller.get(plan)).body;
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body;

    // Before: 200, the archived plan and everything in it deleted.
    for (const [headers, message] of [
      [ITALIAN, "il piano è archiviato: non si può eliminare; ripristinalo prima dall'archivio, poi eliminalo"],
      [ENGLISH, 'the plan is archived: it cannot be deleted; bring it back from the archive first, then delete it'],
    ] as const) {
      const refused = await controller.request('DELETE', `${plan}?reason=Doppione`, undefined, headers);
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'plan-archived', message, details: { planId } });
    }
    expect((await controller.get(plan)).body).toEqual(before);
    expect((await controller.get(`/api/audit?planId=${planId}`)).body).toEqual(trail);
    expect(((await controller.get('/api/plans?archived=true')).body as Array<{ id: string }>).map((p) => p.id)).toContain(planId);

    await archive(planId, false);
    const deleted = await controller.request('DELETE', `${plan}?reason=Doppione`);
    expect(deleted.status, deleted.text).toBe(200);
    expect((await controller.get(plan)).status).toBe(404);
    const audit = (await (await t.as('admin')).get('/api/audit?limit=1000')).body as Array<{ entityId: string; action: string; reason: string | null }>;
    expect(audit.filter((e) => e.entityId === planId).map((e) => e.action)).toEqual(expect.arrayContaining(['archive', 'unarchive', 'delete']));
    expect(audit.find((e) => e.action === 'delete' && e.entityId === planId)?.reason).toBe('Doppione');
  });
});

describe('a write while the plan is being archived, on postgres', () => {
  let t: TestServer;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer('postgres');
    controller = await t.as('controller');
  }, 60_000);
  afterAll(async () => t?.close());

  it('waits for the archiving and is refused as archived, nothing written: values, evidence, reviews, deadlines, analysis, comments, periods, revisions, the tree', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    const YEAR_END = '2024-12-31';
    await adopt(planId, controller);
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    const opened = await controller.request('POST', `${plan}/revisions`, { reason: 'Aperta prima di archiviare' });
    expect(opened.status, opened.text).toBe(201);
    const indicators = (await controller.get(`${plan}/tree?period=${PERIOD}`)).body.objectives.flatMap((o: any) => o.indicators);
    const free = indicators.find((i: any) => i.editable && i.formula === null && i.rule?.kind !== 'children_mean');
    const value = `${plan}/indicators/${enc(free.id)}/measurements/${PERIOD}`;
    const entered = (await controller.get(`${plan}/tree?period=${YEAR_END}`)).body.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.version > 0);
    const writes: ReadonlyArray<readonly [string, string, string, unknown?]> = [
      ['value', 'PUT', value, { state: 'measured', actual: 2, version: free.version }],
      ['evidence upload', 'POST', `${value}/attachments`, upload(tinyPdf(), 'verbale.pdf')],
      ['comment', 'POST', `${value}/comments`, { body: 'Fonte da verificare.' }],
      ['review step', 'POST', `${plan}/indicators/${enc(entered.id)}/measurements/${YEAR_END}/reviews`, { action: 'approve', version: entered.version }],
      ['deadline', 'PUT', `${plan}/periods/${YEAR_END}/deadline`, { deadline: '2025-01-31' }],
      ['variance', 'PUT', `${plan}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'external', explanation: 'Bando rinviato.', version: 0 }],
      ['period renamed', 'PATCH', `${plan}/periods/${PERIOD}`, { label: 'Terzo trimestre' }],
      ['revision corrected', 'PATCH', `${plan}/revisions/${opened.body.number}`, { reason: 'Corretta' }],
      ['objective changed', 'PATCH', `${plan}/nodes/B.1.1`, { title: 'Titolo rivisto' }],
    ];
    // The trail as it reads in the plan brought back (an archived plan's is read as archived), but the bringing back.
    const trail = async () => ((await controller.get(`/api/audit?planId=${planId}&limit=1000`)).body as Array<{ action: string }>).filter((e) => e.action !== 'unarchive');
    for (const [what, method, path, body] of writes) {
      const before = await trail();
      // Another connection archives as the store does (the plan's row locked for update first) and
      // commits once the write waits on that lock. Before: the write read the plan as not archived
      // without waiting, and was stored in the plan archived meanwhile (or never waited at all).
      const archiving = `SELECT id FROM plans WHERE id = '${planId}' FOR UPDATE; UPDATE plans SET archived_at = '${new Date().toISOString()}' WHERE id = '${planId}'`;
      const refused = await whileAnotherHolds(t.location, archiving, null, () => controller.request(method, path, body));
      expect(refused.status, `${what}: ${refused.text}`).toBe(409);
      expect(refused.body.error.code, what).toBe('plan-archived');
      const back = await controller.request('POST', `${plan}/unarchive`);
      expect(back.status, back.text).toBe(200);
      expect(await trail(), what).toEqual(before);
    }
  });
});
