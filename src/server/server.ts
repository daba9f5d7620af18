/**
 * Starting and stopping the HTTP server: the store from a location (a SQLite file or a
 * postgres:// URL), the app around it, the demo seed on first start when asked.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { openStore, SERVER_BUSY_TIMEOUT_MS, type Store, type StoreOptions } from '../store/index.js';
import { createApp, type AppOptions } from './app.js';
import type { OffThread } from './off-thread/pool.js';
import type { ExportJobs } from './exports/jobs.js';
import { headersOfEveryAnswer, withFastReads } from './fast-reads.js';
import { seedDemo, type DemoAccount } from './seed.js';
import { english, type Coded, type Params } from '../messages/index.js';

export interface ServerOptions extends AppOptions {
  /** `data/albero.sqlite`, `:memory:` or `postgres://…`. */
  readonly location: string;
  /** 0: any free port. */
  readonly port: number;
  readonly host?: string;
  /** Seed the demo plan and accounts into an empty database from this fixture. */
  readonly demoFixture?: string;
  /** The demo accounts' password (default: a random one per account, printed once). */
  readonly demoPassword?: string;
  /** How the store is opened (SQLite's busy timeout: `SERVER_BUSY_TIMEOUT_MS` unless given). */
  readonly store?: StoreOptions;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  /** Accounts created by the demo seed on this start (null: the database was not empty). */
  readonly demoAccounts: DemoAccount[] | null;
  /** The worker threads reading big uploads and evaluating big plans (tests watch `busy`). */
  readonly offThread: OffThread;
  /** The export jobs' worker threads (tests watch `running`). */
  readonly exports: ExportJobs;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = await openStore(options.location, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS, ...options.store });
  const demoAccounts = options.demoFixture === undefined ? null : await seedDemo(store, options.demoFixture, options.demoPassword);
  const { app, deps } = createApp(store, options);
  const everyAnswer = await headersOfEveryAnswer(app);
  const host = options.host ?? '0.0.0.0';
  // The whole-tree read is answered before the app sees it (fast-reads.ts); everything else is the app's.
  const server = createServer(withFastReads(deps, everyAnswer, getRequestListener(app.fetch, { hostname: host })));
  // An idle kept-alive connection closed by the server just as a client sends on it fails that
  // request (ECONNRESET): Node's 5 s default is shorter than the idle time of most clients and
  // reverse proxies (nginx, load balancers: 60 s), so the server keeps them longer than those do.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenProblem(error, host, options.port)));
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  deps.reminders.start();
  let closed = false;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    port,
    store,
    demoAccounts,
    offThread: deps.offThread,
    exports: deps.exports,
    async close() {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await deps.reminders.stop();
      await deps.exports.close();
      await deps.offThread.close();
      await store.close();
    },
  };
}

/** Why the system refused the port or address, by its error code (man 2 bind). */
const LISTEN_REASONS: Readonly<Record<string, Params<'server-cannot-listen'>['reason']>> = { EADDRINUSE: 'in-use', EACCES: 'denied', EADDRNOTAVAIL: 'no-address', ENOTFOUND: 'no-address' };

/**
 * The system's refusal to listen as the starter's mistake it is (a port taken, an address not this
 * machine's), said by code in the starter's language (`isCoded`, main.ts); anything else as it came.
 * Before, «listen EADDRINUSE: address already in use …» was printed as an internal error (exit 70).
 */
export function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const reason = LISTEN_REASONS[error.code ?? ''];
  if (reason === undefined) return error;
  const params: Params<'server-cannot-listen'> = { host, port, reason };
  return Object.assign(new Error(english('server-cannot-listen', params), { cause: error }), { code: 'server-cannot-listen', params }) satisfies Coded;
}
