import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { comparePlans, comparisonSide, evaluatePlan, formatLocation, type ChangeGroup, type Language, type PlanChange } from '../../core/index.js';
import { changesDocument } from '../../io/json.js';
import { DIFF_WORDS } from '../../messages/cli.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, cliLanguage, loadOrReport, say, writeJson } from '../shared.js';

/** The groups in the order they are printed. */
const GROUPS: readonly ChangeGroup[] = ['structure', 'plan', 'measurement', 'result'];

/** A change in the command line's language, said from its code and parameters through the catalogue. */
function changeLine(change: PlanChange, language: Language): string {
  const { code, params } = change.said;
  const [before, after] = [comparisonSide(code, params, 'before', language), comparisonSide(code, params, 'after', language)];
  const kindWords = DIFF_WORDS[language].kind[change.kind];
  const where = change.origin === undefined ? '' : pc.dim(`  (${formatLocation(change.origin, language)})`);
  const subject = `${change.code === '' ? '' : pc.bold(change.code)}${change.indicator === undefined ? '' : language === 'it' ? ` «${change.indicator}»` : ` “${change.indicator}”`}`;
  if (before === null) return `  ${pc.green('+')} ${subject} ${kindWords}: ${after}${where}`;
  if (after === null) return `  ${pc.red('−')} ${subject} ${kindWords}: ${before}${where}`;
  return `  ${pc.yellow('~')} ${subject} ${kindWords}: ${before} → ${after}${where}`;
}

export function registerDiff(program: Command): void {
  addPlanOptions(program.command('diff'))
    .description(say('cli-about-diff', {}))
    .argument('<before>', say('cli-about-diff-before', {}))
    .argument('<after>', say('cli-about-diff-after', {}))
    .option('--json', say('cli-about-diff-json', {}))
    .addOption(new Option('--only <group>', say('cli-about-diff-only', {})).choices(GROUPS))
    .action(async (beforeFile: string, afterFile: string, options: { json?: boolean; only?: ChangeGroup } & PlanOptions) => {
      const earlier = await loadOrReport(beforeFile);
      const later = await loadOrReport(afterFile);
      if (earlier === null || later === null) return void (process.exitCode = EXIT.badInput);
      const all = comparePlans(evaluatePlan(applyPlanOptions(earlier.table.plan, options)), evaluatePlan(applyPlanOptions(later.table.plan, options)));
      const changes = options.only === undefined ? all : all.filter((c) => c.group === options.only);
      // The words in the command line's language (--lang, else the locale), from each change's code and parameters.
      const language = cliLanguage();
      if (options.json === true) {
        writeJson({ before: beforeFile, after: afterFile, ...changesDocument(changes, language) });
      } else if (changes.length === 0) {
        process.stdout.write(`${pc.green('✔')} ${say('cli-diff-none', { before: beforeFile, after: afterFile })}\n`);
      } else {
        for (const group of GROUPS) {
          const mine = changes.filter((c) => c.group === group);
          if (mine.length === 0) continue;
          process.stdout.write(`${pc.bold(DIFF_WORDS[language].group[group])} (${mine.length})\n${mine.map((c) => changeLine(c, language)).join('\n')}\n\n`);
        }
        process.stdout.write(`${say('cli-diff-summary', { count: changes.length, before: beforeFile, after: afterFile })}\n`);
      }
      process.exitCode = changes.length === 0 ? EXIT.ok : EXIT.differences;
    });
}
