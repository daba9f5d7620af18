/**
 * Reading a plan file from disk: the one place the importers meet the file system. It picks the
 * importer by content and name and returns the table with every problem located.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { problem, type Outcome } from '../core/index.js';
import type { ImportedTable } from './published/layout.js';
import { parsePublishedText } from './published/text.js';
import { decodeText } from './text.js';
import { looksLikeXlsx } from './xlsx/zip.js';

/** Imports a published table from bytes: text/TSV, or .xlsx (by its zip signature or name). `name` is used in messages and to pick the format. */
export async function importTableBytes(bytes: Uint8Array, name: string): Promise<Outcome<ImportedTable | null>> {
  // exceljs is loaded for workbooks only: it is most of the command line's start-up.
  if (looksLikeXlsx(bytes, name)) return (await import('./xlsx/read.js')).importWorkbookBytes(bytes, name);
  const decoded = decodeText(bytes, name);
  if (decoded.value === null) return { value: null, issues: decoded.issues };
  const parsed = parsePublishedText(decoded.value, name);
  return { value: parsed.value, issues: [...decoded.issues, ...parsed.issues] };
}

export async function loadTable(path: string): Promise<Outcome<ImportedTable | null>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'folder' : code === 'EACCES' ? 'denied' : 'other';
    return { value: null, issues: [problem('error', 'unreadable-file', reason === 'other' ? { reason, detail: code ?? String(error) } : { reason }, { file: path })] };
  }
  return importTableBytes(bytes, basename(path) === path ? path : path);
}
