/**
 * The tests' HTTP client: Node's `fetch` (undici), used by the API harness's `Client` and by every
 * test that fetches a server directly, in this process or in a child process. Loaded before each
 * test file (vitest.config.ts, `setupFiles`).
 *
 * undici keeps an idle connection for the server's `Keep-Alive: timeout=` (Albero's says 65 s) less
 * 2 s, counted on a coarse clock of its own that moves half a second each time the event loop
 * turns. While a test holds the loop (LibreOffice converting a document through `execFileSync`,
 * which under load can take over a minute) that clock stands still while the server's keep-alive,
 * on wall time, runs out: the test's next request went out on the pooled connection, and the
 * server, whose timer ran next, closed it with the request unread: ECONNRESET
 * (http-client.test.ts; by hand, Albero's server in this process and 66 s of `sleep` through
 * `execFileSync` between two requests). So the connections are kept by wall time here: a pool no
 * older than `POOL_MS` holds no connection idle for longer, and that is shorter than any server's
 * keep-alive (Node's default is 5 s). Requests in quick succession still share a connection (a
 * fresh one for each costs 2–4 ms a request on a busy machine).
 */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
/** Marks the agent installed here, once per process however often this module is loaded. */
const WALL_CLOCK = Symbol.for('albero.tests.wallClockAgent');

/** The longest a pool of connections is used for, by wall time, before the next request opens another. */
export const POOL_MS = 2_000;

interface Dispatcher {
  dispatch(options: unknown, handler: unknown): boolean;
  close(): Promise<void>;
}

/** undici's Agent under the same `dispatch`, in a new pool when the last one has grown too old. */
class WallClockAgent {
  readonly [WALL_CLOCK] = true;
  #pool: Dispatcher;
  #since = performance.now();
  constructor(readonly newPool: () => Dispatcher) {
    this.#pool = newPool();
  }
  dispatch(options: unknown, handler: unknown): boolean {
    const now = performance.now();
    if (now - this.#since > POOL_MS) {
      const old = this.#pool;
      this.#pool = this.newPool();
      this.#since = now;
      // Its requests under way end on their connections; then it closes them.
      old.close().catch(() => undefined);
    }
    return this.#pool.dispatch(options, handler);
  }
}

// Node loads its undici on the first fetch, which installs undici's Agent as the global dispatcher
// (a `data:` URL needs no connection); Node has no public way to name that class.
await fetch('data:,');
const global = globalThis as Record<symbol, unknown>;
const installed = global[GLOBAL_DISPATCHER] as (Dispatcher & { [WALL_CLOCK]?: true }) | undefined;
if (installed?.[WALL_CLOCK] !== true) {
  if (installed?.constructor.name !== 'Agent') throw new Error(`the tests' HTTP client: no undici Agent as the global dispatcher (found ${String(installed?.constructor.name)})`);
  const Agent = installed.constructor as new () => Dispatcher;
  global[GLOBAL_DISPATCHER] = new WallClockAgent(() => new Agent());
}
