/**
 * One appraisal form (*scheda*) computed: the organisational components taken from the evaluated
 * tree, the individual objectives scored by the engine itself, the behaviours rated on the SMVP's
 * scale, weighted as the person's category's scheme says, and every step said in Italian and
 * English, so "why 84,50?" is answered by data as it is for an objective.
 *
 * - **Pro rata.** The unit component is the mean of the scores of the units the person worked in,
 *   weighted by the days in each (within the year) times the part-time percentage; the same
 *   "effective days" over the days of the year are the person's presence, which weighs their
 *   share of the bonus fund.
 * - **A component without a score** (a unit whose objectives have no performance yet, no objective
 *   counted) leaves the final mean and the other weights are re-normalised, with a step saying so.
 * - **Weights of individual objectives** not summing to 100 are refused (`strict`) or rescaled
 *   with a warning (`normalise`), as the SMVP's weight policy says; never silently.
 */
import { Decimal, HUNDRED, ZERO } from '../decimal.js';
import { evaluatePlan, weightedMean, type Term } from '../evaluation.js';
import { formatItalianDate, formatNumberIn } from '../italian.js';
import { problem, type Issue } from '../issues.js';
import { legendFromThresholds } from '../legend.js';
import { measuredState, type Amount, type Comparator, type Indicator, type Measurement, type MeasurementState, type ScoringRule, type Unit } from '../model.js';
import { COMPONENT_KINDS, COMPONENT_LABEL, bandOf, levelOf, schemeOf, weightTotal, type ComponentKind, type RatingBand, type Smvp, type StaffCategory } from './smvp.js';

export interface UnitAssignment {
  /** The unit's id in the organisation registry: what the tree's objectives are assigned to. */
  readonly unit: string;
  /** The unit's name, for the explanation (the id when absent). */
  readonly name?: string;
  /** ISO dates, both included. */
  readonly from: string;
  readonly to: string;
  /** Percent of full time (100 = full time). */
  readonly partTime: Decimal;
}

export interface IndividualObjective {
  readonly id: string;
  readonly title: string;
  readonly weight: Decimal;
  readonly comparator: Comparator;
  readonly target: Amount | null;
  readonly unit: Unit;
  /** null: the SMVP's default rule. */
  readonly scoring: ScoringRule | null;
  readonly measurement: Measurement;
}

export interface FormInput {
  readonly category: StaffCategory;
  readonly year: number;
  readonly assignments: readonly UnitAssignment[];
  readonly objectives: readonly IndividualObjective[];
  /** Behaviour code → the rating given (a value of the SMVP's scale). */
  readonly ratings: Readonly<Record<string, number>>;
}

/** The organisational results the form takes from the tree. */
export interface OrgScores {
  readonly body: Decimal | null;
  /** Unit (registry id) → its performance (null: nothing measured for it yet; absent: no objective of that unit). */
  readonly units: ReadonlyMap<string, Decimal | null>;
}

export interface Bilingual {
  readonly it: string;
  readonly en: string;
}

/** One line of the explanation: a stable code, its numbers, and the sentence in both languages. */
export interface Step extends Bilingual {
  readonly code: string;
}

export interface ComponentResult {
  readonly kind: ComponentKind;
  /** As the scheme declares it, in percent. */
  readonly weight: Decimal;
  /** Re-normalised over the components with a score, 0–1; null when left out. */
  readonly share: Decimal | null;
  readonly score: Decimal | null;
  /** share × score. */
  readonly points: Decimal | null;
}

export interface IndividualObjectiveResult {
  readonly id: string;
  readonly title: string;
  readonly weight: Decimal;
  readonly state: MeasurementState;
  readonly score: Decimal | null;
  readonly counted: boolean;
}

export interface BehaviourResult {
  readonly code: string;
  readonly title: string;
  readonly weight: Decimal;
  readonly rating: number | null;
  readonly label: string | null;
  readonly score: Decimal | null;
}

export interface UnitTerm {
  /** The registry id. */
  readonly unit: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly effectiveDays: Decimal;
  readonly score: Decimal | null;
}

export interface FormResult {
  readonly score: Decimal | null;
  readonly band: RatingBand | null;
  readonly components: readonly ComponentResult[];
  readonly objectives: readonly IndividualObjectiveResult[];
  readonly behaviours: readonly BehaviourResult[];
  readonly units: readonly UnitTerm[];
  /** Σ days × part-time / 100 within the year: the weight of the person's presence. */
  readonly presenceDays: Decimal;
  readonly daysInYear: number;
  readonly steps: readonly Step[];
  /** Errors make the form impossible to evaluate; warnings are said beside the score. */
  readonly issues: readonly Issue[];
  /** Every behaviour rated and every objective measured (or N.V.), no error: ready to be evaluated. */
  readonly complete: boolean;
}

const DAY = 86_400_000;
const isoDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
/** A number as each language of the steps writes it: `1.234,50` and `1,234.50`. */
const num = (d: Decimal, places = 2): Bilingual => ({ it: formatNumberIn(d, places, 'it'), en: formatNumberIn(d, places, 'en') });
const pct = (d: Decimal): Bilingual => {
  const n = num(d);
  return { it: `${n.it}%`, en: `${n.en}%` };
};
/** A weight as the published table writes one: `40%`, with the decimals it has (`12,5%`), as the form's table prints it. */
const weightOf = (d: Decimal): Bilingual => {
  const n = num(d, d.decimalPlaces());
  return { it: `${n.it}%`, en: `${n.en}%` };
};
/** A name quoted the way each language's documents quote: «Buono» in Italian, “Good” in English. */
const quoted = (name: string): Bilingual => ({ it: `«${name}»`, en: `“${name}”` });
/** Days are whole unless part time makes them fractional: `366`, `91,50`. */
const dayCount = (d: Decimal): Bilingual => (d.isInteger() ? num(d, 0) : num(d));

export function daysInYear(year: number): number {
  return isoDay(`${year + 1}-01-01`) - isoDay(`${year}-01-01`);
}

/** Each assignment's days within the year and effective days; problems (dates, overlaps) as issues. */
export function proRata(year: number, assignments: readonly UnitAssignment[]): { terms: Omit<UnitTerm, 'score'>[]; presenceDays: Decimal; issues: Issue[] } {
  const issues: Issue[] = [];
  const start = isoDay(`${year}-01-01`);
  const end = isoDay(`${year}-12-31`);
  const terms: Omit<UnitTerm, 'score'>[] = [];
  const spans: { from: number; to: number; partTime: Decimal; i: number; name: string }[] = [];
  assignments.forEach((a, i) => {
    const from = isoDay(a.from);
    const to = isoDay(a.to);
    if (!(from <= to)) {
      issues.push(problem('error', 'assignment-dates', { unit: a.name ?? a.unit, from: formatItalianDate(a.from), to: formatItalianDate(a.to) }, { field: `assignments.${i}.to` }));
      return;
    }
    if (a.partTime.lessThanOrEqualTo(ZERO) || a.partTime.greaterThan(HUNDRED)) {
      issues.push(problem('error', 'part-time', { unit: a.name ?? a.unit }, { field: `assignments.${i}.partTime` }));
      return;
    }
    const days = Math.max(0, Math.min(to, end) - Math.max(from, start) + 1);
    if (days === 0) issues.push(problem('warning', 'assignment-outside-year', { unit: a.name ?? a.unit, year }, { field: `assignments.${i}.from` }));
    terms.push({ unit: a.unit, name: a.name ?? a.unit, from: a.from, to: a.to, days, effectiveDays: new Decimal(days).times(a.partTime).div(100) });
    spans.push({ from: Math.max(from, start), to: Math.min(to, end), partTime: a.partTime, i, name: a.name ?? a.unit });
  });
  // Two assignments at once are allowed (a split post) as long as the part-time adds up to at most 100% on each day.
  // Each stretch of days over it is said, with its own load and units: HR mends them all at once, not one a save.
  // Between two edges the same assignments hold, so the load is the same on every day of a stretch.
  const edges = [...new Set(spans.flatMap((s) => [s.from, s.to + 1]))].sort((a, b) => a - b);
  let over: { from: number; to: number; load: Decimal; clash: typeof spans } | null = null;
  const say = (): void => {
    if (over === null) return;
    const day = (d: number): string => formatItalianDate(new Date(d * DAY).toISOString().slice(0, 10));
    const units = [...new Set(over.clash.map((s) => s.name))];
    issues.push(
      problem('error', 'assignments-overlap', { from: day(over.from), to: day(over.to), load: over.load.toString(), units }, { field: `assignments.${over.clash[over.clash.length - 1]!.i}.from` }),
    );
    over = null;
  };
  for (let k = 0; k + 1 < edges.length; k++) {
    const clash = spans.filter((s) => s.from <= edges[k]! && edges[k]! <= s.to);
    const load = clash.reduce((t, s) => t.plus(s.partTime), ZERO);
    if (!load.greaterThan(HUNDRED)) say();
    else if (over !== null && over.clash.length === clash.length && over.clash.every((s, j) => s === clash[j])) over.to = edges[k + 1]! - 1;
    else {
      say();
      over = { from: edges[k]!, to: edges[k + 1]! - 1, load, clash };
    }
  }
  say();
  return { terms, presenceDays: terms.reduce((t, x) => t.plus(x.effectiveDays), ZERO), issues };
}

function step(code: string, it: string, en: string): Step {
  return { code, it, en };
}

const STATE_WORDS: Record<MeasurementState, Bilingual> = {
  measured: { it: 'misurato', en: 'measured' },
  not_achieved: { it: 'non raggiunto', en: 'not achieved' },
  not_evaluable: { it: 'N.V.', en: 'N.E.' },
  not_measured: { it: 'non misurato', en: 'not measured' },
};

export interface ComputeOptions {
  /**
   * false: no explanation steps (`steps` stays empty). A list of 5,000 forms shows only the score
   * and the band; writing their explanations in two languages was a third of its cost.
   */
  readonly explain?: boolean;
  /**
   * true: the form is not evaluated yet, so its score is provisional and no band is given (`band`
   * null, the final step says "provisional" and names no band). The band is the evaluation's
   * outcome: it sets the person's bonus coefficient and is what the evaluation tells them, and a
   * form with ratings still to give and actuals still to come would show a band it may not keep,
   * read by the person as their rating before the evaluator has given one. The score stays, said
   * provisional, for the evaluator and HR to follow the year.
   */
  readonly provisional?: boolean;
}

/** Computes a form under the SMVP, with the organisational results taken from the tree. */
export function computeForm(smvp: Smvp, input: FormInput, org: OrgScores, options: ComputeOptions = {}): FormResult {
  const explain = options.explain !== false;
  const issues: Issue[] = [];
  const steps: Step[] = [];
  const scheme = schemeOf(smvp, input.category);
  const yearDays = daysInYear(input.year);
  const pr = proRata(input.year, input.assignments);
  issues.push(...pr.issues);
  const empty = (): FormResult => ({
    score: null,
    band: null,
    components: [],
    objectives: [],
    behaviours: [],
    units: [],
    presenceDays: pr.presenceDays,
    daysInYear: yearDays,
    steps,
    issues,
    complete: false,
  });
  if (scheme === undefined) {
    issues.push(problem('error', 'category-without-scheme', { category: input.category }, { field: 'category' }));
    return empty();
  }
  let complete = true;

  // The unit, pro rata.
  const units: UnitTerm[] = pr.terms.map((t) => ({ ...t, score: org.units.get(t.unit) ?? null }));
  for (const u of units) {
    if (!org.units.has(u.unit)) issues.push(problem('warning', 'unit-without-objectives', { unit: u.name }, { field: 'assignments' }));
  }
  const unitTerms: Term[] = units.filter((u) => u.score !== null && u.effectiveDays.greaterThan(ZERO)).map((u) => ({ weight: u.effectiveDays, value: u.score! }));
  const unitScore = unitTerms.length === 0 ? null : weightedMean(unitTerms);
  if (!explain) {
    // No words: the list wants the score only.
  } else if (units.length > 1 || units.some((u) => !new Decimal(u.days).equals(u.effectiveDays))) {
    const parts = units.map((u) => {
      const [from, to, days, score] = [formatItalianDate(u.from), formatItalianDate(u.to), dayCount(u.effectiveDays), u.score === null ? null : pct(u.score)];
      return {
        it: `${u.name} dal ${from} al ${to}: ${u.days} giorni × part-time = ${days.it} giorni effettivi, performance ${score?.it ?? 'non disponibile'}`,
        en: `${u.name} from ${from} to ${to}: ${u.days} days × part time = ${days.en} effective days, performance ${score?.en ?? 'not available'}`,
      };
    });
    const mean = unitScore === null ? null : pct(unitScore);
    steps.push(
      step(
        'unit-pro-rata',
        `Struttura pro rata: ${parts.map((p) => p.it).join('; ')}; media ponderata sui giorni effettivi = ${mean?.it ?? 'non disponibile'}.`,
        `Unit pro rata: ${parts.map((p) => p.en).join('; ')}; mean weighted by effective days = ${mean?.en ?? 'not available'}.`,
      ),
    );
  } else if (units.length === 1) {
    // One unit all year: still say which, so "why 50%?" names the unit whose objectives gave it.
    const score = unitScore === null ? null : pct(unitScore);
    steps.push(step('unit', `Struttura ${units[0]!.name}: performance ${score?.it ?? 'non disponibile'}.`, `Unit ${units[0]!.name}: performance ${score?.en ?? 'not available'}.`));
  }
  // Each number is formatted once into both notations (it, en): 5,000 forms format tens of thousands of them.
  if (explain) {
    const presence = [dayCount(pr.presenceDays), pct(pr.presenceDays.div(yearDays).times(100))] as const;
    steps.push(
      step(
        'presence',
        `Presenza nell'anno: ${presence[0].it} giorni effettivi su ${yearDays} (${presence[1].it}).`,
        `Presence in the year: ${presence[0].en} effective days of ${yearDays} (${presence[1].en}).`,
      ),
    );
  }

  // Individual objectives, scored by the engine.
  const objectives: IndividualObjectiveResult[] = [];
  let objectivesScore: Decimal | null = null;
  if (input.objectives.length > 0) {
    const total = weightTotal(input.objectives.map((o) => o.weight));
    if (!total.equals(HUNDRED)) {
      if (smvp.weightPolicy === 'strict') {
        issues.push(problem('error', 'objective-weights', { total: total.toString() }, { field: 'objectives' }));
      } else {
        issues.push(problem('warning', 'objective-weights-normalised', { total: total.toString() }, { field: 'objectives' }));
        if (explain)
          steps.push(
            step(
              'objective-weights-normalised',
              `Attenzione: i pesi degli obiettivi individuali sommano a ${pct(total).it}; sono riproporzionati a 100 (ciascuno × 100/${num(total).it}).`,
              `Warning: the weights of the individual objectives sum to ${pct(total).en}; they are rescaled to 100 (each × 100/${num(total).en}).`,
            ),
          );
      }
    }
    const indicators: Indicator[] = input.objectives.map((o) => ({
      id: o.id,
      name: o.title,
      weight: o.weight,
      comparator: o.comparator,
      tolerance: null,
      target: o.target,
      unit: o.unit,
      scoring: o.scoring,
      formula: null,
      measurement: o.measurement,
    }));
    const evaluation = evaluatePlan({
      title: 'scheda',
      nodes: [{ code: 'OI', title: 'Obiettivi individuali', parent: null, weight: null, indicators }],
      settings: {
        defaultScoring: { kind: smvp.defaultScoring },
        legend: legendFromThresholds(smvp.legend.green, smvp.legend.yellow, smvp.legend.greenInclusive, smvp.legend.yellowInclusive),
        notMeasured: smvp.notMeasured === 'zero' ? 'zero' : 'skip',
      },
    });
    const terms: Term[] = [];
    for (const o of input.objectives) {
      const r = evaluation.indicator(o.id)!;
      const state = measuredState(r.state);
      let score = r.counted ? r.performance : null;
      if (state === 'not_evaluable' && smvp.notEvaluable === 'achieved') score = HUNDRED;
      if (state === 'not_measured' && smvp.notMeasured === 'block') {
        complete = false;
        issues.push(problem('error', 'objective-not-measured', { title: o.title }, { field: `objectives.${o.id}` }));
      }
      for (const problem of r.issues) if (problem.severity === 'error') issues.push({ ...problem, location: { field: `objectives.${o.id}` } });
      objectives.push({ id: o.id, title: o.title, weight: o.weight, state, score, counted: score !== null });
      if (score !== null) terms.push({ weight: o.weight, value: score });
      if (!explain) continue;
      const shown = score === null ? { it: '', en: '' } : pct(score);
      const why =
        state === 'not_evaluable'
          ? smvp.notEvaluable === 'achieved'
            ? { it: 'N.V., neutralizzato come raggiunto (100)', en: 'N.E., neutralised as achieved (100)' }
            : { it: 'N.V., escluso: gli altri pesi sono riproporzionati', en: 'N.E., left out: the other weights are re-normalised' }
          : score === null
            ? { it: `${STATE_WORDS[state].it}, escluso`, en: `${STATE_WORDS[state].en}, left out` }
            : { it: `${STATE_WORDS[state].it}, punteggio ${shown.it}`, en: `${STATE_WORDS[state].en}, score ${shown.en}` };
      const [weight, name] = [weightOf(o.weight), quoted(o.title)];
      steps.push(step('objective', `Obiettivo ${name.it} (peso ${weight.it}): ${why.it}.`, `Objective ${name.en} (weight ${weight.en}): ${why.en}.`));
    }
    objectivesScore = weightedMean(terms);
  }

  // Behaviours on the scale.
  const behaviours: BehaviourResult[] = [];
  const catalogue = new Map(smvp.behaviours.map((b) => [b.code, b]));
  const inScheme = new Set(scheme.behaviours.map((b) => b.code));
  for (const code of Object.keys(input.ratings)) {
    if (!inScheme.has(code)) issues.push(problem('error', 'behaviour-not-in-scheme', { code, category: input.category }, { field: `ratings.${code}` }));
  }
  const bTerms: Term[] = [];
  for (const b of scheme.behaviours) {
    const rating = input.ratings[b.code];
    const title = catalogue.get(b.code)?.title ?? b.code;
    if (rating === undefined) {
      behaviours.push({ code: b.code, title, weight: b.weight, rating: null, label: null, score: null });
      if (scheme.components.behaviours.greaterThan(ZERO)) complete = false;
      continue;
    }
    const level = levelOf(smvp, rating);
    if (level === undefined) {
      issues.push(problem('error', 'rating-outside-scale', { code: b.code, rating, scale: smvp.ratingScale.map((l) => l.value) }, { field: `ratings.${b.code}` }));
      behaviours.push({ code: b.code, title, weight: b.weight, rating, label: null, score: null });
      continue;
    }
    behaviours.push({ code: b.code, title, weight: b.weight, rating, label: level.label, score: level.score });
    bTerms.push({ weight: b.weight, value: level.score });
    if (!explain) continue;
    const [weight, worth, name] = [weightOf(b.weight), pct(level.score), quoted(title)];
    steps.push(
      step(
        'behaviour',
        `Comportamento ${b.code} ${name.it} (peso ${weight.it}): ${rating} – ${level.label} = ${worth.it}.`,
        `Behaviour ${b.code} ${name.en} (weight ${weight.en}): ${rating} – ${level.label} = ${worth.en}.`,
      ),
    );
  }
  const unrated = behaviours.filter((b) => b.rating === null).length;
  if (explain && unrated > 0 && scheme.components.behaviours.greaterThan(ZERO)) {
    steps.push(step('behaviours-unrated', `${unrated} comportamenti non ancora valutati: il punteggio è provvisorio.`, `${unrated} behaviours not rated yet: the score is provisional.`));
  }
  const behavioursScore = weightedMean(bTerms);

  // The components and the final score.
  const scores: Record<ComponentKind, Decimal | null> = { body: org.body, unit: unitScore, objectives: objectivesScore, behaviours: behavioursScore };
  const present = COMPONENT_KINDS.filter((k) => scheme.components[k].greaterThan(ZERO));
  const counted = present.filter((k) => scores[k] !== null);
  const countedWeight = weightTotal(counted.map((k) => scheme.components[k]));
  const components: ComponentResult[] = present.map((k) => {
    const weight = scheme.components[k];
    const score = scores[k];
    const share = score === null || countedWeight.isZero() ? null : weight.div(countedWeight);
    return { kind: k, weight, share, score, points: share === null || score === null ? null : share.times(score) };
  });
  for (const c of components) {
    const label = COMPONENT_LABEL[c.kind];
    if (!explain) {
      // The score only.
    } else if (c.score === null) {
      const weight = weightOf(c.weight);
      steps.push(
        step(
          'component-missing',
          `${label.it} (peso ${weight.it}): nessun punteggio, esclusa; gli altri pesi sono riproporzionati.`,
          `${label.en} (weight ${weight.en}): no score, left out; the other weights are re-normalised.`,
        ),
      );
    } else {
      const [score, share, points] = [pct(c.score), pct(c.share!.times(100)), num(c.points!)];
      steps.push(step('component', `${label.it}: ${score.it} × ${share.it} = ${points.it} punti.`, `${label.en}: ${score.en} × ${share.en} = ${points.en} points.`));
    }
    if (c.score === null) issues.push(problem('warning', 'component-missing', { component: c.kind }, { field: `components.${c.kind}` }));
  }
  const score = counted.length === 0 ? null : components.reduce((t, c) => (c.points === null ? t : t.plus(c.points)), ZERO);
  const band = score === null || options.provisional === true ? null : bandOf(score, scheme.bands);
  if (explain && score !== null) {
    const points = components.filter((c) => c.points !== null).map((c) => num(c.points!));
    const [sum, total] = [{ it: points.map((p) => p.it).join(' + '), en: points.map((p) => p.en).join(' + ') }, pct(score)];
    if (options.provisional === true) {
      steps.push(
        step(
          'provisional',
          `Punteggio provvisorio = ${sum.it} = ${total.it}: la fascia si attribuisce con la valutazione.`,
          `Provisional score = ${sum.en} = ${total.en}: the band is given with the evaluation.`,
        ),
      );
    } else {
      const none = { it: '', en: '' };
      const [min, max, share] = band === null ? [none, none, none] : [num(band.min), num(band.max), pct(band.share)];
      const name = quoted(band?.label ?? '');
      steps.push(
        step(
          'final',
          `Punteggio finale = ${sum.it} = ${total.it}${band === null ? '' : `: fascia ${name.it} (${min.it}–${max.it}), coefficiente di premio ${share.it}`}.`,
          `Final score = ${sum.en} = ${total.en}${band === null ? '' : `: band ${name.en} (${min.en}–${max.en}), bonus coefficient ${share.en}`}.`,
        ),
      );
    }
  }
  if (issues.some((i) => i.severity === 'error')) complete = false;
  return { score, band, components, objectives, behaviours, units, presenceDays: pr.presenceDays, daysInYear: yearDays, steps, issues, complete };
}
