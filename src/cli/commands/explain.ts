import type { Command } from 'commander';
import { evaluatePlan, explainNode, explanationLines } from '../../core/index.js';
import { explanationDocument } from '../../io/json.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, cliLanguage, languageOption, loadOrReport, say, writeJson } from '../shared.js';

export function registerExplain(program: Command): void {
  addPlanOptions(program.command('explain'))
    .description(say('cli-about-explain', {}))
    .argument('<file>', say('cli-about-table', {}))
    .argument('<code>', say('cli-about-explain-code', {}))
    .option('--json', say('cli-about-explain-json', {}))
    .addOption(languageOption())
    .action(async (file: string, code: string, options: { json?: boolean } & PlanOptions) => {
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const evaluation = evaluatePlan(applyPlanOptions(loaded.table.plan, options));
      const language = cliLanguage();
      const explanation = explainNode(evaluation, code, language);
      if (explanation === undefined) {
        const known = evaluation.nodeResults.map((r) => r.objective.code);
        process.stderr.write(`${say('cli-unknown-objective', { file, code, known: known.slice(0, 8), more: known.length > 8 })}\n`);
        process.exitCode = EXIT.badInput;
        return;
      }
      if (options.json === true) {
        writeJson(explanationDocument(explanation));
      } else {
        process.stdout.write(`${explanation.code} ${explanation.title}\n\n${explanationLines(explanation, language).join('\n')}\n`);
      }
    });
}
