import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, formatIssueIn } from '../../core/index.js';
import { evaluationDocument } from '../json.js';
import { importTableBytes } from '../load.js';

const fixture = readFileSync(new URL('../../../fixtures/albero-performance-2024.txt', import.meta.url), 'utf8');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The fixture as a spreadsheet saves it as CSV: cells between `separator`, quoted when they hold it or a quote. */
function asCsv(separator: ';' | ',', eol = '\n'): string {
  const quote = (cell: string): string => (cell.includes(separator) || cell.includes('"') ? `"${cell.replace(/"/g, '""')}"` : cell);
  return fixture
    .split(/\r?\n/)
    .map((line) => line.split('\t').map(quote).join(separator))
    .join(eol);
}

/** What an import gives, without the file's name (the same table under another name). */
async function read(text: string, name: string) {
  const { value, issues } = await importTableBytes(bytes(text), name);
  return {
    document: value === null ? null : evaluationDocument(evaluatePlan(value.plan)),
    issues: issues.map((i) => ({ ...i, location: i.location === undefined ? undefined : { ...i.location, file: 'table' } })),
  };
}

describe('the published table saved as CSV', () => {
  it('reads as the tab-separated table it was saved from, with `;` or `,` and either line end', async () => {
    const text = await read(fixture, 'albero.txt');
    expect(text.document?.objectives.length).toBe(49);
    for (const [separator, eol] of [
      [';', '\n'],
      [',', '\r\n'],
    ] as const) {
      expect(await read(asCsv(separator, eol), 'albero.csv'), `${separator} ${JSON.stringify(eol)}`).toEqual(text);
    }
  });

  it('locates each mistake at the line of the file and the column, in Italian and English, after a title spanning two lines', async () => {
    const csv = [
      '**Albero 2025**',
      '',
      'Obiettivo;Indicatore;Peso;Target;Consuntivo;Performance KPI;Performance Obiettivo',
      'A Area;;;;;;',
      // A quoted title holding the separator and a line break: one row, on lines 5 and 6.
      '"A.1 - Turismo;',
      'e cultura";;;;;;',
      ';"Presenze; eventi";50% >=;sessanta;;;',
      ';Aziende coinvolte;abc >=;"1.587,10";;;',
    ].join('\n');
    const { value, issues } = await importTableBytes(bytes(csv), 'piano.csv');
    expect(value?.plan.nodes.map((n) => [n.code, n.title])).toEqual([
      ['A', 'Area'],
      ['A.1', 'Turismo; e cultura'],
    ]);
    const errors = issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => formatIssueIn(i, 'it'))).toEqual([
      "piano.csv:7 colonna Target: errore: Target: «sessanta» non è un numero (scrivere numeri all'italiana come 1.587,10 o 60,00%), una data (gg/mm/aaaa) o sì/no [unparsable-target]",
      'piano.csv:8 colonna Peso: errore: il Peso «abc >=» non è un peso come «50% >=» [unparsable-weight]',
    ]);
    expect(errors.map((i) => formatIssueIn(i, 'en'))).toEqual([
      'piano.csv:7 column Target: error: Target: “sessanta” is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no [unparsable-target]',
      'piano.csv:8 column Peso: error: the Peso “abc >=” is not a weight such as “50% >=” [unparsable-weight]',
    ]);
  });

  it('says a CSV without the header row as missing its header, not as rows of the wrong width', async () => {
    const csv = await read('Codice;Titolo\nA.1;Turismo\n', 'altro.csv');
    expect(csv.issues.map((i) => [i.code, i.location])).toEqual([['missing-header', { file: 'table' }]]);
  });
});
