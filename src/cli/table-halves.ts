/**
 * A big text table's file read and cut in two (io/published/cut.ts) for `verify` on two threads
 * (cli/verify-split.ts): each thread reads and cuts the file itself, the same bytes the same way,
 * so no half is copied from one thread to the other.
 */
import { readFile } from 'node:fs/promises';
import { cutTable, type TableHalves } from '../io/published/cut.js';
import { csvAsTabbed } from '../io/published/csv.js';
import { decodeText } from '../io/text.js';
import { looksLikeXlsx } from '../io/xlsx/zip.js';

/** The text table `file` cut in two; null when it is not one, cannot be read plainly, or cannot be cut. */
export async function cutFile(file: string): Promise<TableHalves | null> {
  const bytes = await readFile(file).catch(() => null);
  if (bytes === null || looksLikeXlsx(bytes, file)) return null;
  const decoded = decodeText(bytes, file);
  if (decoded.value === null || decoded.issues.length > 0) return null;
  const text = decoded.value;
  if ((await csvAsTabbed(text, file)) !== null) return null;
  return cutTable(text);
}
