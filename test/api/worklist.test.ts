/**
 * The monitoring campaign through HTTP, on SQLite and PostgreSQL: a referente's worklist with its
 * deadline and states (da compilare → compilato → da integrare → compilato → approvato → a new
 * value back to review), the controller's dashboard per unit and period (and its XLSX), the
 * closing checklist, and the administrator's temporary password that must be changed first.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { adopt, Client, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';

describe.each<Backend>(['sqlite', 'postgres'])('the monitoring campaign on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let referente: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    referente = await t.as('referente');
  });
  afterAll(async () => t?.close());

  it('walks a value through the worklist, the review and the dashboard, then lists what closing leaves behind', async () => {
    const planId = await t.importFixture();
    await adopt(planId, controller);
    const digitale = (await controller.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    const deadline = await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' });
    expect(deadline.body).toMatchObject({ id: PERIOD, deadline: '2024-10-15' });
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '15/10/2024' })).status).toBe(400);

    // The referente's worklist: the collecting period, only their unit's values, all to enter and late.
    const work = await referente.get(`/api/plans/${planId}/worklist`);
    expect(work.status, work.text).toBe(200);
    expect(work.body.period).toMatchObject({ id: PERIOD, state: 'collecting', deadline: '2024-10-15' });
    const mine = work.body.items.map((i: { indicatorId: string }) => i.indicatorId);
    expect(mine).toContain('B.1.1:5');
    expect(work.body.items.every((i: { node: string; state: string; late: boolean; unit: string }) => i.node === 'B.1.1' && i.state === 'to_enter' && i.late && i.unit === REFERENTE_UNIT)).toBe(true);
    expect(work.body.counts).toMatchObject({ to_enter: mine.length, entered: 0, late: mine.length });

    // The controller sees everything, and filters by unit.
    const all = (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items;
    expect(all.length).toBeGreaterThan(mine.length);
    const byUnit = (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}&unit=${digitale.id}`)).body.items;
    expect(byUnit.map((i: { indicatorId: string }) => i.indicatorId)).toEqual(mine);
    const nonsense = await controller.request('GET', `/api/plans/${planId}/worklist?state=nonsense`, undefined, { 'accept-language': 'it' });
    expect([nonsense.status, nonsense.body.error.code, nonsense.body.error.params.field]).toEqual([400, 'invalid-query', 'state']);
    expect(nonsense.body.error.message).toMatch(/^state deve essere uno tra .+, non «nonsense»$/);
    expect((await controller.get(`/api/plans/${planId}/worklist?state=nonsense`)).body.error.message).toMatch(/^state must be one of .+, not “nonsense”$/);

    const dashboardRow = async () => {
      const d = await controller.get(`/api/plans/${planId}/dashboard`);
      expect(d.status, d.text).toBe(200);
      return d.body.rows.find((r: { periodId: string; unitId: string | null }) => r.periodId === PERIOD && r.unitId === digitale.id);
    };
    expect(await dashboardRow()).toMatchObject({ unit: REFERENTE_UNIT, expected: mine.length, entered: 0, missing: mine.length, late: mine.length });

    // Entered: compilato, waiting for review.
    const valueUrl = `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/${PERIOD}`;
    expect((await referente.request('PUT', valueUrl, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    const item = async () => (await referente.get(`/api/plans/${planId}/worklist`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === 'B.1.1:5');
    expect(await item()).toMatchObject({ state: 'entered', version: 1, late: false, review: null });
    expect(await dashboardRow()).toMatchObject({ entered: 1, toReview: 1, missing: mine.length - 1, late: mine.length - 1 });

    // Sent back with a request: da integrare; the referente sees it and answers.
    expect((await referente.request('POST', `${valueUrl}/reviews`, { action: 'approve', version: 1 })).status).toBe(403);
    expect((await controller.request('POST', `${valueUrl}/reviews`, { action: 'return', version: 1 })).status).toBe(422);
    const sent = await controller.request('POST', `${valueUrl}/reviews`, { action: 'return', note: 'Allegare la fonte del dato', version: 1 });
    expect(sent.status, sent.text).toBe(201);
    expect(await item()).toMatchObject({ state: 'returned', late: true, review: { action: 'return', note: 'Allegare la fonte del dato', by: 'controller' } });
    expect(await dashboardRow()).toMatchObject({ returned: 1, toReview: 0 });
    const answered = await referente.request('POST', `${valueUrl}/reviews`, { action: 'answer', note: 'Fonte: registro protocollo', version: 1 });
    expect(answered.status, answered.text).toBe(201);
    expect((await item()).state).toBe('entered');
    const thread = await referente.get(`${valueUrl}/reviews`);
    expect(thread.body.steps.map((s: { action: string; by: string }) => `${s.action} ${s.by}`)).toEqual(['return controller', 'answer referente']);

    // Approved; a second approval is refused; a stale version is a conflict.
    expect((await controller.request('POST', `${valueUrl}/reviews`, { action: 'approve', version: 7 })).status).toBe(409);
    expect((await controller.request('POST', `${valueUrl}/reviews`, { action: 'approve', version: 1 })).status).toBe(201);
    expect((await controller.request('POST', `${valueUrl}/reviews`, { action: 'approve', version: 1 })).status).toBe(422);
    expect(await item()).toMatchObject({ state: 'approved' });
    expect(await dashboardRow()).toMatchObject({ approved: 1, toReview: 0, returned: 0 });
    // A new value after approval goes back to review.
    expect((await referente.request('PUT', valueUrl, { state: 'measured', actual: 0.6, version: 1 })).status).toBe(200);
    expect(await item()).toMatchObject({ state: 'entered', version: 2, review: null });
    expect((await controller.request('POST', `${valueUrl}/reviews`, { action: 'approve', version: 2 })).status).toBe(201);

    // Every review step is in the audit trail, and the approval the new value superseded.
    const trail = (await controller.get(`/api/audit?planId=${planId}&limit=100`)).body.filter((a: { entity: string }) => a.entity === 'review');
    expect(trail.map((a: { action: string }) => a.action)).toEqual(['approve', 'supersede', 'approve', 'answer', 'return']);

    // Another value entered but not reviewed, one sent back: the closing checklist says so.
    const other = mine.find((id: string) => id !== 'B.1.1:5');
    expect((await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(other)}/measurements/${PERIOD}`, { state: 'not_achieved', version: 0 })).status).toBe(200);
    const preview = await controller.get(`/api/plans/${planId}/periods/${PERIOD}/closing-preview`);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.counts).toMatchObject({ expected: all.length, approved: 1, entered: 1, to_enter: all.length - 2 });
    expect(preview.body.toReview.map((i: { indicatorId: string }) => i.indicatorId)).toEqual([other]);
    expect(preview.body.missing).toHaveLength(all.length - 2);
    expect((await referente.get(`/api/plans/${planId}/periods/${PERIOD}/closing-preview`)).status).toBe(403);

    // The dashboard as a workbook.
    const xlsx = await fetch(`${t.url}/api/plans/${planId}/dashboard/export`, { headers: { cookie: controller.cookie! } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows = book.getWorksheet('Completamento')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 4)).toEqual(['Periodo', 'Scadenza', 'Struttura']);
    // The deadline a date cell, shown dd/mm/yyyy as the period beside it (before, the text 2024-10-15).
    const deadlineOf = (r: unknown[]) => (r[2] instanceof Date ? r[2].toISOString() : r[2]);
    const mineRow = rows.find((r) => deadlineOf(r) === '2024-10-15T00:00:00.000Z' && r[3] === REFERENTE_UNIT)!;
    expect(mineRow, JSON.stringify(rows)).toBeDefined();
    const sheet = book.getWorksheet('Completamento')!;
    const deadlineCell = sheet.getRow(rows.indexOf(mineRow) + 1).getCell(2);
    expect([deadlineCell.type, deadlineCell.numFmt]).toEqual([ExcelJS.ValueType.Date, 'dd/mm/yyyy']);
    expect(mineRow.slice(4, 11)).toEqual([mine.length, 2, 1, 0, 1, mine.length - 2, mine.length - 2]);
    const list = book.getWorksheet('Da completare')!;
    expect(list.rowCount).toBeGreaterThan(all.length - 2);
    // The same workbook in English when asked (the document's language is chosen, not the browser's).
    const englishReply = await fetch(`${t.url}/api/plans/${planId}/dashboard/export?lang=en`, { headers: { cookie: controller.cookie! } });
    expect(englishReply.headers.get('content-disposition')).toContain('completion.xlsx');
    const english = new ExcelJS.Workbook();
    await english.xlsx.load(Buffer.from(await englishReply.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(english.worksheets.map((w) => w.name)).toEqual(['Completion', 'To complete']);
    const englishRows = english.getWorksheet('Completion')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(englishRows[0]!.slice(1, 4)).toEqual(['Period', 'Deadline', 'Unit']);
    expect(englishRows.find((r) => deadlineOf(r) === '2024-10-15T00:00:00.000Z' && r[3] === REFERENTE_UNIT)!.slice(4, 11)).toEqual(mineRow.slice(4, 11));
    const states = new Set((english.getWorksheet('To complete')!.getSheetValues().filter(Boolean) as unknown[][]).slice(1).map((r) => r[6]));
    expect(
      [...states].every((s) => ['to enter', 'entered', 'returned'].includes(String(s))),
      [...states].join(),
    ).toBe(true);
    const wrong = await controller.get(`/api/plans/${planId}/dashboard/export?lang=de`);
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'invalid-query']);

    // Closed: reviews stop (423), the referente's dashboard stays refused.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const locked = await controller.request('POST', `/api/plans/${planId}/indicators/${enc(other)}/measurements/${PERIOD}/reviews`, { action: 'approve', version: 1 });
    expect(locked.status).toBe(423);
    expect((await referente.get(`/api/plans/${planId}/dashboard`)).status).toBe(403);
    const closedRow = await dashboardRow();
    expect(closedRow.late).toBe(0);
  });

  it('lists nothing of a draft plan, not in force, and says why, as the home page has no work of it; adopted, its values', async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    // A value may still be entered in the draft, from the tree: it is not work due.
    expect((await referente.request('PUT', `${plan}/indicators/${enc('B.1.1:5')}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    const none = { to_enter: 0, entered: 0, returned: 0, approved: 0, late: 0 };
    for (const [client, query] of [
      [referente, ''],
      [referente, '&state=todo'],
      [controller, ''],
      [controller, '&state=entered'],
    ] as const) {
      const list = await client.get(`${plan}/worklist?period=${PERIOD}${query}`);
      expect(list.status, list.text).toBe(200);
      // Before: every value of the period to enter and late, and the one entered to review.
      expect(list.body).toMatchObject({ planId, period: { id: PERIOD, deadline: '2024-10-15' }, notAdopted: true, items: [], counts: none, total: 0 });
      expect(list.body.periods.length).toBeGreaterThan(1);
    }
    expect(((await referente.get('/api/work-due')).body.items as Array<{ planId: string }>).filter((i) => i.planId === planId)).toEqual([]);
    // What is refused stays refused: an unknown period, a state that is none.
    expect((await referente.get(`${plan}/worklist?period=2024-02-30`)).status).toBe(404);
    expect((await referente.get(`${plan}/worklist?state=nonsense`)).status).toBe(400);

    await adopt(planId, controller);
    const work = await referente.get(`${plan}/worklist?period=${PERIOD}`);
    expect(work.body.notAdopted).toBe(false);
    expect(work.body.items.find((i: { indicatorId: string }) => i.indicatorId === 'B.1.1:5')).toMatchObject({ state: 'entered', version: 1 });
    expect(work.body.counts).toMatchObject({ entered: 1, to_enter: work.body.items.length - 1 });
  });

  it("counts nothing due in a draft's dashboard, its workbook and its closing checklist, saying why; adopted, its counts", async () => {
    const planId = await t.importFixture();
    const plan = `/api/plans/${planId}`;
    expect((await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `${plan}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    // A value entered from the tree of the draft: not work due, yet the closing would lock it unreviewed.
    expect((await referente.request('PUT', `${plan}/indicators/${enc('B.1.1:5')}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);

    const board = await controller.get(`${plan}/dashboard`);
    expect(board.status, board.text).toBe(200);
    // Before: every value of the period expected, missing and late, the one entered to review.
    expect(board.body).toMatchObject({ planId, notAdopted: true, archived: false, rows: [], totals: [] });
    expect(board.body.periods.length).toBeGreaterThan(1);

    for (const [lang, sheet, words] of [
      ['it', 'Completamento', 'Il piano non è ancora adottato: nessun valore da raccogliere.'],
      ['en', 'Completion', 'The plan is not adopted yet: no values to collect.'],
    ] as const) {
      const reply = await fetch(`${t.url}${plan}/dashboard/export?lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(reply.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ExcelJS.Buffer);
      // Before: a table of every value to enter, late, and a sheet listing them all to complete.
      expect(book.worksheets.map((w) => w.name)).toEqual([sheet]);
      expect(book.getWorksheet(sheet)!.getSheetValues().filter(Boolean)).toEqual([[undefined, words]]);
    }

    // The period may still be closed: nothing is missing, late or to complete, only the value nobody reviewed.
    const preview = await controller.get(`${plan}/periods/${PERIOD}/closing-preview`);
    expect(preview.status, preview.text).toBe(200);
    // Before: every other value missing and late, expected the whole period.
    expect(preview.body).toMatchObject({ notAdopted: true, counts: { expected: 0, to_enter: 0, entered: 1, returned: 0, approved: 0, late: 0 }, missing: [], returned: [] });
    expect(preview.body.toReview.map((i: { indicatorId: string }) => i.indicatorId)).toEqual(['B.1.1:5']);
    const refused = await controller.request('POST', `${plan}/periods/${PERIOD}/transition`, { to: 'closed' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.code).toBe('unreviewed-values');

    await adopt(planId, controller);
    const adopted = (await controller.get(`${plan}/dashboard`)).body;
    expect(adopted.notAdopted).toBe(false);
    const total = adopted.totals.find((r: { periodId: string }) => r.periodId === PERIOD);
    expect(total).toMatchObject({ entered: 1, toReview: 1 });
    expect(total.late).toBe(total.missing);
    expect(total.missing).toBe(total.expected - 1);
    const open = await controller.get(`${plan}/periods/${PERIOD}/closing-preview`);
    expect(open.body.notAdopted).toBe(false);
    expect(open.body.missing.length).toBe(total.missing);
    expect(open.body.counts).toMatchObject({ expected: total.expected, late: total.missing });
  });

  it("refuses a deadline outside the plan's year and the next, or before the period ends, at its field, in the reader's language, and keeps the one stored", async () => {
    const planId = await t.importFixture();
    const put = (deadline: string | null, language = 'en') => controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline }, { 'accept-language': language });
    // From the period's own end to the next year's last day: the year end's values come in early the next year.
    for (const deadline of ['2024-09-30', '2025-12-31', '2024-10-15']) expect((await put(deadline)).body).toMatchObject({ id: PERIOD, deadline });
    for (const deadline of ['1999-01-01', '2031-06-30', '2023-12-31', '2026-01-01']) {
      const said = deadline.split('-').reverse().join('/');
      const en = await put(deadline);
      expect(en.status, en.text).toBe(400);
      expect(en.body.error).toMatchObject({ code: 'invalid-body', params: { fields: ['deadline'] } });
      expect(en.body.error.issues).toEqual([
        expect.objectContaining({
          code: 'invalid',
          location: { field: 'deadline' },
          message: `the deadline ${said} is not in 2024 or 2025: values are due in the plan's year or the next`,
          params: { field: 'deadline', reason: 'deadline-year', date: deadline, year: 2024 },
        }),
      ]);
      const italian = await put(deadline, 'it');
      expect([italian.status, italian.body.error.issues[0].message]).toEqual([400, `la scadenza ${said} non è nel 2024 né nel 2025: i valori si inseriscono entro l'anno del piano o il successivo`]);
    }
    // Before the period ends its values are not measured yet: a deadline then is refused at the same field, with the period's end.
    for (const deadline of ['2024-01-01', '2024-09-29']) {
      const said = deadline.split('-').reverse().join('/');
      const en = await put(deadline);
      expect(en.status, en.text).toBe(400);
      expect(en.body.error.issues).toEqual([
        expect.objectContaining({
          code: 'invalid',
          location: { field: 'deadline' },
          message: `the deadline ${said} comes before the period ends (30/09/2024): its values are measured after its end`,
          params: { field: 'deadline', reason: 'deadline-before-end', date: deadline, end: PERIOD },
        }),
      ]);
      const italian = await put(deadline, 'it');
      expect([italian.status, italian.body.error.issues[0].message]).toEqual([400, `la scadenza ${said} è prima della fine del periodo (30/09/2024): i suoi valori si misurano dopo la fine`]);
    }
    // A day that is no day is said at the same field, the same way.
    const noDay = await put('2024-02-30');
    expect([noDay.status, noDay.body.error.issues[0].location]).toEqual([400, { field: 'deadline' }]);
    // Nothing of the refused ones was stored, nor recorded.
    const periods = (await controller.get(`/api/plans/${planId}/periods`)).body as Array<{ id: string; deadline: string | null }>;
    expect(periods.find((p) => p.id === PERIOD)!.deadline).toBe('2024-10-15');
    expect((await put(null)).body).toMatchObject({ id: PERIOD, deadline: null });
  });

  it('moves the dashboard with a value entered here without reading the plan again, and still sees a value entered elsewhere', async () => {
    const planId = await t.importFixture();
    await adopt(planId, controller);
    const units = (await controller.get('/api/units')).body as Array<{ id: string; name: string }>;
    const digitale = units.find((u) => u.name === REFERENTE_UNIT)!;
    const row = async () => {
      const d = await controller.get(`/api/plans/${planId}/dashboard`);
      expect(d.status, d.text).toBe(200);
      return d.body.rows.find((r: { periodId: string; unitId: string | null }) => r.periodId === PERIOD && r.unitId === digitale.id);
    };
    const mine = (await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.map((i: { indicatorId: string }) => i.indicatorId) as string[];
    expect(mine.length).toBeGreaterThan(1);
    const start = await row();
    const reads = vi.spyOn(t.server.store, 'campaignData');
    try {
      // Entered through this server: the cached campaign takes the value, the plan is not read again.
      expect((await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(mine[0]!)}/measurements/${PERIOD}`, { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
      expect(await row()).toMatchObject({ entered: start.entered + 1, toReview: start.toReview + 1, missing: start.missing - 1 });
      expect((await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === mine[0])).toMatchObject({
        state: 'entered',
        version: 1,
      });
      expect(reads).not.toHaveBeenCalled();
      // Entered through a second server on the same database: this one's cache cannot know, so the
      // next read finds another data version and reads the plan again.
      const other = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
      try {
        const elsewhere = new Client(other.url);
        expect((await elsewhere.login('referente')).status).toBe(200);
        expect((await elsewhere.request('PUT', `/api/plans/${planId}/indicators/${enc(mine[1]!)}/measurements/${PERIOD}`, { state: 'not_achieved', version: 0 })).status).toBe(200);
      } finally {
        await other.close();
      }
      expect(await row()).toMatchObject({ entered: start.entered + 2, toReview: start.toReview + 2, missing: start.missing - 2 });
      expect(reads).toHaveBeenCalledTimes(1);
      // And a value entered here after that is taken in place again.
      expect((await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(mine[0]!)}/measurements/${PERIOD}`, { state: 'not_achieved', version: 1 })).status).toBe(200);
      expect(await row()).toMatchObject({ entered: start.entered + 2, missing: start.missing - 2 });
      expect((await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === mine[0])).toMatchObject({
        state: 'entered',
        version: 2,
      });
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
  });

  it('makes a temporary password be changed before anything else', async () => {
    const admin = await t.as('admin');
    const user = await admin.request('POST', '/api/users', { username: 'temp-user', displayName: 'Tempo', role: 'controller', password: PASSWORD });
    const signedIn = new Client(t.url);
    expect((await signedIn.login('temp-user')).status).toBe(200);
    const set = await admin.request('POST', `/api/users/${user.body.id}/temporary-password`, { password: 'provvisoria 1' });
    expect(set.status, set.text).toBe(200);
    expect(set.body.mustChangePassword).toBe(true);
    // Setting it ended the account's sessions.
    expect((await signedIn.get('/api/session')).body).toBeNull();
    const fresh = new Client(t.url);
    const login = await fresh.login('temp-user', 'provvisoria 1');
    expect(login.body.user.mustChangePassword).toBe(true);
    const refused = await fresh.get('/api/plans');
    expect([refused.status, refused.body.error.code]).toEqual([403, 'password-change-required']);
    expect((await fresh.request('POST', '/api/units', { code: 'T1', name: 'T', kind: 'Ufficio' })).status).toBe(403);
    expect((await fresh.get('/api/session')).status).toBe(200);
    expect((await fresh.request('POST', '/api/users/me/password', { current: 'provvisoria 1', next: 'la mia password nuova' })).status).toBe(200);
    const after = new Client(t.url);
    const again = await after.login('temp-user', 'la mia password nuova');
    expect(again.body.user.mustChangePassword).toBe(false);
    expect((await after.get('/api/plans')).status).toBe(200);
    const audit = (await admin.get('/api/audit?limit=50')).body.filter((a: { entity: string; entityId: string }) => a.entity === 'user' && a.entityId === user.body.id);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['password', 'password', 'create']);
  });

  it("says a value's reason the program wrote in the reader's words, not its code", async () => {
    const planId = await t.importFixture();
    await adopt(planId, controller);
    // The fixture's table marks A.4.1 N.V.: the import stores the program's reason as its code.
    const period = (await controller.get(`/api/plans/${planId}/worklist`)).body.periods.map((p: { id: string }) => p.id).at(-1) as string;
    const reasons = async (language: string) => {
      const work = await controller.request('GET', `/api/plans/${planId}/worklist?period=${period}&limit=1000`, undefined, { 'accept-language': language });
      expect(work.status, work.text).toBe(200);
      const items = work.body.items as Array<{ value: { state: string; reason: string | null } | null }>;
      return [...new Set(items.filter((i) => i.value?.state === 'not_evaluable').map((i) => i.value!.reason))];
    };
    expect(await reasons('it')).toEqual(['N.V. nella tabella pubblicata']);
    expect(await reasons('en')).toEqual(['N.E. in the published table']);
  });
});

/**
 * The server's campaign features keep one "today", its reminders' clock: before, the worklist and
 * the dashboard judged "late" on the real date while the reminders used the server's, so a server
 * set to a day before the deadline sent no reminder yet showed every missing value as late.
 */
describe.each<Backend>(['sqlite', 'postgres'])("late by the server's clock on %s", (backend) => {
  let t: TestServer;
  let day = '2024-10-10';
  beforeAll(async () => {
    t = await startTestServer(backend, { reminders: { today: () => day } });
  });
  afterAll(async () => t?.close());

  it('calls a missing value late only once the clock has passed its deadline, in the worklist and the dashboard alike', async () => {
    const planId = await t.importFixture();
    const controller = await t.as('controller');
    await adopt(planId, controller);
    const referente = await t.as('referente');
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const seen = async () => {
      const work = await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}`);
      const dashboard = await controller.get(`/api/plans/${planId}/dashboard`);
      expect([work.status, dashboard.status], work.text + dashboard.text).toEqual([200, 200]);
      const items = work.body.items as Array<{ late: boolean; state: string }>;
      expect(items.length).toBeGreaterThan(0);
      const lateRows = (dashboard.body.rows as Array<{ periodId: string; late: number }>).filter((r) => r.periodId === PERIOD).reduce((n, r) => n + r.late, 0);
      return { late: items.filter((i) => i.late).length, missing: items.filter((i) => i.state === 'to_enter').length, counted: work.body.counts.late, lateRows, today: dashboard.body.today };
    };

    // The deadline is still to come by the server's clock, whatever the real date.
    expect(await seen()).toMatchObject({ late: 0, counted: 0, lateRows: 0, today: '2024-10-10' });
    // The day after the deadline: every missing value is late, and the cache does not keep yesterday's answer.
    day = '2024-10-16';
    const after = await seen();
    expect(after).toMatchObject({ late: after.missing, counted: after.missing, today: '2024-10-16' });
    expect(after.late).toBeGreaterThan(0);
    expect(after.lateRows).toBeGreaterThanOrEqual(after.late);
  });
});
