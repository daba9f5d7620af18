/**
 * Refusals met across the plan's year, on SQLite and PostgreSQL: each says what is wrong in the
 * reader's language and where.
 * - The audit trail asked with a `limit` that is not a count (`?limit=abc`, `0`, `1.5`) was refused
 *   in English words whatever the reader's language ("limit: a positive whole number"), with no
 *   issue at the field; now in Italian or English, at `limit`.
 * - A closed period reopened without a reason was refused without naming the field to fill in;
 *   now at `reason` (details.field), as the revision's missing reason is; and, as every other
 *   missing field, with 422 `invalid` (it was 409 `invalid-transition`, as if the move were wrong).
 * - A move no one may make from the period's state (open → closed, open → validated) was told about
 *   roles to whoever lacked the role the move would need; now said impossible from that state (409)
 *   whoever asks, and a possible move is refused for the role (403).
 * - A revision dated before the one numbered before it (no. 2 on 01/03/2024 after no. 1 on
 *   10/07/2024) was taken: the register then said the plan changed in March from the target that
 *   July's revision set; now refused (422) at `date`, opened or corrected, in Italian and English.
 * - A plan imported with a year that is not one (`year=duemila`) was told so in the reader's
 *   language, without the year typed; the English-only detail beside it quoted it "…": now the
 *   message names it, «duemila» in Italian, “duemila” in English.
 * - An approved revision's act could be taken away (`PATCH {act: null}`), leaving on the register a
 *   revision approved by no act; now refused (409) at `act`: the act is corrected, not removed.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE } from '../helpers.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const IT = { 'accept-language': 'it-IT,it;q=0.9' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };
const MID_YEAR = '2024-06-30';
const ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' };

describe.each<Backend>(['sqlite', 'postgres'])('refusals across the year on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  const plan = () => `/api/plans/${enc(planId)}`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  }, 120_000);
  afterAll(async () => t?.close());

  it('refuses a limit of the audit trail that is not a count in the reader’s language, at the field', async () => {
    for (const limit of ['abc', '0', '1.5', '-3']) {
      const italian = await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=${limit}`, undefined, IT);
      expect(italian.status, italian.text).toBe(400);
      expect(italian.body.error).toMatchObject({ code: 'invalid-query', message: 'limit: un numero intero positivo (1, 2, …)', params: { field: 'limit' } });
      expect(italian.body.error.issues).toEqual([expect.objectContaining({ severity: 'error', message: 'limit: un numero intero positivo (1, 2, …)', location: { field: 'limit' } })]);
      const english = await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=${limit}`, undefined, EN);
      expect(english.status, english.text).toBe(400);
      expect(english.body.error.message).toBe('limit: a positive whole number (1, 2, …)');
    }
    // A count beyond the most is read as the most, as before.
    expect((await controller.request('GET', `/api/audit?planId=${enc(planId)}&limit=99999999999999`)).status).toBe(200);
  });

  it('says a reopening without a reason at the reason, in the reader’s language, and leaves the period closed', async () => {
    for (const to of ['collecting', 'closed'] as const) expect((await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    for (const reason of [undefined, '   ', null]) {
      const refused = await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to: 'collecting', ...(reason === undefined ? {} : { reason }) }, IT);
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'invalid',
        message: 'per riaprire un periodo chiuso serve un motivo',
        params: { field: 'reason', reason: 'reopen-reason', state: 'closed' },
        details: { field: 'reason' },
      });
    }
    const english = await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to: 'collecting' }, EN);
    expect(english.status, english.text).toBe(422);
    expect(english.body.error).toMatchObject({ code: 'invalid', message: 'reopening a closed period needs a reason', details: { field: 'reason' } });
    // A move that is not allowed at all is no matter of the reason.
    const notAllowed = await controller.request('POST', `${plan()}/periods/${MID_YEAR}/transition`, { to: 'open' }, EN);
    expect(notAllowed.status).toBe(409);
    expect(notAllowed.body.error.details).toEqual({ from: 'closed', to: 'open' });
    const periods = (await controller.get(`${plan()}/periods`)).body as Array<{ id: string; state: string }>;
    expect(periods.find((p) => p.id === MID_YEAR)?.state).toBe('closed');
  });

  it('says a move impossible from the period’s state as such, whoever asks; a possible one is refused for the role', async () => {
    const [oiv, referente, admin] = [await t.as('oiv'), await t.as('referente'), await t.as('admin')];
    const path = `${plan()}/periods/2024-09-30/transition`;
    const impossible: Array<[Client, 'closed' | 'validated']> = [
      [oiv, 'validated'],
      [controller, 'validated'],
      [referente, 'validated'],
      [oiv, 'closed'],
      [referente, 'closed'],
      [admin, 'closed'],
    ];
    for (const [client, to] of impossible) {
      const refused = await client.request('POST', path, { to }, IT);
      expect(refused.status, `${to}: ${refused.text}`).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'invalid-transition', details: { from: 'open', to } });
    }
    expect((await oiv.request('POST', path, { to: 'validated' }, IT)).body.error.message).toBe("un periodo aperto non può diventare validato dall'OIV (può diventare in raccolta)");
    expect((await referente.request('POST', path, { to: 'closed', acknowledgeUnreviewed: true }, EN)).body.error.message).toBe('a period that is open cannot become closed (it can become collecting)');
    // The one move an open period has: refused to a role that may not make it, for the role.
    const role = await oiv.request('POST', path, { to: 'collecting' }, EN);
    expect(role.status, role.text).toBe(403);
    expect(role.body.error).toMatchObject({ code: 'forbidden', message: "your role (OIV) may not start collecting a period's values (administrator, management control may)" });
    const periods = (await controller.get(`${plan()}/periods`)).body as Array<{ id: string; state: string }>;
    expect(periods.find((p) => p.id === '2024-09-30')?.state).toBe('open');
  });

  it('names the year an import was given that is not a year, quoted in the reader’s language', async () => {
    for (const [headers, message] of [
      [IT, 'year: un anno come 2024, non «duemila»'],
      [EN, 'year: a year such as 2024, not “duemila”'],
    ] as const) {
      const form = new FormData();
      form.set('file', new Blob([readFileSync(FIXTURE)]), 'albero-performance-2024.txt');
      form.set('year', 'duemila');
      form.set('organisation', 'Ente senza anno');
      const refused = await controller.request('POST', '/api/plans/import', form, headers);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.error.issues).toEqual([
        expect.objectContaining({ code: 'invalid-field', message, params: { field: 'year', problem: 'year', value: 'duemila' }, location: { field: 'year' } }),
      ]);
    }
    expect(((await controller.get('/api/plans')).body as Array<{ organisation: string }>).some((p) => p.organisation === 'Ente senza anno')).toBe(false);
  });

  it('refuses a revision dated before the one before it, opened or corrected, at the date', async () => {
    expect((await controller.request('POST', `${plan()}/adopt`, { act: ACT })).status).toBe(200);
    const first = await controller.request('POST', `${plan()}/revisions`, { reason: 'Rimodulazione di luglio', date: '2024-07-10' });
    expect(first.status, first.text).toBe(201);
    const tree = (await controller.get(`${plan()}/tree`)).body;
    const changed = await controller.request('PATCH', `${plan()}/indicators/${enc('A.1.1:1')}`, { target: 3, version: indicatorOf(tree, 'A.1.1:1').definitionVersion });
    expect(changed.status, changed.text).toBe(200);
    expect((await controller.request('POST', `${plan()}/revisions/1/approve`, {})).status).toBe(200);

    const early = await controller.request('POST', `${plan()}/revisions`, { reason: 'Variazione di marzo', date: '2024-03-01' }, IT);
    expect(early.status, early.text).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'revision-before-previous', details: { field: 'date' } });
    expect(early.body.error.message).toBe(
      "la data della variazione è il 01/03/2024, prima di quella della variazione n. 1 (10/07/2024): una variazione parte dal piano come l'hanno lasciato le precedenti, quindi viene dopo",
    );
    const english = await controller.request('POST', `${plan()}/revisions`, { reason: 'Variazione di marzo', date: '2024-07-09' }, EN);
    expect(english.status, english.text).toBe(422);
    expect(english.body.error.message).toBe(
      "the revision's date is 09/07/2024, before that of revision no. 1 (10/07/2024): a revision starts from the plan as the earlier ones left it, so it comes after them",
    );
    // Nothing was opened; the same day as the one before is fine, and a correction is held to the same.
    expect((await controller.get(`${plan()}/revisions`)).body).toHaveLength(1);
    const second = await controller.request('POST', `${plan()}/revisions`, { reason: 'Variazione di luglio', date: '2024-07-10' });
    expect(second.status, second.text).toBe(201);
    const moved = await controller.request('PATCH', `${plan()}/revisions/2`, { date: '2024-05-31' }, IT);
    expect(moved.status, moved.text).toBe(422);
    expect(moved.body.error).toMatchObject({ code: 'revision-before-previous', details: { field: 'date' } });
    expect((await controller.request('PATCH', `${plan()}/revisions/2`, { date: '2024-09-15' })).status).toBe(200);
    expect(((await controller.get(`${plan()}/revisions`)).body as Array<{ number: number; date: string }>).map((r) => [r.number, r.date])).toEqual([
      [1, '2024-07-10'],
      [2, '2024-09-15'],
    ]);
  });

  it('keeps an approved revision’s act: corrected, never taken away', async () => {
    const act = { kind: 'Delibera di Giunta', number: '40', date: '2024-07-15' };
    expect((await controller.request('PATCH', `${plan()}/revisions/1`, { act })).status).toBe(200);
    const removed = await controller.request('PATCH', `${plan()}/revisions/1`, { act: null }, IT);
    expect(removed.status, removed.text).toBe(409);
    expect(removed.body.error).toMatchObject({
      code: 'revision-state',
      message: "la variazione n. 1 è approvata con il suo atto: l'atto si può correggere, non togliere",
      details: { field: 'act' },
    });
    const english = await controller.request('PATCH', `${plan()}/revisions/1`, { act: null }, EN);
    expect(english.body.error.message).toBe('revision no. 1 is approved with its act: the act can be corrected, not removed');
    // A correction is taken, and the register keeps the act.
    expect((await controller.request('PATCH', `${plan()}/revisions/1`, { act: { ...act, number: '41' } })).status).toBe(200);
    const [first] = (await controller.get(`${plan()}/revisions`)).body;
    expect(first).toMatchObject({ status: 'approved', act: { ...act, number: '41' } });
  });
});
