/**
 * A PostgreSQL server for tests: `DATABASE_URL` when set, otherwise a throwaway cluster started
 * from Debian's binaries in a temporary folder (as root through `su postgres`), stopped and removed
 * afterwards. Missing binaries fail the test loudly: CI installs them, and a skipped backend would
 * prove nothing.
 *
 * A cluster dies with the process that started it, even one killed before its `stop()` (a killed
 * vitest): a watchdog (a detached shell polling the owner's pid) stops and removes it within a
 * second of the owner's death, and the next `startPostgres` sweeps any cluster whose owner is gone
 * (its pid is in the folder's `owner` file) in case the watchdog died too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /**
   * A fresh, empty database on the server; `icuLocale` gives it that ICU collation (`sv-SE`, `und`)
   * instead of the cluster's C.UTF-8, to see nothing depends on the database's order of text.
   */
  database(options?: { icuLocale?: string }): Promise<string>;
  stop(): Promise<void>;
}

function pgBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  const latest = versions[versions.length - 1];
  if (latest === undefined) {
    throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql/*/bin: install them (apt-get install -y postgresql) or set DATABASE_URL');
  }
  return join(root, latest, 'bin');
}

/** The shell command that runs `command` as the cluster's owner (postgres when we are root). */
function asPostgresCommand(command: string): string {
  return process.getuid?.() === 0 ? `su postgres -c ${shellQuote(command)}` : command;
}

function asPostgres(command: string): void {
  execFileSync('sh', ['-c', asPostgresCommand(command)], { stdio: 'pipe' });
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const PREFIX = 'albero-pg-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops and removes the clusters left by owners that died without stopping them (and whose watchdog died too). */
function sweepOrphans(bin: string): void {
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(PREFIX)) continue;
    const dir = join(tmpdir(), entry);
    let owner: number;
    try {
      owner = Number(readFileSync(join(dir, 'owner'), 'utf8'));
    } catch {
      continue; // Not ours to judge: no owner written (yet, or by an older harness).
    }
    if (!Number.isInteger(owner) || owner <= 0 || alive(owner)) continue;
    try {
      if (existsSync(join(dir, 'data', 'postmaster.pid'))) asPostgres(`${bin}/pg_ctl -D ${dir}/data -m immediate stop >/dev/null`);
    } catch {
      // Already stopped (its watchdog got there first): removing the folder is what is left.
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A detached shell that stops and removes the cluster once `owner` has died; it ends by itself when the folder is gone. */
function watchdog(owner: number, dir: string, stopCommand: string): number | undefined {
  const script = `while kill -0 ${owner} 2>/dev/null; do [ -d ${dir} ] || exit 0; sleep 0.5; done; ${stopCommand} >/dev/null 2>&1; rm -rf ${dir}`;
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid;
}

let counter = 0;

/**
 * `password`: a cluster that asks for it (scram-sha-256, user postgres), to see a wrong password
 * refused; always a throwaway one, since a DATABASE_URL's server may trust any password.
 * `hba`: pg_hba.conf lines read before the cluster's own (`host all rejected 127.0.0.1/32 reject`),
 * to see a user refused by it; a throwaway cluster too, DATABASE_URL's rules being its own.
 */
export async function startPostgres(options: { password?: string; hba?: readonly string[] } = {}): Promise<TestPostgres> {
  const given = options.password === undefined && options.hba === undefined ? process.env.DATABASE_URL : undefined;
  let baseUrl: string;
  let stop = async (): Promise<void> => undefined;
  if (given !== undefined && given !== '') {
    baseUrl = given;
  } else {
    const bin = pgBin();
    sweepOrphans(bin);
    const dir = mkdtempSync(join(tmpdir(), PREFIX));
    writeFileSync(join(dir, 'owner'), String(process.pid));
    chmodSync(dir, 0o777);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
    const data = join(dir, 'data');
    const guard = watchdog(process.pid, dir, asPostgresCommand(`${bin}/pg_ctl -D ${data} -m immediate stop`));
    if (guard !== undefined) writeFileSync(join(dir, 'watchdog'), String(guard));
    let auth = '--auth=trust';
    if (options.password !== undefined) {
      writeFileSync(join(dir, 'password'), options.password, { mode: 0o644 });
      auth = `--auth=scram-sha-256 --pwfile=${dir}/password`;
    }
    asPostgres(`${bin}/initdb -D ${data} -U postgres ${auth} -E UTF8 --locale=C.UTF-8 >/dev/null`);
    // The first line that matches a connection decides: these come before initdb's own.
    if (options.hba !== undefined) writeFileSync(join(data, 'pg_hba.conf'), `${options.hba.join('\n')}\n${readFileSync(join(data, 'pg_hba.conf'), 'utf8')}`);
    // A random port may be taken by another test's server: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = 20000 + Math.floor(Math.random() * 20000);
      try {
        asPostgres(`${bin}/pg_ctl -D ${data} -l ${dir}/log -w -o '-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off' start >/dev/null`);
        break;
      } catch (error) {
        if (attempt >= 4) throw new Error(`PostgreSQL did not start (${String(error)}); its log is in ${dir}/log`);
      }
    }
    baseUrl = `postgres://postgres${options.password === undefined ? '' : `:${encodeURIComponent(options.password)}`}@127.0.0.1:${port}/postgres`;
    stop = async () => {
      try {
        if (guard !== undefined && alive(guard)) process.kill(guard);
        asPostgres(`${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  return {
    async database(options = {}) {
      const name = `albero_test_${process.pid}_${Date.now()}_${counter++}`;
      const icu = options.icuLocale;
      if (icu !== undefined && !/^[A-Za-z0-9-]+$/.test(icu)) throw new Error(`not an ICU locale: ${icu}`);
      await admin.query(icu === undefined ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${icu}'`);
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      await admin.end();
      await stop();
    },
  };
}
