/**
 * A PostgreSQL database the command line cannot use is said in the user's words, naming the
 * server, the database and the user, never the password: a missing database was the driver's
 * English inside the Italian sentence ("database … does not exist"), and `postgres://%zz` a server
 * "not responding". Against a real PostgreSQL that asks for a password, one whose pg_hba.conf
 * rejects a user, and a port nothing listens on, through the built CLI and `npm start`'s server.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ROOT, albero } from './helpers.js';
import { startPostgres, type TestPostgres } from './support/postgres.js';

const IT = { locale: 'it_IT.UTF-8' };
const PASSWORD = 'chiave-del-server';

describe('albero reminders --database: a PostgreSQL database that cannot be used', () => {
  let postgres: TestPostgres;
  let good: URL;
  beforeAll(async () => {
    postgres = await startPostgres({ password: PASSWORD });
    good = new URL(await postgres.database());
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  const server = (): string => `127.0.0.1:${good.port}`;
  const changed = (change: (url: URL) => void): string => {
    const url = new URL(good.toString());
    change(url);
    return url.toString();
  };
  const shown = (url: string): string => url.replace(/\/\/[^@/]*@/, '//…@');

  it('works with the right password: the cluster asks for it, so the refusals below are its own', () => {
    const run = albero(['reminders', '--database', good.toString()]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('a database that does not exist: its name and the server, in Italian and English', () => {
    const missing = changed((url) => (url.pathname = '/bilancio_2024'));
    const it = albero(['reminders', '--database', missing], IT);
    expect(it.stderr).toBe(`albero reminders: il database ${shown(missing)} non si può usare: sul server PostgreSQL ${server()} non esiste un database «bilancio_2024»\n`);
    expect(it.status).toBe(2);
    const en = albero(['reminders', '--database', missing]);
    expect(en.stderr).toBe(`albero reminders: the database ${shown(missing)} cannot be used: the PostgreSQL server ${server()} has no database “bilancio_2024”\n`);
    expect(en.status).toBe(2);
  }, 60_000);

  it('a wrong password: the user named, the password (right or wrong) never shown', () => {
    const wrong = changed((url) => (url.password = 'sbagliata'));
    const it = albero(['reminders', '--database', wrong], IT);
    expect(it.stderr).toBe(`albero reminders: il database ${shown(wrong)} non si può usare: il server PostgreSQL ${server()} non accetta la password dell'utente «postgres»\n`);
    expect(it.status).toBe(2);
    const en = albero(['reminders', '--database', wrong, '--lang', 'en'], IT);
    expect(en.stderr).toBe(`albero reminders: the database ${shown(wrong)} cannot be used: the PostgreSQL server ${server()} does not accept the password of user “postgres”\n`);
    expect(en.status).toBe(2);
    for (const run of [it, en]) expect(run.stderr).not.toMatch(/sbagliata|chiave-del-server|authentication failed/);
  }, 60_000);
});

/** A port on this machine nothing listens on: one the system gave, then closed. */
async function refusedPort(): Promise<number> {
  const socket = createServer();
  await new Promise<void>((resolve) => socket.listen(0, '127.0.0.1', resolve));
  const { port } = socket.address() as { port: number };
  await new Promise((resolve) => socket.close(resolve));
  return port;
}

/** `npm start`'s server (`node dist/server/main.js`) on DATABASE_URL, in the locale given. */
function startServer(url: string, locale: string): { status: number | null; stderr: string } {
  return spawnSync(process.execPath, [join(ROOT, 'dist/server/main.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LC_ALL: locale, DATABASE_URL: url, PORT: '0' } });
}

describe('a PostgreSQL server that does not answer', () => {
  it('is named with its host:port, user and database, never the password: the CLI, `albero serve` and the server, in Italian and English', async () => {
    const port = await refusedPort();
    const url = `postgres://ufficio:segreta@127.0.0.1:${port}/albero`;
    const shown = `postgres://…@127.0.0.1:${port}/albero`;
    const it = `il database ${shown} non si può usare: il server PostgreSQL 127.0.0.1:${port} non risponde (utente «ufficio», database «albero»)`;
    const en = `the database ${shown} cannot be used: the PostgreSQL server 127.0.0.1:${port} does not answer (user “ufficio”, database “albero”)`;
    const runs = [
      [albero(['reminders', '--database', url], IT), `albero reminders: ${it}\n`],
      [albero(['reminders', '--database', url]), `albero reminders: ${en}\n`],
      [albero(['serve', '--port', '0', '--database', url], IT), `albero serve: ${it}\n`],
      [albero(['serve', '--port', '0', '--database', url]), `albero serve: ${en}\n`],
    ] as const;
    for (const [run, said] of runs) {
      expect(run.stderr).toBe(said);
      expect(run.status).toBe(2);
    }
    const started = [
      [startServer(url, 'it_IT.UTF-8'), `albero server: impossibile avviare: ${it}\n`],
      [startServer(url, 'C.UTF-8'), `albero server: cannot start: ${en}\n`],
    ] as const;
    for (const [run, said] of started) {
      expect(run.stderr).toBe(said);
      expect(run.status).toBe(1);
    }
    for (const [run] of [...runs, ...started]) expect(run.stderr).not.toMatch(/segreta|ECONNREFUSED/);
  }, 60_000);
});

describe('a user the PostgreSQL server does not let in (28000)', () => {
  let postgres: TestPostgres;
  let database: URL;
  beforeAll(async () => {
    // Its rules refuse user "rejected" from here, before the lines that trust everyone else.
    postgres = await startPostgres({ hba: ['host all rejected 127.0.0.1/32 reject'] });
    database = new URL(await postgres.database());
    const admin = new pg.Client({ connectionString: database.toString() });
    await admin.connect();
    // The user exists: pg_hba.conf alone keeps it out.
    await admin.query("CREATE ROLE rejected LOGIN PASSWORD 'la-sua-chiave'");
    await admin.end();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  const as = (user: string, password?: string): string => {
    const url = new URL(database.toString());
    url.username = user;
    url.password = password ?? '';
    return url.toString();
  };

  it("lets the other users in: the refusal below is pg_hba.conf's", () => {
    const run = albero(['reminders', '--database', as('postgres')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);

  it('names the server, the user and the database, never the password: the CLI and the server, in Italian and English', () => {
    const server = `127.0.0.1:${database.port}`;
    const name = database.pathname.slice(1);
    // A user pg_hba.conf rejects, and one the server does not have: both are said the same way.
    for (const user of ['rejected', 'nessuno']) {
      const url = as(user, 'la-sua-chiave');
      const shown = url.replace(/\/\/[^@/]*@/, '//…@');
      const it = `il database ${shown} non si può usare: il server PostgreSQL ${server} non fa entrare l'utente «${user}» nel database «${name}» (l'utente non esiste, o pg_hba.conf non lo ammette da qui)`;
      const en = `the database ${shown} cannot be used: the PostgreSQL server ${server} does not let user “${user}” into database “${name}” (no such user, or pg_hba.conf does not admit it from here)`;
      const runs = [
        [albero(['reminders', '--database', url], IT), `albero reminders: ${it}\n`, 2],
        [albero(['reminders', '--database', url]), `albero reminders: ${en}\n`, 2],
        [startServer(url, 'it_IT.UTF-8'), `albero server: impossibile avviare: ${it}\n`, 1],
        [startServer(url, 'C.UTF-8'), `albero server: cannot start: ${en}\n`, 1],
      ] as const;
      for (const [run, said, status] of runs) {
        expect(run.stderr).toBe(said);
        expect(run.status).toBe(status);
        expect(run.stderr).not.toMatch(/la-sua-chiave|pg_hba\.conf rejects|does not exist/);
      }
    }
  }, 60_000);
});

describe('albero reminders --database: a PostgreSQL address that cannot be read, without a server', () => {
  it('a bad escape or a port past 65535 is said as an address, not as a server that does not answer (nor an internal error)', () => {
    const cases: Array<[string, string]> = [
      ['postgres://%zz', 'postgres://%zz'],
      ['postgres://ufficio:segreta@127.0.0.1:99999/albero', 'postgres://…@127.0.0.1:99999/albero'],
      ['postgres://ufficio:100%@127.0.0.1/albero', 'postgres://…@127.0.0.1/albero'],
    ];
    for (const [url, said] of cases) {
      const it = albero(['reminders', '--database', url], IT);
      expect(it.stderr).toBe(
        `albero reminders: il database ${said} non si può usare: l'indirizzo non si legge: si scrive postgres://utente:password@host:porta/database, con i caratteri speciali codificati (% come %25, @ come %40)\n`,
      );
      expect(it.status).toBe(2);
      const en = albero(['reminders', '--database', url]);
      expect(en.stderr).toBe(
        `albero reminders: the database ${said} cannot be used: its address cannot be read: it is written postgres://user:password@host:port/database, special characters encoded (% as %25, @ as %40)\n`,
      );
      expect(en.status).toBe(2);
    }
  }, 60_000);
});
