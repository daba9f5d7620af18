/**
 * A plan exported to its workbook and imported back keeps who owns what, on SQLite and PostgreSQL:
 * the «Piano» sheet writes each objective's and indicator's unit (struttura) in its Struttura
 * column, and the import assigns the unit of the registry that cell names (by name or by code),
 * so the referenti find their worklists in the copy. A unit the registry does not hold is an error
 * at its cell, in Italian and English, listing the units there are, and nothing is imported; a
 * workbook written before the column existed imports as it always did, with no assignment.
 */
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../exchange/helpers.js';
import { importCopy, pianoAt, workbookOf } from './plan-workbook.js';
import { REFERENTE_UNIT, enc, exportJobFile, indicatorOf, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the units of a plan through its workbook on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let exported: Uint8Array;
  /** An indicator of A.2.1 given a unit of its own, beside B.1.1's (the fixture's referente's). */
  let indicatorId: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    const admin = await t.as('admin');
    const unit = await admin.request('POST', '/api/units', { code: 'UEST', name: 'Ufficio Estero', kind: 'Ufficio' });
    expect(unit.status, unit.text).toBe(201);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const indicator = objective(tree, 'A.2.1').indicators[0];
    indicatorId = indicator.id;
    const assigned = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(indicatorId)}`, { unitId: unit.body.id, version: indicator.definitionVersion });
    expect(assigned.status, assigned.text).toBe(200);
    exported = await workbookOf(t, controller, planId);
  }, 120_000);
  afterAll(async () => t?.close());

  /** The workbook as exceljs reads it, to be changed as an office would in a spreadsheet. */
  const opened = (bytes: Uint8Array = exported): Promise<ExcelJS.Workbook> => readWorkbook(bytes);
  const upload = (bytes: Uint8Array | ArrayBuffer, query = '') => importCopy(controller, bytes, query);
  const at = pianoAt;

  it('writes each unit in the Struttura column of the Piano sheet', async () => {
    const book = await opened();
    const sheet = book.getWorksheet('Piano')!;
    const objectiveCell = at(book, 'Struttura', 'B.1.1');
    expect(sheet.getRow(objectiveCell.row).getCell(objectiveCell.column).text).toBe(REFERENTE_UNIT);
    const indicatorCell = at(book, 'Struttura', indicatorId);
    expect(sheet.getRow(indicatorCell.row).getCell(indicatorCell.column).text).toBe('Ufficio Estero');
    // An objective nobody was given stays empty.
    const none = at(book, 'Struttura', 'A');
    expect(sheet.getRow(none.row).getCell(none.column).text).toBe('');
  });

  it('writes them in the workbook an export job draws on a worker thread too', async () => {
    const book = await opened(await exportJobFile(t, controller, planId, { format: 'xlsx' }));
    const { column, row } = at(book, 'Struttura', indicatorId);
    expect(book.getWorksheet('Piano')!.getRow(row).getCell(column).text).toBe('Ufficio Estero');
  });

  it('imports the workbook back with every assignment, and the referente finds B.1.1 in the copy', async () => {
    const imported = await upload(exported);
    expect(imported.status, imported.text).toBe(201);
    const copy = imported.body.plan.id as string;
    const tree = (await controller.get(`/api/plans/${copy}/tree`)).body;
    expect(objective(tree, 'B.1.1')).toMatchObject({ unit: REFERENTE_UNIT });
    expect(objective(tree, 'A')).toMatchObject({ unit: null });
    expect(indicatorOf(tree, indicatorId)).toMatchObject({ unitName: 'Ufficio Estero' });
    // The whole tree's assignments are the original's.
    const original = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const units = (document: any) => document.objectives.map((o: any) => [o.code, o.unit, o.indicators.map((i: any) => [i.id, i.unitName])]);
    expect(units(tree)).toEqual(units(original));
    // The referente may enter B.1.1's values in the copy, as in the original, and not A.2.1's.
    const referente = await t.as('referente');
    const seen = (await referente.get(`/api/plans/${copy}/tree`)).body;
    expect(objective(seen, 'B.1.1').indicators.every((i: any) => i.editable === true)).toBe(true);
    expect(indicatorOf(seen, indicatorId).editable).toBe(false);
  });

  it('reads a unit named by its code, and by its name in other letter case', async () => {
    const book = await opened();
    const sheet = book.getWorksheet('Piano')!;
    const byCode = at(book, 'Struttura', 'A.2');
    sheet.getRow(byCode.row).getCell(byCode.column).value = 'uest';
    const byName = at(book, 'Struttura', indicatorId);
    sheet.getRow(byName.row).getCell(byName.column).value = ' ufficio  ESTERO ';
    const imported = await upload(await book.xlsx.writeBuffer());
    expect(imported.status, imported.text).toBe(201);
    const tree = (await controller.get(`/api/plans/${imported.body.plan.id}/tree`)).body;
    expect(objective(tree, 'A.2')).toMatchObject({ unit: 'Ufficio Estero' });
    expect(indicatorOf(tree, indicatorId)).toMatchObject({ unitName: 'Ufficio Estero' });
  });

  it('refuses a unit the registry does not hold at its cell, in Italian and English, importing nothing', async () => {
    const book = await opened();
    const { column, row } = at(book, 'Struttura', 'B.1.1');
    book.getWorksheet('Piano')!.getRow(row).getCell(column).value = 'Ufficio Inesistente';
    const bytes = await book.xlsx.writeBuffer();
    const before = (await controller.get('/api/plans')).body.length;
    const letter = String.fromCharCode(64 + column);
    for (const [lang, message] of [
      [
        'it',
        `Struttura «Ufficio Inesistente» non è nel registro delle strutture: scrivere il nome o il codice di una di queste, o aggiungerla prima in Strutture: ${REFERENTE_UNIT} (UD) e Ufficio Estero (UEST)`,
      ],
      [
        'en',
        `Struttura “Ufficio Inesistente” is not in the registry of units: write the name or the code of one of these, or add it under Strutture first: ${REFERENTE_UNIT} (UD) and Ufficio Estero (UEST)`,
      ],
    ] as const) {
      for (const query of [`?lang=${lang}`, `?lang=${lang}&dryRun=true`]) {
        const refused = await upload(bytes, query);
        expect(refused.status, refused.text).toBe(422);
        expect(refused.body.error.code).toBe('invalid-file');
        expect(refused.body.error.issues.filter((i: any) => i.severity === 'error')).toEqual([
          expect.objectContaining({ severity: 'error', code: 'unknown-assigned-unit', location: expect.objectContaining({ sheet: 'Piano', cell: `${letter}${row}` }), message }),
        ]);
      }
    }
    expect((await controller.get('/api/plans')).body.length).toBe(before);
  });

  it('imports a workbook written before the Struttura column as before: no assignment, no issue about it', async () => {
    const book = await opened();
    const sheet = book.getWorksheet('Piano')!;
    const { column } = at(book, 'Struttura', 'B.1.1');
    sheet.spliceColumns(column, 1);
    expect(sheet.getRow(1).values).not.toContain('Struttura');
    const imported = await upload(await book.xlsx.writeBuffer());
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.issues.filter((i: any) => i.severity !== 'info')).toEqual([]);
    const tree = (await controller.get(`/api/plans/${imported.body.plan.id}/tree`)).body;
    expect(tree.objectives.every((o: any) => o.unit === null && o.indicators.every((i: any) => i.unitName === null))).toBe(true);
  });
});
