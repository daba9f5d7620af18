/**
 * What waits for each person, and the list "to do" their links open, on a real SQLite file through
 * HTTP. The worklist's `todo` filter keeps the values to enter and those sent back together (what a
 * referente follows a reminder for); `mine` keeps the values assigned to the reader, which the
 * controller, who sees every value, asks for their own. A unit head with the controller role has
 * both kinds of work: the unit's values to enter and correct, and every value to review. A plan
 * not adopted (a draft: no reminder goes out for it) has no work due, whatever its deadlines, and
 * its worklist, agreeing, lists nothing and says it is not adopted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkDue, Worklist } from '../../src/contract/index.js';
import { adopt, enc, PASSWORD, REFERENTE_UNIT, startWithFixture, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
/** Two values of B.1.1 (the referente's unit): one entered and waiting for review, one sent back. */
const ENTERED = 'B.1.1:5';
const RETURNED = 'B.1.1:4';

describe('the work due and the list to do', { timeout: 120_000 }, () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  /** The head of the referente's unit, whose role is the controller's. */
  let head: Client;
  const value = (indicator: string): string => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${PERIOD}`;
  const worklist = async (client: Client, query: string): Promise<Worklist> => {
    const reply = await client.get(`/api/plans/${planId}/worklist?period=${PERIOD}${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body as Worklist;
  };
  const dueOf = async (client: Client) => ((await client.get('/api/work-due')).body as WorkDue).items.find((i) => i.planId === planId && i.periodId === PERIOD);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite'));
    await adopt(planId, controller);
    referente = await t.as('referente');
    const admin = await t.as('admin');
    const created = await admin.request('POST', '/api/users', { username: 'dirigente', displayName: 'Dott.ssa Anna Rossi', role: 'controller', password: PASSWORD });
    expect(created.status, created.text).toBe(201);
    const unit = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${unit.id}`, { headId: created.body.id })).status).toBe(200);
    head = await t.as('public');
    expect((await head.login('dirigente')).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    for (const id of [ENTERED, RETURNED]) expect((await referente.request('PUT', value(id), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    expect((await controller.request('POST', `${value(RETURNED)}/reviews`, { action: 'return', note: 'Allegare la fonte', version: 1 })).status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('lists to do the values to enter and those sent back, together, and nothing else', async () => {
    const all = await worklist(referente, '');
    const toDo = await worklist(referente, '&state=todo');
    expect(toDo.items.map((i) => i.indicatorId)).toEqual(all.items.filter((i) => i.state === 'to_enter' || i.state === 'returned').map((i) => i.indicatorId));
    expect(toDo.items.map((i) => i.indicatorId)).toContain(RETURNED);
    expect(toDo.items.map((i) => i.indicatorId)).not.toContain(ENTERED);
    expect(toDo.items.some((i) => i.state === 'to_enter')).toBe(true);
    // The other filters stay: one state alone.
    expect((await worklist(referente, '&state=returned')).items.map((i) => i.indicatorId)).toEqual([RETURNED]);
    const refused = await referente.get(`/api/plans/${planId}/worklist?state=da_fare`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('todo');
  });

  it('keeps for the controller, when asked, the values assigned to them: a head’s, the unit’s', async () => {
    const unitToDo = (await worklist(referente, '&state=todo')).items.map((i) => i.indicatorId);
    expect((await worklist(head, '&state=todo&mine=1')).items.map((i) => i.indicatorId)).toEqual(unitToDo);
    // Without it, the controller's list is every value of the plan.
    expect((await worklist(head, '&state=todo')).items.length).toBeGreaterThan(unitToDo.length);
    // The controller, in no unit and named on nothing, has none of their own.
    expect((await worklist(controller, '&state=todo&mine=1')).items).toEqual([]);
    expect((await controller.get(`/api/plans/${planId}/worklist?mine=yes`)).status).toBe(400);
  });

  it('tells each person every kind of work they have: the head with the controller role, theirs to enter and correct and all to review', async () => {
    const unit = await worklist(referente, '');
    const toEnter = unit.items.filter((i) => i.state === 'to_enter').length;
    expect(toEnter).toBeGreaterThan(0);
    expect(await dueOf(referente)).toMatchObject({ toEnter, returned: 1, toReview: 0, late: true });
    expect(await dueOf(head)).toMatchObject({ toEnter, returned: 1, toReview: 1, late: true });
    expect(await dueOf(controller)).toMatchObject({ toEnter: 0, returned: 0, toReview: 1 });
    // The OIV and HR enter no values and review none.
    for (const role of ['oiv', 'personale'] as const) expect((await (await t.as(role)).get('/api/work-due')).body).toEqual({ items: [] });
  });

  it('lists nothing of a draft plan, not in force: its deadlines bind nobody yet', async () => {
    // Next year's plan, made from the adopted one: a draft, a period collecting with a deadline passed and values to enter.
    const next = await controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025 });
    expect(next.status, next.text).toBe(201);
    expect(next.body.status).toBe('draft');
    const draft = `/api/plans/${next.body.id}`;
    expect((await controller.request('POST', `${draft}/periods/2025-09-30/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `${draft}/periods/2025-09-30/deadline`, { deadline: '2025-10-15' })).status).toBe(200);
    // Its worklist agrees with the home page: nothing due, and why (before: every value listed to enter, late).
    const own = (await referente.get(`${draft}/worklist?period=2025-09-30&state=todo`)).body as Worklist;
    expect(own).toMatchObject({ notAdopted: true, items: [], total: 0, counts: { to_enter: 0, entered: 0, returned: 0, approved: 0, late: 0 } });
    // Before: the draft's values listed as due, late, on the home page of each person.
    for (const client of [referente, head, controller]) {
      const items = ((await client.get('/api/work-due')).body as WorkDue).items;
      expect(items.filter((i) => i.planId === next.body.id)).toEqual([]);
      expect(items.some((i) => i.planId === planId)).toBe(true);
    }
    // Adopted, in force: its values are due.
    await adopt(next.body.id, controller);
    const adopted = (await referente.get(`${draft}/worklist?period=2025-09-30&state=todo`)).body as Worklist;
    expect(adopted.notAdopted).toBe(false);
    expect(adopted.items.length).toBeGreaterThan(0);
    expect(((await referente.get('/api/work-due')).body as WorkDue).items.find((i) => i.planId === next.body.id)).toMatchObject({ periodId: '2025-09-30', toEnter: adopted.items.length });
  });
});
