/**
 * The Struttura and Referente columns of an exported workbook's «Piano» sheet as an office sees
 * them: opened by LibreOffice (saved as CSV), their heads read «Struttura», «Referente» after the
 * template's other heads and each assigned row holds its unit's name and its person's e-mail (or
 * username); read back by the importer, each is at its cell; the command line, which has no
 * registry nor accounts, says it did not assign them and carries them into its JSON. Needs soffice
 * (installed by .ci/run): without it this test fails, it never skips.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { loadTable } from '../../src/io/load.js';
import { importWorkbookBytes } from '../../src/io/xlsx/read.js';
import { exportPlanXlsx } from '../../src/io/xlsx/index.js';
import { albero, FIXTURE } from '../helpers.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { tempDir } from './helpers.js';

describe('the Struttura and Referente columns of the exported workbook', async () => {
  const dir = tempDir('albero-units-');
  const table = await loadTable(FIXTURE);
  const plan = table.value!.plan;
  const indicator = plan.nodes.find((n) => n.code === 'A.2.1')!.indicators[0]!.id;
  const assignedUnits = { objectives: { 'B.1.1': 'Ufficio Digitale' }, indicators: { [indicator]: 'Ufficio Estero' } };
  const assignedPeople = { objectives: { 'B.1.1': 'maria.rossi@comune.example.it' }, indicators: { [indicator]: 'referente' } };

  it('reads «Struttura» and «Referente» in LibreOffice, in an English export too, with each unit and person on its row', async () => {
    for (const [language, sheet] of [
      ['it', 'Piano'],
      ['en', 'Plan'],
    ] as const) {
      const file = join(dir, `${language}.xlsx`);
      writeFileSync(file, await exportPlanXlsx(evaluatePlan(plan), { language, assignedUnits, assignedPeople }));
      // The second sheet alone (the «Piano», named «Plan» in English), as LibreOffice shows it.
      const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2';
      const lines = readFileSync(convertWithLibreOffice(file, filter, join(dir, 'csv'), { produces: `${language}-${sheet}.csv` }), 'utf8').split('\n');
      expect(lines[0]).toBe(
        'Codice,Padre,Titolo,Tipo,Peso,Comparatore,Target,Unità,Consuntivo,Stato,Motivo N.V.,Regola,Responsabile,Note,Baseline,Anno baseline,Target anno +1,Target anno +2,Struttura,Referente',
      );
      expect(lines.find((l) => l.startsWith('B.1.1,'))).toMatch(/,Ufficio Digitale,maria\.rossi@comune\.example\.it$/);
      expect(lines.find((l) => l.startsWith(`${indicator},`))).toMatch(/,Ufficio Estero,referente$/);
      expect(lines.find((l) => l.startsWith('A,'))).toMatch(/,,$/);
    }
  }, 240_000);

  it('is read back by the importer, each unit and person at its cell', async () => {
    const bytes = await exportPlanXlsx(evaluatePlan(plan), { assignedUnits, assignedPeople });
    const read = await importWorkbookBytes(bytes, 'piano.xlsx');
    expect(read.value?.assignedUnits).toEqual([
      { objective: 'A.2.1', indicator, unit: 'Ufficio Estero', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^S\d+$/) }) },
      { objective: 'B.1.1', unit: 'Ufficio Digitale', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^S\d+$/) }) },
    ]);
    expect(read.value?.assignedPeople).toEqual([
      { objective: 'A.2.1', indicator, person: 'referente', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^T\d+$/) }) },
      { objective: 'B.1.1', person: 'maria.rossi@comune.example.it', origin: expect.objectContaining({ file: 'piano.xlsx', sheet: 'Piano', cell: expect.stringMatching(/^T\d+$/) }) },
    ]);
    // A workbook made from a file, with no units nor people given, has none to read.
    const bare = (await importWorkbookBytes(await exportPlanXlsx(evaluatePlan(plan)), 'piano.xlsx')).value;
    expect([bare?.assignedUnits, bare?.assignedPeople]).toEqual([undefined, undefined]);
  });

  it('the command line reads them, says in either language they were not assigned, and carries them into the JSON as written', async () => {
    const file = join(dir, 'assegnato.xlsx');
    writeFileSync(file, await exportPlanXlsx(evaluatePlan(plan), { assignedUnits, assignedPeople }));
    for (const [locale, said] of [
      [
        'it_IT.UTF-8',
        "2 valori Struttura e 2 valori Referente: letti, ma non verificati né assegnati: un file non ha registro delle strutture né account; li verifica e li assegna l'importazione in Albero (il documento JSON di --output li riporta come scritti)",
      ],
      [
        'C.UTF-8',
        '2 Struttura values and 2 Referente values: read, but neither checked nor assigned: a file has no registry of units nor accounts; importing it into Albero checks and assigns them (the JSON document of --output carries them as written)',
      ],
    ] as const) {
      const check = albero(['import', file, '--check'], { locale });
      expect(check.status, check.stderr).toBe(0);
      expect(check.stderr).toContain(`${file}: ${locale === 'C.UTF-8' ? 'warning' : 'avviso'}: ${said}`);
    }
    const out = join(dir, 'assegnato.json');
    const written = albero(['import', file, '--output', out]);
    expect(written.status, written.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const of = (code: string) => doc.objectives.find((o: any) => o.code === code);
    expect(of('B.1.1')).toMatchObject({ assignedUnit: 'Ufficio Digitale', assignedPerson: 'maria.rossi@comune.example.it' });
    expect(of('A')).toMatchObject({ assignedUnit: null, assignedPerson: null });
    expect(of('A.2.1').indicators[0]).toMatchObject({ id: indicator, assignedUnit: 'Ufficio Estero', assignedPerson: 'referente' });
    expect(doc.issues.map((i: any) => i.code)).toContain('assignments-not-applied');
    // A workbook with no Struttura nor Referente cell imports as before, with nothing said about them.
    const bare = join(dir, 'senza.xlsx');
    writeFileSync(bare, await exportPlanXlsx(evaluatePlan(plan)));
    const quiet = albero(['import', bare, '--check']);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/Struttura|Referente/);
  });

  it('reads its own JSON back as the same plan with the same assignments, and refuses a document that is no plan, located', async () => {
    const file = join(dir, 'giro.xlsx');
    writeFileSync(file, await exportPlanXlsx(evaluatePlan(plan), { assignedUnits, assignedPeople }));
    const first = join(dir, 'giro-1.json');
    const second = join(dir, 'giro-2.json');
    expect(albero(['import', file, '--output', first]).status).toBe(0);
    const again = albero(['import', first, '--output', second]);
    expect(again.status, again.stderr).toBe(0);
    // The JSON's assignments are said as the workbook's were: read, not assigned.
    expect(again.stderr).toContain(`${first}: warning: 2 Struttura values and 2 Referente values: read, but neither checked nor assigned`);
    const [a, b] = [first, second].map((f) => JSON.parse(readFileSync(f, 'utf8')));
    expect(b.objectives).toEqual(a.objectives);
    expect(b.summary).toEqual(a.summary);
    expect(b.objectives.find((o: any) => o.code === 'B.1.1')).toMatchObject({ assignedUnit: 'Ufficio Digitale', assignedPerson: 'maria.rossi@comune.example.it' });

    // Not JSON: where the text breaks off.
    const broken = join(dir, 'rotto.json');
    writeFileSync(broken, '{\n  "title": "Piano",\n  "objectives": [,]\n}\n');
    for (const [locale, said] of [
      ['C.UTF-8', 'rotto.json:3: error: the document is not valid JSON: the text breaks off at line 3, column 18'],
      ['it_IT.UTF-8', 'rotto.json:3: errore: il documento non è JSON valido: il testo si interrompe alla riga 3, colonna 18'],
    ] as const) {
      const refused = albero(['import', 'rotto.json', '--check'], { locale, cwd: dir });
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain(said);
    }
    // What evaluate --json prints has no rules: said, naming the field, and what to import instead.
    const evaluated = join(dir, 'valutato.json');
    writeFileSync(evaluated, albero(['evaluate', FIXTURE, '--json']).stdout);
    const refused = albero(['import', 'valutato.json', '--check'], { locale: 'it_IT.UTF-8', cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      'valutato.json campo settings: errore: non è il documento di un piano come lo scrive «albero import --output»: settings manca o non è del tipo atteso (un documento di «albero evaluate --json» non ha le regole del piano: importare la tabella o il foglio di calcolo)',
    );
  });
});
