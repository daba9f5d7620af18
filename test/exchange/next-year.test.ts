/**
 * `albero next-year` on the 2024 fixture, and the template's three-year horizon columns (baseline,
 * its year, the targets of the next two years): written, read back, and refused at their cell when
 * of the wrong kind.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, formatIssue, type Indicator } from '../../src/core/index.js';
import { loadTable } from '../../src/io/load.js';
import { albero, FIXTURE } from '../helpers.js';
import { nextYearRow } from '../support/next-year-row.js';
import { readWorkbook, tempDir, workbookBytes } from './helpers.js';

const dir = tempDir();

function indicator(plan: { nodes: ReadonlyArray<{ indicators: readonly Indicator[] }> }, id: string): Indicator {
  return plan.nodes.flatMap((n) => n.indicators).find((i) => i.id === id)!;
}

// Each test runs the CLI a few times: on a busy machine a run takes seconds.
describe('albero next-year', { timeout: 180_000 }, () => {
  it('writes the 2025 plan from the 2024 table: same tree, baselines from the actuals, no values', async () => {
    const out = join(dir, 'piano-2025.xlsx');
    const run = albero(['next-year', FIXTURE, '--year', '2025', '--output', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('“Albero performance 2025”, 3 strategic areas, 46 objectives and 88 indicators');

    const loaded = await loadTable(out);
    expect(loaded.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    const plan = loaded.value!.plan;
    const before = (await loadTable(FIXTURE)).value!.plan;
    expect(plan.title).toBe('Albero performance 2025');
    expect(plan.nodes.map((n) => [n.code, n.parent, n.title, n.weight?.toString() ?? null])).toEqual(before.nodes.map((n) => [n.code, n.parent, n.title, n.weight?.toString() ?? null]));
    const all = plan.nodes.flatMap((n) => n.indicators);
    expect(all).toHaveLength(88);
    expect(all.filter((i) => i.measurement.state !== 'not_measured')).toEqual([]);
    expect(evaluatePlan(plan).nodeResults.filter((r) => r.performance !== null)).toEqual([]);

    const soggetti = indicator(plan, 'A.3:1');
    expect(soggetti.name).toBe('Soggetti coinvolti');
    expect(soggetti.baseline).toEqual({ kind: 'number', value: expect.objectContaining({}) });
    expect(soggetti.baseline!.kind === 'number' && soggetti.baseline!.value.toString()).toBe('206');
    expect(soggetti.baselineYear).toBe(2024);
    expect(soggetti.target).toMatchObject({ kind: 'number' });
    expect(indicator(plan, 'A.5.1:3').target).toEqual({ kind: 'date', value: '2025-04-30' });
    expect(indicator(plan, 'A.5.1:3').baselineYear ?? null).toBeNull();

    // A year later, from a plan without values: the 2024 baselines stay, with their year.
    const later = join(dir, 'piano-2026.xlsx');
    expect(albero(['next-year', out, '--year', '2026', '--output', later]).status).toBe(0);
    const plan2026 = (await loadTable(later)).value!.plan;
    expect(plan2026.title).toBe('Albero performance 2026');
    expect(indicator(plan2026, 'A.3:1')).toMatchObject({ baselineYear: 2024 });
  });

  it('refuses an actual typed beside the Stato «non misurato» the workbook wrote, at its cell, in both languages; nothing imported', async () => {
    const row = await nextYearRow(dir, 'A.1.1:2', 'piano-2025-filled.xlsx', 'filled.xlsx');
    expect(row.cell('Stato').value).toBe('non misurato');
    // The office types the year's actual and leaves the Stato the file came with: before, 0 errors and the 12 gone.
    row.cell('Consuntivo').value = 12;
    await row.save();
    const filled = row.file;
    const cell = row.address('Consuntivo');

    const it = albero(['import', filled, '--check'], { locale: 'it_IT.UTF-8' });
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`${cell}: errore: il Consuntivo 12 contraddice lo Stato «non misurato», che non ha un valore`);
    expect(it.stderr).toContain('nulla è stato importato');
    const en = albero(['import', filled, '--output', join(dir, 'filled.json')]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(`${cell}: error: Consuntivo 12 contradicts Stato “non misurato”, which takes no value`);
    expect(existsSync(join(dir, 'filled.json'))).toBe(false);

    // The Stato emptied, as the guide says, the value is imported.
    row.cell('Stato').value = null;
    await row.save();
    const loaded = await loadTable(filled);
    expect(loaded.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    expect(JSON.parse(JSON.stringify(indicator(loaded.value!.plan, 'A.1.1:2').measurement))).toEqual({ state: 'measured', actual: { kind: 'number', value: '12' } });
  });

  it('refuses a year that is not the one after the plan’s, a missing year and an output that is not .xlsx', () => {
    const out = join(dir, 'x.xlsx');
    const past = albero(['next-year', FIXTURE, '--year', '2024', '--output', out]);
    expect(past.status).toBe(2);
    expect(past.stderr).toContain("its next year's plan is 2025's, not 2024's");
    expect(albero(['next-year', FIXTURE, '--year', 'venti', '--output', out]).status).toBe(2);
    expect(albero(['next-year', FIXTURE, '--year', '2025', '--output', join(dir, 'x.txt')]).status).toBe(2);
  });

  it('reads baselines and later targets from the template, and places a value of the wrong kind at its cell', async () => {
    const blank = join(dir, 'blank.xlsx');
    expect(albero(['template', blank]).status).toBe(0);
    const workbook = await readWorkbook(readFileSync(blank));
    workbook.title = 'Piano 2025';
    const sheet = workbook.getWorksheet('Albero')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (name: string): number => header.indexOf(name) + 1;
    const row = (r: number, values: Record<string, unknown>): void => {
      for (const [name, value] of Object.entries(values)) sheet.getRow(r).getCell(col(name)).value = value as never;
    };
    row(2, { Codice: 'A', Titolo: 'Area', Tipo: 'obiettivo' });
    row(3, {
      Codice: 'A:1',
      Padre: 'A',
      Titolo: 'Imprese assistite',
      Tipo: 'indicatore',
      Peso: 50,
      Comparatore: '>=',
      Target: 10,
      Unità: 'numero',
      Baseline: 8,
      'Anno baseline': 2024,
      'Target anno +1': 12,
      'Target anno +2': 14,
    });
    row(4, {
      Codice: 'A:2',
      Padre: 'A',
      Titolo: 'Portale',
      Tipo: 'indicatore',
      Peso: 50,
      Comparatore: '<=',
      Target: new Date(Date.UTC(2025, 8, 30)),
      Unità: 'data',
      'Target anno +1': new Date(Date.UTC(2026, 5, 30)),
    });
    const good = join(dir, 'good.xlsx');
    writeFileSync(good, await workbookBytes(workbook));
    const loaded = await loadTable(good);
    expect(loaded.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    const assisted = indicator(loaded.value!.plan, 'A:1');
    expect([assisted.baseline, assisted.baselineYear, assisted.nextTargets].map((v) => JSON.parse(JSON.stringify(v)))).toEqual([
      { kind: 'number', value: '8' },
      2024,
      [
        { kind: 'number', value: '12' },
        { kind: 'number', value: '14' },
      ],
    ]);
    expect(indicator(loaded.value!.plan, 'A:2').nextTargets).toEqual([{ kind: 'date', value: '2026-06-30' }, null]);

    // Wrong kinds: a yes/no baseline for a number, a number as a date's later target, a year that is not one.
    row(3, { Baseline: 'sì', 'Anno baseline': 'l’anno scorso' });
    row(4, { 'Target anno +2': 15 });
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, await workbookBytes(workbook));
    const check = albero(['import', bad, '--check']);
    expect(check.status).toBe(2);
    const letter = (name: string): string => String.fromCharCode(64 + col(name));
    expect(check.stderr).toContain(`Albero!${letter('Baseline')}3`);
    expect(check.stderr).toMatch(/Baseline “sì” is not a number/);
    expect(check.stderr).toContain(`Albero!${letter('Anno baseline')}3`);
    expect(check.stderr).toContain(`Albero!${letter('Target anno +2')}4`);
    expect(check.stderr).toMatch(/Target anno \+2 “15” is not a date/);
  });
});
