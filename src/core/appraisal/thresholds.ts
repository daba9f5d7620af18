/**
 * The SMVP's per-indicator thresholds: where a plan prints its own "range di valutazione 70% / 90%"
 * on a row, that indicator's score is banded with its own thresholds, not the plan's legend. The
 * objective's band stays the legend's (the SMVP states these for the row, not for the objective).
 * A threshold names its objective by code and its indicator by name, compared as the registry
 * compares names (trimmed, inner spaces collapsed, case-insensitive).
 */
import { tableNumberText } from '../amount-words.js';
import type { Evaluation } from '../evaluation.js';
import { formatItalianNumber } from '../italian.js';
import { BAND_WORD, classify, legendFromThresholds, type Band } from '../legend.js';
import type { Decimal } from '../decimal.js';
import type { Step } from './form.js';
import type { IndicatorThreshold, Smvp } from './smvp.js';

export interface IndicatorBand {
  readonly indicatorId: string;
  /** The objective's code and the indicator's name, as the threshold names them. */
  readonly code: string;
  readonly indicator: string;
  readonly green: Decimal;
  readonly yellow: Decimal;
  /** As the SMVP's legend says: whether a score equal to a threshold reaches its band. */
  readonly greenInclusive: boolean;
  readonly yellowInclusive: boolean;
  readonly score: Decimal | null;
  /** With the indicator's own thresholds; null when it has no score. */
  readonly band: Band | null;
  /** The plan's legend would have said: shown when it differs. */
  readonly legendBand: Band | null;
  readonly step: Step;
}

const key = (text: string): string => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('it-IT');
const BAND_EN: Record<Band, string> = { green: 'green', yellow: 'yellow', red: 'red' };

/** The indicators of the objective `code` (or of every objective) that the SMVP gives thresholds of their own. */
export function indicatorThresholdBands(evaluation: Evaluation, smvp: Pick<Smvp, 'indicatorThresholds' | 'legend'>, code?: string): IndicatorBand[] {
  const byRow = new Map<string, IndicatorThreshold>(smvp.indicatorThresholds.map((t) => [`${t.code}\u0000${key(t.indicator)}`, t]));
  if (byRow.size === 0) return [];
  const out: IndicatorBand[] = [];
  const codes = code === undefined ? [...new Set(smvp.indicatorThresholds.map((t) => t.code))] : [code];
  for (const c of codes) {
    const node = evaluation.node(c);
    if (node === undefined) continue;
    for (const r of node.indicators) {
      const t = byRow.get(`${c}\u0000${key(r.indicator.name)}`);
      if (t === undefined) continue;
      const legend = legendFromThresholds(t.green, t.yellow, smvp.legend.greenInclusive, smvp.legend.yellowInclusive);
      const band = classify(r.performance, legend);
      const legendBand = classify(r.performance, evaluation.plan.settings.legend);
      const s = r.performance === null ? null : `${formatItalianNumber(r.performance)}%`;
      // The thresholds are performances: said as the table prints a percentage, in each language (`90,00%`, `90.00%`).
      const threshold = (value: Decimal, language: 'it' | 'en'): string => tableNumberText(value.toFixed(), 'percent', language);
      const above = smvp.legend.greenInclusive ? { it: 'da', en: 'from' } : { it: 'oltre il', en: 'above' };
      const differs = band !== legendBand && legendBand !== null;
      out.push({
        indicatorId: r.indicator.id,
        code: c,
        indicator: r.indicator.name,
        green: t.green,
        yellow: t.yellow,
        greenInclusive: smvp.legend.greenInclusive,
        yellowInclusive: smvp.legend.yellowInclusive,
        score: r.performance,
        band,
        legendBand,
        step: {
          code: 'indicator-thresholds',
          it: `Indicatore "${r.indicator.name}" (${c}): range di valutazione proprio dal SMVP (verde ${above.it} ${threshold(t.green, 'it')}, giallo da ${threshold(t.yellow, 'it')}): ${s === null ? 'nessun punteggio' : `punteggio ${s} → ${BAND_WORD[band!]}`}${differs ? ` (con la legenda del piano sarebbe ${BAND_WORD[legendBand]})` : ''}.`,
          en: `Indicator "${r.indicator.name}" (${c}): its own evaluation range from the SMVP (green ${above.en} ${threshold(t.green, 'en')}, yellow from ${threshold(t.yellow, 'en')}): ${s === null ? 'no score' : `score ${r.performance!.toFixed(2)}% → ${BAND_EN[band!]}`}${differs ? ` (the plan's legend would say ${BAND_EN[legendBand]})` : ''}.`,
        },
      });
    }
  }
  return out;
}
