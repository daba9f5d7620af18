/**
 * The legend's words on the screen. A plan's legend labels are the body's Italian sentences
 * ("Performance superiore all'80% del target", from its file or made by core/legend.ts): an
 * Italian screen shows them as they are, an English one says each rule from its thresholds.
 */
import type { Band } from '../../../src/core/band.js';
import { weight, type Lang } from './format.js';

export interface LegendRuleDocument {
  band: Band;
  label: string;
  /** Lower bound in percent; null for the rule that takes what the others leave. */
  min: number | null;
  minInclusive: boolean;
}

/**
 * The range each rule covers, as the engine classifies (the first rule that matches): its lower
 * bound and the one of the rule before, each marked included or not (`≥ 60%`, `≤ 80%`); empty
 * for a rule with neither (a legend of one rule).
 */
export function legendRanges(rules: readonly LegendRuleDocument[], lang: Lang): string[][] {
  return rules.map((r, k) => {
    const above = k === 0 ? null : rules[k - 1]!;
    const lower = r.min === null ? null : `${r.minInclusive ? '≥' : '>'} ${weight(r.min, lang)}`;
    const upper = above === null || above.min === null ? null : `${above.minInclusive ? '<' : '≤'} ${weight(above.min, lang)}`;
    return [lower, upper].filter((p) => p !== null);
  });
}
