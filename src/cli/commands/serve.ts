import type { Command } from 'commander';
import { badInput, say } from '../shared.js';

/** `albero serve`: what `npm start` runs, with the port and database as options. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(say('cli-about-serve', {}))
    .option('-p, --port <port>', say('cli-about-serve-port', {}))
    .option('--database <location>', say('cli-about-database', {}))
    .option('--host <host>', say('cli-about-serve-host', {}))
    .action(async (options: { port?: string; database?: string; host?: string }) => {
      const port = options.port === undefined ? undefined : Number(options.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        return badInput('serve', say('cli-port', { value: options.port ?? '' }));
      }
      const { main } = await import('../../server/main.js');
      await main({ ...(port !== undefined ? { port } : {}), ...(options.database ? { database: options.database } : {}), ...(options.host ? { host: options.host } : {}) });
    });
}
