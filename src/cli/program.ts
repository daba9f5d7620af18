/** The `albero` program: every command registered, nothing run (main.ts runs it; tests may too). */
import { Command } from 'commander';
import type { Language } from '../core/index.js';
import { languageOption, useLanguage } from './shared.js';
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
import { registerNextYear } from './commands/next-year.js';
import { registerReminders } from './commands/reminders.js';

export function buildProgram(): Command {
  const program = new Command();
  program.name('albero').description('Albero della performance: evaluate, verify and explain the performance tree of a public body').version('0.1.0').showHelpAfterError('(run with --help for usage)');
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
  registerReminders(program);
  // Every command speaks the locale's language, or the one `--lang` names.
  const withLanguage = (command: Command): void => {
    if (command.commands.length > 0) command.commands.forEach(withLanguage);
    else if (!command.options.some((o) => o.long === '--lang')) command.addOption(languageOption());
  };
  program.commands.forEach(withLanguage);
  program.hook('preAction', (_program, action) => useLanguage(action.opts<{ lang?: Language }>().lang));
  return program;
}
