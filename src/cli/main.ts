/**
 * `albero`: the command line. A thin shell: each command loads a file through io/, calls the
 * engine in core/ and prints. Data goes to stdout, problems to stderr.
 */
import { buildProgram } from './program.js';
import { fileProblem } from '../io/load.js';
import { EXIT, say } from './shared.js';
import { guardTerminalOutput, terminalText } from './terminal.js';

guardTerminalOutput();

/** The system calls that make or change a file: a missing path is then the folder to hold it. */
const WRITING: ReadonlySet<string> = new Set(['mkdir', 'write', 'rename', 'copyfile', 'link', 'symlink', 'unlink', 'rmdir']);

// `albero evaluate … | head` closes the pipe early: stop quietly, as Unix tools do. Any other
// refusal (`> /dev/full`, a full disk under `> out.json`) is said in words with exit 2, as a
// `--output` that cannot be written is: it was Node's stack trace and exit 1, as if `verify` had found differences.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`${say('cli-stdout-problem', fileProblem(error))}\n`);
  process.exit(EXIT.badInput);
});

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // A file the system refused that no command caught (the database's folder under a plain file):
    // the path and the reason in words, not Node's "EEXIST: file already exists, mkdir …".
    const system = error as NodeJS.ErrnoException;
    if (typeof system?.code === 'string' && typeof system.path === 'string') {
      const doing = WRITING.has(system.syscall ?? '') ? 'write' : 'read';
      process.stderr.write(`${terminalText(say('cli-file-problem', { file: system.path, doing, ...fileProblem(error) }))}\n`);
      process.exitCode = EXIT.badInput;
      return;
    }
    // A bug, not bad input (bad input is reported as issues): say so plainly, keep the trace short.
    process.stderr.write(`${say('cli-internal-error', { message: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 70;
  });
