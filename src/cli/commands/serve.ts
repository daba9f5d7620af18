import type { Command } from 'commander';
import { badInput, say } from '../shared.js';

/** `albero serve`: what `npm start` runs, with the port and database as options. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and the web app (SQLite data/albero.sqlite by default; DATABASE_URL for PostgreSQL)')
    .option('-p, --port <port>', 'port (default: env PORT or 8080)')
    .option('--database <location>', 'a SQLite file or a postgres:// URL (default: env DATABASE_URL or data/albero.sqlite)')
    .option('--host <host>', 'address to listen on (default 0.0.0.0)')
    .action(async (options: { port?: string; database?: string; host?: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        return badInput('serve', say('cli-port', { value: options.port ?? '' }));
      }
      const { main } = await import('../../server/main.js');
      await main({ ...(port !== undefined ? { port } : {}), ...(options.database ? { database: options.database } : {}), ...(options.host ? { host: options.host } : {}) });
    });
}
