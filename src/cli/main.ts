/**
 * `albero`: the command line. A thin shell: each command loads a file through io/, calls the
 * engine in core/ and prints. Data goes to stdout, problems to stderr.
 */
import { buildProgram } from './program.js';
import { say } from './shared.js';
import { guardTerminalOutput } from './terminal.js';

guardTerminalOutput();

// `albero evaluate … | head` closes the pipe early: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // A bug, not bad input (bad input is reported as issues): say so plainly, keep the trace short.
    process.stderr.write(`${say('cli-internal-error', { message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 70;
  });
