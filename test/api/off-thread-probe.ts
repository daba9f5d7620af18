/**
 * What the off-thread tests share (off-thread.test.ts, appraisal-off-thread.test.ts): a pair of
 * servers on one backend, one working in place and one sending every job to a worker, and the
 * probe that the server answers other requests while a long one is worked on a worker.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { Client, startTestServer, type Backend, type TestServer } from './harness.js';

export interface ServerPair {
  /** The default server: small jobs evaluated in place. */
  inPlace: TestServer;
  /** The same server with every job sent to a worker. */
  offThread: TestServer;
}

/** The pair of servers on `backend`, started before the enclosing suite's tests and closed after them. */
export function serverPair(backend: Backend): ServerPair {
  const pair = {} as ServerPair;
  beforeAll(async () => {
    pair.inPlace = await startTestServer(backend);
    pair.offThread = await startTestServer(backend, { offThread: { inlineBytes: 0, inlineIndicators: 0 } });
  });
  afterAll(async () => {
    await pair.inPlace?.close();
    await pair.offThread?.close();
  });
  return pair;
}

/**
 * Waits until `working()` says the pending `request` is being worked on a worker, then checks
 * that `/api/health` is answered (200) before the request is; returns the request's reply.
 */
export async function healthAnsweredDuring<T>(t: TestServer, request: Promise<T>, working: () => boolean): Promise<T> {
  let answered = false;
  const pending = request.finally(() => (answered = true));
  while (!working() && !answered) await new Promise((r) => setTimeout(r, 2));
  expect(answered, 'the request was answered before it was seen on a worker').toBe(false);
  const health = await new Client(t.url).get('/api/health');
  expect(health.status).toBe(200);
  expect(answered, '/api/health was answered only after the long request').toBe(false);
  return pending;
}
