/** The `albero` program: every command registered, nothing run (main.ts runs it; tests may too). */
import { Command, type Argument, type HelpContext, type Option } from 'commander';
import type { Language } from '../core/index.js';
import { xlsxSettingProblem } from '../io/xlsx/limits.js';
import { renderCoded } from '../messages/index.js';
import { badInput, cliLanguage, EXIT, languageFromArgs, languageOption, say, useLanguage } from './shared.js';
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

/** Commander's "(Did you mean --json?)" / "(Did you mean one of a, b?)" back into its names. */
function suggestions(tail: string): string[] {
  const m = /\(Did you mean (?:one of )?(.+)\?\)/.exec(tail);
  return m === null ? [] : m[1]!.split(', ');
}

/**
 * Commander's usage errors said again by their code in the command line's language (the English
 * is commander's own). Commander composes each message in English and hands it to `error()` with
 * a stable code; the parts are read back from that message, whose shape is pinned with commander.
 * A message of an unknown shape is passed on as it is.
 */
function usageMessage(message: string, code: string | undefined): string {
  const m = (re: RegExp): RegExpExecArray | null => re.exec(message);
  let r: RegExpExecArray | null;
  switch (code) {
    case 'commander.missingArgument':
      if ((r = m(/^error: missing required argument '(.+)'$/))) return say('cli-missing-argument', { name: r[1]! });
      break;
    case 'commander.optionMissingArgument':
      if ((r = m(/^error: option '(.+)' argument missing$/))) return say('cli-option-missing-argument', { option: r[1]! });
      break;
    case 'commander.missingMandatoryOptionValue':
      if ((r = m(/^error: required option '(.+)' not specified$/))) return say('cli-missing-option', { option: r[1]! });
      break;
    case 'commander.unknownOption':
      if ((r = m(/^error: unknown option '([^']+)'([\s\S]*)$/))) return say('cli-unknown-option', { option: r[1]!, suggestions: suggestions(r[2]!) });
      break;
    case 'commander.unknownCommand':
      if ((r = m(/^error: unknown command '([^']+)'([\s\S]*)$/))) return say('cli-unknown-command', { command: r[1]!, suggestions: suggestions(r[2]!) });
      break;
    case 'commander.excessArguments':
      if ((r = m(/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/)))
        return say('cli-excess-arguments', { command: r[1] ?? 'albero', expected: Number(r[2]), got: Number(r[3]) });
      break;
    case 'commander.invalidArgument':
      if ((r = m(/^error: option '(.+)' argument '([\s\S]*)' is invalid\. ([\s\S]*)$/))) {
        // A choice's reason is commander's; an argParser's (--legend) is already ours, in the language.
        const choices = /^Allowed choices are (.+)\.$/.exec(r[3]!);
        return say('cli-invalid-option-value', { option: r[1]!, value: r[2]!, reason: choices === null ? r[3]! : say('cli-choices', { choices: choices[1]!.split(', ') }) });
      }
      break;
  }
  return message.startsWith('error: ') ? say('cli-usage-error', { message: message.slice('error: '.length) }) : message;
}

/**
 * An option's or argument's description with the extras commander appends (its choices, its
 * default) said in the language: commander writes "(choices: …, default: …)" in English. The
 * conditions are commander's own (Help.optionDescription), for the extras this program uses.
 */
function described(description: string, choices: readonly string[] | undefined, defaultValue: unknown, showDefault: boolean, defaultValueDescription: string | undefined): string {
  const extras: string[] = [];
  if (choices !== undefined) extras.push(say('cli-help-choices', { choices: choices.map((c) => JSON.stringify(c)) }));
  if (defaultValue !== undefined && showDefault) extras.push(say('cli-help-default', { value: defaultValueDescription ?? JSON.stringify(defaultValue) }));
  if (extras.length === 0) return description;
  return description === '' ? `(${extras.join(', ')})` : `${description} (${extras.join(', ')})`;
}

function optionDescription(option: Option): string {
  const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
  return described(option.description, option.argChoices, option.defaultValue, showDefault, option.defaultValueDescription);
}

function argumentDescription(argument: Argument): string {
  return described(argument.description, argument.argChoices, argument.defaultValue, true, argument.defaultValueDescription);
}

/** A commander Command whose usage errors speak the command line's language; its subcommands too. */
class AlberoCommand extends Command {
  override createCommand(name?: string): Command {
    return new AlberoCommand(name);
  }

  /**
   * A usage error (an unknown option, a missing argument) is bad input: exit 2, as every other
   * refusal of the command line. Commander's own 1 is what `verify` means by "found differences".
   */
  override error(message: string, errorOptions?: { code?: string; exitCode?: number }): never {
    return super.error(usageMessage(message, errorOptions?.code), { ...errorOptions, exitCode: EXIT.badInput });
  }

  /** The help shown for want of a command (`albero`, `albero admin`) is a usage error too: exit 2; asked for (`--help`), 0. */
  override help(context?: HelpContext): never;
  override help(cb: (str: string) => string): never;
  override help(context?: HelpContext | ((str: string) => string)): never {
    if (typeof context === 'object' && context.error === true && process.exitCode === undefined) process.exitCode = EXIT.badInput;
    return typeof context === 'function' ? super.help(context) : super.help(context);
  }
}

export function buildProgram(argv: readonly string[] = process.argv): Command {
  // Usage errors come before any action: the language is read from the arguments already now.
  useLanguage(languageFromArgs(argv));
  const program = new AlberoCommand();
  program
    .name('albero')
    .description(say('cli-about-program', {}))
    .version('0.1.0', '-V, --version', say('cli-version-option', {}))
    .showHelpAfterError(say('cli-help-hint', {}))
    // Before any command is added: each command copies these when it is made.
    .helpOption('-h, --help', say('cli-help-option', {}))
    .configureHelp({ styleTitle: (title) => say('cli-help-title', { title }), optionDescription, argumentDescription });
  program.helpCommand('help [command]', say('cli-help-option', {}));
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
  program.hook('preAction', (_program, action) => {
    useLanguage(action.opts<{ lang?: Language }>().lang);
    // A workbook limit given a bad value (ALBERO_XLSX_MAX_*) stops every command before it runs, named in the user's language.
    const setting = xlsxSettingProblem();
    if (setting !== null) {
      badInput(commandPath(action), renderCoded(setting, cliLanguage()));
      process.exit(EXIT.badInput);
    }
  });
  return program;
}

/** `admin create-user`: a command's name under the program. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null && c.parent !== null; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
