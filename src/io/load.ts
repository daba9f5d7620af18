/**
 * Reading a plan file from disk: the one place the importers meet the file system. It picks the
 * importer by content and name and returns the table with every problem located.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { definitionProblems, hasErrors, problem, type FileProblem, type FileReason, type Issue, type Outcome, type SourceLocation } from '../core/index.js';
import { CHAMBER_PROFILE, type ImportedTable, type ReadOptions } from './published/layout.js';
import { csvAsTabbed } from './published/csv.js';
import { firstLines, tabbedHeaderLanguage } from './published/header-row.js';
import { parsePublishedText } from './published/text.js';
import { decodeText } from './text.js';
import { looksLikeXlsx } from './xlsx/zip.js';

/**
 * Imports a published table from bytes: text/TSV, CSV (`;` or `,` between cells, found by its header row), .xlsx (by its zip signature or name), or
 * the JSON document `albero import --output` writes (by its name or its first `{`). `name` is
 * used in messages and to pick the format; `options` apply to text (a workbook is read whole, from the sheet `published` asks for).
 */
export async function importTableBytes(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<Outcome<ImportedTable | null>> {
  // exceljs is loaded for workbooks only: it is most of the command line's start-up.
  if (looksLikeXlsx(bytes, name)) return withDefinitions(withoutControlCharacters(await (await import('./xlsx/read.js')).importWorkbookBytes(bytes, name, undefined, options), name, 'every'));
  const decoded = decodeText(bytes, name);
  if (decoded.value === null) return { value: null, issues: decoded.issues };
  // The document `albero import --output` wrote, read back to its plan with what it carries (its assignments too).
  // zod (the document's schema) is loaded for such a document only, as exceljs for workbooks.
  // The commands that evaluate (`evaluationJson`) also read a computed plan's document: the open data JSON, evaluate --json's.
  if ((options.planJson === true || options.evaluationJson === true) && looksLikeJson(decoded.value, name)) {
    const notJson = await notJsonDocument(decoded.value, name);
    if (notJson !== null) return { value: null, issues: [...decoded.issues, notJson] };
    const read = (await import('./plan-json.js')).readPlanJson(decoded.value, name, options.year, { evaluations: options.evaluationJson === true, stated: options.stated ?? true });
    return withDefinitions(withoutControlCharacters(read, name, 'every'));
  }
  // A table saved as CSV (semicolons or commas) is read as the tab-separated text it stands for.
  const csv = await csvAsTabbed(decoded.value, name);
  const text = csv?.text ?? decoded.value;
  if (csv !== null && hasErrors(csv.issues)) return { value: null, issues: [...decoded.issues, ...csv.issues] };
  const parsed = parsePublishedText(text, name, CHAMBER_PROFILE, options);
  // Each text of the plan but its title (the file's name when the table has none) is a piece of the
  // file's text, or made of such pieces: a text without control characters has none to find, and one
  // scan of it is much quicker than one of each of a big table's 400,000 texts (issue 15).
  return withDefinitions(withoutControlCharacters({ value: parsed.value, issues: [...decoded.issues, ...parsed.issues] }, name, CONTROL.test(text) ? 'every' : 'title'));
}

/**
 * The plan's own rules (core/definition.ts: a formula's indicator in numbers or percent), asked of
 * whatever the importer read, each problem at the row or cell it came from: a table the importer
 * took is refused here as the API refuses the same indicator edited by hand.
 */
function withDefinitions(outcome: Outcome<ImportedTable | null>): Outcome<ImportedTable | null> {
  const plan = outcome.value?.plan;
  if (plan === undefined) return outcome;
  const found = definitionProblems(plan);
  return found.length === 0 ? outcome : { value: outcome.value, issues: [...outcome.issues, ...found] };
}

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls: what the API refuses in any text (server/validation.ts). */
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * An error at each objective or indicator whose stored text (title, name, code, owner, source,
 * notes) holds a control character, and at the file for the plan's title. PostgreSQL cannot store
 * NUL (it answered 500) and SQLite can: refused here, the table is refused alike on both, as the
 * API refuses such text in its own fields. `scope`: every text, or the plan's title alone.
 */
function withoutControlCharacters(outcome: Outcome<ImportedTable | null>, file: string, scope: 'every' | 'title'): Outcome<ImportedTable | null> {
  const plan = outcome.value?.plan;
  if (plan === undefined) return outcome;
  const found: Issue[] = [];
  const check = (texts: readonly (string | undefined)[], where: SourceLocation): void => {
    for (const text of texts) {
      if (text === undefined) continue;
      const m = CONTROL.exec(text);
      if (m === null) continue;
      found.push(problem('error', 'control-character', { character: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` }, where));
      return;
    }
  };
  check([plan.title], { file });
  // Scope 'title': the file's text held no control character, so its nodes' texts, cut from it, hold none.
  const nodes = scope === 'every' ? plan.nodes : [];
  for (const node of nodes) {
    check([node.code, node.title, node.level, node.owner], node.origin ?? { file, node: node.code });
    for (const ind of node.indicators) check([ind.id, ind.name, ind.source, ind.owner, ind.notes], ind.origin ?? { file, node: node.code, indicator: ind.id });
  }
  return found.length === 0 ? outcome : { value: outcome.value, issues: [...outcome.issues, ...found] };
}

/** The reasons the system's error codes stand for (a code not here is `other`, kept as the detail). */
const FILE_REASONS: ReadonlyMap<string, FileReason> = new Map<string, FileReason>([
  ['ENOENT', 'missing'],
  ['EISDIR', 'folder'],
  ['ENOTDIR', 'not-folder'],
  ['EACCES', 'denied'],
  ['EPERM', 'denied'],
  ['EEXIST', 'exists'],
  ['ENOSPC', 'full'],
  ['EDQUOT', 'full'],
  ['EROFS', 'read-only'],
  ['EBUSY', 'busy'],
  ['ETXTBSY', 'busy'],
  ['EMFILE', 'too-many-open'],
  ['ENFILE', 'too-many-open'],
  ['ENAMETOOLONG', 'name-too-long'],
  // A file over the size limit set for the user (`ulimit -f`, a quota's), or over what the file system holds.
  ['EFBIG', 'too-large'],
  ['ELOOP', 'loop'],
  ['EIO', 'device'],
  // `--output /dev/stdout` when the standard output is a socket (a spawning program's pipe), or a socket file: ENXIO.
  ['ENXIO', 'unopenable'],
  ['ENODEV', 'unopenable'],
]);

/**
 * Why a file could not be read or written, by reason and not by the system's code (ENOTDIR,
 * EACCES…): the `unreadable-file` issue and the CLI's `cli-cannot-write` say it in words.
 */
export function fileProblem(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const reason = typeof code === 'string' ? FILE_REASONS.get(code) : undefined;
  return reason === undefined ? { reason: 'other', detail: code ?? String(error) } : { reason };
}

export async function loadTable(path: string, options: ReadOptions = {}): Promise<Outcome<ImportedTable | null>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { value: null, issues: [problem('error', 'unreadable-file', fileProblem(error), { file: path })] };
  }
  return importTableBytes(bytes, basename(path) === path ? path : path, options);
}

/**
 * The error for a file named .json whose text does not start as a JSON document does (with `{` or
 * `[`, after blanks), else null. A table saved as `piano.json` was said to be JSON that "breaks off
 * at line 3"; it is said not to be JSON, and when its header row is there (tab-separated or CSV),
 * which name would have it read as the table it is. An empty file is left to the JSON reader.
 */
async function notJsonDocument(text: string, name: string): Promise<Issue | null> {
  const first = /[^ \t\r\n]/.exec(text);
  if (first === null || first[0] === '{' || first[0] === '[') return null;
  const line = text.slice(0, first.index).split('\n').length;
  const table = tabbedHeaderLanguage(firstLines(text)) !== null ? 'text' : (await csvAsTabbed(text, name)) !== null ? 'csv' : undefined;
  return problem('error', 'json-not-json', table === undefined ? {} : { table }, { file: name, line });
}

/**
 * Whether `text` named `name` is a JSON document rather than a table: its name says so, or its first
 * character but blanks is `{`. Read in the decoded text, where a byte-order mark is gone whatever the
 * encoding (a UTF-16 document's `{` is `{` here, not bytes to tell apart).
 */
function looksLikeJson(text: string, name: string): boolean {
  return /\.json$/i.test(name) || /^[ \t\r\n]*\{/.test(text);
}
