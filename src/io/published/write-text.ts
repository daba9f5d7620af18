/**
 * Writes a computed plan back in the published layout (tab-separated text), with its stated cells
 * filled from the computation: what an office would publish, and what `albero verify` reads.
 */
import { formatPercent, type Evaluation } from '../../core/index.js';
import { actualAmountText, amountText } from '../json.js';
import { LAYOUT_COLUMNS } from './layout.js';

export function writePublishedText(evaluation: Evaluation): string {
  const out: string[] = [`**${evaluation.plan.title}**`, '', LAYOUT_COLUMNS.join('\t')];
  for (const r of evaluation.nodeResults) {
    const weight = r.objective.weight === null ? '' : `${r.objective.weight.toString().replace('.', ',')}%`;
    out.push([`${r.objective.code} - ${r.objective.title}`, '', weight, '', '', '', formatPercent(r.performance)].join('\t'));
    for (const i of r.indicators) {
      const ind = i.indicator;
      const actual = i.state === 'not_evaluable' ? 'N.V.' : actualAmountText(i.actual, ind);
      // An empty KPI cell is how the layout says "not measured"; a recorded failure prints 0,00%.
      out.push(['', ind.name, `${ind.weight.toString().replace('.', ',')}% ${ind.comparator}`, amountText(ind.target, ind.unit), actual, formatPercent(i.performance), ''].join('\t'));
    }
  }
  out.push('', '#### Legenda', '', ...evaluation.plan.settings.legend.rules.flatMap((rule) => [rule.label, '']));
  return `${out.join('\n')}\n`;
}
