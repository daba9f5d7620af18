/**
 * The review list a page at a time, on SQLite and PostgreSQL: `GET /api/plans/:id/worklist` answers
 * the page asked (`offset`, `limit`) of the list its filters keep (state, «da fare», unit, person,
 * «only mine»), in plan order, with the counts per state and the total of that whole list on every
 * page; a page past its end has no rows and the same numbers. The database filters and counts: the
 * numbers per unit agree with the dashboard's, which the server counts from the whole campaign.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { adopt, Client, enc, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';

interface Row {
  indicatorId: string;
  state: string;
  unitId: string | null;
  personId: string | null;
}
interface Page {
  items: Row[];
  counts: { to_enter: number; entered: number; returned: number; approved: number; late: number };
  total: number;
  offset: number;
  limit: number;
}

describe.each<Backend>(['sqlite', 'postgres'])('the review list in pages on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let referente: Client;
  let planId: string;
  /** The whole list in plan order, one page of the most rows a page may hold. */
  let ids: string[];
  const page = async (client: Client, query: string): Promise<Page> => {
    const reply = await client.get(`/api/plans/${planId}/worklist?period=${PERIOD}&${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body as Page;
  };
  const value = (id: string) => `/api/plans/${planId}/indicators/${enc(id)}/measurements/${PERIOD}`;

  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    referente = await t.as('referente');
    planId = await t.importFixture();
    // Adopted, in force (a draft's worklist lists nothing), with a revision open for the changes of owner made below.
    await adopt(planId, controller);
    expect((await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Cambio di referente' })).status).toBe(201);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    ids = (await page(controller, 'limit=1000')).items.map((i) => i.indicatorId);
    expect(ids.length).toBeGreaterThan(12);
  });
  afterAll(async () => t?.close());

  it('answers the page asked, across a page boundary and past the end, with the same numbers on every page', async () => {
    const first = await page(controller, 'limit=5');
    expect(first.items.map((i) => i.indicatorId)).toEqual(ids.slice(0, 5));
    expect([first.total, first.offset, first.limit]).toEqual([ids.length, 0, 5]);
    expect(first.counts).toMatchObject({ to_enter: ids.length, entered: 0, returned: 0, approved: 0 });
    // The next page starts at the row after the boundary: none lost, none twice.
    const second = await page(controller, 'offset=5&limit=5');
    expect(second.items.map((i) => i.indicatorId)).toEqual(ids.slice(5, 10));
    expect([second.total, second.counts]).toEqual([first.total, first.counts]);
    // Pages of 5 put end to end are the whole list.
    const pages: string[] = [];
    for (let offset = 0; offset < ids.length; offset += 5) pages.push(...(await page(controller, `offset=${offset}&limit=5`)).items.map((i) => i.indicatorId));
    expect(pages).toEqual(ids);
    // The last page holds what is left; past the end, no rows, the same total and counts.
    expect((await page(controller, `offset=${ids.length - 2}&limit=5`)).items.map((i) => i.indicatorId)).toEqual(ids.slice(-2));
    for (const offset of [ids.length, ids.length + 500]) {
      const past = await page(controller, `offset=${offset}&limit=5`);
      expect([past.items, past.total, past.offset, past.counts]).toEqual([[], ids.length, offset, first.counts]);
    }
    // Without a page asked: the first 200 rows (the fixture's list is shorter).
    expect(await page(controller, '')).toMatchObject({ offset: 0, limit: 200, total: ids.length });
  });

  it('filters and counts by state, «da fare», unit, person and «only mine» in the database, as the dashboard counts', async () => {
    const digitale = (await controller.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    const mine = await page(referente, 'limit=1000');
    const theirs = mine.items.map((i) => i.indicatorId);
    expect(theirs.length).toBeGreaterThan(3);
    // The referente's values: one entered, one entered and approved, one entered and sent back.
    const [entered, approved, returned] = theirs;
    for (const id of [entered, approved, returned]) expect((await referente.request('PUT', value(id!), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    expect((await controller.request('POST', `${value(approved!)}/reviews`, { action: 'approve', version: 1 })).status).toBe(201);
    expect((await controller.request('POST', `${value(returned!)}/reviews`, { action: 'return', note: 'Manca la fonte', version: 1 })).status).toBe(201);
    // A deadline passed: every value to enter or sent back is late.
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);

    const all = await page(controller, 'limit=1000');
    const missing = ids.length - 3;
    expect([all.total, all.counts]).toEqual([ids.length, { to_enter: missing, entered: 1, returned: 1, approved: 1, late: missing + 1 }]);
    const ofState = async (state: string) => page(controller, `state=${state}&limit=1000`);
    expect((await ofState('entered')).items.map((i) => i.indicatorId)).toEqual([entered]);
    expect((await ofState('approved')).items.map((i) => i.indicatorId)).toEqual([approved]);
    expect((await ofState('returned')).items.map((i) => [i.indicatorId, i.state])).toEqual([[returned, 'returned']]);
    // «Da fare»: to enter and sent back, in plan order, counted as such, on pages of their own.
    const todo = await ofState('todo');
    expect(todo.items.map((i) => i.indicatorId)).toEqual(ids.filter((id) => id !== entered && id !== approved));
    expect([todo.total, todo.counts]).toEqual([missing + 1, { to_enter: missing, entered: 0, returned: 1, approved: 0, late: missing + 1 }]);
    const todoPage = await page(controller, `state=todo&offset=2&limit=3`);
    expect([todoPage.items.map((i) => i.indicatorId), todoPage.total]).toEqual([todo.items.slice(2, 5).map((i) => i.indicatorId), todo.total]);

    // Per unit, as resolved up the tree by the database: the dashboard's numbers, which the campaign counts in memory.
    const dashboard = (await controller.get(`/api/plans/${planId}/dashboard`)).body.rows.filter((r: { periodId: string }) => r.periodId === PERIOD);
    expect(dashboard.length).toBeGreaterThan(1);
    let seen = 0;
    for (const row of dashboard as Array<{ unitId: string | null; expected: number; missing: number; toReview: number; returned: number; approved: number; late: number }>) {
      const unit = await page(controller, `unit=${row.unitId === null ? 'none' : enc(row.unitId)}&limit=1000`);
      expect([unit.total, unit.counts], String(row.unitId)).toEqual([row.expected, { to_enter: row.missing, entered: row.toReview, returned: row.returned, approved: row.approved, late: row.late }]);
      expect(unit.items.every((i) => i.unitId === row.unitId)).toBe(true);
      seen += unit.total;
    }
    expect(seen).toBe(ids.length);
    expect((await page(controller, `unit=${enc(digitale.id)}&state=todo&limit=1000`)).counts).toMatchObject({ to_enter: theirs.length - 3, returned: 1, entered: 0, approved: 0 });

    // A person: an indicator of another unit assigned to the referente by name is theirs too, and the person filter finds it.
    const people = (await controller.get('/api/people')).body as Array<{ id: string; username?: string; displayName?: string }>;
    const person = people.find((p) => p.username === 'referente') ?? people.find((p) => p.displayName !== undefined && /referente/i.test(p.displayName));
    expect(person).toBeDefined();
    const elsewhere = ids.find((id) => !theirs.includes(id))!;
    const reassigned = await controller.request('POST', `/api/plans/${planId}/reassign`, { indicators: [elsewhere], personId: person!.id });
    expect(reassigned.status, reassigned.text).toBe(200);
    const byPerson = await page(controller, `person=${enc(person!.id)}&limit=1000`);
    expect(byPerson.items.map((i) => i.indicatorId)).toContain(elsewhere);
    expect(byPerson.items.every((i) => i.personId === person!.id)).toBe(true);
    const mineNow = await page(referente, 'limit=1000');
    expect(mineNow.items.map((i) => i.indicatorId).sort()).toEqual([...theirs, elsewhere].sort());
    expect(mineNow.total).toBe(theirs.length + 1);
    // «Only mine» for the controller: nothing is assigned to them.
    expect(await page(controller, 'mine=1&limit=1000')).toMatchObject({ items: [], total: 0 });
  });

  it('keeps a plan’s list between its pages, and still sees a reassignment, a value and a review made through another server', async () => {
    const plan = await t.importFixture();
    // Adopted, in force, with a revision open for the change of owner made below.
    await adopt(plan, controller);
    expect((await controller.request('POST', `/api/plans/${plan}/revisions`, { reason: 'Cambio di referente' })).status).toBe(201);
    expect((await controller.request('POST', `/api/plans/${plan}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    const list = async (query: string): Promise<Page> => {
      const reply = await controller.get(`/api/plans/${plan}/worklist?period=${PERIOD}&limit=1000&${query}`);
      expect(reply.status, reply.text).toBe(200);
      return reply.body as Page;
    };
    const at = (id: string) => `/api/plans/${plan}/indicators/${enc(id)}/measurements/${PERIOD}`;
    const rows = (await list('')).items;
    const [first, second, third] = rows.map((i) => i.indicatorId);
    const person = ((await controller.get('/api/people')).body as Array<{ id: string; username?: string }>).find((p) => p.username === 'referente')!;
    expect((await list(`person=${enc(person.id)}`)).items.map((i) => i.indicatorId)).not.toContain(second);
    const other = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    try {
      const elsewhere = new Client(other.url);
      expect((await elsewhere.login('controller')).status).toBe(200);
      // Reassigned elsewhere, then a value entered here: the list kept is not the plan's any more.
      expect((await elsewhere.request('POST', `/api/plans/${plan}/reassign`, { indicators: [second], personId: person.id })).status).toBe(200);
      expect((await controller.request('PUT', at(third!), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
      const after = await list('');
      expect(after.items.find((i) => i.indicatorId === second)).toMatchObject({ personId: person.id, state: 'to_enter' });
      expect(after.items.find((i) => i.indicatorId === third)).toMatchObject({ state: 'entered' });
      expect((await list(`person=${enc(person.id)}`)).items.map((i) => i.indicatorId)).toContain(second);
      // A value entered and approved elsewhere.
      expect((await elsewhere.request('PUT', at(first!), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
      expect((await elsewhere.request('POST', `${at(first!)}/reviews`, { action: 'approve', version: 1 })).status).toBe(201);
    } finally {
      await other.close();
    }
    const last = await list('');
    expect(last.items.find((i) => i.indicatorId === first)).toMatchObject({ state: 'approved' });
    expect([last.total, last.counts]).toEqual([rows.length, { to_enter: rows.length - 2, entered: 1, returned: 0, approved: 1, late: 0 }]);
    expect((await list('state=approved')).items.map((i) => i.indicatorId)).toEqual([first]);
  });

  it('refuses a page that is not one, at its field, in the reader’s language', async () => {
    for (const [query, field] of [
      ['offset=-1', 'offset'],
      ['offset=due', 'offset'],
      ['limit=0', 'limit'],
      ['limit=1.5', 'limit'],
    ] as const) {
      const italian = await controller.request('GET', `/api/plans/${planId}/worklist?${query}`, undefined, { 'accept-language': 'it' });
      expect([italian.status, italian.body.error.code, italian.body.error.params.field], query).toEqual([400, 'invalid-query', field]);
      expect(italian.body.error.message).toMatch(field === 'offset' ? /^offset: un numero intero da 0 in su/ : /^limit: un numero intero positivo/);
      const english = await controller.request('GET', `/api/plans/${planId}/worklist?${query}`, undefined, { 'accept-language': 'en' });
      expect(english.body.error.message).toMatch(field === 'offset' ? /^offset: a whole number from 0 up/ : /^limit: a positive whole number/);
    }
    // More than a page may hold: the most it holds.
    expect(await page(controller, 'limit=5000')).toMatchObject({ limit: 1000, total: ids.length });
  });
});
