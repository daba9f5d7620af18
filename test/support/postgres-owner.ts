/**
 * A process that owns a throwaway cluster, for postgres.test.ts: `hold` starts one and waits to be
 * killed (it prints `ready` first); `once` starts one and stops it, as any test file does.
 */
import { startPostgres } from './postgres.js';

const server = await startPostgres();
if (process.argv[2] === 'once') {
  await server.stop();
} else {
  process.stdout.write('ready\n');
  setInterval(() => undefined, 1 << 30);
}
