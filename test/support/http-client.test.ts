/**
 * The tests' HTTP client (http-client.ts) never sends a request on a connection the server has
 * closed. A server keeps an idle connection open for its keep-alive (here 5 s, said to the client
 * in `Keep-Alive: timeout=5`; Albero's is 65 s); the test holds its event loop past that, as a
 * LibreOffice conversion under load does, then asks again. Before, fetch reused the closed
 * connection: ECONNRESET.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POOL_MS } from './http-client.js';

/**
 * Holds this thread, event loop and all, in a synchronous child process, as the tests' LibreOffice
 * conversions do; from the loop's check phase, as a test resumed by I/O (a download's last chunk)
 * does, so that the next request is sent before the server's timers run again.
 */
async function block(ms: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  execFileSync('sleep', [String(ms / 1000)]);
}

describe("the tests' HTTP client", () => {
  let server: Server;
  let url: string;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    server.keepAliveTimeout = 5_000;
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks again after its event loop was held past the server’s keep-alive', async () => {
    const first = await fetch(url);
    expect(first.headers.get('keep-alive')).toBe('timeout=5');
    expect(await first.text()).toBe('ok');
    await block(6_000);
    const second = await fetch(url);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('ok');
  });

  it('asks in quick succession on one connection, a new one each time its pool has aged', async () => {
    const before = connections;
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(await (await fetch(url)).text()).toBe('ok');
    expect(connections - before).toBeLessThanOrEqual(1 + Math.floor((performance.now() - started) / POOL_MS));
  });
});
