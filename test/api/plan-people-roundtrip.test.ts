/**
 * A plan exported to its workbook and imported back keeps who answers for what, on SQLite and
 * PostgreSQL: the «Piano» sheet writes each objective's and indicator's person in its Referente
 * column (the account's e-mail, its username when it has none), and the import assigns the account
 * the cell names, each assignment on the audit trail as one made on screen. A person with no account
 * is an error at its cell naming the closest accounts, an account that enters no values (an OIV,
 * HR) or is switched off is said so, in Italian and English, and nothing is imported; a workbook
 * written before the column imports as before; the public's export names nobody.
 */
import type ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../exchange/helpers.js';
import { albero } from '../helpers.js';
import { importCopy, pianoAt, workbookOf } from './plan-workbook.js';
import { PASSWORD, enc, exportJobFile, indicatorOf, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the people of a plan through its workbook on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  let exported: Uint8Array;
  /** An indicator of A.2.1 given to the fixture's `referente` (no e-mail: written by username). */
  let indicatorId: string;
  /** Maria Rossi, a referente with an e-mail, who answers for B.1.1. */
  let rossi: { id: string };
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    admin = await t.as('admin');
    const created = await admin.request('POST', '/api/users', {
      username: 'mrossi',
      displayName: 'Maria Rossi',
      role: 'referente',
      email: 'Maria.Rossi@comune.example.it',
      password: PASSWORD,
    });
    expect(created.status, created.text).toBe(201);
    rossi = created.body;
    const referente = (await admin.get('/api/users')).body.find((u: any) => u.username === 'referente');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    indicatorId = objective(tree, 'A.2.1').indicators[0].id;
    for (const body of [
      { nodes: ['B.1.1'], personId: rossi.id },
      { indicators: [indicatorId], personId: referente.id },
    ]) {
      const assigned = await controller.request('POST', `/api/plans/${planId}/reassign`, body);
      expect(assigned.status, assigned.text).toBe(200);
    }
    exported = await workbookOf(t, controller, planId);
  }, 120_000);
  afterAll(async () => t?.close());

  const opened = (bytes: Uint8Array = exported): Promise<ExcelJS.Workbook> => readWorkbook(bytes);
  /** The Piano sheet's cell of the column headed `header` on the row of the objective or indicator `code`. */
  const cellOf = (book: ExcelJS.Workbook, header: string, code: string): ExcelJS.Cell => {
    const { column, row } = pianoAt(book, header, code);
    return book.getWorksheet('Piano')!.getRow(row).getCell(column);
  };

  it('writes each person in the Referente column, after Struttura: the e-mail, else the username', async () => {
    const book = await opened();
    const heads = book.getWorksheet('Piano')!.getRow(1).values as unknown[];
    expect(heads.slice(-2)).toEqual(['Struttura', 'Referente']);
    expect(cellOf(book, 'Referente', 'B.1.1').text).toBe('maria.rossi@comune.example.it');
    expect(cellOf(book, 'Referente', indicatorId).text).toBe('referente');
    expect(cellOf(book, 'Referente', 'A').text).toBe('');
    // The workbook an export job draws on a worker thread too.
    const drawn = await opened(await exportJobFile(t, controller, planId, { format: 'xlsx' }));
    expect(cellOf(drawn, 'Referente', 'B.1.1').text).toBe('maria.rossi@comune.example.it');
  });

  it('names nobody in the workbook the public downloads', async () => {
    // The year end published as the adopted plan: the public reads it, targets only.
    const published = await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true });
    expect(published.status, published.text).toBeLessThan(300);
    const reply = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`);
    expect(reply.status).toBe(200);
    const book = await opened(new Uint8Array(await reply.arrayBuffer()));
    expect(cellOf(book, 'Referente', 'B.1.1').text).toBe('');
    expect(cellOf(book, 'Referente', indicatorId).text).toBe('');
  });

  it('imports the workbook back with every person, each assignment on the audit trail', async () => {
    const imported = await importCopy(controller, exported);
    expect(imported.status, imported.text).toBe(201);
    const copy = imported.body.plan.id as string;
    const tree = (await controller.get(`/api/plans/${copy}/tree`)).body;
    expect(objective(tree, 'B.1.1')).toMatchObject({ personId: rossi.id, person: 'Maria Rossi' });
    expect(indicatorOf(tree, indicatorId)).toMatchObject({ person: 'referente' });
    const people = (document: any) => document.objectives.map((o: any) => [o.code, o.personId, o.indicators.map((i: any) => [i.id, i.personId])]);
    expect(people(tree)).toEqual(people((await controller.get(`/api/plans/${planId}/tree`)).body));
    // Maria Rossi may enter B.1.1's values in the copy, through her assignment alone (she is in no unit).
    const maria = await t.as('public');
    expect((await maria.login('mrossi')).status).toBe(200);
    const seen = (await maria.get(`/api/plans/${copy}/tree`)).body;
    expect(objective(seen, 'B.1.1').indicators.every((i: any) => i.editable === true)).toBe(true);
    expect(objective(seen, 'A.1').indicators.some((i: any) => i.editable === true)).toBe(false);
    // On the record as the screen's reassignment writes it, with the import's reason in the reader's language.
    for (const [lang, reason] of [
      ['it', 'assegnazione dal file importato (Struttura, Referente)'],
      ['en', 'assignment from the imported file (Struttura, Referente)'],
    ] as const) {
      const trail = (await controller.get(`/api/audit?planId=${copy}&node=B.1.1&lang=${lang}`)).body;
      const entries = (Array.isArray(trail) ? trail : trail.entries).filter((e: any) => e.entity === 'node' && e.entityId === 'B.1.1');
      expect(entries).toEqual([
        expect.objectContaining({ action: 'update', before: { unitId: null, personId: null }, after: { unitId: expect.any(String), personId: rossi.id }, reason, user: 'controller' }),
      ]);
    }
  });

  it('reads a person by username, and an e-mail in other letter case', async () => {
    const book = await opened();
    cellOf(book, 'Referente', 'B.1.1').value = 'MRossi';
    cellOf(book, 'Referente', 'A.2').value = ' MARIA.ROSSI@Comune.Example.IT ';
    const imported = await importCopy(controller, await book.xlsx.writeBuffer());
    expect(imported.status, imported.text).toBe(201);
    const tree = (await controller.get(`/api/plans/${imported.body.plan.id}/tree`)).body;
    expect(objective(tree, 'B.1.1')).toMatchObject({ personId: rossi.id });
    expect(objective(tree, 'A.2')).toMatchObject({ personId: rossi.id });
  });

  /** The errors of an upload refused in `lang`, dry run or not: the same each time. */
  const refusedWith = async (bytes: ArrayBuffer, lang: 'it' | 'en') => {
    const before = (await controller.get('/api/plans')).body.length;
    const seen: unknown[] = [];
    for (const query of [`?lang=${lang}`, `?lang=${lang}&dryRun=true`]) {
      const refused = await importCopy(controller, bytes, query);
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error.code).toBe('invalid-file');
      seen.push(refused.body.error.issues.filter((i: any) => i.severity === 'error'));
    }
    expect(seen[1]).toEqual(seen[0]);
    expect((await controller.get('/api/plans')).body.length).toBe(before);
    return seen[0] as any[];
  };

  it('refuses a person with no account at its cell, naming the accounts close to it, importing nothing', async () => {
    const book = await opened();
    const cell = cellOf(book, 'Referente', 'B.1.1');
    cell.value = 'maria.rosi@comune.example.it';
    // The same wrong text down the column (its closest accounts searched once): refused at each cell.
    const again = cellOf(book, 'Referente', 'A.2');
    again.value = 'maria.rosi@comune.example.it';
    const bytes = await book.xlsx.writeBuffer();
    for (const [lang, message] of [
      ['it', "Referente «maria.rosi@comune.example.it» non è un account di Albero: scrivere l'e-mail o il nome utente di un account; i più simili: Maria Rossi (maria.rossi@comune.example.it)"],
      ['en', "Referente “maria.rosi@comune.example.it” is no account of Albero: write an account's e-mail or username; the closest: Maria Rossi (maria.rossi@comune.example.it)"],
    ] as const) {
      expect(await refusedWith(bytes, lang)).toEqual(
        [again, cell].map((c) => expect.objectContaining({ code: 'unknown-assigned-person', location: expect.objectContaining({ sheet: 'Piano', cell: c.address }), message })),
      );
    }
  });

  it('says so when no account comes near the name written', async () => {
    const book = await opened();
    const cell = cellOf(book, 'Referente', indicatorId);
    cell.value = 'Giuseppe Verdi';
    const bytes = await book.xlsx.writeBuffer();
    expect((await refusedWith(bytes, 'it')).map((i) => [i.location.cell, i.message])).toEqual([
      [
        cell.address,
        "Referente «Giuseppe Verdi» non è un account di Albero, né somiglia all'e-mail, al nome utente o al nome di uno: scrivere l'e-mail o il nome utente di un account attivo (Utenti), o lasciare vuota la cella",
      ],
    ]);
    expect((await refusedWith(bytes, 'en')).map((i) => i.message)).toEqual([
      'Referente “Giuseppe Verdi” is no account of Albero, nor close to the e-mail, username or name of one: write the e-mail or username of an active account (Utenti), or leave the cell empty',
    ]);
  });

  it('refuses an account that enters no values, or one switched off, saying so at its cell', async () => {
    const book = await opened();
    const oivCell = cellOf(book, 'Referente', 'B.1.1');
    oivCell.value = 'oiv';
    const offCell = cellOf(book, 'Referente', indicatorId);
    offCell.value = 'maria.rossi@comune.example.it';
    const switchedOff = await admin.request('PATCH', `/api/users/${enc(rossi.id)}`, { active: false });
    expect(switchedOff.status, switchedOff.text).toBe(200);
    try {
      const bytes = await book.xlsx.writeBuffer();
      expect(await refusedWith(bytes, 'it')).toEqual([
        expect.objectContaining({
          code: 'assigned-person-cannot-enter',
          location: expect.objectContaining({ cell: offCell.address }),
          message: "Referente «maria.rossi@comune.example.it»: l'account Maria Rossi (maria.rossi@comune.example.it) è disattivato; riattivarlo in Utenti o assegnare un altro account",
        }),
        expect.objectContaining({
          code: 'assigned-person-cannot-enter',
          location: expect.objectContaining({ cell: oivCell.address }),
          message: "Referente «oiv»: l'account oiv (oiv) ha il ruolo OIV, che non inserisce valori; assegnare un referente, il controllo di gestione o un amministratore",
        }),
      ]);
      expect((await refusedWith(bytes, 'en')).map((i) => i.message)).toEqual([
        'Referente “maria.rossi@comune.example.it”: the account Maria Rossi (maria.rossi@comune.example.it) is deactivated; reactivate it under Utenti or assign another account',
        'Referente “oiv”: the account oiv (oiv) has the role OIV, which enters no values; assign a data owner, management control or an administrator',
      ]);
    } finally {
      expect((await admin.request('PATCH', `/api/users/${enc(rossi.id)}`, { active: true })).status).toBe(200);
    }
  });

  it('imports a workbook written before the Referente column as before: nobody assigned, no issue about it', async () => {
    const book = await opened();
    const sheet = book.getWorksheet('Piano')!;
    sheet.spliceColumns(Number(cellOf(book, 'Referente', 'B.1.1').col), 1);
    const imported = await importCopy(controller, await book.xlsx.writeBuffer());
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.issues.filter((i: any) => i.severity !== 'info')).toEqual([]);
    const tree = (await controller.get(`/api/plans/${imported.body.plan.id}/tree`)).body;
    expect(tree.objectives.every((o: any) => o.personId === null && o.indicators.every((i: any) => i.personId === null))).toBe(true);
  });

  it('imports the JSON the command line made of the workbook with the same assignments, refusing an unknown person at its field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'albero-people-'));
    try {
      writeFileSync(join(dir, 'piano.xlsx'), exported);
      const made = albero(['import', 'piano.xlsx', '--output', 'piano.json'], { cwd: dir });
      expect(made.status, made.stderr).toBe(0);
      const json = readFileSync(join(dir, 'piano.json'), 'utf8');
      const send = (text: string, query = '') => importCopy(controller, text, query, 'piano.json');
      const imported = await send(json);
      expect(imported.status, imported.text).toBe(201);
      const tree = (await controller.get(`/api/plans/${imported.body.plan.id}/tree`)).body;
      const original = (await controller.get(`/api/plans/${planId}/tree`)).body;
      const owners = (document: any) => document.objectives.map((o: any) => [o.code, o.unit, o.personId, o.indicators.map((i: any) => [i.id, i.unitName, i.personId])]);
      expect(owners(tree)).toEqual(owners(original));
      expect(objective(tree, 'B.1.1')).toMatchObject({ unit: 'Ufficio Digitale', personId: rossi.id });

      const doc = JSON.parse(json);
      doc.objectives.find((o: any) => o.code === 'A.2.1').indicators[0].assignedPerson = 'maria.rosi@comune.example.it';
      const refused = await send(JSON.stringify(doc), '?lang=en');
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error.issues.filter((i: any) => i.severity === 'error')).toEqual([
        expect.objectContaining({
          code: 'unknown-assigned-person',
          location: { file: 'piano.json', node: 'A.2.1', indicator: indicatorId, field: 'assignedPerson' },
          message: "Referente “maria.rosi@comune.example.it” is no account of Albero: write an account's e-mail or username; the closest: Maria Rossi (maria.rossi@comune.example.it)",
        }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
