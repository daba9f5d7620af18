/**
 * Bytes to text, for every text importer: refuses binary files, reads UTF-8 (with or without a
 * BOM) and falls back to Windows-1252, the encoding of files saved by older office software.
 * UTF-16 with its BOM is read too: it is what Excel writes as "Unicode text" (*.txt), its
 * tab-separated export, whose zero bytes would otherwise make it look binary. Without its BOM
 * (saved by a script, or the BOM cut off) it is told by its zero bytes, one in every pair.
 */
import { problem, type Outcome } from '../core/index.js';

export function decodeText(bytes: Uint8Array, file: string): Outcome<string | null> {
  if (bytes.length === 0) return { value: null, issues: [problem('error', 'empty-file', {}, { file })] };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16 === null) {
    const order = utf16Order(bytes.subarray(0, 8192));
    if (order !== null) {
      let text: string;
      try {
        text = new TextDecoder(order, { fatal: true, ignoreBOM: false }).decode(bytes);
      } catch {
        // An odd length or a lone surrogate: it cannot be read, and how to save it is said.
        return { value: null, issues: [problem('error', 'utf16-without-bom', { order: order === 'utf-16le' ? 'le' : 'be' }, { file })] };
      }
      // Binary data with its zeros so placed decodes to controls: judged as binary below, as before.
      if (!/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) return { value: text, issues: [] };
    }
  }
  if (utf16 !== null) {
    try {
      return { value: new TextDecoder(utf16, { fatal: true, ignoreBOM: false }).decode(bytes), issues: [] };
    } catch {
      // Not UTF-16 after all (an odd length, a lone surrogate): judged as any other bytes below.
    }
  }
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return { value: null, issues: [problem('error', 'binary-file', { spreadsheet: true }, { file })] };
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length / 20) {
    return { value: null, issues: [problem('error', 'binary-file', {}, { file })] };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { value: text, issues: [] };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    return { value: text, issues: [problem('warning', 'encoding', {}, { file })] };
  }
}

/**
 * The byte order of UTF-16 text without a BOM, or null: text in a Latin script is mostly code
 * units below U+0100, whose high byte is zero, so one byte of each pair (the second in
 * little-endian, the first in big-endian) is zero, the other almost never. Binary data with zeros
 * has them at both positions.
 */
function utf16Order(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let first = 0;
  let second = 0;
  for (let k = 0; k < pairs * 2; k += 2) {
    if (head[k] === 0) first++;
    if (head[k + 1] === 0) second++;
  }
  if (second >= pairs / 2 && first <= pairs / 50) return 'utf-16le';
  if (first >= pairs / 2 && second <= pairs / 50) return 'utf-16be';
  return null;
}

/** Line and column of `offset` in `text`, both from 1: where a reader finds a place a parser gave as an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
