/**
 * A port another program holds, or an address that is not this machine's, is the starter's mistake:
 * `albero serve` and `npm start` say it in the locale's language, with what to do, exit 2 (serve).
 * Before, Node's «listen EADDRINUSE: address already in use 127.0.0.1:…» was printed as an
 * internal error (exit 70), in English on an Italian terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, albero } from './helpers.js';

const IT = { locale: 'it_IT.UTF-8' };
const dir = mkdtempSync(join(tmpdir(), 'albero-listen-'));
const database = join(dir, 'albero.sqlite');

describe('a port or an address the server cannot listen on', () => {
  let held: Server;
  let port = 0;
  beforeAll(async () => {
    held = createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    port = (held.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => held.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('albero serve: a port in use, in Italian and English, exit 2', () => {
    const serve = (options = {}) => albero(['serve', '--port', String(port), '--host', '127.0.0.1', '--database', database], options);
    const it = serve(IT);
    expect([it.status, it.stderr]).toEqual([
      2,
      `albero serve: la porta ${port} di 127.0.0.1 è già in uso da un altro programma: sceglierne un'altra con --port (o PORT), oppure fermare quel programma\n`,
    ]);
    const en = serve();
    expect([en.status, en.stderr]).toEqual([2, `albero serve: port ${port} of 127.0.0.1 is already in use by another program: choose another with --port (or PORT), or stop that program\n`]);
  });

  it('npm start: a port in use, said in the locale’s language', () => {
    const started = spawnSync(process.execPath, [join(ROOT, 'dist/server/main.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'it_IT.UTF-8', DATABASE_URL: database, PORT: String(port), HOST: '127.0.0.1' },
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toBe(
      `albero server: impossibile avviare: la porta ${port} di 127.0.0.1 è già in uso da un altro programma: sceglierne un'altra con --port (o PORT), oppure fermare quel programma\n`,
    );
    expect(started.stderr).not.toMatch(/EADDRINUSE/);
  });

  it('albero serve: an address that is not this machine’s', () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
    const run = albero(['serve', '--port', '0', '--host', '192.0.2.7', '--database', database], IT);
    expect([run.status, run.stderr]).toEqual([2, "albero serve: l'indirizzo 192.0.2.7 non è di questa macchina: indicarne uno suo con --host (o HOST), oppure 0.0.0.0 per tutti\n"]);
  });
});
