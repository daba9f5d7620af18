/** What every command shares: loading a table, printing issues, exit codes. */
import pc from 'picocolors';
import { Command, InvalidArgumentError, Option } from 'commander';
import { realpathSync, statSync } from 'node:fs';
import { chmod, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  Decimal,
  formatIssueIn,
  hasErrors,
  legendFromThresholds,
  parseItalianNumber,
  PLAN_YEARS,
  withParams,
  type Issue,
  type Language,
  type MessageParams,
  type Plan,
  type ScoringRule,
} from '../core/index.js';
import { localeLanguage, renderCoded, renderMessage, type Coded, type MessageCode, type Params } from '../messages/index.js';
import type { ImportedTable } from '../io/published/layout.js';
import type { Store } from '../store/index.js';
import { CONTROL, fileProblem, loadTable } from '../io/load.js';
import { terminalSafe, terminalText } from './terminal.js';

/** 0 all good; 1 the check found differences; 2 the input could not be used. */
export const EXIT = { ok: 0, differences: 1, badInput: 2 } as const;

/**
 * The demo database `npm start` makes, which `admin` and `reminders` use when given none. Relative
 * to this file, which the built program has at dist/cli/shared.js and bundles into dist/cli/albero.js
 * (scripts/bundle-cli.mjs): both two folders below the project.
 */
export const DEFAULT_DATABASE = fileURLToPath(new URL('../../data/albero.sqlite', import.meta.url));

let chosen: Language | undefined;

/** The language the command line speaks: `--lang`, else the locale's (Italian for `it_*` in LC_ALL / LC_MESSAGES / LANG), else English. */
export function cliLanguage(): Language {
  return chosen ?? localeLanguage(process.env);
}

/** Set once per run from `--lang` (program.ts, before the action). */
export function useLanguage(language: Language | undefined): void {
  chosen = language;
}

/**
 * The `--lang` given in the arguments (`--lang en`, `--lang=en`), for what is said before a
 * command's action runs: commander's usage errors. The action's own `--lang` is set again from
 * commander's parse (program.ts). An unknown value is left for commander to refuse.
 */
export function languageFromArgs(argv: readonly string[]): Language | undefined {
  let found: Language | undefined;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--') break;
    const value = argv[k] === '--lang' ? argv[k + 1] : argv[k]!.startsWith('--lang=') ? argv[k]!.slice('--lang='.length) : undefined;
    if (value === 'it' || value === 'en') found = value;
  }
  return found;
}

/** `--lang it|en`, on every command. */
export function languageOption(): Option {
  return new Option('--lang <language>', say('cli-lang-option', {})).choices(['it', 'en']);
}

/** A catalogue sentence in the command line's language. */
export function say<K extends MessageCode>(code: K, params: Params<K>): string {
  return renderMessage(code, params as MessageParams, cliLanguage());
}

/** Why `file` could not be written, in the user's language (the system's reason in words, not its code). */
export function cannotWrite(file: string, error: unknown): string {
  return say('cli-cannot-write', { file, ...fileProblem(error) });
}

/**
 * A refusal for the first of `options` (name, value) whose text holds a control character, else
 * undefined. `report --body` took ESC into the HTML and the PDF, as the API refuses it in any text
 * (the same characters: tab, line feed and carriage return are let through there too). Named by
 * code point and position, since the character itself cannot be shown.
 */
export function controlInOption(options: readonly [string, string | undefined][]): string | undefined {
  for (const [option, value] of options) {
    const m = value === undefined ? null : CONTROL.exec(value);
    if (m !== null) {
      const character = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      return say('cli-option-control', { option, character, position: m.index + 1 });
    }
  }
  return undefined;
}

/**
 * The file among `inputs` that writing `output` would replace (the same file by any path: `./`, a
 * full path, a link), or undefined. `report plan.csv --output plan.csv` replaced the office's table
 * with the open data, `next-year plan.xlsx --output plan.xlsx` this year's plan with next year's
 * empty one: refused before anything is read or written.
 */
export function replacedInput(output: string | undefined, inputs: readonly (string | undefined)[]): string | undefined {
  const same = (a: string, b: string): boolean => {
    try {
      const x = statSync(a, { throwIfNoEntry: false });
      const y = statSync(b, { throwIfNoEntry: false });
      // A pipe or a device (`/dev/stdout`) is not a file to lose.
      return x !== undefined && y !== undefined && x.isFile() && x.dev === y.dev && x.ino === y.ino;
    } catch {
      return false;
    }
  };
  return output === undefined ? undefined : inputs.find((input) => input !== undefined && same(output, input));
}

/**
 * Writes each file whole, or leaves every one as it was: each is written beside its place under a
 * hidden temporary name and renamed over it once all are complete. Written straight, a disk that
 * filled half-way left a truncated PDF, or an empty page, where the user looks for the report (and
 * over the one there before). A path that is not a plain file (`/dev/stdout`, a pipe) is written
 * straight, and a link is followed, so that it stays a link to the new file. The error is the
 * system's, for `cannotWrite`; the temporary files are gone by then. A process killed mid-write
 * (SIGKILL, a power cut) could not remove its own: the next write in that folder does
 * (`removeAbandoned`).
 */
export async function writeWhole(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  const cleaned = new Set<string>();
  try {
    for (const { path, data } of files) {
      const there = statSync(path, { throwIfNoEntry: false });
      if (there !== undefined && !there.isFile()) {
        await writeFile(path, data);
        continue;
      }
      const target = there === undefined ? path : realpathSync(path);
      const folder = dirname(target);
      if (!cleaned.has(folder)) {
        cleaned.add(folder);
        await removeAbandoned(folder);
      }
      // Short and fixed, so that a name near the system's limit still has room for it; the pid says whose it is.
      const temp = join(folder, `.albero-${process.pid}-${staged.length}.part`);
      staged.push({ temp, target });
      writing.add(temp);
      await writeFile(temp, data, { flag: 'wx' });
      // A file replaced keeps its permissions (one the office shares stays shared).
      if (there !== undefined) await chmod(temp, there.mode & 0o7777);
    }
    while (staged.length > 0) {
      await rename(staged[0]!.temp, staged[0]!.target);
      staged.shift();
    }
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => unlink(temp).catch(() => undefined)));
    throw error;
  } finally {
    for (const { temp } of staged) writing.delete(temp);
  }
}

/** A temporary file of `writeWhole`: `.albero-<pid of the process writing it>-<n>.part`. */
const TEMPORARY = /^\.albero-(\d+)-\d+\.part$/;

/** The temporary files this process is writing now; any other with its pid is a dead process's that had the same pid. */
const writing = new Set<string>();

/** Whether process `pid` runs on this machine: signal 0 asks without sending one (EPERM: it runs, as another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes from `folder` the temporary files left by writes whose process is gone: killed mid-write,
 * it left a hidden `.part` beside the output, which nothing removed and the next write did not see.
 * Told by the pid in the name: a running process's file is being written and stays. A folder that
 * cannot be listed, or a file already gone, is no reason to fail the write itself.
 */
async function removeAbandoned(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(TEMPORARY.exec(name)?.[1] ?? Number.NaN);
      const path = join(folder, name);
      if (!Number.isSafeInteger(pid) || writing.has(path) || (pid !== process.pid && running(pid))) return;
      await unlink(path).catch(() => undefined);
    }),
  );
}

/**
 * The format to write: `--format`, else the output's extension (`.htm` is html); the two must not
 * name different formats. A name without
 * an extension is said as such, and an existing folder as a folder: both were `unknown format ""`.
 */
export function outputFormat<F extends string>(output: string | undefined, given: string | undefined, formats: readonly F[]): { format: F } | { refusal: string } {
  const known = (f: string): f is F => (formats as readonly string[]).includes(f);
  const extension = output === undefined ? '' : extname(output).slice(1).toLowerCase();
  const format = extension === 'htm' ? 'html' : extension;
  if (given !== undefined) {
    if (!known(given)) return { refusal: say('cli-format-unknown', { format: given, formats }) };
    // `--format json --output x.xlsx` wrote JSON under a workbook's name. A name the command does
    // not read as a format (`/dev/stdout`, `relazione`, `out.dat`) is the user's to choose.
    if (known(format) && format !== given) return { refusal: say('cli-format-contradicts', { file: output!, format: given, extension: format }) };
    return { format: given };
  }
  if (output === undefined) return { refusal: say('cli-format-missing', { formats }) };
  if (format === '') {
    const folder = statSync(output, { throwIfNoEntry: false })?.isDirectory() === true;
    return { refusal: folder ? say('cli-cannot-write', { file: output, reason: 'folder' }) : say('cli-format-no-extension', { file: output, formats }) };
  }
  return known(format) ? { format } : { refusal: say('cli-format-unknown', { format, formats }) };
}

/**
 * A plan's year given as an option (`--year 2024`): four digits within `PLAN_YEARS`, as the API
 * takes it; else the refusal in words (`0000` was taken, and printed as the report's year).
 */
export function yearOption(option: string, value: string, example: number): { year: number } | { refusal: string } {
  const year = Number(value);
  if (/^\d{4}$/.test(value) && year >= PLAN_YEARS.first && year <= PLAN_YEARS.last) return { year };
  return { refusal: say('cli-bad-year', { option, value, example, ...PLAN_YEARS }) };
}

/** `albero COMMAND: words` on stderr and exit 2: an option or file the command cannot use. */
export function badInput(command: string, words: string): void {
  process.stderr.write(`albero ${command}: ${terminalText(words)}\n`);
  process.exitCode = EXIT.badInput;
}

/**
 * The store at `location`, or null when the person named a database that cannot be used (a folder,
 * a file that is not SQLite, a server that does not answer) or an ALBERO_SQLITE_BUSY_TIMEOUT_MS it
 * cannot use: said on stderr, exit 2. The store's
 * code is loaded here, by the commands that use a database only.
 */
export async function openDatabase(location: string, command: string): Promise<Store | null> {
  const { isDatabaseProblem, openStore, storeOptionsFromEnv } = await import('../store/index.js');
  try {
    // A command holds no one else while it waits for a lock: SQLite's 5 s unless ALBERO_SQLITE_BUSY_TIMEOUT_MS says otherwise.
    return await openStore(location, storeOptionsFromEnv(process.env));
  } catch (error) {
    if (!isDatabaseProblem(error) && !isSettingProblem(error)) throw error;
    badInput(command, renderCoded(error, cliLanguage()));
    return null;
  }
}

/** A setting of the environment the store cannot use (ALBERO_SQLITE_BUSY_TIMEOUT_MS=tanto): bad input, said by its code. */
function isSettingProblem(error: unknown): error is Error & Coded {
  return error instanceof Error && (error as Partial<Coded>).code === 'setting-invalid';
}

/**
 * Runs `work` on the store at `location`, closed after. The database's own problems are said as at
 * opening, on stderr with exit 2, when they come while the command works too: a page found
 * damaged, the disk full, a lock held, a change refused by a constraint (`databaseProblem`): the
 * driver's errors were an "internal error" (exit 70) once the database had opened fine. Any other
 * error of the driver is a statement of ours it could not run, a bug still, said as its answer.
 */
export async function withDatabase(location: string, command: string, work: (store: Store) => Promise<void>): Promise<void> {
  const store = await openDatabase(location, command);
  if (store === null) return;
  const { databaseFailure, databaseProblem } = await import('../store/index.js');
  let failed = false;
  try {
    await work(store);
  } catch (error) {
    failed = true;
    const problem = databaseProblem(location, error);
    if (problem !== null) return badInput(command, renderCoded(problem, cliLanguage()));
    // Still a bug (exit 70), but said as the database's answer, not as a bare "no such table".
    const failure = databaseFailure(location, error);
    throw failure === null ? error : new Error(renderCoded(failure, cliLanguage()), { cause: error });
  } finally {
    // After a failure, closing must not hide it behind one of its own.
    await (failed ? store.close().catch(() => undefined) : store.close());
  }
}

export function printIssues(issues: readonly Issue[], options: { quiet?: boolean } = {}): void {
  for (const i of issues) {
    if (options.quiet === true && i.severity === 'info') continue;
    const line = terminalText(formatIssueIn(i, cliLanguage()));
    process.stderr.write(`${i.severity === 'error' ? pc.red(line) : i.severity === 'warning' ? pc.yellow(line) : pc.dim(line)}\n`);
  }
}

/**
 * Reads a table with a heap that grows ahead of it. A command's table stays alive until it exits,
 * but V8 sizes the old generation for a program that runs on: on a big table it made one full
 * collection of the whole plan just as it had been read (210,000 indicators: ≈100 MB marked and
 * compacted, 0.1–0.4 s, freeing a few per cent; issue 15 §2). V8 reads `--heap-growing-percent` at
 * each full collection (heap sizes proper are fixed at start-up): at 31 × instead of about 2–4 ×,
 * the next full collection sets a limit beyond what such a plan holds. That collection is made
 * here, before the file is read, while the heap holds only the program (≈6 MB): left to V8, it
 * came during the read, at 28–50 MB, marking the part of the plan already read.
 * `--semi-space-growth-factor` (read at each growth of the young generation) takes the young
 * generation to its largest size at its first growth instead of doubling it four times: V8
 * allocates the plan's objects directly in the old generation (pretenuring: no copying by each
 * young collection) only once the young generation is at its largest, so it now does from about
 * the third young collection of the read instead of the ninth. V8's own settings come back once
 * the table is read, so a command that then makes much garbage (a report's workbook) is collected
 * as before.
 */
async function withRoomyHeap<T>(read: () => Promise<T>): Promise<T> {
  setFlagsFromString('--heap-growing-percent=3000');
  setFlagsFromString('--semi-space-growth-factor=16');
  fullCollection();
  try {
    return await read();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
    setFlagsFromString('--semi-space-growth-factor=2');
  }
}

/** A full garbage collection, now: V8's `gc()`, which a new context has once `--expose-gc` is set (Node has no other way in). */
function fullCollection(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Loads a table or explains on stderr why not; null means the command must exit with `EXIT.badInput`.
 * A text table's stated cells are read (an unreadable one is still an error) but kept only with
 * `stated: true`: `verify` compares them, the other commands never look at them, and not keeping
 * them reads a big table in much less time (issue 15; see `ReadOptions`). `published`: a workbook
 * with both the plan and its published table is read from the table (`verify`).
 */
export async function loadOrReport(file: string, options: { quiet?: boolean; stated?: boolean; published?: boolean } = {}): Promise<{ table: ImportedTable; issues: readonly Issue[] } | null> {
  const { value, issues } = await withRoomyHeap(() => loadTable(file, { stated: options.stated ?? false, published: options.published ?? false, planJson: true, evaluationJson: true }));
  if (value === null || hasErrors(issues)) {
    printIssues(issues.filter((i) => i.severity === 'error'));
    process.stderr.write(`${terminalText(say('cli-not-evaluated', { file, errors: issues.filter((i) => i.severity === 'error').length }))}\n`);
    return null;
  }
  // These commands read the table and import nothing: a far date is said to be read as written.
  const read = issues.map((i) => (i.code === 'date-far-from-year' ? withParams(i, { read: true }) : i));
  printIssues(read, { quiet: options.quiet ?? true });
  return { table: value, issues: read };
}

/**
 * Writes text made in pieces to stdout, waiting whenever the pipe is full: big output is streamed,
 * never built whole. The pieces are encoded into two buffers used in turn, not into a new buffer
 * for each: fresh memory costs a page fault per 4 KB, which for the 75 MB of a big plan's JSON was
 * as long as making the JSON. Written as bytes, they pass the terminal guard untouched
 * (`guardTerminalOutput`), so they are made terminal-safe here as it would (`terminalSafe`), unless
 * `safe` says they already are: `evaluationJson`'s are (`terminalJson`, from the same list of
 * characters), and scanning them again cost a fifth of a second for a big plan.
 */
export async function writeChunks(chunks: Iterable<string>, { safe = false }: { safe?: boolean } = {}): Promise<void> {
  const size = 1 << 20;
  const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  // The write of each buffer still under way: a buffer is filled again only once it is written.
  const writing: (Promise<void> | null)[] = [null, null];
  let current = 0;
  let used = 0;
  const write = (data: Buffer | string): Promise<void> => new Promise((resolve) => process.stdout.write(data, () => resolve()));
  const flush = async (): Promise<void> => {
    if (used === 0) return;
    writing[current] = write(buffers[current]!.subarray(0, used));
    current = 1 - current;
    used = 0;
    await writing[current];
    writing[current] = null;
  };
  for (const chunk of chunks) {
    const text = safe ? chunk : terminalSafe(chunk);
    // A UTF-16 unit is at most three bytes of UTF-8.
    if (used + text.length * 3 > size) await flush();
    if (text.length * 3 > size) await write(text);
    else used += buffers[current]!.write(text, used);
  }
  await flush();
  await Promise.all(writing);
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Options every reading command shares: the plan's legend and default scoring rule. */
export interface PlanOptions {
  legend?: [Decimal, Decimal];
  scoring?: ScoringRule['kind'];
}

/**
 * `90/70`, `80,5/60` or `80.5/60`: thresholds in percent, from 0 to 100, each band reachable. A threshold never needs a
 * thousands separator, so a dot without a comma is the decimal point, in either language: `80.5`
 * was refused and `1.000` read as a thousand.
 */
function parseLegend(value: string): [Decimal, Decimal] {
  const parts = value.split('/').map((p) => {
    const text = p.trim();
    return parseItalianNumber(text.includes(',') ? text : text.replace('.', ','));
  });
  if (parts.length !== 2 || parts.some((p) => p === null)) throw new InvalidArgumentError(say('cli-legend-format', {}));
  const [green, yellow] = parts.map((p) => p!.value) as [Decimal, Decimal];
  if (green.greaterThan(100) || yellow.lessThan(0)) throw new InvalidArgumentError(say('cli-legend-range', {}));
  if (!green.greaterThan(yellow)) throw new InvalidArgumentError(say('cli-legend-order', {}));
  // Green is above its threshold and yellow from its own (legendFromThresholds), and a score is
  // within 0–100: green at 100 would never show (100/60 was taken), nor red with yellow at 0.
  if (green.equals(100)) throw new InvalidArgumentError(say('cli-legend-empty-band', { band: 'green' }));
  if (yellow.isZero()) throw new InvalidArgumentError(say('cli-legend-empty-band', { band: 'red' }));
  return [green, yellow];
}

export function addPlanOptions(command: Command): Command {
  return command
    .addOption(new Option('--legend <green/yellow>', say('cli-about-legend', {})).argParser(parseLegend))
    .addOption(new Option('--scoring <rule>', say('cli-about-scoring', {})).choices(['on_off', 'proportional']));
}

/** The plan with the command line's legend and default rule, when given. */
export function applyPlanOptions(plan: Plan, options: PlanOptions): Plan {
  let settings = plan.settings;
  if (options.legend !== undefined) settings = { ...settings, legend: legendFromThresholds(options.legend[0], options.legend[1]) };
  if (options.scoring !== undefined) settings = { ...settings, defaultScoring: { kind: options.scoring } as ScoringRule };
  return settings === plan.settings ? plan : { ...plan, settings };
}
