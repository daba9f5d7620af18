/**
 * A PostgreSQL server for tests: `DATABASE_URL` when set, otherwise a throwaway cluster started
 * from Debian's binaries in a temporary folder (as root through `su postgres`), stopped and removed
 * afterwards. Missing binaries fail the test loudly: CI installs them, and a skipped backend would
 * prove nothing.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** A fresh, empty database on the server. */
  database(): Promise<string>;
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

function asPostgres(command: string): void {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' });
  else execFileSync('sh', ['-c', command], { stdio: 'pipe' });
}

let counter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const given = process.env.DATABASE_URL;
  let baseUrl: string;
  let stop = async (): Promise<void> => undefined;
  if (given !== undefined && given !== '') {
    baseUrl = given;
  } else {
    const bin = pgBin();
    const dir = mkdtempSync(join(tmpdir(), 'albero-pg-'));
    chmodSync(dir, 0o777);
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
    const data = join(dir, 'data');
    asPostgres(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null`);
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
    baseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = async () => {
      try {
        asPostgres(`${bin}/pg_ctl -D ${data} -m immediate stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  return {
    async database() {
      const name = `albero_test_${process.pid}_${Date.now()}_${counter++}`;
      await admin.query(`CREATE DATABASE ${name}`);
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
