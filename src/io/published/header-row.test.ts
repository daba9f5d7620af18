import { describe, expect, it } from 'vitest';
import { LAYOUT_HEADER, workbookBytes } from '../../../test/support/workbook.js';
import { importWorkbookBytes } from '../xlsx/read.js';
import { csvAsTabbed } from './csv.js';
import { findHeaderRow, firstLines, HEADER_ROWS } from './header-row.js';
import { parsePublishedText } from './text.js';

/** `above` title rows padded to the table's width (as a spreadsheet saves them), then the header and one objective with one indicator. */
const rows = (above: number): string[][] => [
  ...Array.from({ length: above }, (_, k) => [`Riga ${k + 1}`, '', '', '', '', '', '']),
  LAYOUT_HEADER,
  ['A.1 - Obiettivo', '', '', '', '', '', ''],
  ['', 'Pratiche', '100% >=', '10', '12', '', ''],
];
const codes = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('the header row is looked for among the first 30 rows', () => {
  it('finds the first row taken for it, and none past the 30th', () => {
    const lines = Array.from({ length: 40 }, (_, k) => String(k));
    expect(
      findHeaderRow(
        lines.length,
        (k) => [lines[k]!],
        ([cell]) => (cell === '29' ? 'here' : null),
      ),
    ).toEqual({ index: 29, found: 'here' });
    expect(
      findHeaderRow(
        lines.length,
        (k) => [lines[k]!],
        ([cell]) => (cell === '30' ? 'here' : null),
      ),
    ).toBeNull();
    expect(firstLines('a\r\nb\rc\nd', 3)).toEqual(['b', 'c', 'd']);
    expect(firstLines(lines.join('\n'))).toHaveLength(HEADER_ROWS);
  });

  it('in a CSV and a workbook: a header at the 30th row is read, at the 31st it is missing', async () => {
    for (const above of [HEADER_ROWS - 1, HEADER_ROWS]) {
      const found = above < HEADER_ROWS;
      const csv = await csvAsTabbed(
        rows(above)
          .map((r) => r.join(';'))
          .join('\n'),
        't.csv',
      );
      expect(csv !== null, `CSV, ${above} rows above`).toBe(found);
      const workbook = await importWorkbookBytes(workbookBytes([{ name: 'Albero', rows: rows(above) }]), 't.xlsx');
      expect(workbook.value !== null && workbook.value.plan.nodes.length > 0, `workbook, ${above} rows above`).toBe(found);
    }
  });

  it('in a text, within the 30 lines after the first title row (each row above it a title when the header follows)', () => {
    for (const above of [HEADER_ROWS, HEADER_ROWS + 1]) {
      const text = parsePublishedText(
        rows(above)
          .map((r) => r.join('\t'))
          .join('\n'),
        't.txt',
      );
      expect(codes(text.issues).includes('missing-header'), `text, ${above} rows above`).toBe(above > HEADER_ROWS);
      if (above === HEADER_ROWS) expect(text.value.plan.title).toBe('Riga 1');
    }
  });
});
