/**
 * The real server for the browser tests: `node dist/server/main.js` (built by `npm test`) on a free
 * port, against a throwaway SQLite file seeded with one account per role. Nothing is mocked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/server/auth.js';
import { openStore, SYSTEM, type Role } from '../src/store/index.js';
import { ROOT } from '../test/helpers.js';
import { assertBuilt } from '../test/support/build.js';

export const PASSWORD = 'una-password-lunga-2024';

export const ACCOUNTS: Record<'admin' | 'controller' | 'referente' | 'oiv' | 'personale' | 'dirigente', { username: string; displayName: string; role: Role; units: string[] }> = {
  admin: { username: 'admin', displayName: 'Amministratrice', role: 'admin', units: [] },
  controller: { username: 'controllo', displayName: 'Carla Controllo', role: 'controller', units: [] },
  referente: { username: 'referente', displayName: 'Rita Referente', role: 'referente', units: ['Ufficio Transizione'] },
  oiv: { username: 'oiv', displayName: 'Oscar OIV', role: 'oiv', units: [] },
  personale: { username: 'personale', displayName: 'Paola Personale', role: 'personale', units: [] },
  // A manager with no role of their own in the plan: the evaluator of the appraisal test.
  dirigente: { username: 'dirigente', displayName: 'Dario Dirigente', role: 'referente', units: [] },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The server's SQLite file: a test may write there what only a long path of screens would make (a distribution of bonuses). */
  database: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** `env`: more of the server's environment (ALBERO_OIDC_* for a provider to sign in with). */
export async function startServer(env: Readonly<Record<string, string>> = {}): Promise<RunningServer> {
  const main = join(ROOT, 'dist', 'server', 'main.js');
  // The server and the web app as the sources are now: a stale build fails here, naming what changed.
  assertBuilt(ROOT, 'program');
  assertBuilt(ROOT, 'web');
  const dir = mkdtempSync(join(tmpdir(), 'albero-e2e-'));
  const database = join(dir, 'albero.sqlite');
  const store = await openStore(database);
  // The organisation registry the tests pick units from (the referente's own is added with the account).
  for (const [code, name] of [['UA', 'Ufficio Anagrafe']] as const) {
    const u = await store.createUnit({ code, name, kind: 'Ufficio' }, SYSTEM);
    if (!u.ok) throw new Error(`could not create the unit ${name}: ${u.error.message}`);
  }
  for (const a of Object.values(ACCOUNTS)) {
    const r = await store.createUser({ ...a, passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
    if (!r.ok) throw new Error(`could not create ${a.username}: ${JSON.stringify(r)}`);
  }
  await store.close();
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: database, ALBERO_DEMO: '0', NODE_ENV: 'test', ALBERO_REMINDERS_EVERY_MINUTES: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a loaded 2-core machine a server's start (migrations, the web app's assets) has
  // taken past 30 s; the hooks' own timeout (120 s) is the bound that matters.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running behind the failure: the next test's server would share its machine.
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the server did not answer /api/health in 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    database,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
