/**
 * The plan's own checks, through HTTP on SQLite and PostgreSQL, where a probe of the year found them
 * missing:
 * - an objective coded `a.2.1` beside `A.2.1` was taken, by the API and by a workbook's import: one
 *   code to the office, now refused as the duplicate it is, in Italian and English;
 * - a workbook's Anno baseline after the plan's year was imported (the API refused it at its field):
 *   now refused at its cell;
 * - a 2024 plan could be adopted by an act dated 1999-01-01, and a revision dated (by default: today)
 *   years after the plan's: now refused at the field, and the default is within the plan's year.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('the plan’s own checks on %s', (backend) => {
  let t: TestServer;
  let controller: Client;

  beforeAll(async () => {
    ({ t, controller } = await startWithFixture(backend));
  }, 120_000);
  afterAll(async () => t?.close());

  /** The plan's own workbook, as the office downloads it. */
  const workbookOf = async (plan: string): Promise<ExcelJS.Workbook> => {
    const exported = await fetch(`${t.url}${plan}/export?format=xlsx&period=2024-12-31`, { headers: { cookie: controller.cookie! } });
    expect(exported.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exported.arrayBuffer()) as unknown as ExcelJS.Buffer);
    return book;
  };
  const upload = async (book: ExcelJS.Workbook, year: string, lang: string) => {
    const form = new FormData();
    form.append('file', new Blob([(await book.xlsx.writeBuffer()) as ArrayBuffer]), 'piano.xlsx');
    form.append('title', `Piano ripreso ${year}`);
    form.append('year', year);
    return controller.request('POST', `/api/plans/import?lang=${lang}`, form);
  };
  /** The cell of the Piano sheet holding `text` in the column headed `header`. */
  const cellOf = (book: ExcelJS.Workbook, header: string, text: string): ExcelJS.Cell => {
    const sheet = book.getWorksheet('Piano')!;
    let column = 0;
    let headerRow = 0;
    sheet.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        if (headerRow === 0 && cell.value === header) [column, headerRow] = [c, r];
      });
    });
    expect(column, header).toBeGreaterThan(0);
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column).text === text) return sheet.getRow(r).getCell(column);
    throw new Error(`no ${text} under ${header}`);
  };

  it('refuses an objective whose code differs from another’s only by case, through the API and the import', async () => {
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    for (const [lang, message] of [
      ['it', 'il piano ha già un obiettivo A.2.1'],
      ['en', 'the plan already has an objective A.2.1'],
    ] as const) {
      const added = await controller.request('POST', `${draft}/nodes?lang=${lang}`, { code: 'a.2.1', title: 'Lo stesso, in minuscolo', parent: 'A.2', weight: 5 });
      expect(added.status, added.text).toBe(409);
      expect(added.body.error).toMatchObject({ code: 'duplicate', message });
    }
    const tree = (await controller.get(`${draft}/tree`)).body;
    expect(tree.objectives.filter((o: any) => o.code.toLowerCase() === 'a.2.1').map((o: any) => o.code)).toEqual(['A.2.1']);

    // A workbook where an objective (with its indicator) was recoded a.2.1 by hand.
    expect((await controller.request('POST', `${draft}/nodes`, { code: 'OB-7', title: 'Obiettivo nuovo', parent: 'A.2', weight: 5 })).status).toBe(201);
    expect((await controller.request('POST', `${draft}/nodes/OB-7/indicators`, { name: 'KPI nuovo', weight: 100, comparator: '>=', target: 3, unit: 'number' })).status).toBe(201);
    const book = await workbookOf(draft);
    const code = cellOf(book, 'Codice', 'OB-7');
    const first = cellOf(book, 'Codice', 'A.2.1').address;
    code.value = 'a.2.1';
    cellOf(book, 'Padre', 'OB-7').value = 'a.2.1';
    for (const [lang, message] of [
      ['it', `il codice a.2.1 è già usato (come A.2.1: maiuscole e minuscole non distinguono i codici) in ${first}`],
      ['en', `the code a.2.1 is already used (as A.2.1: case does not tell codes apart) at ${first}`],
    ] as const) {
      const refused = await upload(book, '2030', lang);
      expect(refused.status, refused.text).toBe(422);
      const errors = refused.body.error.issues.filter((i: any) => i.severity === 'error');
      expect(errors[0]).toMatchObject({ code: 'duplicate-code', location: { sheet: 'Piano', cell: code.address } });
      expect(errors[0].message).toContain(message);
    }
  });

  it('says indicator weights not adding up to 100% at their objective, in the reader’s language, and saves them', async () => {
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    const weightIssues = (tree: any) => tree.issues.filter((i: any) => i.code === 'weights-not-100');
    expect(weightIssues((await controller.get(`${draft}/tree`)).body)).toEqual([]);
    const indicators = (await controller.get(`${draft}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators;
    const [first] = indicators;
    // An office fixing weights in steps: the first raised to the whole, the others not yet lowered.
    const total = String(100 + indicators.slice(1).reduce((t: number, i: any) => t + Number(i.weight), 0));
    expect(Number(total)).toBeGreaterThan(100);
    const raised = await controller.request('PATCH', `${draft}/indicators/${enc(first.id)}`, { weight: 100, version: first.definitionVersion });
    expect(raised.status, raised.text).toBe(200);
    for (const [lang, message] of [
      ['it', `i pesi degli indicatori di A.2.1 sommano a ${total}%, non 100%: sono riproporzionati`],
      ['en', `the weights of A.2.1's indicators add up to ${total}%, not 100%; they are re-normalised`],
    ] as const) {
      const tree = (await controller.get(`${draft}/tree?lang=${lang}`)).body;
      expect(weightIssues(tree)).toEqual([{ severity: 'warning', code: 'weights-not-100', message, params: { code: 'A.2.1', total }, location: { node: 'A.2.1' } }]);
    }
  });

  it('refuses an imported Anno baseline after the plan’s year at its cell, as the API does at its field', async () => {
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    const indicator = (await controller.get(`${draft}/tree`)).body.objectives.find((o: any) => o.code === 'A.2.1').indicators[0];
    const set = await controller.request('PATCH', `${draft}/indicators/${enc(indicator.id)}`, { baseline: 3, baselineYear: 2024, version: indicator.definitionVersion });
    expect(set.status, set.text).toBe(200);
    const book = await workbookOf(draft);
    const cell = cellOf(book, 'Anno baseline', '2024');
    for (const [lang, message] of [
      ['it', "Anno baseline 2024 è dopo l'anno del piano: la baseline è l'ultimo valore noto quando si fa il piano, un anno fino al 2023"],
      ['en', "Anno baseline 2024 is after the plan's year: the baseline is the last value known when the plan is made, a year up to 2023"],
    ] as const) {
      const refused = await upload(book, '2023', lang);
      expect(refused.status, refused.text).toBe(422);
      const errors = refused.body.error.issues.filter((i: any) => i.severity === 'error');
      expect(errors.map((i: any) => [i.code, i.location.sheet, i.location.cell, i.message])).toEqual([['baseline-year-after', 'Piano', cell.address, message]]);
    }
    // Nothing was stored; the plan's own year is taken.
    expect((await controller.get('/api/plans')).body.filter((p: any) => p.title === 'Piano ripreso 2023')).toEqual([]);
    const taken = await upload(book, '2024', 'it');
    expect(taken.status, taken.text).toBe(201);
  });

  it('refuses an adopting act, a revision or its approving act dated outside the plan’s years, at the field', async () => {
    const draft = `/api/plans/${enc(await t.importFixture())}`;
    const act = { kind: 'Delibera di Giunta', number: '12' };
    for (const [lang, date, message] of [
      ['it', '1999-01-01', "l'atto di adozione è del 01/01/1999: per il piano 2024 una data dal 01/01/2023 al 31/12/2024 (il piano si adotta entro il 31 gennaio del suo anno)"],
      ['en', '2025-01-02', 'the adopting act is dated 02/01/2025: for the 2024 plan a date from 01/01/2023 to 31/12/2024 (a plan is adopted by 31 January of its year)'],
    ] as const) {
      const refused = await controller.request('POST', `${draft}/adopt?lang=${lang}`, { act: { ...act, date } });
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'date-outside-plan', message, details: { field: 'act.date' } });
    }
    expect((await controller.get(draft)).body.status).toBe('draft');
    // Adopted in the December before its year, as offices do.
    expect((await controller.request('POST', `${draft}/adopt`, { act: { ...act, date: '2023-12-20' } })).status).toBe(200);

    // Opened today (2026) with no date, the revision of the 2024 plan is dated within its year.
    const opened = await controller.request('POST', `${draft}/revisions`, { reason: 'Rimodulazione' });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body.date).toBe('2024-12-31');
    for (const [lang, message] of [
      ['it', "la data della variazione è il 01/01/2025, dopo l'anno del piano: una variazione modifica il piano 2024 durante il suo anno, entro il 31/12/2024"],
      ['en', "the revision's date is 01/01/2025, after the plan's year: a revision changes the 2024 plan during its year, by 31/12/2024"],
    ] as const) {
      const moved = await controller.request('PATCH', `${draft}/revisions/1?lang=${lang}`, { date: '2025-01-01' });
      expect(moved.status, moved.text).toBe(422);
      expect(moved.body.error).toMatchObject({ code: 'date-outside-plan', message, details: { field: 'date' } });
    }
    expect((await controller.request('PATCH', `${draft}/revisions/1`, { date: '2024-07-15' })).status).toBe(200);
    expect((await controller.request('PATCH', draft, { title: 'Albero performance 2024 (rimodulato)' })).status).toBe(200);
    const late = await controller.request('POST', `${draft}/revisions/1/approve?lang=it`, { act: { ...act, number: '40', date: '2025-07-01' } });
    expect(late.status, late.text).toBe(422);
    expect(late.body.error).toMatchObject({
      code: 'date-outside-plan',
      message: "l'atto di approvazione della variazione è del 01/07/2025: per il piano 2024 entro il 30/06/2025, prima della Relazione che la riporta",
      details: { field: 'act.date' },
    });
    expect((await controller.get(`${draft}/revisions/1`)).body).toMatchObject({ status: 'open', date: '2024-07-15', act: null });
    expect((await controller.request('POST', `${draft}/revisions/1/approve`, { act: { ...act, number: '40', date: '2025-06-30' } })).status).toBe(200);
  });
});
