/** The clean template: written blank by the CLI, filled in as a user would, read back into a plan. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, formatIssue } from '../../src/core/index.js';
import { evaluationDocument } from '../../src/io/json.js';
import { loadTable } from '../../src/io/load.js';
import { albero } from '../helpers.js';
import { readWorkbook, tempDir, workbookBytes } from './helpers.js';
import { readFileSync } from 'node:fs';

const dir = tempDir();

type Cell = ExcelJS.CellValue;
const pct = (n: number): { value: number; numFmt: string } => ({ value: n, numFmt: '0%' });

async function filledTemplate(rows: Array<Array<Cell | { value: number; numFmt: string }>>): Promise<string> {
  const blank = join(dir, `blank-${Math.random().toString(36).slice(2)}.xlsx`);
  const run = albero(['template', blank]);
  expect(run.status, run.stderr).toBe(0);
  const workbook = await readWorkbook(readFileSync(blank));
  workbook.title = 'Piano della performance 2025';
  const sheet = workbook.getWorksheet('Albero')!;
  rows.forEach((cells, r) => {
    const row = sheet.getRow(r + 2);
    cells.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      if (v !== null && typeof v === 'object' && 'numFmt' in v) {
        cell.value = v.value;
        cell.numFmt = v.numFmt;
      } else cell.value = v;
    });
  });
  const file = join(dir, `filled-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(file, await workbookBytes(workbook));
  return file;
}

const date = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

describe('albero template', () => {
  it('writes the blank template with the explicit columns and an Italian guide', async () => {
    const file = join(dir, 'modello.xlsx');
    expect(albero(['template', file]).status).toBe(0);
    const workbook = await readWorkbook(readFileSync(file));
    const header = workbook.getWorksheet('Albero')!.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      'Codice',
      'Padre',
      'Titolo',
      'Tipo',
      'Peso',
      'Comparatore',
      'Target',
      'Unità',
      'Consuntivo',
      'Stato',
      'Motivo N.V.',
      'Regola',
      'Responsabile',
      'Note',
      'Baseline',
      'Anno baseline',
      'Target anno +1',
      'Target anno +2',
      'Struttura',
      'Referente',
    ]);
    const guide: string[] = [];
    workbook.getWorksheet('Guida')!.eachRow((row) => guide.push(String(row.getCell(2).value ?? '')));
    expect(guide.join('\n')).toContain('Scrivere i valori, non le formule');
    // Blank, it is not yet a plan: the dry run says so.
    const check = albero(['import', file, '--check']);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain('has a header but no objective or indicator rows');
    expect(albero(['template', join(dir, 'modello.txt')]).status).toBe(2);
  });

  it('filled in, gives the expected results', async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività delle imprese', 'obiettivo'],
      [null, 'A', 'Media ponderata degli obiettivi figli', 'indicatore', 100, '>=', null, null, null, null, null, 'media obiettivi figli'],
      ['A.1', 'A', 'Internazionalizzazione', 'obiettivo', null, null, null, null, null, null, null, null, 'Ufficio estero'],
      [null, 'A.1', 'Imprese assistite', 'indicatore', 60, '>=', 10, 'numero', 12],
      [null, 'A.1', 'Pratiche evase nei termini', 'indicatore', pct(0.4), '>=', pct(0.9), 'percentuale', pct(0.72), null, null, 'proporzionale'],
      ['A.2', 'A', 'Semplificazione', 'obiettivo'],
      ['A.2.x', 'A.2', 'Nuovo portale entro settembre', 'indicatore', 50, '<=', date(2024, 9, 30), 'data', date(2024, 10, 15)],
      [null, 'A.2', 'Registro dei titolari effettivi', 'indicatore', 50, '>=', 2, null, null, 'N.V.', 'norma sospesa dal TAR'],
    ]);
    const loaded = await loadTable(file);
    expect(loaded.issues.filter((i) => i.severity !== 'info').map(formatIssue)).toEqual([]);
    const plan = loaded.value!.plan;
    expect(plan.title).toBe('Piano della performance 2025');
    expect(plan.nodes.map((n) => [n.code, n.parent, n.level])).toEqual([
      ['A', null, 'area'],
      ['A.1', 'A', 'strategic'],
      ['A.2', 'A', 'strategic'],
    ]);
    const evaluation = evaluatePlan(plan);
    expect(evaluation.node('A.1')!.performance!.toString()).toBe('92'); // 60% × 100 + 40% × 80
    expect(evaluation.node('A.2')!.performance!.toString()).toBe('0'); // late deadline; the N.V. one is left out
    expect(evaluation.node('A.2')!.band).toBe('red');
    expect(evaluation.node('A')!.performance!.toString()).toBe('46'); // mean of the children, scored proportionally
    expect(evaluation.indicator('A.2.x')!.indicator.target).toEqual({ kind: 'date', value: '2024-09-30' });
    expect(plan.nodes[1]!.owner).toBe('Ufficio estero');
    const run = albero(['evaluate', '--json', file]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).objectives.map((o: { performance: number }) => o.performance)).toEqual([46, 92, 0]);

    // Exported and re-imported, the plan keeps what the published layout cannot hold: rules, N.V. reasons, owners, ids.
    const exported = join(dir, 'template-export.xlsx');
    expect(albero(['report', file, '--output', exported]).status).toBe(0);
    const again = await loadTable(exported);
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(evaluationDocument(evaluatePlan(again.value!.plan)).objectives).toEqual(evaluationDocument(evaluation).objectives);
    expect(again.value!.plan.title).toBe('Piano della performance 2025');
  });

  it('locates each mistake in a filled template as Albero!cell', async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Imprese assistite', 'indicatore', 100, '>=', 'dieci', 'numero', 12],
      [null, 'Z', 'Orfano', 'indicatore', 50, '>=', 1, null, 1],
      [null, 'A', 'Sospeso', 'indicatore', 50, '>=', 1, null, null, 'N.V.'],
      [null, 'A', 'Calcolato', 'indicatore', 50, '>=', { formula: '1+1', result: 2 }, null, 2],
      ['A.1', 'A', 'Strano', 'progetto'],
    ]);
    const run = albero(['import', file, '--check']);
    expect(run.status).toBe(2);
    for (const where of ['Albero!G3', 'Albero!B4', 'Albero!K5', 'Albero!G6', 'Albero!D7']) expect(run.stderr).toContain(where);
    expect(run.stderr).toContain('nothing was imported');
  });

  it("refuses JavaScript's own words (constructor, toString…) typed as a comparator, unit, state or rule, each at its cell", async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Comparatore', 'indicatore', 25, 'constructor', 1, null, 1],
      [null, 'A', 'Unità', 'indicatore', 25, '>=', 1, 'toString', 1],
      [null, 'A', 'Stato', 'indicatore', 25, '>=', 1, null, null, 'valueOf'],
      [null, 'A', 'Regola', 'indicatore', 25, '>=', 1, null, 1, null, null, 'hasOwnProperty'],
    ]);
    const run = albero(['import', file, '--check', '--lang', 'en']);
    expect(run.status, run.stderr).toBe(2);
    for (const [where, code] of [
      ['Albero!F3', 'unknown-comparator'],
      ['Albero!H4', 'unknown-unit'],
      ['Albero!J5', 'unknown-state'],
      ['Albero!L6', 'unknown-rule'],
    ] as const)
      expect(run.stderr.split('\n').find((line) => line.includes(where))).toContain(`[${code}]`);
    expect(run.stderr).toContain('nothing was imported');
  });

  it("refuses an indicator computed by a formula in dates, at its Unità cell, in the reader's language", async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Media dei figli', 'indicatore', 100, '>=', null, 'data', null, null, null, 'media obiettivi figli'],
      ['A.1', 'A', 'Internazionalizzazione', 'obiettivo'],
      [null, 'A.1', 'Imprese assistite', 'indicatore', 100, '>=', 10, 'numero', 12],
    ]);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status).toBe(2);
    expect(italian.stderr).toContain(
      `${file} Albero!H3: errore: l'indicatore «Media dei figli» si calcola con una formula (media ponderata degli obiettivi figli), che dà un numero: non può essere in date; indicare come unità numeri o percentuale, o togliere la formula [formula-unit]`,
    );
    const english = albero(['import', file, '--json']);
    expect(english.status).toBe(2);
    const report = JSON.parse(english.stdout) as { usable: boolean; issues: Array<{ code: string; message: string; location: unknown }> };
    expect(report.usable).toBe(false);
    expect(report.issues.filter((i) => i.code === 'formula-unit')).toEqual([
      {
        severity: 'error',
        code: 'formula-unit',
        message:
          'the indicator “Media dei figli” is computed by a formula (weighted mean of the child objectives), which gives a number: it cannot be in dates; give numbers or percent as its unit, or remove the formula',
        params: { node: 'A', id: 'A:1', indicator: 'Media dei figli', unit: 'date', formula: 'children_mean' },
        location: { file, sheet: 'Albero', cell: 'H3' },
      },
    ]);
    // In percent, the same row is a plan.
    const fixed = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Media dei figli', 'indicatore', 100, '>=', null, 'percentuale', null, null, null, 'media obiettivi figli'],
      ['A.1', 'A', 'Internazionalizzazione', 'obiettivo'],
      [null, 'A.1', 'Imprese assistite', 'indicatore', 100, '>=', 10, 'numero', 12],
    ]);
    expect(albero(['import', fixed, '--check']).status).toBe(0);
  });

  it('takes "N.V." written in Consuntivo, as the published table has it, for the N.V. state', async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Pratiche evase', 'indicatore', pct(0.6), '>=', 10, 'numero', 12],
      [null, 'A', 'Registro titolari effettivi', 'indicatore', pct(0.4), '>=', 2, 'numero', 'N.V.', null, 'norma sospesa'],
    ]);
    const run = albero(['evaluate', file, '--json']);
    // It said: Consuntivo: "N.V." is not a number.
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { objectives: Array<{ performance: number; indicators: Array<{ state: string; reason: string | null }> }> };
    expect(doc.objectives[0]!.indicators.map((i) => [i.state, i.reason])).toEqual([
      ['measured', null],
      ['not_evaluable', 'norma sospesa'],
    ]);
    expect(doc.objectives[0]!.performance).toBe(100);
    // Without its reason, only the reason is asked for.
    const bare = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Registro titolari effettivi', 'indicatore', pct(1), '>=', 2, 'numero', 'n.v.'],
    ]);
    const check = albero(['import', bare, '--check']);
    expect(check.status).toBe(2);
    expect(check.stderr.split('\n').filter((l) => l.includes(': error: '))).toEqual([expect.stringContaining('Albero!K3: error: an N.V. indicator needs a Motivo N.V. [missing-reason]')]);
  });

  it('after a refused indicator row, the next one without a code is not said to repeat a code nobody wrote', async () => {
    const file = await filledTemplate([
      ['A', null, 'Competitività', 'obiettivo'],
      [null, 'A', 'Pratiche evase', 'indicatore', pct(0.6), '>=', 10, 'numero', 'dodici'],
      [null, 'A', 'Imprese assistite', 'indicatore', pct(0.4), '>=', 5, 'numero', 7],
    ]);
    const run = albero(['import', file, '--check']);
    expect(run.status).toBe(2);
    // Only the real mistake; it also said "Albero!A4: the indicator code A:1 is already used [duplicate-id]".
    expect(run.stderr.split('\n').filter((l) => l.includes(': error: '))).toEqual([expect.stringContaining('Albero!I3: error: Consuntivo: “dodici” is not a number')]);
  });
});
