/**
 * A unit renamed in the registry is seen at once wherever a plan names it, on SQLite and PostgreSQL:
 * the tree of a period still taking values (a new ETag: the browser's copy under the old one is not
 * "unchanged"), its workbook, and the Relazione's `seen` (its units part) while the year end is
 * reopened. Before, the rename moved no plan's data version, by which all of them are cached: the
 * old name was served (304 on revalidation) until the next change of the plan. A period read from
 * its closing keeps the closing's names, and its answer and ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkbook } from '../exchange/helpers.js';
import { relazioneWithTheOiv, YEAR_END } from '../support/relazione-oiv.js';
import { pianoAt, workbookOf } from './plan-workbook.js';
import { objective, REFERENTE_UNIT, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const OPEN = '2024-09-30';

describe.each<Backend>(['sqlite', 'postgres'])('a renamed unit seen at once on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  let unitId: string;
  let oiv: Client;
  /** A plan of its own whose Relazione is with the OIV, made before any rename (the fixture's import names the unit). */
  let withTheOiv: string;

  const tree = (period: string, headers: Record<string, string> = {}) => controller.request('GET', `/api/plans/${planId}/tree?period=${period}`, undefined, headers);

  async function rename(name: string): Promise<void> {
    const unit = ((await admin.get('/api/units')).body as Array<{ id: string; version: number }>).find((u) => u.id === unitId)!;
    const renamed = await admin.request('PATCH', `/api/units/${unitId}`, { name, version: unit.version });
    expect(renamed.status, renamed.text).toBe(200);
  }

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    admin = await t.as('admin');
    unitId = ((await admin.get('/api/units')).body as Array<{ id: string; name: string }>).find((u) => u.name === REFERENTE_UNIT)!.id;
    oiv = await t.as('oiv');
    withTheOiv = await relazioneWithTheOiv(t, controller, oiv);
  });
  afterAll(async () => t?.close());

  it('names the new name in the tree of a period taking values, with a new ETag, and in its workbook', async () => {
    const before = await tree(YEAR_END);
    expect(before.status).toBe(200);
    expect(objective(before.body, 'B.1.1').unit).toBe(REFERENTE_UNIT);
    const etag = before.headers.get('etag')!;
    expect((await tree(YEAR_END, { 'If-None-Match': etag })).status).toBe(304);

    await rename('Ufficio Transizione Digitale');
    const after = await tree(YEAR_END, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(objective(after.body, 'B.1.1').unit).toBe('Ufficio Transizione Digitale');
    // The default period's read, the same entry.
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'B.1.1').unit).toBe('Ufficio Transizione Digitale');
    // The workbook's «Piano» sheet, its Struttura column.
    const book = await readWorkbook(await workbookOf(t, controller, planId));
    const cell = pianoAt(book, 'Struttura', 'B.1.1');
    expect(book.getWorksheet('Piano')!.getRow(cell.row).getCell(cell.column).text).toBe('Ufficio Transizione Digitale');
  });

  it("keeps the closing's name, answer and ETag for a closed year end; an open period shows the new name", async () => {
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = await tree(YEAR_END);
    expect(objective(closed.body, 'B.1.1').unit).toBe('Ufficio Transizione Digitale');
    const etag = closed.headers.get('etag')!;

    await rename('Ufficio Innovazione');
    const again = await tree(YEAR_END, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    const read = await tree(YEAR_END);
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.text).toBe(closed.text);
    expect(objective((await tree(OPEN)).body, 'B.1.1').unit).toBe('Ufficio Innovazione');
  });

  it("moves the units part of the Relazione's `seen` while the year end is reopened", async () => {
    const own = withTheOiv;
    expect((await controller.request('POST', `/api/plans/${own}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'Dato da correggere' })).status).toBe(200);
    const seen = async (): Promise<string[]> => {
      const read = await oiv.get(`/api/plans/${own}/relazione`);
      expect(read.status, read.text).toBe(200);
      return (read.body.seen as string).split('.');
    };
    const before = await seen();
    await rename('Ufficio Innovazione e Digitale');
    const after = await seen();
    // revisions, plan, variances, units, last year: only the units moved.
    expect(after[3]).not.toBe(before[3]);
    expect([after[0], after[1], after[2], after[4]]).toEqual([before[0], before[1], before[2], before[4]]);
  });

  it('names the new name after a registry import renames the unit, and not after a dry run', async () => {
    const unit = ((await admin.get('/api/units')).body as Array<{ id: string; code: string; kind: string }>).find((u) => u.id === unitId)!;
    const open = await tree(OPEN);
    const etag = open.headers.get('etag')!;
    const file = (name: string): FormData => {
      const form = new FormData();
      form.set('file', new Blob([`codice;nome;tipo;padre;responsabile;membri\n${unit.code};${name};${unit.kind};;;referente\n`]), 'strutture.csv');
      return form;
    };
    const checked = await admin.request('POST', '/api/units/import?dryRun=true', file('Ufficio Servizi Digitali'));
    expect(checked.status, checked.text).toBe(200);
    expect((await tree(OPEN, { 'If-None-Match': etag })).status).toBe(304);
    const imported = await admin.request('POST', '/api/units/import', file('Ufficio Servizi Digitali'));
    expect(imported.status, imported.text).toBe(200);
    const after = await tree(OPEN, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(objective(after.body, 'B.1.1').unit).toBe('Ufficio Servizi Digitali');
  });
});
