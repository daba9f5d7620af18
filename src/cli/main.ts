/**
 * `albero`: the command line. A thin shell: each command loads a file through io/, calls the
 * engine in core/ and prints. Data goes to stdout, problems to stderr.
 */
import { Command } from 'commander';
import { registerEvaluate } from './commands/evaluate.js';
import { registerExplain } from './commands/explain.js';
import { registerImport } from './commands/import.js';
import { registerRelazione } from './commands/relazione.js';
import { registerSite } from './commands/site.js';
import { registerReport } from './commands/report.js';
import { registerTemplate } from './commands/template.js';
import { registerVerify } from './commands/verify.js';
import { registerServe } from './commands/serve.js';
import { registerAdmin } from './commands/admin.js';
import { registerDiff } from './commands/diff.js';
import { guardTerminalOutput } from './terminal.js';
import { registerNextYear } from './commands/next-year.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('albero')
    .description('Albero della performance: evaluate, verify and explain the performance tree of a public body')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  registerEvaluate(program);
  registerVerify(program);
  registerExplain(program);
  registerDiff(program);
  registerImport(program);
  registerTemplate(program);
  registerNextYear(program);
  registerReport(program);
  registerRelazione(program);
  registerSite(program);
  registerServe(program);
  registerAdmin(program);
  return program;
}

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
    process.stderr.write(`albero: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  });
