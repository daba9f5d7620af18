import type { Command } from 'commander';
import { evaluatePlan, hasErrors, planSize, problem } from '../../core/index.js';
import { importDocument } from '../../io/json.js';
import { loadTable } from '../../io/load.js';
import { terminalText } from '../terminal.js';
import { EXIT, badInput, cannotWrite, cliLanguage, printIssues, replacedInput, say, writeJson, writeWhole } from '../shared.js';

/**
 * `albero import FILE --check`: the dry run offices use before sending a spreadsheet — every
 * problem with its sheet and cell, nothing imported. Without `--check` the plan is imported into
 * a file (`--output plan.json`, the evaluation document with the plan's inputs), since the CLI has no database of its own;
 * that document is imported back (here or into the server) as the same plan.
 */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(say('cli-about-import', {}))
    .argument('<file>', say('cli-about-import-file', {}))
    .option('--check', say('cli-about-import-check', {}))
    .option('--output <out>', say('cli-about-import-output', {}))
    .option('--json', say('cli-about-import-json', {}))
    .action(async (file: string, options: { check?: boolean; output?: string; json?: boolean }) => {
      // The document is JSON whatever the name: `--output plan.xlsx` wrote JSON under a workbook's
      // name, which a spreadsheet then could not open. Refused before the table is read, nothing written.
      if (options.output !== undefined && !/\.json$/i.test(options.output)) return badInput('import', say('cli-output-name', { file: options.output, what: 'import' }));
      const replaced = replacedInput(options.output, [file]);
      if (replaced !== undefined) return badInput('import', say('cli-output-is-input', { file: options.output!, input: replaced }));
      // The stated cells are read (an unreadable one is an error) but not kept: the import never uses them.
      // The JSON this command writes is read back too (`planJson`): an import takes its own document as it takes the workbook.
      const loaded = await loadTable(file, { stated: false, planJson: true });
      const { value } = loaded;
      // The Struttura and Referente cells name a registry's units and accounts the command line has not: said, not assigned.
      const units = value?.assignedUnits?.length ?? 0;
      const people = value?.assignedPeople?.length ?? 0;
      const issues = units + people === 0 ? loaded.issues : [...loaded.issues, problem('warning', 'assignments-not-applied', { units, people }, { file })];
      const usable = value !== null && !hasErrors(issues);
      const { areas, objectives, indicators } = planSize(value?.plan ?? { nodes: [] });
      const counts = { errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length };
      if (options.json === true) writeJson({ file, usable, areas, objectives, indicators, ...counts, issues });
      else printIssues(issues, { quiet: false });
      const summary = (outcome: 'refused' | 'dry-run' | 'no-output' | 'written'): string =>
        terminalText(say('cli-import-summary', { file, areas, objectives, indicators, ...counts, outcome, output: options.output }));
      if (!usable) {
        process.stderr.write(`${summary('refused')}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      if (options.check === true || options.output === undefined) {
        process.stderr.write(`${summary(options.check === true ? 'dry-run' : 'no-output')}\n`);
        return void (process.exitCode = EXIT.ok);
      }
      // The document evaluate --json prints, with every input of the plan and what the table assigned (io/json.ts
      // `importDocument`): read back by an import, this command's or the server's, as the same plan. Its amount texts in the command line's language too.
      const document = importDocument(evaluatePlan(value.plan), value, issues, cliLanguage());
      try {
        await writeWhole([{ path: options.output, data: `${JSON.stringify(document, null, 2)}\n` }]);
      } catch (error) {
        return badInput('import', cannotWrite(options.output, error));
      }
      process.stderr.write(`${summary('written')}\n`);
    });
}
