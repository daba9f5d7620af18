/**
 * Starting the product as a user does: `albero admin create-user` (password from the environment
 * or stdin, never a prompt), and the server's static web app with its SPA fallback.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/index.js';
import { ROOT, albero } from '../helpers.js';
import { assertBuilt } from '../support/build.js';
import { Client } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The built program, as `npx albero` runs it (the build is checked fresh): starting tsx for each of
 * this file's dozen runs took over 90 s on a loaded machine.
 */
function cli(args: string[], options: { env?: Record<string, string>; input?: string } = {}): { status: number; stdout: string; stderr: string } {
  return albero(args, { input: options.input ?? '', locale: 'C.UTF-8', env: { ALBERO_PASSWORD: '', ...options.env } });
}

/** `albero serve ARGS` in its own process, on the built program. */
function serveProcess(args: string[], env: Record<string, string>): ChildProcess {
  assertBuilt(ROOT, 'program');
  return spawn(process.execPath, [join(ROOT, 'bin/albero.js'), 'serve', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The server started directly, as `npm start` does (`node dist/server/main.js`). */
function startDirectly(env: Record<string, string>): { status: number | null; stderr: string } {
  assertBuilt(ROOT, 'program');
  return spawnSync(process.execPath, [join(ROOT, 'dist/server/main.js')], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('albero admin create-user', () => {
  const database = join(dir, 'admin.sqlite');

  it('creates the first administrator from ALBERO_PASSWORD or stdin, who can then sign in', async () => {
    const fromEnv = cli(['admin', 'create-user', '--username', 'capo', '--role', 'admin', '--database', database], { env: { ALBERO_PASSWORD: 'una password sicura' } });
    expect(fromEnv.stderr).toBe('');
    // The role in words, and its code in the one place a script may read it, in either language.
    expect(fromEnv.stdout).toBe('created the account capo: administrator (--role admin)\n');
    expect(fromEnv.status).toBe(0);
    const fromStdin = cli(['admin', 'create-user', '--username', 'anna', '--role', 'referente', '--units', 'Ufficio A, Ufficio B', '--database', database, '--json'], {
      input: 'password da stdin\n',
      env: { LC_ALL: 'it_IT.UTF-8' },
    });
    expect(fromStdin.status).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual({ username: 'anna', role: 'referente', displayName: 'anna', units: ['Ufficio A', 'Ufficio B'], signIn: 'password' });
    const italian = cli(['admin', 'create-user', '--username', 'piero', '--role', 'personale', '--database', database], { env: { ALBERO_PASSWORD: 'una password sicura', LC_ALL: 'it_IT.UTF-8' } });
    expect(italian.stdout).toBe("creato l'account piero: ufficio del personale (--role personale)\n");
    const provider = cli(['admin', 'create-user', '--username', 'rita', '--role', 'referente', '--sign-in', 'provider', '--database', database]);
    expect(provider.stdout).toBe('created the account rita: data owner (--role referente), signs in through the identity provider (--sign-in provider)\n');

    const server = await startServer({ location: database, port: 0, host: '127.0.0.1' });
    try {
      const capo = new Client(server.url);
      expect((await capo.login('capo', 'una password sicura')).body.user).toMatchObject({ username: 'capo', role: 'admin' });
      const anna = new Client(server.url);
      expect((await anna.login('anna', 'password da stdin')).body.user).toMatchObject({ role: 'referente', units: ['Ufficio A', 'Ufficio B'] });
      // Rita's account signs in through the provider: no password opens it.
      expect((await new Client(server.url).login('rita', 'password da stdin')).body.error.code).toBe('invalid-credentials');
      expect((await server.store.listUsers()).find((u) => u.username === 'rita')).toMatchObject({ signIn: 'provider', role: 'referente' });
      const trail = await server.store.listAudit({});
      // The CLI's unit names the registry lacked became units, each audited; every change on the
      // record as the command line's, run by this operating system's account (not the program's `system`).
      const by = `cli:${userInfo().username}`;
      expect(trail.map((a) => [a.action, a.entity, a.user])).toEqual([
        ['create', 'user', by], // rita
        ['create', 'user', by], // piero
        ['create', 'user', by], // anna, after her units
        ['create', 'unit', by],
        ['create', 'unit', by],
        ['create', 'user', by], // capo
      ]);
      // The trail says who in the reader's words.
      for (const [lang, words] of [
        ['it', `riga di comando (utente ${userInfo().username})`],
        ['en', `command line (user ${userInfo().username})`],
      ] as const) {
        const read = await capo.get(`/api/audit?lang=${lang}`);
        expect(read.status).toBe(200);
        expect(read.body.map((e: { user: string; userName: string }) => [e.user, e.userName])).toEqual(trail.map(() => [by, words]));
      }
    } finally {
      await server.close();
    }
  }, 90_000);

  it('refuses a short or missing password, an unknown role and a taken username, with exit code 2', async () => {
    const short = cli(['admin', 'create-user', '--username', 'x1', '--database', database], { env: { ALBERO_PASSWORD: 'corta' } });
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/at least 8 characters/);
    const none = cli(['admin', 'create-user', '--username', 'x2', '--database', database]);
    expect(none.status).toBe(2);
    const role = cli(['admin', 'create-user', '--username', 'x3', '--role', 'boss', '--database', database], { env: { ALBERO_PASSWORD: 'una password sicura' } });
    expect(role.status).toBe(2);
    expect(role.stderr).toMatch(/--role must be one of admin, controller, referente, oiv/);
    const taken = cli(['admin', 'create-user', '--username', 'capo', '--database', database], { env: { ALBERO_PASSWORD: 'una password sicura' } });
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/taken/);
    const store = await openStore(database);
    expect((await store.listUsers()).map((u) => u.username)).toEqual(['anna', 'capo', 'piero', 'rita']);
    await store.close();
  }, 90_000);
});

describe('albero serve', () => {
  it('serves on the port and database given, and stops on SIGTERM', async () => {
    const database = join(dir, 'serve.sqlite');
    const child = serveProcess(['--port', '0', '--host', '127.0.0.1', '--database', database], { ALBERO_DEMO: '0' });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${output}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const m = /serving on (http:\/\/\S+)/.exec(output);
        // The last line it prints at start.
        if (m !== null && output.includes('API documentation')) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    expect(output).toContain(`database: ${database}`);
    expect(output).toMatch(/No accounts yet: create the first administrator with/);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true });
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const bad = cli(['serve', '--port', 'eighty']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port must be a number/);
  }, 90_000);
});

/** A GET that leaves the body as it came (fetch would decompress it). */
function request(url: string, acceptEncoding: string, cookie?: string): Promise<{ statusCode: number | undefined; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding, ...(cookie === undefined ? {} : { cookie }) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ statusCode: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe("albero serve in the starter's language", () => {
  it('says where it serves in Italian when the locale is Italian', async () => {
    const database = join(dir, 'serve-it.sqlite');
    const child = serveProcess(['--port', '0', '--host', '127.0.0.1', '--database', database], { ALBERO_DEMO: '0', LC_ALL: 'it_IT.UTF-8' });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${output}`)), 60_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        // The last line it prints at start.
        const m = /Documentazione dell’API: (http:\/\/\S+)\/api\/openapi\.json/.exec(output);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    });
    expect(output).toContain(`Albero è in servizio su ${url} (database: ${database})`);
    expect(output).toContain('Nessun account: creare il primo amministratore con\n  ALBERO_PASSWORD=… npx albero admin create-user --username admin --role admin --database');
    expect(output).not.toMatch(/serving|accounts|Sign in/);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 90_000);

  it('refuses a setting of the environment it cannot use: exit 2 and the setting named in the language, no database made', () => {
    const database = join(dir, 'never.sqlite');
    const serve = (env: Record<string, string>, ...args: string[]) => cli(['serve', '--port', '0', '--database', database, ...args], { env: { LC_ALL: 'it_IT.UTF-8', ...env } });
    const size = serve({ ALBERO_MAX_IMPORT_MB: 'abc' });
    expect([size.status, size.stderr]).toEqual([2, 'albero serve: ALBERO_MAX_IMPORT_MB deve essere un numero positivo di megabyte, non «abc»\n']);
    const english = serve({ ALBERO_MAX_ATTACHMENT_MB: '-1' }, '--lang', 'en');
    expect([english.status, english.stderr]).toEqual([2, 'albero serve: ALBERO_MAX_ATTACHMENT_MB must be a positive number of megabytes, not “-1”\n']);
    const minutes = serve({ ALBERO_REMINDERS_EVERY_MINUTES: 'ogni ora' });
    expect([minutes.status, minutes.stderr]).toEqual([2, 'albero serve: ALBERO_REMINDERS_EVERY_MINUTES deve essere un numero di minuti (0: mai), non «ogni ora»\n']);
    const port = serve({ ALBERO_SMTP_HOST: 'posta.example', ALBERO_SMTP_PORT: '0' });
    expect([port.status, port.stderr]).toEqual([2, 'albero serve: ALBERO_SMTP_PORT deve essere un numero di porta da 1 a 65535, non «0»\n']);
    const rows = serve({ ALBERO_XLSX_MAX_ROWS: 'tante' });
    expect([rows.status, rows.stderr]).toEqual([2, 'albero serve: ALBERO_XLSX_MAX_ROWS deve essere un numero intero di righe maggiore di 0, non «tante»\n']);
    const bytes = serve({ ALBERO_XLSX_MAX_BYTES: '1.5' }, '--lang', 'en');
    expect([bytes.status, bytes.stderr]).toEqual([2, 'albero serve: ALBERO_XLSX_MAX_BYTES must be a whole number of bytes greater than 0, not “1.5”\n']);
    expect(existsSync(database)).toBe(false);
    // Started directly (`npm start`): exit 1, the same words.
    const direct = startDirectly({ DATABASE_URL: database, PORT: '0', LC_ALL: 'it_IT.UTF-8', ALBERO_MAX_IMPORT_MB: '0' });
    expect([direct.status, direct.stderr]).toEqual([1, 'albero server: impossibile avviare: ALBERO_MAX_IMPORT_MB deve essere un numero positivo di megabyte, non «0»\n']);
    const inflated = startDirectly({ DATABASE_URL: database, PORT: '0', LC_ALL: 'en_GB.UTF-8', ALBERO_XLSX_MAX_INFLATED_BYTES: '-4' });
    expect([inflated.status, inflated.stderr]).toEqual([1, 'albero server: cannot start: ALBERO_XLSX_MAX_INFLATED_BYTES must be a whole number of bytes greater than 0, not “-4”\n']);
    expect(existsSync(database)).toBe(false);
  }, 90_000);

  it('stops every command on a bad workbook limit (ALBERO_XLSX_MAX_*), before reading anything: exit 2, named in the language', () => {
    const fixture = join(ROOT, 'fixtures/albero-performance-2024.txt');
    const italian = cli(['evaluate', fixture], { env: { LC_ALL: 'it_IT.UTF-8', ALBERO_XLSX_MAX_ROWS: '0' } });
    expect([italian.status, italian.stdout, italian.stderr]).toEqual([2, '', 'albero evaluate: ALBERO_XLSX_MAX_ROWS deve essere un numero intero di righe maggiore di 0, non «0»\n']);
    const english = cli(['import', fixture, '--check', '--lang', 'en'], { env: { ALBERO_XLSX_MAX_BYTES: 'lots' } });
    expect([english.status, english.stdout, english.stderr]).toEqual([2, '', 'albero import: ALBERO_XLSX_MAX_BYTES must be a whole number of bytes greater than 0, not “lots”\n']);
    const fine = cli(['verify', fixture], { env: { ALBERO_XLSX_MAX_ROWS: '300000' } });
    expect(fine.status).toBe(0);
  }, 90_000);
});

describe('the web app from web/dist', () => {
  it('serves files, falls back to index.html for app paths, and keeps /api answers JSON', async () => {
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Albero</title><div id="root"></div>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("albero")');
    const server = await startServer({ location: join(dir, 'web.sqlite'), port: 0, host: '127.0.0.1', webRoot: web });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(await page.text()).toContain('<title>Albero</title>');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      const asset = await fetch(`${server.url}/assets/app.js`);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect(await asset.text()).toBe('console.log("albero")');
      // A hashed asset is kept for a year; its brotli or gzip copy is sent to who accepts it.
      const script = 'console.log("albero, compressed ahead")'.repeat(50);
      writeFileSync(join(web, 'assets', 'index-Cr1FgxMV.js'), script);
      writeFileSync(join(web, 'assets', 'index-Cr1FgxMV.js.br'), brotliCompressSync(script));
      writeFileSync(join(web, 'assets', 'index-Cr1FgxMV.js.gz'), gzipSync(script));
      for (const [accept, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
        ['identity', null],
      ] as const) {
        const hashed = await request(`${server.url}/assets/index-Cr1FgxMV.js`, accept);
        expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(hashed.headers['content-encoding']).toBe(encoding ?? undefined);
        const plain = encoding === 'br' ? brotliDecompressSync(hashed.body) : encoding === 'gzip' ? gunzipSync(hashed.body) : hashed.body;
        expect(plain.toString('utf8')).toBe(script);
      }
      const fallback = await fetch(`${server.url}/plans/1`);
      expect(fallback.headers.get('cache-control')).toBe('no-cache');
      const deep = await fetch(`${server.url}/plans/123/nodes/A.2`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('<div id="root">');
      const api = await fetch(`${server.url}/api/not-a-route`);
      expect(api.status).toBe(404);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not-found');
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toContain('/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}');
    } finally {
      await server.close();
    }
  });

  it("says the built page's title, skip link and lang in the language the reader saved in the app, before its script runs", async () => {
    assertBuilt(ROOT, 'web');
    const server = await startServer({ location: join(dir, 'page.sqlite'), port: 0, host: '127.0.0.1', webRoot: join(ROOT, 'web', 'dist') });
    try {
      const page = async (
        path: string,
        cookie?: string,
        accept = 'br, gzip',
      ): Promise<{ lang: string | undefined; title: string | undefined; skip: string | undefined; vary: string | null; encoding: string | null; assets: string[] }> => {
        // As it came (fetch would decompress it), to see the coding the server chose.
        const res = await request(`${server.url}${path}`, accept, cookie);
        expect(res.statusCode, path).toBe(200);
        expect(res.headers['cache-control']).toBe('no-cache');
        const encoding = res.headers['content-encoding'] ?? null;
        const html = (encoding === 'br' ? brotliDecompressSync(res.body) : encoding === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8');
        return {
          lang: /<html lang="([^"]*)">/.exec(html)?.[1],
          title: /<title>([^<]*)<\/title>/.exec(html)?.[1],
          skip: /<a id="skip-link"[^>]*>([^<]*)<\/a>/.exec(html)?.[1],
          vary: res.headers.vary ?? null,
          encoding,
          assets: [...html.matchAll(/src="(\/assets\/[^"]+)"/g)].map((m) => m[1]!),
        };
      };
      const italian = { lang: 'it', title: 'Albero — ciclo della performance', skip: 'Vai al contenuto principale' };
      const english = { lang: 'en', title: 'Albero — performance cycle', skip: 'Skip to main content' };
      for (const path of ['/', '/index.html', '/plans/123?period=2024-12-31']) {
        // Before, every reader got the Italian link and title until the app's script said the link again.
        expect(await page(path, 'albero_lang=en'), path).toMatchObject({ ...english, vary: expect.stringMatching(/Cookie/) });
        expect(await page(path, 'albero_session=x; albero_lang=en', 'identity'), path).toMatchObject(english);
        // No saved choice (the app's default is Italian, whatever the browser asks), or Italian saved.
        expect(await page(path), path).toMatchObject(italian);
        expect(await page(path, 'albero_lang=it'), path).toMatchObject(italian);
        expect(await page(path, 'albero_lang=<script>'), path).toMatchObject(italian);
        // Compressed as the browser accepts it, once filled in its language (the build writes no copy of it).
        for (const [accept, encoding] of [
          ['gzip, deflate, br', 'br'],
          ['gzip', 'gzip'],
          ['br;q=0, gzip', 'gzip'],
          // Read as the tree's answer reads the header (preferredEncoding): before, the page took
          // `q = 0` spaced as accepting brotli, and neither `x-gzip` nor `*` as accepting gzip.
          ['br ; q = 0, x-gzip', 'gzip'],
          ['*', 'gzip'],
          ['identity', null],
        ] as const) {
          for (const [cookie, words] of [
            ['albero_lang=en', english],
            [undefined, italian],
          ] as const) {
            expect(await page(path, cookie, accept), `${path} ${accept} ${cookie}`).toMatchObject({
              ...words,
              encoding,
              vary: expect.stringMatching(/Cookie.*Accept-Encoding|Accept-Encoding.*Cookie/),
            });
          }
        }
      }
      // The hashed assets keep their compressed copies; the page has none, which nothing would send.
      const dist = join(ROOT, 'web', 'dist');
      expect(existsSync(join(dist, 'index.html.br')) || existsSync(join(dist, 'index.html.gz'))).toBe(false);
      const scripts = readdirSync(join(dist, 'assets')).filter((f) => /^index-.*\.js$/.test(f));
      expect(scripts.length).toBeGreaterThan(0);
      for (const f of scripts) for (const copy of ['br', 'gz']) expect(existsSync(join(dist, 'assets', `${f}.${copy}`)), `${f}.${copy}`).toBe(true);
      // The same page otherwise: the scripts it loads are the build's.
      expect((await page('/', 'albero_lang=en')).assets).toEqual((await page('/')).assets);
      expect((await page('/')).assets.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
