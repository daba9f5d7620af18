/**
 * Bytes to text, for every text importer: refuses binary files, reads UTF-8 (with or without a
 * BOM) and falls back to Windows-1252, the encoding of files saved by older office software.
 * UTF-16 with its BOM is read too: it is what Excel writes as "Unicode text" (*.txt), its
 * tab-separated export, whose zero bytes would otherwise make it look binary.
 */
import { problem, type Outcome } from '../core/index.js';

export function decodeText(bytes: Uint8Array, file: string): Outcome<string | null> {
  if (bytes.length === 0) return { value: null, issues: [problem('error', 'empty-file', {}, { file })] };
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
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

/** Line and column of `offset` in `text`, both from 1: where a reader finds a place a parser gave as an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
