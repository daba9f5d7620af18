import { Option, type Command } from 'commander';
import { evaluatePlan, explainNode, explanationLines, type Language } from '../../core/index.js';
import { explanationDocument } from '../../io/json.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, loadOrReport, writeJson } from '../shared.js';

export function registerExplain(program: Command): void {
  addPlanOptions(program.command('explain'))
    .description("show how an objective's performance was made, step by step, down to its indicators")
    .argument('<file>', 'a published table (.txt/.tsv)')
    .argument('<code>', 'the objective code, e.g. A.2')
    .option('--json', 'print the explanation as JSON')
    .addOption(new Option('--lang <language>', 'the language of the explanation').choices(['en', 'it']).default('en'))
    .action(async (file: string, code: string, options: { json?: boolean; lang: Language } & PlanOptions) => {
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const evaluation = evaluatePlan(applyPlanOptions(loaded.table.plan, options));
      const explanation = explainNode(evaluation, code, options.lang);
      if (explanation === undefined) {
        const known = evaluation.nodeResults.map((r) => r.node.code);
        process.stderr.write(`${file}: no objective with the code "${code}" (the codes are ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''})\n`);
        process.exitCode = EXIT.badInput;
        return;
      }
      if (options.json === true) {
        writeJson(explanationDocument(explanation));
      } else {
        process.stdout.write(`${explanation.code} ${explanation.title}\n\n${explanationLines(explanation, options.lang).join('\n')}\n`);
      }
    });
}
