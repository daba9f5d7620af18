import { describe, expect, it } from 'vitest';
import { renderIssueCode } from '../../core/messages/index.js';
import { isHeaderRow, readLayout, type LayoutRow } from './layout.js';

describe('the header row', () => {
  it('is found in any case and spacing, and only with both first titles', () => {
    expect(isHeaderRow(['Obiettivo', 'Indicatore', 'Peso'])).toBe(true);
    expect(isHeaderRow(['  OBIETTIVO ', '\u00a0indicatore\t'])).toBe(true);
    expect(isHeaderRow(['Obiettivo'])).toBe(false);
    expect(isHeaderRow(['Obiettivi', 'Indicatore'])).toBe(false);
    expect(isHeaderRow(['Obiettivo', 'Indicatori'])).toBe(false);
    expect(isHeaderRow(['A.1 Obiettivo', 'Indicatore'])).toBe(false);
    expect(isHeaderRow(['Obiettİvo', 'Indicatore'])).toBe(false); // İ lower-cases to two characters
  });
});

describe("an unreadable number's message shows numbers the table's way", () => {
  /** Rows of a table (a workbook's, say), `|` between cells. */
  const rows = (...texts: string[]): LayoutRow[] => texts.map((t, n) => ({ cells: t.split('|'), at: () => ({ line: n + 1 }) }));
  const table = rows('A - Area||||||50,00%', '|Ore|50% >=|tante|1|100,00%|', '|Pratiche|50% >=|2|1|molto|');
  const words = (language: 'it' | 'en', table: LayoutRow[], of: 'it' | 'en'): string[] =>
    readLayout(table, 't', undefined, undefined, of)
      .issues.filter((i) => i.severity === 'error')
      .map((i) => renderIssueCode(i.code, i.params, language)!);

  it('English numbers for an English table (an English workbook had "such as 93,00%"), in either language of the reader', () => {
    const english = rows('A - Area||||||50.00%', '|Hours|50% >=|lots|1|100.00%|', '|Files|50% >=|2|1|much|');
    expect(words('en', english, 'en')).toEqual([
      'Target: “lots” is not a number (write numbers such as 1,587.10 or 60.00%), a date (dd/mm/yyyy) or yes/no',
      '“much” is not a percentage such as 93.00%',
    ]);
    expect(words('it', english, 'en')).toEqual([
      `Target: «lots» non è un numero (scrivere numeri all'inglese come 1,587.10 o 60.00%), una data (gg/mm/aaaa) o yes/no`,
      '«much» non è una percentuale come 93.00%',
    ]);
  });

  it('Italian numbers for an Italian table, as the published tables write them', () => {
    expect(words('it', table, 'it')).toEqual([
      `Target: «tante» non è un numero (scrivere numeri all'italiana come 1.587,10 o 60,00%), una data (gg/mm/aaaa) o sì/no`,
      '«molto» non è una percentuale come 93,00%',
    ]);
    expect(words('en', table, 'it')).toEqual([
      'Target: “tante” is not a number (write Italian numbers such as 1.587,10 or 60,00%), a date (dd/mm/yyyy) or sì/no',
      '“molto” is not a percentage such as 93,00%',
    ]);
  });
});
