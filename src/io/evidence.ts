/**
 * What an evidence file is, read from its bytes and never from its name: a name says `.pdf` as
 * easily for an executable as for a PDF. Accepted: PDF; PNG, JPEG, GIF, WebP and TIFF images;
 * office documents (Word, Excel, PowerPoint as OOXML, their 97–2003 binary forms, OpenDocument);
 * CSV and plain text. Everything else (executables, scripts, archives, HTML, macro-enabled
 * documents) is refused with the reason. The formats and the extensions a name may have for each
 * are the contract's (`contract/evidence-formats.ts`); `nameEvidence` holds a name to them.
 */
import { EVIDENCE_FORMATS, type EvidenceFormat } from '../contract/evidence-formats.js';
import { hasZipSignature, zipEntries } from './xlsx/zip.js';

export type EvidenceKind = 'pdf' | 'image' | 'document' | 'spreadsheet' | 'presentation' | 'csv' | 'text';

export interface EvidenceType {
  /** The format as the contract lists it: which extensions a name may have for it. */
  readonly format: EvidenceFormat;
  readonly kind: EvidenceKind;
  readonly mediaType: string;
  /** The usual extension, for a download name that has none. */
  readonly extension: string;
}

/** Why a file was refused: a stable code and its words (the caller says them in the user's language). */
export type EvidenceRefusal = 'executable' | 'macro' | 'archive' | 'markup' | 'binary' | 'empty';

export type EvidenceCheck = { readonly ok: true; readonly type: EvidenceType } | { readonly ok: false; readonly refusal: EvidenceRefusal };

const starts = (bytes: Uint8Array, ...signature: number[]): boolean => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
const ascii = (bytes: Uint8Array, text: string, at = 0): boolean => bytes.length >= at + text.length && [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

export function evidenceType(bytes: Uint8Array): EvidenceCheck {
  if (bytes.length === 0) return { ok: false, refusal: 'empty' };
  if (isExecutable(bytes)) return { ok: false, refusal: 'executable' };
  // A PDF may have a few bytes of junk before its header; readers accept up to 1 KiB.
  if (ascii(bytes, '%PDF-') || indexOf(bytes.subarray(0, 1024), '%PDF-') >= 0) return ok('pdf', 'pdf', 'application/pdf', 'pdf');
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return ok('png', 'image', 'image/png', 'png');
  if (starts(bytes, 0xff, 0xd8, 0xff)) return ok('jpeg', 'image', 'image/jpeg', 'jpg');
  if (ascii(bytes, 'GIF87a') || ascii(bytes, 'GIF89a')) return ok('gif', 'image', 'image/gif', 'gif');
  if (ascii(bytes, 'RIFF') && ascii(bytes, 'WEBP', 8)) return ok('webp', 'image', 'image/webp', 'webp');
  if (starts(bytes, 0x49, 0x49, 0x2a, 0x00) || starts(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return ok('tiff', 'image', 'image/tiff', 'tif');
  // OLE2 compound file: Word, Excel and PowerPoint 97–2003 (also .msg and others; all Office's own).
  if (starts(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return ok('office-97', 'document', 'application/x-ole-storage', 'doc');
  if (hasZipSignature(bytes)) return officeZip(bytes);
  return text(bytes);
}

/** What a name says against what the bytes are: the name to keep, or the extension that lies. */
export type EvidenceNaming = { readonly ok: true; readonly name: string; readonly type: EvidenceType } | { readonly ok: false; readonly extension: string; readonly suggested: readonly string[] };

/** The tail that reads as an extension: a dot, then up to five letters or digits starting with a letter ("pdf", "docx", "jpeg"). */
const EXTENSION = /\.([a-z][a-z0-9]{0,4})$/i;

/**
 * The name a file is kept under, checked against what its bytes are (`type`). A name whose
 * extension says another format ("x.docx" holding a PDF) is refused, not renamed: the name is what
 * the referente sees on their disk and what the reviewers and the OIV read in the list and the audit
 * trail, so silently storing "x.pdf" would keep a file its sender cannot find again by name, and a
 * lying extension is as often the wrong file picked as a disguise; refused, they are told what the
 * file is and the name to give it, one rename away. A name with no extension gets the content's, so
 * the download opens. Text is told apart by the name alone: a `.txt` is served as plain text, a
 * `.csv` as CSV, whatever its first line holds.
 *
 * @example nameEvidence('x.docx', pdf) // { ok: false, extension: 'docx', suggested: ['x.pdf'] }
 */
export function nameEvidence(name: string, type: EvidenceType): EvidenceNaming {
  const allowed: readonly string[] = EVIDENCE_FORMATS[type.format].extensions;
  const found = EXTENSION.exec(name);
  if (found === null) return { ok: true, name: `${name}.${type.extension}`, type };
  const extension = found[1]!.toLowerCase();
  if (!allowed.includes(extension)) {
    const base = name.slice(0, found.index);
    const usual = [type.extension, ...allowed.filter((e) => e !== type.extension)];
    return { ok: false, extension, suggested: usual.map((e) => `${base}.${e}`) };
  }
  if (type.format !== 'text' || extension === type.extension) return { ok: true, name, type };
  const charset = /charset=[^;]+/.exec(type.mediaType)?.[0] ?? 'charset=utf-8';
  const csv = extension === 'csv';
  return { ok: true, name, type: { format: 'text', kind: csv ? 'csv' : 'text', mediaType: `${csv ? 'text/csv' : 'text/plain'}; ${charset}`, extension } };
}

function ok(format: EvidenceFormat, kind: EvidenceKind, mediaType: string, extension: string): EvidenceCheck {
  return { ok: true, type: { format, kind, mediaType, extension } };
}

function isExecutable(bytes: Uint8Array): boolean {
  return (
    ascii(bytes, 'MZ') || // Windows PE (.exe, .dll, .scr)
    starts(bytes, 0x7f, 0x45, 0x4c, 0x46) || // ELF
    starts(bytes, 0xfe, 0xed, 0xfa, 0xce) ||
    starts(bytes, 0xfe, 0xed, 0xfa, 0xcf) ||
    starts(bytes, 0xce, 0xfa, 0xed, 0xfe) ||
    starts(bytes, 0xcf, 0xfa, 0xed, 0xfe) || // Mach-O
    starts(bytes, 0xca, 0xfe, 0xba, 0xbe) || // Mach-O universal, Java class
    ascii(bytes, '#!') || // a script
    starts(bytes, 0x00, 0x61, 0x73, 0x6d) // WebAssembly
  );
}

function indexOf(bytes: Uint8Array, text: string): number {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** A zip is accepted only as an office document: OOXML by its parts, OpenDocument by its mimetype. */
function officeZip(bytes: Uint8Array): EvidenceCheck {
  const entries = zipEntries(bytes);
  if (entries === null) return { ok: false, refusal: 'archive' };
  const names = new Set(entries.map((e) => e.name));
  // A document carrying macros can run code when opened: not evidence.
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /^Basic\//.test(e.name))) return { ok: false, refusal: 'macro' };
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return ok('docx', 'document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx');
    if (names.has('xl/workbook.xml')) return ok('xlsx', 'spreadsheet', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx');
    if (names.has('ppt/presentation.xml')) return ok('pptx', 'presentation', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'pptx');
  }
  // OpenDocument: the first entry is "mimetype", stored, its content right after the 30+8-byte local header.
  if (ascii(bytes, 'mimetype', 30)) {
    const at = 38;
    if (ascii(bytes, 'application/vnd.oasis.opendocument.text', at)) return ok('odt', 'document', 'application/vnd.oasis.opendocument.text', 'odt');
    if (ascii(bytes, 'application/vnd.oasis.opendocument.spreadsheet', at)) return ok('ods', 'spreadsheet', 'application/vnd.oasis.opendocument.spreadsheet', 'ods');
    if (ascii(bytes, 'application/vnd.oasis.opendocument.presentation', at)) return ok('odp', 'presentation', 'application/vnd.oasis.opendocument.presentation', 'odp');
  }
  return { ok: false, refusal: 'archive' };
}

/**
 * Text is accepted as CSV (or plain text): valid UTF-8, or a single-byte Windows-1252 export, with no
 * control characters but tab and line ends. Markup (HTML, SVG, XML) is refused: opened from the
 * server it could run script in the reader's browser.
 */
function text(bytes: Uint8Array): EvidenceCheck {
  const sample = bytes.subarray(0, 64 * 1024);
  for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return { ok: false, refusal: 'binary' };
  let start = starts(sample, 0xef, 0xbb, 0xbf) ? 3 : 0;
  while (start < sample.length && (sample[start] === 0x20 || sample[start] === 0x09 || sample[start] === 0x0a || sample[start] === 0x0d)) start++;
  if (sample[start] === 0x3c /* < */) return { ok: false, refusal: 'markup' };
  const firstLine = new TextDecoder('latin1').decode(sample.subarray(start, Math.min(sample.length, start + 4096))).split(/\r?\n/)[0] ?? '';
  const delimited = /[;,\t|]/.test(firstLine);
  const charset = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  return delimited ? ok('text', 'csv', `text/csv; charset=${charset}`, 'csv') : ok('text', 'text', `text/plain; charset=${charset}`, 'txt');
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
