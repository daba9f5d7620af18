/**
 * A value that becomes someone's after their reminder of a stage was sent still gets a reminder,
 * on SQLite and PostgreSQL, with a real SMTP server: an indicator reassigned to the referente, a
 * value sent back «da integrare», a deadline moved. The later message lists only what is new (the
 * rest counted, not listed again), at most one a day per person and stage, and never the same list
 * twice. A value saved «non misurato» counts as entered: the head's list leaves it out, as the
 * completion dashboard does, and both count the same values late.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpSettings } from '../../src/server/mailer.js';
import { startSmtp, type TestSmtp } from '../support/smtp.js';
import { adopt, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const smtpAt = (port: number): SmtpSettings => ({ host: '127.0.0.1', port, secure: false, user: null, pass: null, from: 'Albero <albero@comune.example.it>', timeoutMs: 3000 });

/** The indicator ids a message lists, one a line. */
const listed = (text: string): string[] =>
  text
    .split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2).split(' ')[0]!);

describe.each<Backend>(['sqlite', 'postgres'])('a later reminder of the same stage, on %s', (backend) => {
  let smtp: TestSmtp;
  let t: TestServer;
  let day = '2024-10-16';
  let controller: Client;
  let referente: Client;
  let planId: string;
  let missing: string[];
  let elsewhere: string;
  let referenteId: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestServer(backend, { reminders: { smtp: smtpAt(smtp.port), settings: { daysBefore: 3, daysAfter: 1, headAfter: 7 }, today: () => day } });
    const admin = await t.as('admin');
    controller = await t.as('controller');
    referente = await t.as('referente');
    const ids = Object.fromEntries(((await admin.get('/api/users')).body as Array<{ id: string; username: string }>).map((u) => [u.username, u.id]));
    expect((await admin.request('PATCH', `/api/users/${ids.referente}`, { email: 'referente@comune.example.it' })).status).toBe(200);
    const head = await admin.request('POST', '/api/users', { username: 'dirigente', displayName: 'Dott.ssa Anna Rossi', role: 'controller', password: PASSWORD, email: 'dirigente@comune.example.it' });
    expect(head.status, head.text).toBe(201);
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { headId: head.body.id })).status).toBe(200);
    planId = await t.importFixture();
    await adopt(planId, controller);
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    const work = (await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}&state=todo`)).body.items as Array<{ indicatorId: string }>;
    missing = work.map((i) => i.indicatorId);
    expect(missing.length).toBeGreaterThan(2);
    // A value of another unit, no concern of the referente's yet.
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body as {
      objectives: Array<{ unit: string | null; indicators: Array<{ id: string; unitName: string | null; formula: { kind: string } | null }> }>;
    };
    elsewhere = tree.objectives.flatMap((o) => o.indicators.filter((i) => i.formula?.kind !== 'children_mean' && (i.unitName ?? o.unit) !== REFERENTE_UNIT).map((i) => i.id))[0]!;
    expect(elsewhere).toBeDefined();
    referenteId = ids.referente!;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const send = async (): Promise<Array<{ stage: string; username: string; indicators: string[] }>> => {
    const run = await controller.request('POST', '/api/reminders/send', {});
    expect(run.status, run.text).toBe(200);
    return run.body.queued;
  };
  const toReferente = () => smtp.received.filter((m) => m.to.includes('referente@comune.example.it'));

  it('tells what became theirs since, once a day at most, never the same list twice', async () => {
    // The day after the deadline: the first "after" message lists every value missing.
    day = '2024-10-16';
    // (The unit's head, a controller, has the unit's values on their home page too: told as well.)
    expect((await send()).map((r) => `${r.stage} ${r.username}`).sort()).toEqual(['after dirigente', 'after referente']);
    expect(listed(toReferente()[0]!.text)).toEqual(missing);

    // Later that day an indicator of another unit is named to the referente: theirs now, but a
    // second message of the stage waits for the next day.
    expect((await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Un indicatore a Sara', date: '2024-05-10' })).status).toBe(201);
    const named = await controller.request('POST', `/api/plans/${planId}/reassign`, { indicators: [elsewhere], personId: referenteId });
    expect(named.status, named.text).toBe(200);
    expect(await send()).toEqual([]);
    expect(toReferente()).toHaveLength(1);

    // The next day: that value alone, said as new, the others counted (before: never told at all).
    day = '2024-10-17';
    const next = await send();
    expect(next.map((r) => [r.stage, r.username, r.indicators])).toEqual([['after', 'referente', [elsewhere]]]);
    const second = toReferente()[1]!;
    expect(second.subject).toBe('Albero: scadenza del 15/10/2024 superata, 1 valore in più da inserire (30/09/2024)');
    expect(second.text).toContain("rispetto al promemoria del 16/10/2024, tra gli indicatori a lei assegnati c'è 1 valore in più da inserire per il periodo «30/09/2024»");
    expect(listed(second.text)).toEqual([elsewhere]);
    expect(second.text).toContain(`Mancano ancora anche ${missing.length} valori già segnalati nei promemoria precedenti.`);
    // Nothing new: nothing more, that day or the next.
    expect(await send()).toEqual([]);
    day = '2024-10-18';
    expect(await send()).toEqual([]);

    // A value entered, then sent back «da integrare»: listed again, marked so.
    const [back] = missing as [string];
    const entered = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(back)}/measurements/${PERIOD}`, { state: 'not_achieved', version: 0 });
    expect(entered.status, entered.text).toBe(200);
    const returned = await controller.request('POST', `/api/plans/${planId}/indicators/${enc(back)}/measurements/${PERIOD}/reviews`, { action: 'return', note: 'Manca la fonte', version: 1 });
    expect(returned.status, returned.text).toBe(201);
    expect((await send()).map((r) => [r.stage, r.username, r.indicators]).sort()).toEqual([
      ['after', 'dirigente', [back]],
      ['after', 'referente', [back]],
    ]);
    const third = toReferente()[2]!;
    expect(listed(third.text)).toEqual([back]);
    expect(third.text).toMatch(new RegExp(`^- ${back.replace(/[.:]/g, '\\$&')} .* — da integrare$`, 'm'));
    day = '2024-10-19';
    expect(await send()).toEqual([]);
    expect(toReferente()).toHaveLength(3);
  });

  it('a value saved «non misurato» is entered: the head is not told of it, as the dashboard does not count it late', async () => {
    const [, notMeasured] = missing as [string, string];
    const saved = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(notMeasured)}/measurements/${PERIOD}`, { state: 'not_measured', version: 0 });
    expect(saved.status, saved.text).toBe(200);
    // The head's day: the unit's values late.
    day = '2024-10-22';
    const queued = await send();
    expect(queued.map((r) => `${r.stage} ${r.username}`)).toEqual(['head dirigente']);
    const toHead = smtp.received.filter((m) => m.to.includes('dirigente@comune.example.it')).at(-1)!;
    const unitList = listed(toHead.text);
    expect(unitList).not.toContain(notMeasured);
    const board = (await controller.get(`/api/plans/${planId}/dashboard`)).body as {
      rows: Array<{ periodId: string; unit: string | null; late: number; missing: number; returned: number; entered: number }>;
    };
    const row = board.rows.find((r) => r.periodId === PERIOD && r.unit === REFERENTE_UNIT)!;
    // The same values: the dashboard's late ones (to enter and sent back) are the head's list.
    expect(row.late).toBe(unitList.length);
    expect(row.missing + row.returned).toBe(unitList.length);
    expect(toHead.subject).toBe(`Albero: ${REFERENTE_UNIT}, ${row.late} valori in ritardo dal 15/10/2024 (30/09/2024)`);
    // …and the referente, told of it before, is not told of it again nor of anything else.
    expect(queued.some((r) => r.username === 'referente')).toBe(false);
  });

  it('a deadline moved: the stage is said again for the new deadline, with every value missing', async () => {
    expect((await controller.request('PUT', `/api/plans/${planId}/periods/${PERIOD}/deadline`, { deadline: '2024-10-25' })).status).toBe(200);
    day = '2024-10-26';
    const before = toReferente().length;
    const queued = await send();
    const mine = queued.find((r) => r.username === 'referente' && r.stage === 'after')!;
    expect(mine, JSON.stringify(queued)).toBeDefined();
    const now = ((await referente.get(`/api/plans/${planId}/worklist?period=${PERIOD}&state=todo`)).body.items as Array<{ indicatorId: string }>).map((i) => i.indicatorId);
    expect([...mine.indicators].sort()).toEqual([...now].sort());
    const mail = toReferente()[before]!;
    expect(mail.subject).toBe(`Albero: scadenza del 25/10/2024 superata, ${now.length} valori ancora da inserire (30/09/2024)`);
    expect(listed(mail.text)).toEqual(now);
    expect(await send()).toEqual([]);
  });
});
