/**
 * Bytes to text, for every text importer: refuses binary files, reads UTF-8 (with or without a
 * BOM) and falls back to Windows-1252, the encoding of files saved by older office software.
 */
import { problem, type Outcome } from '../core/index.js';

export function decodeText(bytes: Uint8Array, file: string): Outcome<string | null> {
  if (bytes.length === 0) return { value: null, issues: [problem('error', 'empty-file', {}, { file })] };
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
