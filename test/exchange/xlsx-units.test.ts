/**
 * The Struttura column of an exported workbook's «Piano» sheet as an office sees it: opened by
 * LibreOffice (saved as CSV), its head reads «Struttura» after the template's other heads and each
 * assigned row holds its unit's name; read back by the importer, each unit is at its cell. Needs
 * soffice (installed by .ci/run): without it this test fails, it never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { loadTable } from '../../src/io/load.js';
import { importWorkbookBytes } from '../../src/io/xlsx/read.js';
import { exportPlanXlsx } from '../../src/io/xlsx/index.js';
import { FIXTURE } from '../helpers.js';
import { tempDir } from './helpers.js';

describe('the Struttura column of the exported workbook', async () => {
  const dir = tempDir('albero-units-');
  const table = await loadTable(FIXTURE);
  const plan = table.value!.plan;
  const indicator = plan.nodes.find((n) => n.code === 'A.2.1')!.indicators[0]!.id;
  const assignedUnits = { objectives: { 'B.1.1': 'Ufficio Digitale' }, indicators: { [indicator]: 'Ufficio Estero' } };

  it('reads «Struttura» in LibreOffice, in an English export too, with each unit on its row', async () => {
    expect(existsSync('/usr/bin/soffice') || existsSync('/usr/bin/libreoffice'), 'apt-get install -y libreoffice-calc-nogui').toBe(true);
    for (const [language, sheet] of [
      ['it', 'Piano'],
      ['en', 'Plan'],
    ] as const) {
      const file = join(dir, `${language}.xlsx`);
      writeFileSync(file, await exportPlanXlsx(evaluatePlan(plan), { language, assignedUnits }));
      // The second sheet alone (the «Piano», named «Plan» in English), as LibreOffice shows it.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2';
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--convert-to', filter, '--outdir', join(dir, 'csv'), file], {
        stdio: 'ignore',
        timeout: 120_000,
        env: { ...process.env, HOME: dir },
      });
      const lines = readFileSync(join(dir, 'csv', `${language}-${sheet}.csv`), 'utf8').split('\n');
      expect(lines[0]).toBe(
        'Codice,Padre,Titolo,Tipo,Peso,Comparatore,Target,Unità,Consuntivo,Stato,Motivo N.V.,Regola,Responsabile,Note,Baseline,Anno baseline,Target anno +1,Target anno +2,Struttura',
      );
      expect(lines.find((l) => l.startsWith('B.1.1,'))).toMatch(/,Ufficio Digitale$/);
      expect(lines.find((l) => l.startsWith(`${indicator},`))).toMatch(/,Ufficio Estero$/);
      expect(lines.find((l) => l.startsWith('A,'))).toMatch(/,$/);
    }
  }, 240_000);

  it('is read back by the importer, each unit at its cell', async () => {
    const bytes = await exportPlanXlsx(evaluatePlan(plan), { assignedUnits });
    const read = await importWorkbookBytes(bytes, 'piano.xlsx');
    expect(read.value?.assignedUnits).toEqual([
      { objective: 'A.2.1', indicator, unit: 'Ufficio Estero', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^S\d+$/) }) },
      { objective: 'B.1.1', unit: 'Ufficio Digitale', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^S\d+$/) }) },
    ]);
    // A workbook made from a file, with no units given, has none to read.
    expect((await importWorkbookBytes(await exportPlanXlsx(evaluatePlan(plan)), 'piano.xlsx')).value?.assignedUnits).toBeUndefined();
  });
});
