import type { Command } from 'commander';
import { badInput, cliLanguage, say } from '../shared.js';

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
      const { isCoded, main, startFailure } = await import('../../server/main.js');
      const language = cliLanguage();
      try {
        await main({ ...(port !== undefined ? { port } : {}), ...(options.database ? { database: options.database } : {}), ...(options.host ? { host: options.host } : {}), language });
      } catch (error) {
        // A setting of the environment it cannot use (ALBERO_MAX_IMPORT_MB=abc) is bad input, not a bug.
        if (isCoded(error)) return badInput('serve', startFailure(error, language));
        throw error;
      }
    });
}
