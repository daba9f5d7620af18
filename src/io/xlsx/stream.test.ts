import { describe, expect, it } from 'vitest';
import { parseSheet, readCellFormats, scanSheet, readSharedStrings, readSheet, UnreadableSheet, type WorkbookContext } from './stream.js';

const enc = (xml: string): Uint8Array => new TextEncoder().encode(xml);
const sheetXml = (rows: string, after = ''): Uint8Array =>
  enc(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${after}</worksheet>`);

const context: WorkbookContext = {
  sharedStrings: readSharedStrings(
    enc('<sst><si><t>Obiettivo</t></si><si><r><t>A.1 </t></r><r><t xml:space="preserve">Turismo</t></r><rPh><t>トゥ</t></rPh></si><si><t>&lt;uno &amp; due&gt;</t></si></sst>'),
  ),
  formats: readCellFormats(
    enc(
      '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    ),
  ),
  date1904: false,
  title: 'Piano',
};

describe('the streamed sheet reader', () => {
  it('reads strings, numbers, formats, dates, booleans, errors and formulas as exceljs does', () => {
    expect(context.sharedStrings).toEqual(['Obiettivo', 'A.1 Turismo', '<uno & due>']);
    // Only <cellXfs> counts; format 0 is General, 10 is built in, 164 is the workbook's own.
    expect(context.formats).toEqual([undefined, '0.00%', 'dd/mm/yyyy']);
    const sheet = readSheet(
      'Albero',
      sheetXml(
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>0.93</v></c><c r="C2" s="2"><v>45565</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c></row>' +
          '<row r="3"><c r="A3" t="inlineStr"><is><t>scritto</t></is></c><c r="B3"><f t="shared" ref="B3:B4" si="0">1+1</f><v>2</v></c><c r="D3" t="d"><v>2024-07-15</v></c><c r="F3"><v>1e400</v></c></row>' +
          '<row r="4"><c r="B4"><f t="shared" si="0"/><v>2</v></c></row>',
      ),
      context,
    );
    const row2 = sheet.getRow(2);
    expect(row2.getCell(1).value).toBe('A.1 Turismo');
    expect(row2.getCell(2)).toMatchObject({ value: 0.93, numFmt: '0.00%', address: 'B2' });
    expect(row2.getCell(3).value).toEqual(new Date(Date.UTC(2024, 8, 30)));
    expect(row2.getCell(4).value).toBe(true);
    expect(row2.getCell(5).value).toEqual({ error: '#DIV/0!' });
    const row3 = sheet.getRow(3);
    expect(row3.getCell(1).value).toBe('scritto');
    expect(row3.getCell(2).value).toEqual({ formula: '1+1', result: 2 });
    expect(sheet.getRow(4).getCell(2).value).toEqual({ sharedFormula: 'B3', result: 2 });
    expect(row3.getCell(4).isoDate).toBe('2024-07-15');
    expect(row3.getCell(6).value).toBe(Infinity);
    expect(row3.getCell(5).value).toBeNull();
    expect(sheet).toMatchObject({ rowCount: 4, columnCount: 6, cut: false, workbook: { title: 'Piano' } });
    expect(sheet.getRow(1).cellCount).toBe(0);
  });

  it('reads a merged cell as its first cell and lists the merges below a row', () => {
    const sheet = readSheet(
      'S',
      sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="5"><c r="C5"><v>7</v></c><c r="D5"/></row>',
        '<mergeCells><mergeCell ref="A1:G1"/><mergeCell ref="C5:D6"/><mergeCell ref="H9"/></mergeCells>',
      ),
      context,
    );
    expect(sheet.getRow(5).getCell(4)).toMatchObject({ value: 7, isMerged: true, master: { address: 'C5' } });
    expect(sheet.getRow(5).getCell(3)).toMatchObject({ value: 7, isMerged: true, master: { address: 'C5' } });
    expect(sheet.getRow(1).getCell(5).value).toBe('Obiettivo');
    // One-cell "merges" are none; the title's merge is above row 2.
    expect(sheet.mergesFrom(2)).toEqual([{ top: 5, left: 3, bottom: 6, right: 4 }]);
  });

  it('stops at the rows asked for and past the row limit', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const head = readSheet('S', sheetXml(rows), context, { untilRow: 30 });
    expect(head).toMatchObject({ rowCount: 30, cut: true });
    expect(head.getRow(31).getCell(1).value).toBeNull();
    const limited = readSheet('S', sheetXml(rows), context, { rowLimit: 40 });
    expect(limited).toMatchObject({ cut: true, rowCount: 41 });
    expect(readSheet('S', sheetXml(rows), context, { rowLimit: 50 })).toMatchObject({ cut: false, rowCount: 50 });
  });

  it('refuses damaged XML and a shared string that is not there', () => {
    expect(() => readSheet('S', sheetXml('<row r="1"><c r="A1"><v>1</v></row>'), context)).toThrow(UnreadableSheet);
    expect(() => readSheet('S', sheetXml('<row r="1"><c r="A1" t="s"><v>9</v></c></row>'), context)).toThrow(UnreadableSheet);
  });
});

/** What a reader made of a sheet, to compare the two readers. */
function shape(read: () => ReturnType<typeof readSheet> | null): unknown {
  try {
    const sheet = read();
    if (sheet === null) return null;
    return { rows: sheet.rows, merges: sheet.merges, rowCount: sheet.rowCount, columnCount: sheet.columnCount, cut: sheet.cut };
  } catch (error) {
    return { threw: error instanceof UnreadableSheet ? 'UnreadableSheet' : String(error) };
  }
}

describe('the fast sheet scanner and saxes', () => {
  const cases: Record<string, string> = {
    plain: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>0.5</v></c></row>',
    entities: '<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233;&#x20AC;</t></is></c></row>',
    'single quotes and spaces': "<row r='1' ><c  r='B1'\n t='inlineStr' ><is><t xml:space='preserve'> x </t></is></c ></row>",
    'no references': '<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="b"><v>0</v></c></row>',
    'lower-case and odd references': '<row r="1"><c r="b1"><v>1</v></c><c r=" C1"><v>2</v></c><c r="$D$1"><v>3</v></c><c r="ZZZZ1"><v>4</v></c></row>',
    'rich text and phonetics': '<row r="1"><c r="A1" t="inlineStr"><is><r><t>ric</t></r><r><rPr><b/></rPr><t>co</t></r><rPh><t>x</t></rPh></is></c></row>',
    'prefixed elements': '<x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c></x:row>',
    comment: '<row r="1"><!-- a note --><c r="A1"><v>1</v></c></row>',
    cdata: '<row r="1"><c r="A1" t="str"><v><![CDATA[<uno>]]></v></c></row>',
    'carriage returns': '<row r="1">\r\n<c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
    'a tab in an attribute': '<row r="1"><c r="A1\t" t="inlineStr"><is><t>a</t></is></c></row>',
    'formulas and shared formulas': '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>4</v></c></row><row r="2"><c r="A2"><f t="shared" si="0"/><v>6</v></c></row>',
    'a control character': '<row r="1"><c r="A1" t="inlineStr"><is><t>a\u001b[2J</t></is></c></row>',
    'a bad character reference': '<row r="1"><c r="A1" t="inlineStr"><is><t>&#0;</t></is></c></row>',
    'a bare ampersand': '<row r="1"><c r="A1" t="inlineStr"><is><t>a & b</t></is></c></row>',
    'an unknown entity': '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>',
    'mismatched tags': '<row r="1"><c r="A1"><v>1</v></row></c>',
    'an unclosed cell': '<row r="1"><c r="A1"><v>1</v></row>',
    'a < in an attribute': '<row r="1"><c r="A<1"><v>1</v></c></row>',
    'a missing shared string': '<row r="1"><c r="A1" t="s"><v>99</v></c></row>',
    'UTF-8 values': '<row r="1"><c r="A1" t="inlineStr"><is><t>Attività è già “ok” € 𝄞 &amp; più</t></is></c><c r="B1" t="inlineStr"><is><t>città</t></is></c></row>',
    'a non-character': '<row r="1"><c r="A1" t="inlineStr"><is><t>a\ufffe</t></is></c></row>',
  };
  /** The cases the scanner leaves to saxes. */
  const unusual = [
    'a non-character',
    'comment',
    'cdata',
    'carriage returns',
    'a tab in an attribute',
    'a control character',
    'a bad character reference',
    'a bare ampersand',
    'an unknown entity',
    'mismatched tags',
    'an unclosed cell',
    'a < in an attribute',
  ];
  for (const [name, rows] of Object.entries(cases)) {
    it(`read alike: ${name}`, () => {
      const bytes = sheetXml(rows, '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>');
      expect(shape(() => readSheet('S', bytes, context))).toEqual(shape(() => parseSheet('S', bytes, context)));
      // The scanner reads the plain ones itself (or finds the missing shared string itself).
      if (unusual.includes(name)) expect(scanSheet('S', bytes, context)).toBeNull();
      else expect(shape(() => scanSheet('S', bytes, context))).toEqual(shape(() => parseSheet('S', bytes, context)));
    });
  }

  it('refuses what saxes refuses: a document cut short, two roots, text outside the root', () => {
    const whole = new TextDecoder().decode(sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'));
    for (const xml of [whole.slice(0, whole.length - 5), `${whole}<worksheet/>`, `${whole}x`, whole.replace('<?xml version="1.0"', '<?xml versione="1.0"')]) {
      expect(() => readSheet('S', enc(xml), context)).toThrow(UnreadableSheet);
    }
  });

  it('reads a sheet that starts with a byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>sì</t></is></c></row>')]);
    expect(scanSheet('S', bytes, context)?.getRow(1).getCell(1).value).toBe('sì');
    expect(shape(() => readSheet('S', bytes, context))).toEqual(shape(() => parseSheet('S', bytes, context)));
  });

  it('finds the first rows past a cell bigger than the first bytes it decodes', () => {
    const big = 'à'.repeat(400_000);
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>${big}</t></is></c></row>` + Array.from({ length: 40 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`).join('');
    const head = readSheet('S', sheetXml(rows), context, { untilRow: 30 });
    expect(head).toMatchObject({ rowCount: 30, cut: true });
    expect(head.getRow(1).getCell(1).value).toBe(big);
    expect(head.getRow(30).getCell(1).value).toBe(28);
  });
});
