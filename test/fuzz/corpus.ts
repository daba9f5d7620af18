/**
 * A deterministic corpus of damaged inputs: the published fixture (as text and as a workbook)
 * broken in the ways files really break, and in the ways an attacker would break them. The same
 * seed gives the same cases, byte for byte, so a failure found once is found again.
 *
 * Text: byte flips, cut and repeated lines, values of the wrong kind, huge and tiny numbers,
 * control characters, a BOM, CRLF, long lines, binary. Workbooks: damaged zip entries, bombs that
 * lie about their sizes, wrong CRCs, huge shared strings, formulas, ISO dates, error cells,
 * merged cells, wrong and long sheet names, missing parts.
 */
import { readFileSync } from 'node:fs';
import { FIXTURE } from '../helpers.js';
import { LAYOUT_HEADER, workbookParts, zipBytes, type TestCell, type ZipPart } from '../support/workbook.js';

export interface FuzzCase {
  readonly name: string;
  /** What was done to the fixture, for the failure message. */
  readonly how: string;
  readonly bytes: Uint8Array;
}

/** mulberry32: small, fast, and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, below: number): number => Math.floor(rng() * below);

/** Values a cell should not hold, or holds only at the edge of what is allowed. */
const WRONG_VALUES = [
  '15/07/2024',
  '31/02/2024',
  '2024-07-15',
  'sì',
  'no',
  'forse',
  '5%',
  '150%',
  '-5%',
  '-0',
  '+7',
  '1e400',
  '1e-400',
  'Infinity',
  'NaN',
  '-Infinity',
  '9'.repeat(16),
  '9'.repeat(15),
  `0,${'0'.repeat(20)}1`,
  `0,${'1'.repeat(20)}`,
  '9'.repeat(5000),
  '1.5',
  '1,5,5',
  '1.000.00',
  '١٢٣',
  '１２３',
  '0x1F',
  '',
  ' ',
  'N.V.',
  'n.v.',
  '#DIV/0!',
  '=1+1',
  '@SUM(A1)',
  '50% >=',
  '50% =>',
  '>=',
  '101% >=',
  '-1% >=',
  'null',
  'undefined',
  '{}',
  '<b>10</b>',
  '10\u00a0000',
  '1 000',
];
const CONTROLS = ['\u0000', '\u0007', '\u0008', '\u001b[2J', '\u001b]0;titolo\u0007', '\u009b31m', '\u202e', '\u200b', '\ufeff', '\r', '\u000b', '\u007f', '\ud800'];

function fixtureLines(): string[] {
  return readFileSync(FIXTURE, 'utf8').split('\n');
}

const encoder = new TextEncoder();

type TextMutation = (lines: string[], rng: Rng) => string;

/** Each mutation changes the table's lines in place and says what it did. */
const TEXT_MUTATIONS: Record<string, TextMutation> = {
  'cut line': (lines, rng) => {
    const i = int(rng, lines.length);
    lines[i] = lines[i]!.slice(0, int(rng, lines[i]!.length + 1));
    return `line ${i + 1} cut`;
  },
  'drop line': (lines, rng) => {
    const i = int(rng, lines.length);
    lines.splice(i, 1);
    return `line ${i + 1} dropped`;
  },
  'repeat line': (lines, rng) => {
    const i = int(rng, lines.length);
    const times = 1 + int(rng, 50);
    lines.splice(i, 0, ...Array.from({ length: times }, () => lines[i]!));
    return `line ${i + 1} repeated ${times} times`;
  },
  'wrong value': (lines, rng) => {
    const i = int(rng, lines.length);
    const cells = lines[i]!.split('\t');
    const c = int(rng, Math.max(1, cells.length));
    const value = pick(rng, WRONG_VALUES);
    cells[c] = value;
    lines[i] = cells.join('\t');
    return `line ${i + 1} cell ${c + 1} = ${JSON.stringify(value.slice(0, 30))}`;
  },
  'control character': (lines, rng) => {
    const i = int(rng, lines.length);
    const at = int(rng, lines[i]!.length + 1);
    const control = pick(rng, CONTROLS);
    lines[i] = lines[i]!.slice(0, at) + control + lines[i]!.slice(at);
    return `line ${i + 1} col ${at} gets ${JSON.stringify(control)}`;
  },
  'long line': (lines, rng) => {
    const i = int(rng, lines.length);
    const length = pick(rng, [10_000, 100_000, 1_000_000]);
    lines[i] = lines[i]! + pick(rng, ['x', '9', '\t', ' ', 'à']).repeat(length);
    return `line ${i + 1} made ${length} characters longer`;
  },
  'extra column': (lines, rng) => {
    const i = int(rng, lines.length);
    lines[i] = `${lines[i]!}\t${pick(rng, ['x', '10', '', 'A.9'])}`;
    return `line ${i + 1} gets an extra column`;
  },
  'swap columns': (lines, rng) => {
    const i = int(rng, lines.length);
    const cells = lines[i]!.split('\t');
    if (cells.length > 3) [cells[2], cells[3]] = [cells[3]!, cells[2]!];
    lines[i] = cells.join('\t');
    return `line ${i + 1} Peso and Target swapped`;
  },
  'duplicate code': (lines, rng) => {
    const objective = lines.findIndex((l, n) => n > int(rng, lines.length) && /^[A-Z](\.\d+)*\s/.test(l));
    if (objective >= 0) lines.splice(objective + 1, 0, lines[objective]!);
    return `objective at line ${objective + 1} repeated`;
  },
  weights: (lines, rng) => {
    const i = lines.findIndex((l, n) => n >= int(rng, lines.length) && l.startsWith('\t'));
    if (i >= 0) {
      const cells = lines[i]!.split('\t');
      cells[2] = pick(rng, ['0% >=', '100,0000001% >=', '33,333333333333333333333% >=', '-0% <=', '1e2% >=', '99,999% ≥', '50%>=', '50 % <=']);
      lines[i] = cells.join('\t');
    }
    return `weight at line ${i + 1}`;
  },
};

type ByteMutation = (bytes: Uint8Array, rng: Rng) => { bytes: Uint8Array; how: string };

const BYTE_MUTATIONS: Record<string, ByteMutation> = {
  'byte flips': (bytes, rng) => {
    const out = bytes.slice();
    const flips = 1 + int(rng, 20);
    for (let n = 0; n < flips && out.length > 0; n++) {
      const at = int(rng, out.length);
      out[at] = out[at]! ^ (1 << int(rng, 8));
    }
    return { bytes: out, how: `${flips} bits flipped` };
  },
  BOM: (bytes, rng) => {
    const bom = pick(rng, [
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0xfe, 0xff],
      [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf],
    ]);
    return { bytes: new Uint8Array([...bom, ...bytes]), how: `BOM ${bom.map((b) => b.toString(16)).join(' ')}` };
  },
  CRLF: (bytes) => ({ bytes: encoder.encode(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n')), how: 'CRLF line ends' }),
  'CR only': (bytes) => ({ bytes: encoder.encode(new TextDecoder().decode(bytes).replace(/\n/g, '\r')), how: 'CR line ends' }),
  truncate: (bytes, rng) => {
    const at = int(rng, bytes.length);
    return { bytes: bytes.slice(0, at), how: `cut at byte ${at}` };
  },
  binary: (bytes, rng) => {
    const junk = new Uint8Array(1 + int(rng, 4096)).map(() => int(rng, 256));
    const at = int(rng, bytes.length);
    return { bytes: new Uint8Array([...bytes.subarray(0, at), ...junk, ...bytes.subarray(at)]), how: `${junk.length} random bytes at ${at}` };
  },
  'latin-1': (bytes) => ({ bytes: Uint8Array.from(new TextDecoder().decode(bytes), (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)), how: 'Latin-1 encoded' }),
  'UTF-16': (bytes) => {
    const text = new TextDecoder().decode(bytes);
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    return { bytes: out, how: 'UTF-16LE with BOM' };
  },
};

/** `count` damaged text tables from `seed`: one to three line mutations, then sometimes one on the bytes. */
export function textCases(count: number, seed = 14): FuzzCase[] {
  const rng = random(seed);
  const base = fixtureLines();
  const cases: FuzzCase[] = [];
  const lineNames = Object.keys(TEXT_MUTATIONS);
  const byteNames = Object.keys(BYTE_MUTATIONS);
  for (let n = 0; n < count; n++) {
    const lines = [...base];
    const hows: string[] = [];
    for (let k = 1 + int(rng, 3); k > 0; k--) {
      const name = pick(rng, lineNames);
      hows.push(`${name}: ${TEXT_MUTATIONS[name]!(lines, rng)}`);
    }
    let bytes: Uint8Array = encoder.encode(lines.join('\n'));
    if (rng() < 0.3) {
      const name = pick(rng, byteNames);
      const mutated = BYTE_MUTATIONS[name]!(bytes, rng);
      bytes = mutated.bytes;
      hows.push(mutated.how);
    }
    cases.push({ name: `fuzz-${seed}-${n}${rng() < 0.8 ? '.txt' : '.tsv'}`, how: hows.join('; '), bytes });
  }
  return cases;
}

/** The fixture's rows as cells of a workbook in the published layout. */
function fixtureRows(): TestCell[][] {
  const lines = fixtureLines();
  const header = lines.findIndex((l) => l.startsWith('Obiettivo\t'));
  return [
    [lines[0]!.replace(/\*/g, '')],
    LAYOUT_HEADER,
    ...lines
      .slice(header + 1)
      .filter((l) => l.trim() !== '' && !/^#*\s*legenda/i.test(l))
      .slice(0, 120)
      .map((l) =>
        l
          .split('\t')
          .slice(0, 7)
          .map((c) => (c === '' ? null : c)),
      ),
  ];
}

/** Raw cells no spreadsheet program writes by accident, but a file can hold. */
const RAW_CELLS: TestCell[] = [
  { xml: '<v>1e400</v>' },
  { xml: '<v>-1e400</v>' },
  { xml: '<v>NaN</v>' },
  { xml: '<v>Infinity</v>' },
  { xml: '<v>1e300</v>' },
  { xml: '<v>1e-300</v>' },
  { xml: '<v>abc</v>' },
  { xml: '<v></v>' },
  { xml: '<v>2024-07-15</v>', attributes: 't="d"' },
  { xml: '<v>2024-07-15T10:00:00Z</v>', attributes: 't="d"' },
  { xml: '<v>ieri</v>', attributes: 't="d"' },
  { xml: '<v>999</v>', attributes: 't="s"' },
  { xml: '<v>-1</v>', attributes: 't="s"' },
  { xml: '<v>#DIV/0!</v>', attributes: 't="e"' },
  { xml: '<v>1</v>', attributes: 't="b"' },
  { xml: '<f>SUM(A1:A3)</f><v>10</v>' },
  { xml: '<f>1/0</f><v>#DIV/0!</v>', attributes: 't="e"' },
  { xml: '<f t="shared" si="0"/><v>3</v>' },
  { xml: '<f>A1</f><v>1e400</v>' },
  { xml: '<is><r><t>ric</t></r><r><t>co</t></r></is>', attributes: 't="inlineStr"' },
  { xml: '<is></is>', attributes: 't="inlineStr"' },
  { xml: '<v>1</v><v>2</v>' },
  { xml: '<v>45488</v>', attributes: 's="99"' },
];

type Book = { rows: TestCell[][]; name: string; after: string; extraSheets: Array<{ name: string; rows: TestCell[][] }> };
type BookMutation = (book: Book, rng: Rng) => string;

const BOOK_MUTATIONS: Record<string, BookMutation> = {
  'raw cell': (book, rng) => {
    const r = 2 + int(rng, book.rows.length - 2);
    const c = int(rng, 7);
    const cell = pick(rng, RAW_CELLS);
    book.rows[r]![c] = cell;
    return `row ${r + 1} col ${c + 1} = ${typeof cell === 'object' && cell !== null ? cell.xml : String(cell)}`;
  },
  'wrong value': (book, rng) => {
    const r = 2 + int(rng, book.rows.length - 2);
    const c = 2 + int(rng, 3);
    const value = pick(rng, WRONG_VALUES);
    book.rows[r]![c] = value;
    return `row ${r + 1} col ${c + 1} = ${JSON.stringify(value.slice(0, 30))}`;
  },
  'number cell': (book, rng) => {
    const r = 2 + int(rng, book.rows.length - 2);
    // 123456789.123456789 is past a double's precision on purpose: what the reader does with such a literal is the case.
    // eslint-disable-next-line no-loss-of-precision
    const value = pick(rng, [0, -1, 0.1 + 0.2, 1e15, 1e16, 123456789.123456789, 5e-324, 2 ** 53 + 1, 45488]);
    book.rows[r]![3 + int(rng, 2)] = value;
    return `row ${r + 1} number ${value}`;
  },
  'huge shared string': (book, rng) => {
    const r = 2 + int(rng, book.rows.length - 2);
    const length = pick(rng, [100_000, 1_000_000, 5_000_000]);
    book.rows[r]![int(rng, 7)] = 'x'.repeat(length);
    return `a ${length}-character cell in row ${r + 1}`;
  },
  'merged cells': (book, rng) => {
    const r = 3 + int(rng, book.rows.length - 3);
    book.after = `<mergeCells count="1"><mergeCell ref="C${r}:D${r + int(rng, 2)}"/></mergeCells>`;
    return `merged C${r}`;
  },
  'sheet name': (book, rng) => {
    book.name = pick(rng, ['Foglio1', 'albero', 'Albero della performance 2024 – definitivo', 'A&B <piano>', "Albero '24", 'Σ', '']);
    return `sheet named ${JSON.stringify(book.name)}`;
  },
  'extra sheet': (book, rng) => {
    book.extraSheets.push({ name: pick(rng, ['Legenda', 'Piano', 'Albero 2', 'Dati']), rows: pick(rng, [[['Codice', 'Padre', 'Titolo']], [LAYOUT_HEADER], [['x']]]) });
    return 'an extra sheet';
  },
  'no header': (book) => {
    book.rows.splice(1, 1);
    return 'header row removed';
  },
  'control character': (book, rng) => {
    const r = 2 + int(rng, book.rows.length - 2);
    const cell = book.rows[r]![1];
    book.rows[r]![1] = `${typeof cell === 'string' ? cell : 'x'}${pick(rng, ['\u001b[2J', '\u0007', '\u202e', '\u009b'])}`;
    return `control character in row ${r + 1}`;
  },
  'many rows': (book, rng) => {
    const times = pick(rng, [10, 50, 100]);
    const body = book.rows.slice(2);
    for (let n = 0; n < times; n++) book.rows.push(...body.map((row) => row.map((c) => (typeof c === 'string' && /^[A-Z](\.\d+)*\s/.test(c) ? c.replace(/^([A-Z])/, `$1${n}`) : c))));
    return `rows repeated ${times} times`;
  },
};

type ZipMutation = (parts: ZipPart[], rng: Rng) => string;

const ZIP_MUTATIONS: Record<string, ZipMutation> = {
  'lying size': (parts, rng) => {
    const i = int(rng, parts.length);
    const padding = new Uint8Array(pick(rng, [1, 16, 64]) * 1024 * 1024).fill(32);
    const data = new Uint8Array(parts[i]!.data.length + padding.length);
    data.set(parts[i]!.data);
    data.set(padding, parts[i]!.data.length);
    parts[i] = { ...parts[i]!, data, declaredSize: parts[i]!.data.length };
    return `${parts[i]!.name} unpacks to ${padding.length} bytes more than declared`;
  },
  'declared huge': (parts, rng) => {
    const i = int(rng, parts.length);
    parts[i] = { ...parts[i]!, declaredSize: 0xfffffff0 };
    return `${parts[i]!.name} declares 4 GB`;
  },
  'wrong CRC': (parts, rng) => {
    const i = int(rng, parts.length);
    parts[i] = { ...parts[i]!, declaredCrc: int(rng, 2 ** 32) };
    return `${parts[i]!.name} has a wrong CRC`;
  },
  'missing part': (parts, rng) => {
    const i = int(rng, parts.length);
    const [gone] = parts.splice(i, 1);
    return `${gone!.name} left out`;
  },
  stored: (parts) => {
    for (let i = 0; i < parts.length; i++) parts[i] = { ...parts[i]!, stored: true };
    return 'stored, not deflated';
  },
  'damaged XML': (parts, rng) => {
    const i = int(rng, parts.length);
    const data = parts[i]!.data.slice(0, Math.max(1, int(rng, parts[i]!.data.length)));
    parts[i] = { ...parts[i]!, data };
    return `${parts[i]!.name} cut at ${data.length}`;
  },
};

const ZIP_BYTE_MUTATIONS: ByteMutation[] = [BYTE_MUTATIONS['byte flips']!, BYTE_MUTATIONS.truncate!, BYTE_MUTATIONS.binary!];

/** `count` damaged workbooks from `seed`: cell and sheet damage, then sometimes zip or byte damage. */
export function workbookCases(count: number, seed = 14): FuzzCase[] {
  const rng = random(seed ^ 0x5a5a);
  const base = fixtureRows();
  const cases: FuzzCase[] = [];
  const bookNames = Object.keys(BOOK_MUTATIONS);
  const zipNames = Object.keys(ZIP_MUTATIONS);
  for (let n = 0; n < count; n++) {
    const book: Book = { rows: base.map((r) => [...r]), name: 'Albero', after: '', extraSheets: [] };
    const hows: string[] = [];
    for (let k = int(rng, 3); k > 0; k--) {
      const name = pick(rng, bookNames);
      hows.push(`${name}: ${BOOK_MUTATIONS[name]!(book, rng)}`);
    }
    const parts = workbookParts([{ name: book.name, rows: book.rows, after: book.after }, ...book.extraSheets]);
    if (rng() < 0.35) {
      const name = pick(rng, zipNames);
      hows.push(`${name}: ${ZIP_MUTATIONS[name]!(parts, rng)}`);
    }
    let bytes = zipBytes(parts);
    if (rng() < 0.15) {
      const mutated = pick(rng, ZIP_BYTE_MUTATIONS)(bytes, rng);
      bytes = mutated.bytes;
      hows.push(mutated.how);
    }
    cases.push({ name: `fuzz-${seed}-${n}.xlsx`, how: hows.join('; ') || 'unchanged', bytes });
  }
  return cases;
}
