/**
 * The published table as a spreadsheet saves it as text: CSV with semicolons and decimal commas
 * (an Italian Excel or LibreOffice), CSV with commas (an English one), tab-separated text with its
 * cells quoted and every row padded to the table's width (LibreOffice). Each was "no header row"
 * (or a title and a legend read as objectives): now read as the tab-separated table, every problem
 * at the file's own line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE, albero, fixtureText } from './helpers.js';
import { convertWithLibreOffice } from './support/libreoffice.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IT = { locale: 'it_IT.UTF-8' };

/** The fixture's rows as a spreadsheet writes CSV: cells quoted when they hold the separator, a quote or a line break; rows padded to 7 cells; CRLF. */
function csv(separator: string, edit: (rows: string[][]) => void = () => undefined): string {
  const rows = fixtureText()
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));
  edit(rows);
  const cell = (c: string): string => (c.includes(separator) || /["\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return `${rows.map((r) => [...r, ...Array<string>(Math.max(0, 7 - r.length)).fill('')].map(cell).join(separator)).join('\r\n')}\r\n`;
}

function write(name: string, contents: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

const lineOf = (needle: string): number =>
  fixtureText()
    .split('\n')
    .findIndex((l) => l.includes(needle)) + 1;
const evaluated = albero(['evaluate', FIXTURE, '--json']);

describe('a table saved as CSV', () => {
  it('semicolons, decimal commas, a UTF-8 BOM, CRLF and a title holding a semicolon: the same plan as the text table, every stated cell checked', () => {
    const path = write(
      'albero-2024.csv',
      `\ufeff${csv(';', (rows) => {
        rows[lineOf('A.1.1 - ') - 1]![0] = 'A.1.1 - Progetto sostegno del turismo; della cultura';
      })}`,
    );
    const run = albero(['evaluate', path, '--json']);
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as { objectives: { code: string; title: string; performance: string | null }[] };
    const before = JSON.parse(evaluated.stdout) as typeof plan;
    expect(plan.objectives.map((o) => [o.code, o.performance])).toEqual(before.objectives.map((o) => [o.code, o.performance]));
    expect(plan.objectives.find((o) => o.code === 'A.1.1')!.title).toBe('Progetto sostegno del turismo; della cultura');
    // Its problems at the CSV's own lines: the warning the text table has at line 84.
    expect(run.stderr).toContain(`albero-2024.csv:${lineOf('N. partecipanti ad eventi organizzati sul PID')} column Consuntivo: warning: the Consuntivo 0,69 has no % sign`);
    const verify = albero(['verify', path]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('145 cells checked, 0 differ');
  });

  it('a wrong stated cell is found at its line and column, in Italian too; a Windows-1252 file reads the same', () => {
    const at = lineOf('A.2.1 - ');
    const text = csv(';', (rows) => {
      rows[at - 1]![6] = '70,00%';
    });
    const path = write('manomesso.csv', Buffer.from(text, 'latin1'));
    const en = albero(['verify', path]);
    expect(en.status).toBe(1);
    expect(en.stderr).toContain('manomesso.csv: warning: the file is not UTF-8; it was read as Windows-1252 [encoding]');
    expect(en.stdout).toMatch(new RegExp(`manomesso\\.csv:${at} column Performance Obiettivo: .*70\\.00%.*80\\.00%`));
    const it = albero(['verify', path], IT);
    expect(it.status).toBe(1);
    expect(it.stdout).toMatch(new RegExp(`manomesso\\.csv:${at} colonna Performance Obiettivo: .*70,00%.*80,00%`));
  });

  it('a title broken over two lines inside its quotes: the rows after it keep their lines', () => {
    const at = lineOf('A.2.1 - ');
    const path = write(
      'a-capo.csv',
      csv(';', (rows) => {
        rows[lineOf('A.1.1 - ') - 1]![0] = 'A.1.1 - Progetto sostegno\ndel turismo e della cultura';
        rows[at]![3] = 'molti';
      }),
    );
    const run = albero(['evaluate', path]);
    expect(run.status).toBe(2);
    // The indicator under A.2.1, one line further down the file from the title's break on.
    expect(run.stderr).toContain(`a-capo.csv:${at + 2} column Target: error: Target: “molti”`);
  });

  it('a quote that closes only at the next quoted cell, rows below, or never: said at its line, nothing evaluated (the rows between were lost in a title)', () => {
    const at = lineOf('A.2.1 - ');
    const path = write(
      'virgolette.csv',
      csv(';', (rows) => {
        rows[at - 1]![0] = 'A.2.1 - Progetto "Sostegno all\'export';
      }).replace('"A.2.1 - Progetto ""Sostegno all\'export"', '"A.2.1 - Progetto Sostegno all\'export'),
    );
    const run = albero(['evaluate', path]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`virgolette\\.csv:${at}: error: a cell opened here with a quote \\("\\) closes only at line \\d+: the rows between would fall into that cell`));
    expect(albero(['evaluate', path], IT).stderr).toContain(`virgolette.csv:${at}: errore: una cella aperta qui tra virgolette (") si chiude solo alla riga `);
    const never = write('mai-chiuse.csv', `${csv(';')}"A.9.9 - Un obiettivo;;;;;;\r\n;Un indicatore;100% >=;1;1;;\r\n`);
    const unclosed = albero(['evaluate', never]);
    expect(unclosed.status).toBe(2);
    expect(unclosed.stderr).toContain(`mai-chiuse.csv:${fixtureText().split('\n').length}: error: a cell opened here with a quote (") is never closed`);
  });
});

describe('a tab-separated table with every row as wide as the table, as a spreadsheet saves it', () => {
  it('the title and the legend padded with tabs: the same plan and legend (they were "data first" and objectives without a code)', () => {
    const path = write('largo.txt', csv('\t'));
    expect(readFileSync(path, 'utf8')).toMatch(/^\t{6}\r\n\t{6}\r\n\*\*Albero performance 2024\*\*\t{6}\r\n/);
    const run = albero(['evaluate', path, '--json']);
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as { title: string; legend: unknown; objectives: { code: string; title: string; performance: number | null }[] };
    const before = JSON.parse(evaluated.stdout) as typeof plan;
    expect(plan.title).toBe('Albero performance 2024');
    // Saved in quotes, as it holds quotes: read without them (it was an objective "without a code").
    expect(plan.objectives.find((o) => o.code === 'C.1.1')!.title).toContain('modalita\' "ibrida" - presenza');
    expect(plan.legend).toEqual(before.legend);
    expect(plan.objectives.map((o) => [o.code, o.performance])).toEqual(before.objectives.map((o) => [o.code, o.performance]));
    expect(albero(['verify', path]).status).toBe(0);
  });

  it('an objective about a legend, with no value, stays an objective: only the heading "Legenda" opens the legend', () => {
    const at = lineOf('A.1.1 - ');
    const path = write(
      'legenda-obiettivo.txt',
      csv('\t', (rows) => {
        rows[at - 1] = ['A.1.1 - Legenda dei servizi turistici', '', '', '', '', '', ''];
      }),
    );
    const run = albero(['evaluate', path, '--json']);
    expect(run.status).toBe(0);
    const plan = JSON.parse(run.stdout) as { objectives: { code: string; title: string }[] };
    expect(plan.objectives.find((o) => o.code === 'A.1.1')!.title).toBe('Legenda dei servizi turistici');
    expect(plan.objectives.length).toBe((JSON.parse(evaluated.stdout) as typeof plan).objectives.length);
  });
});

describe('the English report workbook saved as text by LibreOffice', () => {
  const workbook = join(dir, 'english.xlsx');
  expect(albero(['report', FIXTURE, '--lang', 'en', '--output', workbook]).status).toBe(0);
  const save = (filter: string, extension: string): string => {
    return convertWithLibreOffice(workbook, `${extension}:${filter}`, join(dir, `lo-${extension}`));
  };

  it('as CSV with commas (its numbers 1,587.10 quoted): verify agrees with every stated cell', () => {
    const path = save('Text - txt - csv (StarCalc):44,34,76,1', 'csv');
    expect(readFileSync(path, 'utf8')).toContain('"Objective","Indicator","Weight"');
    const run = albero(['verify', path]);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ cells checked, 0 differ/);
  });

  it('as tab-separated text, every cell quoted and every row as wide as the table (the title, the legend): verify agrees', () => {
    const path = save('Text - txt - csv (StarCalc):9,34,76,1,,0,true', 'txt');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"Objective"\t"Indicator"');
    expect(text).toMatch(/\n"Legend"\t\t\t\t\t\t\r?\n/);
    const run = albero(['verify', path]);
    expect(run.stderr).not.toContain('error');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\d+ cells checked, 0 differ/);
  });
});

describe('a US date that is also an Italian one, in a table written the English way', () => {
  /** An Italian-headed table: its dates and numbers as `dates` gives them; the second indicator's dates read either way. */
  const written = (name: string, way: 'en' | 'it'): string =>
    write(
      name,
      [
        'Albero test',
        '',
        'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
        'A - Servizi digitali\t\t\t\t\t\t',
        way === 'en' ? '\tInvio della relazione\t50% <=\t09/30/2024\t10/15/2024\t0.00%\t' : '\tInvio della relazione\t50% <=\t30/09/2024\t15/10/2024\t0,00%\t',
        `\tAvvio dello sportello\t50% <=\t03/05/2024\t03/04/2024\t${way === 'en' ? '100.00%' : '100,00%'}\t`,
        '',
      ].join('\n'),
    );

  it('each cell read day first is said at its line and column, in both languages', () => {
    const path = written('date-us.txt', 'en');
    const en = albero(['evaluate', path]);
    expect(en.status).toBe(2);
    // It said 09/30/2024 and 10/15/2024 at their cells, and read 03/05/2024 as 3 May without a word.
    expect(en.stderr).toContain(
      'date-us.txt:6 column Target: error: the Target “03/05/2024” is read as an Italian date, day first: 3 May 2024; but the table writes its numbers and dates the English way (such as “09/30/2024”), where it is 5 March 2024. If it is 5 March, write 05/03/2024; saved again with the Italian locale, the table writes every date day first [ambiguous-date]\n',
    );
    expect(en.stderr).toContain('date-us.txt:6 column Consuntivo: error: the Consuntivo “03/04/2024” is read as an Italian date, day first: 3 April 2024;');
    const it = albero(['evaluate', path], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(
      "date-us.txt:6 colonna Target: errore: il Target «03/05/2024» è letto come data italiana, giorno prima: 3 maggio 2024; ma la tabella scrive numeri e date all'inglese (come «09/30/2024»), e all'inglese è il 5 marzo 2024. Se è il 5 marzo, scriverla 05/03/2024; salvando la tabella con la lingua italiana ogni data è scritta giorno prima [ambiguous-date]\n",
    );
  });

  it('an Italian table reads the same dates day first, as before, and says nothing of them', () => {
    const run = albero(['evaluate', written('date-it.txt', 'it'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain('ambiguous-date');
    const indicator = (JSON.parse(run.stdout) as { objectives: { indicators: { name: string; targetText: string }[] }[] }).objectives[0]!.indicators[1]!;
    expect(indicator).toMatchObject({ name: 'Avvio dello sportello', targetText: '03/05/2024' });
  });
});

describe('the Italian report workbook saved as CSV by LibreOffice run without a locale', () => {
  const workbook = join(dir, 'italiano.xlsx');
  expect(albero(['report', FIXTURE, '--lang', 'it', '--output', workbook]).status).toBe(0);
  // No locale: LibreOffice writes the workbook's numbers and dates the English (US) way under the Italian heads.
  const path = convertWithLibreOffice(workbook, 'csv:Text - txt - csv (StarCalc):44,34,76,1', join(dir, 'lo-c'), { locale: 'C' });

  it('one hint first, said in words in both languages, then every cell at its line as before', () => {
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('"Obiettivo","Indicatore","Peso"');
    expect(text).toMatch(/"?100\.00%"?/);
    const en = albero(['evaluate', path]);
    expect(en.status).toBe(2);
    const lines = en.stderr.split('\n');
    expect(lines[0]).toMatch(
      /^\S*italiano\.csv: error: the table is headed in Italian \(Obiettivo, Indicatore, …\) but its numbers and dates are written the English way \(such as “[\d.,%]+” instead of 1,00% or 31\/12\/2024\): the spreadsheet saved it without the Italian locale .* Save it again with the Italian locale .*, or head it in English \(Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance\) so its numbers are read the English way; .* \[english-notation\]$/,
    );
    // The located errors stay, after the hint.
    expect(lines.filter((l) => /^\S*italiano\.csv:\d+ column \w+.*: error: /.test(l)).length).toBeGreaterThan(50);
    const it = albero(['evaluate', path], IT);
    expect(it.status).toBe(2);
    expect(it.stderr.split('\n')[0]).toMatch(
      /^\S*italiano\.csv: errore: la tabella è intestata in italiano .* all'inglese .* Salvarla di nuovo con la lingua italiana .*oppure intestarla in inglese .*\[english-notation\]$/,
    );
  });

  it('a stray English number in an Italian table is said at its cell only', () => {
    const one = write(
      'uno.csv',
      csv(';', (rows) => {
        // The Target of A.1.1's first indicator (the row after the objective's; `rows` counts from 0).
        rows[lineOf('A.1.1 - ')]![3] = '1.5';
      }),
    );
    const run = albero(['evaluate', one]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`uno.csv:${lineOf('A.1.1 - ') + 1} column Target: error: Target: “1.5” is not a number`);
    expect(run.stderr).not.toContain('english-notation');
  });
});

describe('a formula in a CSV cell', () => {
  it('is said to be a formula at its cell, as a workbook formula cell is, in both languages', () => {
    // Before: «"=SOMMA(B2:B3)" is not a number …» [unparsable-target], where the workbook reader says "formula".
    const file = write(
      'formule.csv',
      csv(';', (rows) => {
        const target = rows.findIndex((r) => r[1]?.startsWith('Iniziative di valorizzazione'));
        const actual = rows.findIndex((r) => r[1]?.startsWith('Aziende coinvolte nei percorsi'));
        rows[target]![3] = '=SOMMA(B2:B3)';
        rows[actual]![4] = '=SUM(C1)';
      }),
    );
    const en = albero(['import', file, '--check', '--json']);
    expect(en.status).not.toBe(0);
    const issues = (JSON.parse(en.stdout) as { issues: { code: string; message: string; location: { line: number; column: string } }[] }).issues;
    const formulas = issues.filter((i) => i.code === 'formula-cell');
    expect(formulas.map((i) => [i.location.line, i.location.column])).toEqual([
      [lineOf('Iniziative di valorizzazione'), 'Target'],
      [lineOf('Aziende coinvolte nei percorsi'), 'Consuntivo'],
    ]);
    expect(formulas[0]!.message).toBe('the cell holds a formula (=SOMMA(B2:B3)) instead of a value; copy the column and paste it back as values only');
    expect(issues.some((i) => i.code === 'unparsable-target' || i.code === 'unparsable-actual')).toBe(false);
    const it = albero(['import', file, '--check'], IT);
    expect(it.stderr).toContain(`formule.csv:${lineOf('Aziende coinvolte nei percorsi')} colonna Consuntivo: errore: la cella contiene una formula (=SUM(C1)) invece di un valore`);
  });
});

describe('a CSV table under a long preamble', () => {
  it('is refused at its header row, said to be below the lines where it is looked for: it was «no header row», with the header right there', () => {
    // 35 lines of notes above the title: the header row at line 40, past the first 30 lines.
    const notes = Array.from({ length: 35 }, (_, k) => [`Nota ${k + 1}: dati estratti dal sistema di controllo di gestione`]);
    const file = write(
      'preambolo.csv',
      csv(';', (rows) => rows.unshift(...notes)),
    );
    const header = 35 + lineOf('Obiettivo\tIndicatore');
    const en = albero(['verify', file]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(
      `preambolo.csv:${header}: error: the header row is here, below the first 30 rows where it is looked for: remove rows above it (titles, notes) so that it is among the first 30 [header-too-low]`,
    );
    expect(en.stderr).not.toContain('missing-header');
    const it = albero(['import', file, '--check'], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`preambolo.csv:${header}: errore: la riga di intestazione è qui, sotto le prime 30 righe dove viene cercata`);
    // Without the notes' five extra lines it is read.
    expect(
      albero([
        'verify',
        write(
          'preambolo-corto.csv',
          csv(';', (rows) => rows.unshift(...notes.slice(0, 25))),
        ),
      ]).status,
    ).toBe(0);
  });
});
