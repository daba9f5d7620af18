/**
 * The benchmarks' server set-up (a helper, listed in HELPERS in bench/run.ts): a SQLite database
 * holding a synthetic plan and an admin account, the server in its own process as `npm start` runs
 * it, a signed-in session, and the server's CPU time apart from the machine's load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/server/auth.js';
import type { Store } from '../src/store/index.js';
import { SYSTEM } from '../src/store/index.js';

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
