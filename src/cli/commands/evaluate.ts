import type { Command } from 'commander';
import pc from 'picocolors';
import { BAND_MARK, evaluatePlan, fmt, formatPercentIn, type Band, type Evaluation, type Language } from '../../core/index.js';
import { TREE_WORDS } from '../../messages/cli.js';
import { actualAmountText, amountText, evaluationJson } from '../../io/json.js';
import { terminalText } from '../terminal.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, cliLanguage, loadOrReport, say, writeChunks } from '../shared.js';

const PAINT: Record<Band, (s: string) => string> = { green: pc.green, yellow: pc.yellow, red: pc.red };

export function registerEvaluate(program: Command): void {
  addPlanOptions(program.command('evaluate'))
    .description(say('cli-about-evaluate', {}))
    .argument('<file>', say('cli-about-table', {}))
    .option('--json', say('cli-about-evaluate-json', {}))
    .option('--verbose', say('cli-about-evaluate-verbose', {}))
    .action(async (file: string, options: { json?: boolean; verbose?: boolean } & PlanOptions) => {
      const loaded = await loadOrReport(file, { quiet: options.verbose !== true });
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      // Every indicator is read once more to be written: kept, its score need not be made again.
      const evaluation = evaluatePlan(applyPlanOptions(loaded.table.plan, options), { keepScores: true });
      // Streamed: a 200,000-indicator plan's document is never held whole (issue 15). Its amount
      // texts in the command line's language, as `report` writes its table and `diff --json` its texts.
      if (options.json === true) await writeChunks(evaluationJson(evaluation, loaded.issues, cliLanguage()), { safe: true });
      else await writeChunks(renderTree(evaluation, process.stdout.columns ?? 140, cliLanguage()));
    });
}

function cut(raw: string, width: number): string {
  const text = terminalText(raw);
  return text.length <= width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The evaluated tree as a table for a terminal: the fixture's columns, bands coloured and marked; handed out in pieces of some thousand lines. */
export function* renderTree(evaluation: Evaluation, columns: number, language: Language): Generator<string> {
  const w = TREE_WORDS[language];
  const nameWidth = Math.max(30, Math.min(90, columns - 62));
  let out: string[] = [];
  const header = `${cut(w.name, nameWidth)}  ${w.weight.padStart(7)} ${w.target.padStart(12)} ${w.actual.padStart(12)} ${w.kpi.padStart(9)} ${w.objective.padStart(11)}`;
  out.push(pc.bold(header), '─'.repeat(Math.min(columns, header.length)));
  for (let k = 0; k < evaluation.nodeCount; k++) {
    if (out.length >= 4096) {
      yield `${out.join('\n')}\n`;
      out = [];
    }
    const r = evaluation.nodeAt(k);
    const depth = r.objective.code.split('.').length - 1;
    const band = r.band === null ? '' : PAINT[r.band](`${BAND_MARK[r.band]} ${formatPercentIn(r.performance, language).padStart(8)}`);
    const label = cut(`${'  '.repeat(depth)}${r.objective.code} ${r.objective.title}`, nameWidth);
    const weight = r.objective.weight === null ? '' : `${fmt(r.objective.weight, 4, language)}%`;
    out.push(`${pc.bold(label)}  ${weight.padStart(7)} ${''.padStart(12)} ${''.padStart(12)} ${''.padStart(9)} ${band === '' ? (r.performance === null ? pc.dim('       —') : '') : band}`);
    for (const i of r.indicators) {
      const ind = i.indicator;
      const actual = i.state === 'not_evaluable' ? w.notEvaluable : i.state === 'not_achieved' ? w.notAchieved : i.state === 'not_measured' ? '—' : actualAmountText(i.actual, ind, language);
      const kpi = i.performance === null ? '' : formatPercentIn(i.performance, language);
      out.push(
        `${cut(`${'  '.repeat(depth + 1)}${ind.name}`, nameWidth)}  ${`${fmt(ind.weight, 4, language)}% ${ind.comparator}`.padStart(7)} ${cut(amountText(ind.target, ind.unit, language), 12)
          .trimEnd()
          .padStart(12)} ${actual.padStart(12)} ${kpi.padStart(9)}`,
      );
    }
  }
  const rules = evaluation.plan.settings.legend.rules;
  const legend = rules.map((rule, k) => {
    const upper = rules[k - 1]?.min;
    const words = say('cli-legend-rule', {
      label: rule.label,
      ...(rule.min === undefined ? {} : { min: fmt(rule.min, 2, language), inclusive: rule.minInclusive === true }),
      ...(upper === undefined ? {} : { upper: fmt(upper, 2, language) }),
    });
    return PAINT[rule.band](`${BAND_MARK[rule.band]} ${words}`);
  });
  out.push('', ...legend, '');
  yield `${out.join('\n')}\n`;
}
