/**
 * Hand-made .xlsx files for tests: a workbook written from cells, byte for byte, so a test can put
 * in it what no spreadsheet program would write (`<v>1e400</v>`, a `t="d"` cell, an entry whose
 * declared size lies). The zip is written here too, so its sizes and CRCs can be damaged on purpose.
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** A cell: text (an inline string), a number, or raw XML for the inside of `<c>` with its attributes. */
export type TestCell = string | number | null | { xml: string; attributes?: string };

export interface TestSheet {
  readonly name: string;
  readonly rows: readonly (readonly TestCell[])[];
  /** Extra XML after `</sheetData>` (e.g. `<mergeCells …>`). */
  readonly after?: string;
  /** Rows (from 1) written `hidden="1"`, as a spreadsheet hides them. */
  readonly hiddenRows?: readonly number[];
}

export interface ZipPart {
  readonly name: string;
  readonly data: Uint8Array;
  /** Lie in the headers: the uncompressed size written (default: the true one). */
  readonly declaredSize?: number;
  /** Lie in the headers: the CRC written (default: the true one). */
  readonly declaredCrc?: number;
  /** Store instead of deflating. */
  readonly stored?: boolean;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function column(n: number): string {
  let out = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

function sheetXml(sheet: TestSheet): string {
  const rows = sheet.rows
    .map((cells, r) => {
      const body = cells
        .map((cell, c) => {
          const ref = `${column(c + 1)}${r + 1}`;
          if (cell === null || cell === '') return '';
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(cell)}</t></is></c>`;
          return `<c r="${ref}"${cell.attributes === undefined ? '' : ` ${cell.attributes}`}>${cell.xml}</c>`;
        })
        .join('');
      return `<row r="${r + 1}"${sheet.hiddenRows?.includes(r + 1) === true ? ' hidden="1"' : ''}>${body}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${rows}</sheetData>${sheet.after ?? ''}</worksheet>`;
}

/** The parts of a minimal workbook holding these sheets. */
export function workbookParts(sheets: readonly TestSheet[]): ZipPart[] {
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  const rels = sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('');
  const list = sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return [
    {
      name: '[Content_Types].xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${list}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`),
    },
    ...sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: text(sheetXml(s)) })),
  ];
}

/** A zip of these parts, deflated unless a part says stored, with the sizes and CRCs each part declares. */
export function zipBytes(parts: readonly ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = part.stored === true ? Buffer.from(part.data) : deflateRawSync(part.data);
    const crc = part.declaredCrc ?? crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const method = part.stored === true ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A workbook of these sheets as .xlsx bytes. */
export function workbookBytes(sheets: readonly TestSheet[]): Uint8Array {
  return zipBytes(workbookParts(sheets));
}

export const LAYOUT_HEADER = ['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo'];

/**
 * A small published table as a workbook: one area, one objective with two indicators; `cells`
 * replaces cells of the first indicator's row (row 3: C Peso, D Target, E Consuntivo).
 */
export function layoutWorkbook(cells: { weight?: TestCell; target?: TestCell; actual?: TestCell } = {}): Uint8Array {
  return workbookBytes([
    {
      name: 'Albero',
      rows: [
        LAYOUT_HEADER,
        ['A.1 - Servizi alle imprese', null, null, null, null, null, null],
        [null, 'Pratiche evase', cells.weight ?? '60% >=', cells.target ?? '100', cells.actual ?? '120', null, null],
        [null, 'Tempo medio di risposta', '40% <=', '30', '25', null, null],
      ],
    },
  ]);
}
