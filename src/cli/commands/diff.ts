import { Option, type Command } from 'commander';
import pc from 'picocolors';
import { comparePlans, evaluatePlan, formatLocation, type ChangeGroup, type PlanChange } from '../../core/index.js';
import { changesDocument } from '../../io/json.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, loadOrReport, writeJson } from '../shared.js';

const GROUPS: ReadonlyArray<[ChangeGroup, string]> = [
  ['structure', 'Structure: objectives and indicators added, removed, moved or renamed'],
  ['plan', 'Plan: targets, weights and rules (changes to disclose in the Relazione)'],
  ['measurement', 'Measurements: actuals and states'],
  ['result', 'Results: objective performance'],
];

/** `target`, `objective-weight` → `target`, `objective weight`. */
function kindWords(change: PlanChange): string {
  return change.kind.replace('-', ' ');
}

function changeLine(change: PlanChange): string {
  const where = change.origin === undefined ? '' : pc.dim(`  (${formatLocation(change.origin)})`);
  const subject = `${change.code === '' ? '' : pc.bold(change.code)}${change.indicator === undefined ? '' : ` "${change.indicator}"`}`;
  if (change.before === null) return `  ${pc.green('+')} ${subject} ${kindWords(change)}: ${change.after}${where}`;
  if (change.after === null) return `  ${pc.red('−')} ${subject} ${kindWords(change)}: ${change.before}${where}`;
  return `  ${pc.yellow('~')} ${subject} ${kindWords(change)}: ${change.before} → ${change.after}${where}`;
}

export function registerDiff(program: Command): void {
  addPlanOptions(program.command('diff'))
    .description('list what changed between two versions of a plan: structure, targets and weights, measurements, performance')
    .argument('<before>', 'the earlier version (.txt/.tsv/.xlsx)')
    .argument('<after>', 'the later version')
    .option('--json', 'print { before, after, counts, changes } as JSON')
    .addOption(new Option('--only <group>', 'only one group of changes').choices(GROUPS.map(([g]) => g)))
    .action(async (beforeFile: string, afterFile: string, options: { json?: boolean; only?: ChangeGroup } & PlanOptions) => {
      const earlier = await loadOrReport(beforeFile);
      const later = await loadOrReport(afterFile);
      if (earlier === null || later === null) return void (process.exitCode = EXIT.badInput);
      const all = comparePlans(evaluatePlan(applyPlanOptions(earlier.table.plan, options)), evaluatePlan(applyPlanOptions(later.table.plan, options)));
      const changes = options.only === undefined ? all : all.filter((c) => c.group === options.only);
      if (options.json === true) {
        writeJson({ before: beforeFile, after: afterFile, ...changesDocument(changes) });
      } else if (changes.length === 0) {
        process.stdout.write(`${pc.green('✔')} no changes from ${beforeFile} to ${afterFile}\n`);
      } else {
        for (const [group, title] of GROUPS) {
          const mine = changes.filter((c) => c.group === group);
          if (mine.length === 0) continue;
          process.stdout.write(`${pc.bold(title)} (${mine.length})\n${mine.map(changeLine).join('\n')}\n\n`);
        }
        process.stdout.write(`${changes.length} change${changes.length === 1 ? '' : 's'} from ${beforeFile} to ${afterFile}\n`);
      }
      process.exitCode = changes.length === 0 ? EXIT.ok : EXIT.differences;
    });
}
