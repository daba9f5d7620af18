/**
 * Explanation: "why 93%?" answered by data. For a node, the terms of its weighted mean (declared
 * weight, re-normalised share, score, points) and why anything was left out; for an indicator, how
 * its actual was obtained and how it was scored. The CLI, the API, the reports and the web app all
 * print from this, so no one re-derives a number on their own.
 */
import { Decimal, HUNDRED, ZERO } from './decimal.js';
import { previousFromPredecessor, type Evaluation, type IndicatorResult, type ObjectiveResult } from './evaluation.js';
import { computedFromChildren, type IndicatorState, type Measurement } from './model.js';
import { formatPercentIn } from './italian.js';
import { describeScore, fmt, show } from './scoring.js';
import { NOT_EVALUABLE_MARK, reasonText, WORDS, type Language } from './words.js';

export interface Contribution {
  readonly kind: 'indicator' | 'child';
  /** Indicator id or child code. */
  readonly ref: string;
  /** Indicator name or child code and title. */
  readonly label: string;
  /** As declared, in percent (for equally weighted children: 1 each). */
  readonly weight: Decimal;
  /** Re-normalised weight, 0–1; null when the term is left out. */
  readonly share: Decimal | null;
  readonly score: Decimal | null;
  /** share × score: what the term adds to the result. */
  readonly points: Decimal | null;
  /** Why the term is left out of the mean. */
  readonly excluded?: string;
  /**
   * Why the term's result is not given yet (the values of a period still taking values, withheld
   * from the public): it is not left out of the mean, it is not published yet.
   */
  readonly pending?: string;
}

export interface IndicatorExplanation {
  readonly id: string;
  readonly name: string;
  readonly state: IndicatorState;
  /** The state in words; a not measured one says whether it was declared so or is not entered yet. */
  readonly stateText: string;
  readonly score: Decimal | null;
  /** How the score was reached, in one line. */
  readonly scoring: string;
  /** For a `children_mean` indicator, the terms of its actual. */
  readonly derivation: readonly Contribution[] | null;
}

export interface NodeExplanation {
  readonly code: string;
  readonly title: string;
  readonly performance: Decimal | null;
  readonly basis: ObjectiveResult['basis'];
  readonly contributions: readonly Contribution[];
  readonly indicators: readonly IndicatorExplanation[];
  /** One line: `A.2 = 30% × 100 + 70% × 90 (= mean of A.2.1 80, A.2.2 100) = 93,00%`. */
  readonly formula: string;
}

/**
 * A not measured indicator in words: declared so (a value saved, which counts as entered) with its
 * reason, or not entered yet. Said apart because only the second is still missing.
 */
export function notMeasuredText(m: Measurement, language: Language): string {
  const w = WORDS[language];
  if (m.state !== 'not_measured' || m.declared === undefined) return w.notEnteredYet;
  return w.declaredNotMeasured(m.declared.reason === null ? null : reasonText(m.declared.reason, language));
}

function exclusion(r: IndicatorResult, language: Language): string {
  if (r.state === 'not_evaluable') {
    const m = r.indicator.measurement;
    return `${NOT_EVALUABLE_MARK[language]}${m.state === 'not_evaluable' && m.reason !== '' ? `: ${reasonText(m.reason, language)}` : ''}`;
  }
  if (r.state === 'not_measured') return notMeasuredText(r.indicator.measurement, language);
  return r.issues.map((i) => i.message).join('; ') || WORDS[language].notScored;
}

/** Why a withheld plan's results are not given: the period in progress, or never closed before the plan was archived. */
function withheldWords(evaluation: Evaluation, language: Language): string {
  return evaluation.plan.notClosedWhenArchived === true ? WORDS[language].resultsNotClosed : WORDS[language].resultsPending;
}

/** The terms of a node's own mean, with shares re-normalised over the counted ones. */
export function contributions(evaluation: Evaluation, code: string, language: Language = 'en'): Contribution[] {
  const result = evaluation.node(code);
  if (result === undefined) return [];
  if (result.basis === 'children') return childTerms(evaluation, code, language);
  const counted = result.indicators.filter((r) => r.counted && r.performance !== null);
  const total = counted.reduce((t, r) => t.plus(r.indicator.weight), ZERO);
  const equal = total.isZero();
  return result.indicators.map((r) => {
    const base = { kind: 'indicator' as const, ref: r.indicator.id, label: r.indicator.name, weight: r.indicator.weight };
    if (r.state === 'pending') return { ...base, share: null, score: null, points: null, pending: withheldWords(evaluation, language) };
    if (!r.counted || r.performance === null) return { ...base, share: null, score: null, points: null, excluded: exclusion(r, language) };
    const share = equal ? new Decimal(1).div(counted.length) : r.indicator.weight.div(total);
    return { ...base, share, score: r.performance, points: share.times(r.performance) };
  });
}

/** The terms of the weighted mean of a node's children (its roll-up, or its `children_mean` actual). */
export function childTerms(evaluation: Evaluation, code: string, language: Language = 'en'): Contribution[] {
  const children = evaluation.children(code);
  const { weights } = evaluation.childWeights(code);
  const counted = children.filter((c) => c.performance !== null);
  const total = counted.reduce((t, c) => t.plus(weights.get(c.objective.code) ?? ZERO), ZERO);
  return children.map((c) => {
    const weight = weights.get(c.objective.code) ?? ZERO;
    const base = { kind: 'child' as const, ref: c.objective.code, label: `${c.objective.code} ${c.objective.title}`, weight };
    if (c.performance === null)
      return {
        ...base,
        share: null,
        score: null,
        points: null,
        ...(evaluation.plan.valuesWithheld === true ? { pending: withheldWords(evaluation, language) } : { excluded: WORDS[language].noPerformance }),
      };
    const share = total.isZero() ? new Decimal(1).div(counted.length) : weight.div(total);
    return { ...base, share, score: c.performance, points: share.times(c.performance) };
  });
}

export function explainIndicator(evaluation: Evaluation, r: IndicatorResult, language: Language = 'en'): IndicatorExplanation {
  const ind = r.indicator;
  const w = WORDS[language];
  const derivation = computedFromChildren(ind.formula) ? childTerms(evaluation, r.code, language) : null;
  let scoring: string;
  // Not "left out": its result exists, the reader is told when it will be given.
  if (r.state === 'pending') scoring = withheldWords(evaluation, language);
  else if (r.state === 'not_evaluable' || (r.state === 'not_measured' && !r.counted)) scoring = `${w.leftOut}: ${exclusion(r, language)}`;
  else if (r.state === 'not_achieved') scoring = w.notAchievedScoresZero;
  else if (r.state === 'not_measured') scoring = w.scoresZeroByPolicy(notMeasuredText(ind.measurement, language));
  else if (r.actual === null) scoring = w.notScored;
  else {
    scoring = describeScore(
      { comparator: ind.comparator, tolerance: ind.tolerance, target: ind.target, actual: r.actual, rule: r.rule },
      { score: r.performance, met: r.met, issues: r.issues },
      ind.unit,
      language,
    );
    if (ind.formula !== null && !computedFromChildren(ind.formula)) {
      const f = ind.formula;
      scoring = `${f.kind === 'ratio' ? `${f.numerator} / ${f.denominator} × ${fmt(f.scale, 2, language)}` : `(${f.current} − ${f.previous}) / ${f.previous} × 100`} = ${show(r.actual, ind.unit, language)}; ${scoring}`;
      if (f.kind === 'trend' && previousFromPredecessor(ind)) scoring = `${scoring} (${w.fromPredecessor(f.previous, fmt(ind.predecessorValue!.value, 2, language), ind.predecessorValue!.year)})`;
    }
  }
  const stateText = r.state === 'not_measured' ? notMeasuredText(ind.measurement, language) : w.states[r.state];
  return { id: ind.id, name: ind.name, state: r.state, stateText, score: r.performance, scoring, derivation };
}

function pct(share: Decimal, language: Language): string {
  return `${fmt(share.times(HUNDRED), 2, language)}%`;
}

function termsText(terms: readonly Contribution[], language: Language): string {
  return terms
    .filter((t) => t.share !== null)
    .map((t) => `${pct(t.share!, language)} × ${fmt(t.score!, 2, language)}`)
    .join(' + ');
}

/** How a node's number was made, step by step, down to its indicators. */
export function explainNode(evaluation: Evaluation, code: string, language: Language = 'en'): NodeExplanation | undefined {
  const w = WORDS[language];
  const result = evaluation.node(code);
  if (result === undefined) return undefined;
  const terms = contributions(evaluation, code, language);
  const indicators = result.indicators.map((r) => explainIndicator(evaluation, r, language));
  const total = result.performance === null ? w.noPerformance : formatPercentIn(result.performance, language);
  let formula: string;
  // Its terms are still listed (what was reported), but they did not make the number.
  if (evaluation.isForced(code)) formula = `${code} = ${total} (${w.forced})`;
  // Values withheld: not "no counted indicator", which would be a fact about the objective.
  else if (evaluation.plan.valuesWithheld === true) formula = `${code}: ${withheldWords(evaluation, language)}`;
  else if (result.basis === 'children') {
    formula = `${code} = ${result.performance === null ? '' : `${termsText(terms, language)} (${w.rollUp}) = `}${total}`;
  } else if (result.basis === 'none' || result.performance === null) {
    formula = `${code}: ${result.indicators.length === 0 ? w.noIndicatorsNoChildren : w.noCountedIndicator}, ${total}`;
  } else {
    const parts = terms
      .filter((t) => t.share !== null)
      .map((t) => {
        const r = result.indicators.find((i) => i.indicator.id === t.ref)!;
        const text = `${pct(t.share!, language)} × ${fmt(t.score!, 2, language)}`;
        if (!computedFromChildren(r.indicator.formula)) return text;
        const kids = childTerms(evaluation, code, language).filter((k) => k.share !== null);
        const equal = evaluation.childWeights(code).equal;
        const listing = kids.map((k) => `${k.ref} ${fmt(k.score!, 2, language)}${equal ? '' : ` (${fmt(k.weight, 2, language)}%)`}`).join(', ');
        return `${text} (= ${equal ? w.mean : w.weightedMean} ${listing})`;
      });
    formula = `${code} = ${parts.join(' + ')} = ${total}`;
  }
  return { code, title: result.objective.title, performance: result.performance, basis: result.basis, contributions: terms, indicators, formula };
}

/** A term without points: why its result is not given yet, or why it is left out. */
function leftOutOrPending(t: Contribution, language: Language): string {
  return t.pending ?? `${WORDS[language].leftOut} (${t.excluded ?? ''})`;
}

/** The explanation as lines of text for a terminal or a report. */
export function explanationLines(explanation: NodeExplanation, language: Language = 'en'): string[] {
  const w = WORDS[language];
  const lines = [explanation.formula, ''];
  for (const t of explanation.contributions) {
    if (t.share === null) lines.push(`  – ${t.label}: ${leftOutOrPending(t, language)}`);
    else
      lines.push(
        `  • ${t.label}: ${w.weight} ${fmt(t.weight, 2, language)}${t.kind === 'indicator' ? '%' : ''} → ${w.share} ${pct(t.share, language)}, ${w.score} ${fmt(t.score!, 2, language)}, ${w.adds} ${fmt(t.points!, 2, language)}`,
      );
  }
  if (explanation.indicators.length > 0) lines.push('', w.indicators);
  for (const ind of explanation.indicators) {
    lines.push(`  ${ind.name} [${ind.stateText}]`);
    lines.push(`      ${ind.scoring}`);
    if (ind.derivation !== null) {
      for (const d of ind.derivation) {
        lines.push(
          d.share === null
            ? `      – ${d.label}: ${leftOutOrPending(d, language)}`
            : `      • ${d.label}: ${fmt(d.score!, 2, language)} × ${w.share} ${pct(d.share, language)} = ${fmt(d.points!, 2, language)}`,
        );
      }
    }
  }
  return lines;
}
