/**
 * Who may be named Referente of an objective or indicator is one rule (`mayBeAssigned`): the people
 * the screen's person fields offer (`/api/people`'s `assignable`), the tree's and the bulk
 * reassignment's saves, and the plan's import at its cell all follow it. An OIV chosen on screen
 * could not be imported back from the plan's own export: the save refuses it at the field, in
 * Italian and English, and nothing is stored. On a real SQLite file, through HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../exchange/helpers.js';
import { importCopy, pianoAt, workbookOf } from './plan-workbook.js';
import { enc, indicatorOf, objective, PASSWORD, startWithFixture, type Client, type TestServer } from './harness.js';

describe('the Referente of an objective or indicator, one rule everywhere', { timeout: 120_000 }, () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  /** Every account by username, with the id the person fields send. */
  let ids: Record<string, string>;
  let indicatorId: string;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite'));
    admin = await t.as('admin');
    // A referente switched off: no one would enter the values given to them.
    const created = await admin.request('POST', '/api/users', { username: 'gone', displayName: 'Gino Andato', role: 'referente', password: PASSWORD });
    expect(created.status, created.text).toBe(201);
    expect((await admin.request('PATCH', `/api/users/${created.body.id}`, { active: false })).status).toBe(200);
    ids = Object.fromEntries(((await admin.get('/api/users')).body as Array<{ id: string; username: string }>).map((u) => [u.username, u.id]));
    indicatorId = objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.2.1').indicators[0].id;
  });
  afterAll(async () => t?.close());

  it('offers on screen exactly the active accounts the import accepts at a Referente cell', async () => {
    const people = (await controller.get('/api/people')).body as Array<{ username: string; role: string; assignable: boolean }>;
    expect(Object.fromEntries(people.map((p) => [p.username, p.assignable]))).toEqual({ admin: true, controller: true, referente: true, oiv: false, personale: false });
    // Each account written in the plan's own export, imported back (a dry run): accepted exactly when offered.
    const exported = await workbookOf(t, controller, planId);
    for (const p of people) {
      const book = await readWorkbook(exported);
      const { column, row } = pianoAt(book, 'Referente', 'B.1.1');
      book.getWorksheet('Piano')!.getRow(row).getCell(column).value = p.username;
      const imported = await importCopy(controller, await book.xlsx.writeBuffer(), '?dryRun=true');
      expect(imported.status === 201 || imported.status === 200, `${p.username}: ${imported.status} ${imported.text.slice(0, 300)}`).toBe(p.assignable);
    }
  });

  /** The save refused in both languages: 422 at `personId`, with the words given. */
  const refusedAt = async (method: string, path: string, body: Record<string, unknown>, words: { it: string; en: string }) => {
    for (const lang of ['it', 'en'] as const) {
      const reply = await controller.request(method, path, body, { 'accept-language': lang });
      expect(reply.status, reply.text).toBe(422);
      expect(reply.body.error.code).toBe('invalid');
      expect(reply.body.error.details).toMatchObject({ field: 'personId' });
      expect(reply.body.error.message).toContain(words[lang]);
    }
  };

  it('refuses an OIV, HR or an account switched off as an indicator’s or objective’s Referente, at the field, storing nothing', async () => {
    const before = (await controller.get(`/api/plans/${planId}/tree`)).body;
    await refusedAt(
      'PATCH',
      `/api/plans/${planId}/indicators/${enc(indicatorId)}`,
      { personId: ids.oiv, version: indicatorOf(before, indicatorId).version },
      { it: "l'account oiv (oiv) ha il ruolo OIV, che non inserisce valori", en: 'the account oiv (oiv) has the role OIV, which enters no values' },
    );
    await refusedAt('PATCH', `/api/plans/${planId}/nodes/A.2`, { personId: ids.personale }, { it: 'che non inserisce valori', en: 'which enters no values' });
    await refusedAt('PATCH', `/api/plans/${planId}/nodes/A.2`, { personId: ids.gone }, { it: "l'account Gino Andato (gone) è disattivato", en: 'the account Gino Andato (gone) is deactivated' });
    // The bulk reassignment, the same rule.
    await refusedAt('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.2'], personId: ids.oiv }, { it: 'che non inserisce valori', en: 'which enters no values' });
    const after = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(after, indicatorId).personId).toBe(indicatorOf(before, indicatorId).personId);
    expect(objective(after, 'A.2').personId).toBe(objective(before, 'A.2').personId);
  });

  it('names the controller, an administrator or a referente, as the import does', async () => {
    let { version } = indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, indicatorId);
    for (const username of ['controller', 'admin', 'referente']) {
      const saved = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(indicatorId)}`, { personId: ids[username], version });
      expect(saved.status, saved.text).toBe(200);
      ({ version } = saved.body);
    }
    const moved = await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.2'], personId: ids.controller });
    expect(moved.status, moved.text).toBe(200);
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.2').personId).toBe(ids.controller);
  });
});
