/**
 * The office's day is Rome's: a deadline passes at midnight in Rome, and a revision opened without a
 * date is dated by the day it is in Rome, on SQLite and PostgreSQL. At 23:30 UTC on 31 January it is
 * already 1 February in Rome. Before, the server took the UTC day: a value still missing at 00:30 of
 * the day after its deadline was not late, and a revision opened then was dated the day before.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { officeDay } from '../../src/core/messages/index.js';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

/** `step` taken at `moment` (the server's clock set there for the request alone). */
async function at<T>(moment: string, step: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(moment));
  try {
    return await step();
  } finally {
    vi.useRealTimers();
  }
}

describe('the office day', () => {
  it("is Rome's, in winter and in summer", () => {
    expect(officeDay(new Date('2025-01-31T22:59:00Z'))).toBe('2025-01-31');
    expect(officeDay(new Date('2025-01-31T23:30:00Z'))).toBe('2025-02-01');
    expect(officeDay(new Date('2024-07-15T21:59:00Z'))).toBe('2024-07-15');
    expect(officeDay(new Date('2024-07-15T22:30:00Z'))).toBe('2024-07-16');
  });
});

describe.each<Backend>(['sqlite', 'postgres'])("the office's day on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    // Adopted, in force: a draft's worklist has nothing due.
    await adopt(planId, controller);
  });
  afterAll(async () => t?.close());

  it('makes a value still to enter late once the deadline has passed in Rome, not an hour later', async () => {
    const plan = `/api/plans/${enc(planId)}`;
    expect((await controller.request('POST', `${plan}/periods/${YEAR_END}/transition`, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('PUT', `${plan}/periods/${YEAR_END}/deadline`, { deadline: '2025-01-31' })).status).toBe(200);
    const late = async (moment: string) => {
      const list = await at(moment, () => controller.get(`${plan}/worklist?period=${YEAR_END}&state=to_enter`));
      expect(list.status, list.text).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      return { items: list.body.items.map((i: { late: boolean }) => i.late), counted: list.body.counts.late };
    };
    // 23:59 on 31 January in Rome: the deadline's own day.
    expect(await late('2025-01-31T22:59:00.000Z')).toMatchObject({ counted: 0 });
    // 00:30 on 1 February in Rome (still 31 January in UTC): past the deadline.
    const after = await late('2025-01-31T23:30:00.000Z');
    expect(after.items.every((l: boolean) => l)).toBe(true);
    expect(after.counted).toBe(after.items.length);
  });

  it('dates a revision opened without a date by the day in Rome', async () => {
    const plan = `/api/plans/${enc(planId)}`;
    // 00:30 on 15 March 2024 in Rome, 23:30 on the 14th in UTC.
    const opened = await at('2024-03-14T23:30:00.000Z', () => controller.request('POST', `${plan}/revisions`, { reason: 'Rimodulazione dei target' }));
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.date).toBe('2024-03-15');
  });
});
