/**
 * Documents as an office opens them: LibreOffice converts a DOCX or a workbook (to PDF, to CSV) for
 * the tests to read. Needs soffice (installed by .ci/run): without it the test fails, it never skips.
 *
 * One LibreOffice per test worker process and locale, started at the first conversion and kept
 * running, with its own profile in a temporary folder: a conversion is then handed to it (`soffice
 * --convert-to` with the same profile passes its request to the running instance and waits for it),
 * about 1 s where starting LibreOffice afresh took 5–7 s, most of it the start itself (a fresh
 * profile, as the tests made before, cost another second). The instance keeps a small document
 * open, else it would quit after the first conversion handed to it. Conversions of one worker are
 * one at a time (each call blocks its process until its file is written: two instances refuse one
 * profile, and one instance converts one request at a time anyway); workers have profiles of their
 * own. The instance and its folder go when the process exits, and if it is killed, a watchdog
 * ends them within seconds.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { expect } from 'vitest';

/** How long a first start may take on a loaded two-core machine before the test says LibreOffice did not start. */
const START_MS = 120_000;
/** How long one conversion may take. */
const CONVERT_MS = 120_000;

interface Office {
  readonly dir: string;
  readonly profile: string;
  readonly env: NodeJS.ProcessEnv;
  readonly pid: number;
}

/** The running instances of this process, by locale ('' : the process's own environment). */
const offices = new Map<string, Office>();

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function stop(office: Office): void {
  try {
    // The whole group: the soffice script, oosplash and soffice.bin.
    process.kill(-office.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  rmSync(office.dir, { recursive: true, force: true });
}

process.once('exit', () => {
  for (const office of offices.values()) stop(office);
  offices.clear();
});

/**
 * This process's LibreOffice for `locale`, started (and waited for: its kept document open) at
 * the first call; started again if it died.
 */
function office(locale: string): Office {
  const running = offices.get(locale);
  if (running !== undefined && alive(running.pid)) return running;
  if (running !== undefined) stop(running);
  expect(existsSync('/usr/bin/soffice') || existsSync('/usr/bin/libreoffice'), 'apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui').toBe(true);
  const dir = mkdtempSync(join(tmpdir(), `albero-lo-${process.pid}-`));
  const profile = join(dir, 'profile');
  const home = join(dir, 'home');
  mkdirSync(home);
  const kept = join(dir, 'kept.txt');
  writeFileSync(kept, 'Albero\n');
  const env = { ...process.env, HOME: home, ...(locale === '' ? {} : { LANG: locale, LC_ALL: locale, LANGUAGE: '' }) };
  const child = spawn('soffice', ['--headless', '--norestore', '--nologo', `-env:UserInstallation=file://${profile}`, kept], { env, stdio: 'ignore', detached: true });
  child.unref();
  if (child.pid === undefined) throw new Error('LibreOffice (soffice) could not be started');
  const started: Office = { dir, profile, env, pid: child.pid };
  // Killed with its test process (a worker ended by SIGKILL runs no exit handler): a watchdog ends it.
  spawn('sh', ['-c', 'while kill -0 "$0" 2>/dev/null; do sleep 2; done; kill -9 -"$1" 2>/dev/null; rm -rf "$2"', String(process.pid), String(child.pid), dir], {
    stdio: 'ignore',
    detached: true,
  }).unref();
  // Ready when it holds its kept document: LibreOffice writes the document's lock file beside it.
  const lock = join(dir, '.~lock.kept.txt#');
  for (const deadline = Date.now() + START_MS; !existsSync(lock); sleep(100)) {
    if (Date.now() > deadline || !alive(child.pid)) {
      stop(started);
      throw new Error(`LibreOffice (soffice) did not start within ${START_MS / 1000} s`);
    }
  }
  offices.set(locale, started);
  return started;
}

/**
 * `file` converted by LibreOffice with `filter` (`pdf`, `csv:Text - txt - csv (StarCalc):44,34,…`)
 * into `outdir`: the converted file's path. `locale` (such as `it_IT.UTF-8`) is the locale
 * LibreOffice runs under (how a CSV writes numbers and dates); by default the test process's own.
 * `produces`: the name of the file it writes, when not the input's with the filter's extension. Throws, saying what LibreOffice said, when no file came out.
 *
 * @example convertWithLibreOffice('/tmp/x/relazione.docx', 'pdf', '/tmp/x/out') // '/tmp/x/out/relazione.pdf'
 */
export function convertWithLibreOffice(file: string, filter: string, outdir: string, { locale = '', produces }: { locale?: string; produces?: string } = {}): string {
  const { profile, env } = office(locale);
  // The file it writes: the input's name with the filter's extension, unless told (a CSV of one sheet adds the sheet's name).
  const out = join(outdir, produces ?? `${basename(file, extname(file))}.${filter.split(':')[0]!}`);
  rmSync(out, { force: true });
  let said = '';
  try {
    said = execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outdir, file], {
      env,
      stdio: 'pipe',
      timeout: CONVERT_MS,
      encoding: 'utf8',
    });
  } catch (e) {
    throw new Error(`LibreOffice could not convert ${file} to ${filter}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!existsSync(out)) throw new Error(`LibreOffice did not convert ${file} to ${filter}: no ${out}${said === '' ? '' : `; it said: ${said}`}`);
  return out;
}

/**
 * The workbook's sheet as LibreOffice saves it as CSV, in `dir`: `shown`, each cell as the locale
 * `locale` shows it, else its value as stored; every text cell in quotes, so a number is the only
 * thing unquoted.
 */
export function libreOfficeCsv(bytes: Uint8Array, dir: string, name: string, { shown, locale }: { shown: boolean; locale: string }): string[] {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const out = convertWithLibreOffice(file, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,${shown}`, join(dir, `${name}-${locale}-${shown}`), { locale });
  return readFileSync(out, 'utf8').trim().split('\n');
}
