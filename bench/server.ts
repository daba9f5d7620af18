/**
 * The benchmarks' server set-up (a helper, listed in HELPERS in bench/run.ts): a SQLite database
 * holding a synthetic plan and an admin account, the server in its own process as `npm start` runs
 * it, a signed-in session, and the server's CPU time apart from the machine's load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plan } from '../src/core/index.js';
import { hashPassword } from '../src/server/auth.js';
import type { Store } from '../src/store/index.js';
import { openStore, SYSTEM } from '../src/store/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BENCH_PASSWORD = 'bench-password';

/** The account every benchmark signs in with. */
export async function addBenchAdmin(store: Store): Promise<void> {
  const made = await store.createUser({ username: 'admin', displayName: 'Bench', role: 'admin', units: [], passwordHash: await hashPassword(BENCH_PASSWORD) }, SYSTEM);
  if (!made.ok) throw new Error(made.error.message);
}

/**
 * The server on `database` in its own process (no demo plan); resolves once it is listening. From
 * the sources, or from the build of the checkout at `built` (to compare two builds in one run).
 */
export async function startProcess(database: string, built?: string): Promise<{ child: ChildProcess; url: string }> {
  const args = built === undefined ? ['--import', 'tsx', join(ROOT, 'src/server/main.ts')] : [join(built, 'dist', 'server', 'main.js')];
  const child = spawn(process.execPath, args, {
    cwd: built ?? ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database, ALBERO_DEMO: '0', ALBERO_REMINDERS_EVERY_MINUTES: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** A session of the bench admin (or of another account made with BENCH_PASSWORD): its cookie and CSRF token. */
export async function login(url: string, username = 'admin'): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  const cookie = /albero_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** CPU seconds the server process used (user + system), from /proc: its cost apart from the machine's load and the client's. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The load average over the last minute, to write beside the figures. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

/** A call to the server as `who`, and its answer as text. */
export type BenchCall = (who: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) => Promise<{ status: number; text: string }>;

/**
 * The Relazione benchmarks' set-up (bench/relazione-oiv.ts, relazione-seen.ts): `plan` imported into
 * a fresh SQLite database as the 2024 plan `title`, the bench admin and an OIV account, the server
 * started (`built`: that checkout's build, as `startProcess`), both signed in; the plan's periods,
 * the latest first. `close` stops the server and removes the database.
 */
export async function startWithOiv(
  plan: Plan,
  title: string,
  built?: string,
): Promise<{
  planId: string;
  child: ChildProcess;
  url: string;
  admin: { cookie: string; csrf: string };
  oiv: { cookie: string; csrf: string };
  call: BenchCall;
  /** The answer's JSON, or an error naming `what` when it is not 200. */
  must: (r: { status: number; text: string }, what: string) => any;
  /** The plan's period ids, the latest first (the year end, then mid-year). */
  periods: string[];
  close: () => void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-bench-oiv-'));
  let server: { child: ChildProcess; url: string } | undefined;
  const close = (): void => {
    server?.child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const database = join(dir, 'bench.sqlite');
    const store = await openStore(database);
    const imported = await store.importPlan({ table: { plan, stated: [] }, year: 2024, title }, SYSTEM);
    if (!imported.ok) throw new Error(imported.error.message);
    const planId = imported.value.id;
    await addBenchAdmin(store);
    const oivMade = await store.createUser({ username: 'oiv', displayName: 'OIV', role: 'oiv', units: [], passwordHash: await hashPassword(BENCH_PASSWORD) }, SYSTEM);
    if (!oivMade.ok) throw new Error(oivMade.error.message);
    await store.close();

    server = await startProcess(database, built);
    const { child, url } = server;
    const admin = await login(url);
    const oiv = await login(url, 'oiv');
    const call: BenchCall = async (who, method, path, body) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, text: await res.text() };
    };
    const must = (r: { status: number; text: string }, what: string): any => {
      if (r.status !== 200) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 400)}`);
      return JSON.parse(r.text);
    };
    const listed = must(await call(admin, 'GET', `/api/plans/${planId}/periods`), 'periods') as { id: string; endsOn: string }[];
    const periods = [...listed].sort((a, b) => (a.endsOn < b.endsOn ? 1 : -1)).map((p) => p.id);
    return { planId, child, url, admin, oiv, call, must, periods, close };
  } catch (error) {
    close();
    throw error;
  }
}
