/**
 * The exported workbook as an office prints it: opened and converted to PDF by LibreOffice, read
 * back with poppler. LibreOffice does not fit the height of a row written without one, so a long
 * indicator name would run over the next row. Needs soffice (libreoffice-writer-nogui) and
 * poppler-utils (installed by .ci/run): without them these tests fail, they never skip.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { loadTable } from '../../src/io/load.js';
import { EXPLANATION_SHEET, exportPlanXlsx, TABLE_SHEET } from '../../src/io/xlsx/index.js';
import { REVISIONS_SHEET } from '../../src/io/xlsx/export.js';
import { FIXTURE } from '../helpers.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { objectiveRow, readWorkbook, tempDir } from './helpers.js';

const dir = tempDir('albero-xlsx-print-');
/** The fixture's longest indicator name (174 characters, three lines in its column) and the name on the row after it. */
const LONG = 'Redazione e realizzazione piano di controllo annuale degli organismi accreditati alla verifica degli strumenti metrici, sulla base del livello di rischiosità degli operatori';
const NEXT = 'Verifica soggetti individuati nel piano di controllo annuale';

let bytes: Uint8Array;
beforeAll(async () => {
  const loaded = await loadTable(FIXTURE);
  if (loaded.value === null) throw new Error('fixture did not load');
  bytes = await exportPlanXlsx(evaluatePlan(loaded.value.plan), { computedAt: new Date('2025-03-31T10:00:00Z') });
});

function indicatorRow(sheet: ExcelJS.Worksheet, name: string, column = 2): ExcelJS.Row {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(column).value === name) return sheet.getRow(r);
  throw new Error(`no row for ${name}`);
}

describe('row heights of the table sheet', () => {
  it('gives a long name a row as tall as its wrapped lines, and a short one a single line', async () => {
    const sheet = (await readWorkbook(bytes)).getWorksheet(TABLE_SHEET)!;
    const long = indicatorRow(sheet, LONG);
    const short = indicatorRow(sheet, NEXT);
    expect(long.getCell(2).alignment?.wrapText).toBe(true);
    expect(short.height).toBe(15);
    expect(long.height).toBeGreaterThanOrEqual(3 * 15);
    // An objective's title wraps in its own column too.
    const a22 = objectiveRow(sheet, 'A.2.2');
    expect(a22.getCell(1).alignment?.wrapText).toBe(true);
    expect(a22.height).toBeGreaterThan(objectiveRow(sheet, 'A.2.1').height);
  });

  it('wraps the long name in the Piano and Spiegazione sheets too, in rows as tall as its lines', async () => {
    const workbook = await readWorkbook(bytes);
    // «Piano»: the name is the third column (60 characters wide), beside a value in the fourth.
    const plan = workbook.getWorksheet('Piano')!;
    const planRow = indicatorRow(plan, LONG, 3);
    expect(planRow.getCell(3).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(planRow.height).toBeGreaterThanOrEqual(3 * 15);
    expect(indicatorRow(plan, NEXT, 3).height ?? 15).toBe(15);
    // «Spiegazione»: the contribution's label, 70 characters wide, beside its weight.
    const explanation = workbook.getWorksheet(EXPLANATION_SHEET)!;
    const labelRow = indicatorRow(explanation, LONG);
    expect(labelRow.getCell(2).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(labelRow.height).toBeGreaterThanOrEqual(2 * 15);
    expect(indicatorRow(explanation, NEXT).height ?? 15).toBe(15);
  });
});

describe('row heights of the Variazioni sheet', () => {
  it('gives a revision whose reason wraps a row as tall as its lines', async () => {
    const loaded = await loadTable(FIXTURE);
    const reason = `Rimodulazione a metà anno: ${LONG}`;
    const revision = { number: 1, kind: 'rimodulazione', reason, date: '2025-06-30', act: null, status: 'approved', changes: [] } as const;
    const exported = await exportPlanXlsx(evaluatePlan(loaded.value!.plan), { revisionRegister: [revision] });
    const sheet = (await readWorkbook(exported)).getWorksheet(REVISIONS_SHEET)!;
    // The reason is the fourth column, 50 characters wide: 200 characters take at least four lines.
    const row = indicatorRow(sheet, reason, 4);
    expect(row.getCell(4).alignment?.wrapText).toBe(true);
    expect(row.height).toBeGreaterThanOrEqual(4 * 15);
  });
});

describe('the table sheet printed by LibreOffice', () => {
  let lines: string[];
  beforeAll(() => {
    const file = join(dir, 'export.xlsx');
    writeFileSync(file, bytes);
    lines = execFileSync('pdftotext', ['-layout', convertWithLibreOffice(file, 'pdf', join(dir, 'converted')), '-'], { encoding: 'utf8' }).split('\n');
  }, 120_000);

  /** The text of the name column from the line at `first` down to the row starting with `NEXT`, and that row's. */
  function printedFrom(first: number): { name: string; next: string } {
    const column = lines[first]!.indexOf('Redazione');
    // The name column's text on each line, up to the gap before the next column.
    const nameOn = (line: string): string =>
      line
        .slice(column)
        .split(/\s{3,}/)[0]!
        .trim();
    const next = lines.findIndex((l, i) => i > first && nameOn(l).startsWith('Verifica'));
    const name = lines
      .slice(first, next)
      .map(nameOn)
      .filter((t) => t !== '')
      .join(' ');
    return { name, next: nameOn(lines[next]!) };
  }

  /** The lines where the long name starts: in the sheets' order, «Albero», «Piano», «Spiegazione». */
  const starts = (): number[] => lines.flatMap((l, i) => (l.includes(LONG.slice(0, 40)) ? [i] : []));

  it('prints a long indicator name whole, on lines of its own, before the next row', () => {
    const first = starts()[0];
    expect(first).toBeDefined();
    expect(printedFrom(first!)).toEqual({ name: LONG, next: NEXT });
  });

  it('prints it whole in the Piano sheet, beside its kind, and in the Spiegazione sheet, beside its weight', () => {
    const [, plan, explanation] = starts();
    expect(plan).toBeDefined();
    expect(explanation).toBeDefined();
    // «Piano»: the name's first line has the row's kind after it.
    expect(lines[plan!]).toMatch(/\s{3,}indicatore\b/);
    expect(printedFrom(plan!)).toEqual({ name: LONG, next: NEXT });
    expect(printedFrom(explanation!)).toEqual({ name: LONG, next: NEXT });
  });

  it('prints the Spiegazione sheet one page wide: a row with all its columns, its head on each page', () => {
    const head = /Obiettivo +Voce +Peso +Quota +Punteggio +Punti +Non conteggiata perché/;
    expect(lines.filter((l) => head.test(l)).length).toBeGreaterThan(1);
    // No page holds only some of its columns: "Peso … Punti" never starts a head line of its own.
    expect(lines.some((l) => /^\s*Peso\s+Quota\s+Punteggio\s+Punti/.test(l))).toBe(false);
  });

  it("keeps the end of one row's name off the objective row below it", () => {
    // The last indicator before A.2.1 ends in "… all'obiettivo strategico A.2".
    const a21 = lines.find((l) => l.includes('A.2.1 - Progetto'))!;
    expect(a21.replace(/\s+[\d.,]+%\s*$/, '').trim()).toBe("A.2.1 - Progetto Sostegno all'export delle PMI");
    const a52 = lines.find((l) => l.includes('A.5.2 - Efficientamento'))!;
    expect(a52.replace(/\s+[\d.,]+%\s*$/, '').trim()).toBe('A.5.2 - Efficientamento tutela del mercato');
  });
});
