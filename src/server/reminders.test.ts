import { describe, expect, it } from 'vitest';
import type { ReminderRecord } from '../store/index.js';
import type { WorkItem } from './campaign.js';
import { newsSince } from './reminders.js';

/** A value of the worklist: to enter, or sent back at `returnedAt`. */
function item(indicatorId: string, returnedAt?: string): WorkItem {
  return {
    indicatorId,
    indicator: `Indicatore ${indicatorId}`,
    node: 'A.1',
    objective: 'Obiettivo',
    unitId: 'u1',
    unit: 'Ufficio',
    personId: null,
    person: null,
    periodId: '2024-09-30',
    deadline: '2024-10-15',
    state: returnedAt === undefined ? 'to_enter' : 'returned',
    late: true,
    version: returnedAt === undefined ? 0 : 1,
    enteredBy: returnedAt === undefined ? null : 'referente',
    enteredByName: null,
    enteredAt: null,
    review: returnedAt === undefined ? null : { action: 'return', note: 'Manca la fonte', by: 'controller', byName: 'Controller', at: returnedAt },
    correctedRequest: null,
    supersededApproval: null,
  };
}

/** A message of the outbox that listed `indicators`, queued at `createdAt` for `deadline` on `day`. */
function told(indicators: string[], createdAt: string, deadline: string | null, day: string | null): ReminderRecord {
  return {
    id: createdAt,
    planId: 'p',
    periodId: '2024-09-30',
    stage: 'after',
    userId: 'u',
    username: 'referente',
    unitId: null,
    address: null,
    language: 'it',
    subject: 's',
    body: 'b',
    indicators,
    status: 'sent',
    cancelReason: null,
    attempts: 1,
    lastError: null,
    createdAt,
    createdBy: 'system',
    nextAttemptAt: null,
    sentAt: createdAt,
    transport: 'smtp',
    messageId: `<${createdAt}>`,
    deadline,
    day,
  };
}

describe('what a later reminder of a stage says (newsSince)', () => {
  it('the first lists every value; a later one only those no earlier one listed, counting the others', () => {
    const items = [item('A:1'), item('A:2'), item('A:3')];
    expect(newsSince([], '2024-10-15', items)).toEqual({ fresh: items, since: null, earlier: 0 });
    const news = newsSince([told(['A:1'], '2024-10-16T06:00:00.000Z', '2024-10-15', '2024-10-16'), told(['A:2'], '2024-10-17T06:00:00.000Z', '2024-10-15', '2024-10-17')], '2024-10-15', items);
    expect(news).toEqual({ fresh: [items[2]], since: '17/10/2024', earlier: 2 });
    // Nothing new: nothing to say (never the same list twice).
    expect(newsSince([told(['A:1', 'A:2', 'A:3'], '2024-10-16T06:00:00.000Z', '2024-10-15', '2024-10-16')], '2024-10-15', items).fresh).toEqual([]);
  });

  it('a value sent back after the message that listed it is new again; one sent back before it is not', () => {
    const earlier = [told(['A:1', 'A:2'], '2024-10-16T06:00:00.000Z', '2024-10-15', '2024-10-16')];
    const items = [item('A:1', '2024-10-15T10:00:00.000Z'), item('A:2', '2024-10-16T09:00:00.000Z')];
    expect(newsSince(earlier, '2024-10-15', items).fresh.map((i) => i.indicatorId)).toEqual(['A:2']);
  });

  it('a message about another deadline said something else; one of before migration 90 (no deadline) is about this one, dated by Rome', () => {
    const items = [item('A:1')];
    expect(newsSince([told(['A:1'], '2024-10-16T06:00:00.000Z', '2024-10-10', '2024-10-16')], '2024-10-15', items)).toEqual({ fresh: items, since: null, earlier: 0 });
    // 23:30 UTC on 15 October is already the 16th in Rome.
    expect(newsSince([told(['A:1'], '2024-10-15T23:30:00.000Z', null, null)], '2024-10-15', items)).toEqual({ fresh: [], since: '16/10/2024', earlier: 1 });
  });
});
