/**
 * The computed plan as a JSON document: the output of `albero evaluate --json`, the API's computed
 * tree and the open-data JSON are all this one shape, so a script written against one reads all.
 * Numbers are percent with two decimals (`93`, `56.67`); dates are ISO; texts are as imported.
 */
import {
  comparisonSide,
  computedFromChildren,
  dec,
  decimalJson,
  DEFAULT_SETTINGS,
  formatItalianDate,
  formatPercentIn,
  indicatorReading,
  nodeReading,
  jsonNumberOfReading,
  reasonText,
  fileReason,
  renderComparison,
  tableNumberText,
  toJsonNumber,
  type Amount,
  type Decimal,
  type Evaluation,
  type Formula,
  type ImportedTable,
  type Indicator,
  type IndicatorReading,
  type IndicatorResult,
  type Issue,
  type Language,
  type Measurement,
  type ObjectiveResult,
  type NodeExplanation,
  type NodeReading,
  type Plan,
  type PlanChange,
  type PlanSettings,
  type ScoringRule,
  type Unit,
} from '../core/index.js';
import type { IndicatorBand } from '../core/appraisal/index.js';
import { reportText } from './report/texts.js';
import { CONTROLS_BEYOND_C0, visibleEscape } from './terminal-controls.js';
import type {
  ChangesDocument,
  EvaluationDocument,
  ExplanationDocument,
  FormulaDocument,
  IndicatorDocument,
  IssueDocument,
  ObjectiveDocument,
  OwnRange,
  PlanSettingsDocument,
  RuleDocument,
  TreeIndicator,
} from '../contract/index.js';

// The documents are declared in the contract (src/contract), shared with the web app; this module makes them.
export type { ChangeDocument, ChangesDocument, EvaluationDocument, ExplanationDocument, FormulaDocument, IndicatorDocument, ObjectiveDocument, RuleDocument } from '../contract/index.js';

export function formulaDocument(formula: Formula | null): FormulaDocument | null {
  if (formula === null) return null;
  if (formula.kind === 'ratio') return { kind: 'ratio', numerator: formula.numerator, denominator: formula.denominator, scale: Number(formula.scale.toString()) };
  if (formula.kind === 'trend') return { kind: 'trend', current: formula.current, previous: formula.previous };
  return { kind: 'children_mean' };
}

export function ruleDocument(rule: ScoringRule | null): RuleDocument | null {
  if (rule === null) return null;
  if (rule.kind === 'bands') return { kind: 'bands', mode: rule.mode, points: rule.points.map((p) => ({ at: amountJson(p.at), score: Number(p.score.toString()) })) };
  if (rule.kind === 'threshold') return { kind: 'threshold', floor: amountJson(rule.floor) };
  return { kind: rule.kind };
}

/** An amount as JSON: yes/no and ISO dates as they are, a number as `decimalJson` writes it (a number, or its exact text). */
export function amountJson(amount: Amount | null): number | string | boolean | null {
  if (amount === null) return null;
  return amount.kind === 'number' ? decimalJson(amount.value) : amount.value;
}

/**
 * An amount from its JSON form, the inverse of `amountJson`: yes/no, an ISO date, or a number (a
 * JSON number or its exact decimal text, which never looks like a date). null: none, or unreadable.
 */
export function amountFromJson(value: number | string | boolean | null): Amount | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return { kind: 'date', value };
  try {
    return { kind: 'number', value: dec(String(value)) };
  } catch {
    return null;
  }
}

/** A rule from its document (the inverse of `ruleDocument`); a point or floor that cannot be read is left out. */
export function ruleFromDocument(rule: RuleDocument | null): ScoringRule | null {
  if (rule === null) return null;
  if (rule.kind === 'bands')
    return {
      kind: 'bands',
      mode: rule.mode,
      points: rule.points.flatMap((p) => {
        const at = amountFromJson(p.at);
        return at === null ? [] : [{ at, score: dec(String(p.score)) }];
      }),
    };
  if (rule.kind === 'threshold') {
    const floor = amountFromJson(rule.floor);
    return floor === null ? null : { kind: 'threshold', floor };
  }
  return { kind: rule.kind };
}

/** A formula from its document (the inverse of `formulaDocument`). */
export function formulaFromDocument(formula: FormulaDocument | null): Formula | null {
  if (formula === null) return null;
  return formula.kind === 'ratio' ? { ...formula, scale: dec(String(formula.scale)) } : { ...formula };
}

export function settingsDocument(settings: PlanSettings): PlanSettingsDocument {
  return { defaultScoring: ruleDocument(settings.defaultScoring)!, notMeasured: settings.notMeasured };
}

/** What the engine reads of an indicator beyond the evaluation document (the computed tree carries it). */
export type IndicatorInputs = Pick<TreeIndicator, 'tolerance' | 'rule' | 'formula' | 'inputs' | 'previousValue'>;

/** An evaluation document with every input of the engine: the computed tree is one. */
export interface PlanDocument extends Omit<EvaluationDocument, 'objectives'> {
  settings: PlanSettingsDocument;
  objectives: Array<Omit<ObjectiveDocument, 'indicators'> & { indicators: Array<IndicatorDocument & IndicatorInputs> }>;
}

/** An indicator's inputs as the tree gives them: its own rule, formula, base measures, tolerance, last year's value. */
export function indicatorInputs(indicator: Indicator): IndicatorInputs {
  const m = indicator.measurement;
  return { ...definitionInputs(indicator), inputs: m.state === 'measured' && m.inputs !== undefined ? Object.fromEntries(Object.entries(m.inputs).map(([k, v]) => [k, v.toString()])) : null };
}

/** The inputs that belong to the indicator's definition, not to a period's value (the API's tree takes the base measures from the stored value). */
export function definitionInputs(indicator: Pick<Indicator, 'tolerance' | 'scoring' | 'formula' | 'predecessorValue'>): Omit<IndicatorInputs, 'inputs'> {
  return {
    tolerance: indicator.tolerance === null ? null : decimalJson(indicator.tolerance),
    rule: ruleDocument(indicator.scoring),
    formula: formulaDocument(indicator.formula),
    previousValue: indicator.predecessorValue == null ? null : { value: Number(indicator.predecessorValue.value.toString()), year: indicator.predecessorValue.year },
  };
}

/** The evaluation document with the engine's inputs, as the computed tree carries them. */
export function planDocument(evaluation: Evaluation, extraIssues: readonly Issue[] = [], language: Language = 'it'): PlanDocument {
  const doc = evaluationDocument(evaluation, extraIssues, language);
  return {
    ...doc,
    settings: settingsDocument(evaluation.plan.settings),
    objectives: doc.objectives.map((o) => ({ ...o, indicators: o.indicators.map((i) => ({ ...i, ...indicatorInputs(evaluation.indicator(i.id)!.indicator) })) })),
  };
}

function measurementFromDocument(i: IndicatorDocument & IndicatorInputs): Measurement {
  switch (i.state) {
    case 'measured': {
      if (computedFromChildren(i.formula)) return { state: 'measured' };
      if (i.inputs !== null) return { state: 'measured', inputs: Object.fromEntries(Object.entries(i.inputs).map(([k, v]) => [k, dec(v)])) };
      const actual = amountFromJson(i.actual);
      return actual === null ? { state: 'measured' } : { state: 'measured', actual };
    }
    case 'not_evaluable':
      // The document says the program's reason in its language's words: read back as its code (a person's as typed).
      return { state: 'not_evaluable', reason: fileReason(i.reason ?? 'N.V.') };
    // Withheld, not missing: the plan is rebuilt with `valuesWithheld` (planFromDocument), which says it again.
    case 'pending':
      return { state: 'not_measured' };
    default:
      return { state: i.state };
  }
}

/**
 * The plan a computed tree was evaluated from, rebuilt exactly (the inverse of `planDocument`):
 * evaluating it gives the tree's numbers again, so the what-if runs the engine itself on it.
 */
export function planFromDocument(doc: PlanDocument): Plan {
  return {
    title: doc.title,
    ...(doc.objectives.some((o) => o.indicators.some((i) => i.state === 'pending')) ? { valuesWithheld: true as const } : {}),
    nodes: doc.objectives.map((o) => ({
      code: o.code,
      title: o.title,
      parent: o.parent,
      ...(o.level === null ? {} : { level: o.level }),
      weight: o.weight === null ? null : dec(String(o.weight)),
      indicators: o.indicators.map((i): Indicator => ({
        id: i.id,
        name: i.name,
        weight: dec(String(i.weight)),
        comparator: i.comparator,
        tolerance: i.tolerance === null ? null : dec(String(i.tolerance)),
        target: amountFromJson(i.target),
        unit: i.unit,
        scoring: ruleFromDocument(i.rule),
        formula: formulaFromDocument(i.formula),
        measurement: measurementFromDocument(i),
        ...(i.previousValue === null ? {} : { predecessorValue: { value: dec(String(i.previousValue.value)), year: i.previousValue.year } }),
        ...(i.owner === null ? {} : { owner: i.owner }),
      })),
    })),
    settings: {
      defaultScoring: ruleFromDocument(doc.settings.defaultScoring) ?? DEFAULT_SETTINGS.defaultScoring,
      legend: { rules: doc.legend.map((r) => ({ band: r.band, label: r.label, ...(r.min === null ? {} : { min: dec(String(r.min)), minInclusive: r.minInclusive }) })) },
      notMeasured: doc.settings.notMeasured,
    },
  };
}

/**
 * An amount as the published table prints it in the indicator's unit; in English (a report asked
 * in English) with the decimal point and yes/no. Dates are `30/09/2024` in both, as the web's
 * English screens write them.
 *
 * The decimals follow the published table (fixtures/albero-performance-2024.txt) where it has a
 * rule: a percentage has at least two (`5,00%`, `25,59%`), and so has any number with a fraction
 * (`6,50`, `7,10`, `1.587,10`, `3,07`: the table never writes one decimal). A whole number it
 * writes either way (`4` and `160` for counts, `1,00` and `500,00` for ratios and hours), which
 * the value alone cannot tell apart: there the value is written exact, `500`. Beyond two decimals
 * the value's own are kept (`0,035%`), up to four: a computed ratio has forty.
 */
export function amountText(amount: Amount | null, unit: Unit, language: Language = 'it'): string {
  if (amount === null) return '';
  switch (amount.kind) {
    case 'date':
      return formatItalianDate(amount.value);
    case 'boolean':
      return amount.value ? reportText(language).yes : reportText(language).no;
    case 'number':
      // The rule is core's (amount-words.ts), which also says a revision's changed target.
      return tableNumberText(amount.value.toFixed(), unit, language);
  }
}

/** What of an indicator says how its actual is written: its unit, and its formula (a core `Formula` or its document). */
export interface ActualWriting {
  readonly unit: Unit;
  readonly formula: { readonly kind: string } | null;
}

/**
 * An indicator's actual as the table prints it. A weighted mean of its objective's children ("Media
 * ponderata", `children_mean`) is a performance, written as every performance is: two decimals,
 * `98,13%` as its objective's and its children's own (the published table writes them `90,00%`;
 * `amountText` would keep the mean's own decimals, `98,125%`). Any other actual by `amountText`,
 * its own decimals kept up to four (`0,035%`). The value itself stays exact: only its words round.
 */
export function actualAmountText(actual: Amount | null, indicator: ActualWriting, language: Language = 'it'): string {
  if (computedFromChildren(indicator.formula) && actual?.kind === 'number') return formatPercentIn(actual.value, language, 2);
  return amountText(actual, indicator.unit, language);
}

/**
 * What `actualText` says of an indicator that is not evaluable, in place of a value: `N.V.`, or
 * `N.E.` in English, as the report's table prints it.
 */
function notEvaluableText(language: Language): string {
  return reportText(language).actual.not_evaluable;
}

/**
 * An indicator's `actualText`: its actual as the report's table prints it in `language`, or the
 * table's word for a value that is not evaluable. One rule for every document that carries it
 * (`evaluate --json`, the API's tree, an indicator's years).
 */
export function actualText(state: IndicatorResult['state'], actual: Amount | null, indicator: ActualWriting, language: Language = 'it'): string {
  return state === 'not_evaluable' ? notEvaluableText(language) : actualAmountText(actual, indicator, language);
}

/**
 * One objective of the evaluation document, with its indicators; their `targetText` and
 * `actualText` in `language`, as the report in that language prints them (Italian by default).
 */
export function objectiveDocument(r: ObjectiveResult, language: Language = 'it'): ObjectiveDocument {
  return {
    code: r.objective.code,
    title: r.objective.title,
    parent: r.objective.parent,
    level: r.objective.level ?? null,
    weight: toJsonNumber(r.objective.weight, 4),
    performance: toJsonNumber(r.performance),
    band: r.band,
    basis: r.basis,
    indicators: r.indicators.map((i) => indicatorDocument(i, language)),
  };
}

/** One indicator of an objective's document. */
function indicatorDocument(i: IndicatorResult, language: Language): IndicatorDocument {
  const ind = i.indicator;
  const m = ind.measurement;
  const typed = ind.formula === null;
  return {
    id: ind.id,
    name: ind.name,
    weight: toJsonNumber(ind.weight, 4)!,
    comparator: ind.comparator,
    unit: ind.unit,
    target: amountJson(ind.target),
    actual: amountJson(i.actual),
    targetText: amountText(ind.target, ind.unit, language),
    actualText: actualText(i.state, i.actual, ind, language),
    state: i.state,
    reason: m.state === 'not_evaluable' ? reasonText(m.reason, language) : null,
    scoring: i.rule.kind,
    derived: !typed,
    performance: toJsonNumber(i.performance),
    met: i.met,
    counted: i.counted,
    owner: ind.owner ?? null,
  };
}

/**
 * `JSON.stringify(objectiveDocument(r))` for `evaluationJson`, written directly, up to its
 * indicators (`{"code":…,"indicators":[`; `]}` closes it): the same keys in the same order, the same
 * text byte for byte but for `terminalJson`'s escapes (json.test.ts holds them to it), without the
 * documents. For 200,000 indicators the document objects and their stringifying were most of the
 * JSON's time, and a lasting amount's JSON is made once per document (`AmountLiterals`).
 */
function objectiveHead(node: NodeReading, amounts: AmountLiterals): string {
  const o = node.objective;
  return (
    `{"code":${quote(o.code)},"title":${quote(o.title)},"parent":${o.parent === null ? 'null' : quote(o.parent)},"level":${o.level == null ? 'null' : quote(o.level)}` +
    `,"weight":${o.weight === null ? 'null' : amounts.weight(o.weight)},"performance":${numberLiteral(jsonNumberOfReading(node.performance))}` +
    `,"band":${node.band === null ? 'null' : word(node.band)},"basis":${word(node.basis)},"indicators":[`
  );
}

/** `JSON.stringify(indicatorDocument(…))` for a reading, as `objectiveHead`. */
function indicatorJson(i: IndicatorReading, amounts: AmountLiterals): string {
  const ind = i.indicator;
  const m = ind.measurement;
  const typed = ind.formula === null;
  return (
    `{"id":${quote(ind.id)},"name":${quote(ind.name)},"weight":${amounts.weight(ind.weight)},"comparator":${word(ind.comparator)},"unit":${word(ind.unit)}` +
    `,"target":${amounts.json(ind.target, true)},"actual":${amounts.json(i.actual, typed)},"targetText":${amounts.text(ind.target, ind.unit, true)}` +
    `,"actualText":${i.state === 'not_evaluable' ? amounts.notEvaluable : computedFromChildren(ind.formula) ? quote(actualAmountText(i.actual, ind, amounts.language)) : amounts.text(i.actual, ind.unit, typed)},"state":${word(i.state)}` +
    `,"reason":${m.state === 'not_evaluable' ? amounts.reason(m.reason) : 'null'},"scoring":${word(i.rule.kind)},"derived":${!typed}` +
    `,"performance":${numberLiteral(jsonNumberOfReading(i.performance))},"met":${i.met},"counted":${i.counted},"owner":${ind.owner == null ? 'null' : quote(ind.owner)}}`
  );
}

/**
 * A string as JSON, safe for a terminal (see `terminalJson`). Most texts have nothing to escape:
 * testing for what needs it (quote, backslash, controls, surrogates, which `JSON.stringify` escapes
 * when alone, and what a terminal acts on) and only quoting the rest is several times quicker than
 * calling `JSON.stringify` for each of a big plan's 400,000 texts.
 */
const quote = (text: string): string => (ESCAPED.test(text) ? terminalJson(JSON.stringify(text)) : `"${text}"`);
const ESCAPED = new RegExp(`["\\\\\\u0000-\\u001f${CONTROLS_BEYOND_C0}\\ud800-\\udfff]`);

/**
 * JSON text with the characters a terminal would act on and `JSON.stringify` leaves raw (DEL, the
 * C1 controls, the bidirectional overrides) written as JSON escapes: the same document, and the same
 * bytes the CLI's terminal guard (`terminalSafe`) would make of it, so that a big plan's JSON need
 * not be scanned again on its way out (for 75 MB, a fifth of a second). Both take the characters
 * and their escape from terminal-controls.ts, so they cannot drift apart.
 */
export const terminalJson = (json: string): string => (TERMINAL.test(json) ? json.replace(TERMINAL_ALL, visibleEscape) : json);
const TERMINAL = new RegExp(`[${CONTROLS_BEYOND_C0}]`);
const TERMINAL_ALL = new RegExp(TERMINAL.source, 'g');

/** A number or null as JSON: `JSON.stringify` writes a non-finite number as null. */
const numberLiteral = (value: number | null): string => (value !== null && Number.isFinite(value) ? String(value) : 'null');

/** A value of `amountJson` or `toJsonNumber` as JSON. */
const literal = (value: number | string | boolean | null): string => (typeof value === 'string' ? quote(value) : typeof value === 'number' ? numberLiteral(value) : String(value));

/** The JSON of the few words a document repeats (states, units, rules, bands), made once. */
const WORDS = new Map<string, string>();
function word(text: string): string {
  let json = WORDS.get(text);
  if (json === undefined) WORDS.set(text, (json = quote(text)));
  return json;
}

/** Most remembered amounts a cache keeps: beyond, amounts are written as they come. */
const CACHE_LIMIT = 1 << 16;

/**
 * The JSON of each amount, amount text and weight, made once per document. A table read from a
 * file shares one object among the cells with the same text (`LayoutReader`), so a
 * 200,000-indicator plan has a few thousand amounts to write, not 400,000.
 */
class AmountLiterals {
  private readonly jsons = new Map<Amount, string>();
  private readonly texts: Record<Unit, Map<Amount, string>> = { number: new Map(), percent: new Map(), date: new Map(), boolean: new Map() };
  private readonly weights = new Map<Decimal, string>();
  /** `actualText`'s JSON for a not evaluable indicator (`"N.V."`). */
  readonly notEvaluable: string;

  /** `language`: the amount texts' (`1.587,10` or `1,587.10`). */
  constructor(readonly language: Language) {
    this.notEvaluable = quote(notEvaluableText(language));
  }

  /** `amountJson` as JSON; `lasting`: the amount belongs to the plan (a computed actual is new at every reading). */
  json(amount: Amount | null, lasting: boolean): string {
    if (amount === null) return 'null';
    if (!lasting) return literal(amountJson(amount));
    let json = this.jsons.get(amount);
    if (json === undefined) {
      json = literal(amountJson(amount));
      if (this.jsons.size < CACHE_LIMIT) this.jsons.set(amount, json);
    }
    return json;
  }

  /** A stored reason as JSON, in the document's language (`reasonText`). */
  reason(reason: string): string {
    return quote(reasonText(reason, this.language));
  }

  /** `amountText` as JSON. */
  text(amount: Amount | null, unit: Unit, lasting: boolean): string {
    if (amount === null) return '""';
    const texts = this.texts[unit];
    if (!lasting || texts === undefined) return quote(amountText(amount, unit, this.language));
    let text = texts.get(amount);
    if (text === undefined) {
      text = quote(amountText(amount, unit, this.language));
      if (texts.size < CACHE_LIMIT) texts.set(amount, text);
    }
    return text;
  }

  /** `toJsonNumber(weight, 4)` as JSON. */
  weight(weight: Decimal): string {
    let json = this.weights.get(weight);
    if (json === undefined) {
      json = numberLiteral(toJsonNumber(weight, 4));
      if (this.weights.size < CACHE_LIMIT) this.weights.set(weight, json);
    }
    return json;
  }
}

type Summary = EvaluationDocument['summary'];

/** Counts an objective in the summary: the objectives scored from their own indicators, by band. */
function count(summary: Summary, r: ObjectiveResult): void {
  if (r.basis !== 'indicators') return;
  summary.objectives++;
  summary[r.band ?? 'none']++;
}

function legendDocument(evaluation: Evaluation): EvaluationDocument['legend'] {
  return evaluation.plan.settings.legend.rules.map((r) => ({ band: r.band, label: r.label, min: toJsonNumber(r.min ?? null), minInclusive: r.minInclusive === true }));
}

/** An issue as documents carry it: its code and parameters (clients say it in their language), its English words, where. */
export function issueDocument(i: Issue): IssueDocument {
  // Parameters cross the wire as JSON: one left undefined is left out, as JSON.stringify would.
  const params = i.params === undefined ? undefined : Object.fromEntries(Object.entries(i.params).filter(([, v]) => v !== undefined));
  return { severity: i.severity, code: i.code, message: i.message, ...(params === undefined ? {} : { params: params as IssueDocument['params'] }), location: i.location ?? null };
}

function issueDocuments(evaluation: Evaluation, extraIssues: readonly Issue[]): EvaluationDocument['issues'] {
  return [...extraIssues, ...evaluation.issues()].map(issueDocument);
}

/** The evaluation as a document; `language`: its amount texts' (`objectiveDocument`). */
export function evaluationDocument(evaluation: Evaluation, extraIssues: readonly Issue[] = [], language: Language = 'it'): EvaluationDocument {
  const summary: Summary = { objectives: 0, green: 0, yellow: 0, red: 0, none: 0 };
  const objectives = evaluation.nodeResults.map((r): ObjectiveDocument => {
    count(summary, r);
    return objectiveDocument(r, language);
  });
  return { title: evaluation.plan.title, legend: legendDocument(evaluation), summary, objectives, issues: issueDocuments(evaluation, extraIssues) };
}

/** An objective or indicator of `albero import --output`'s document: its Struttura and Referente as the file wrote them, null when empty. */
export interface Assigned {
  readonly assignedUnit: string | null;
  readonly assignedPerson: string | null;
}

/** What the workbook's «Piano» sheet holds of an indicator beyond the engine's inputs: the three-year horizon, notes, source. */
export interface IndicatorExtras {
  readonly baseline: number | string | boolean | null;
  readonly baselineYear: number | null;
  readonly nextTargets: readonly [number | string | boolean | null, number | string | boolean | null];
  readonly notes: string | null;
  readonly source: string | null;
}

/**
 * The document `albero import --output` writes: the plan document (every input of the engine), and
 * what the workbook carries beside it — each objective's owner, each indicator's baseline, later
 * targets, notes and source, and each one's Struttura and Referente as written — so that it is read
 * back to the same plan, assignments included (`io/plan-json.ts`).
 */
export type ImportDocument = Omit<PlanDocument, 'objectives'> & {
  readonly objectives: ReadonlyArray<
    Omit<PlanDocument['objectives'][number], 'indicators'> &
      Assigned & { readonly owner: string | null; readonly indicators: ReadonlyArray<PlanDocument['objectives'][number]['indicators'][number] & Assigned & IndicatorExtras> }
  >;
};

/**
 * The imported table as `albero import --output` writes it: its plan, evaluated, with what the
 * table's Struttura and Referente cells wrote (a file has no registry to check them against: the
 * server's import does, from the workbook or from this document alike).
 */
export function importDocument(evaluation: Evaluation, table: Pick<ImportedTable, 'assignedUnits' | 'assignedPeople'>, extraIssues: readonly Issue[], language: Language): ImportDocument {
  const doc = planDocument(evaluation, extraIssues, language);
  const units = { objectives: new Map<string, string>(), indicators: new Map<string, string>() };
  const people = { objectives: new Map<string, string>(), indicators: new Map<string, string>() };
  for (const a of table.assignedUnits ?? []) a.indicator === undefined ? units.objectives.set(a.objective, a.unit) : units.indicators.set(a.indicator, a.unit);
  for (const a of table.assignedPeople ?? []) a.indicator === undefined ? people.objectives.set(a.objective, a.person) : people.indicators.set(a.indicator, a.person);
  const nodes = new Map(evaluation.plan.nodes.map((n) => [n.code, n]));
  return {
    ...doc,
    objectives: doc.objectives.map((o) => ({
      ...o,
      owner: nodes.get(o.code)?.owner ?? null,
      assignedUnit: units.objectives.get(o.code) ?? null,
      assignedPerson: people.objectives.get(o.code) ?? null,
      indicators: o.indicators.map((i) => {
        const ind = evaluation.indicator(i.id)!.indicator;
        return {
          ...i,
          baseline: amountJson(ind.baseline ?? null),
          baselineYear: ind.baselineYear ?? null,
          nextTargets: [amountJson(ind.nextTargets?.[0] ?? null), amountJson(ind.nextTargets?.[1] ?? null)] as const,
          notes: ind.notes ?? null,
          source: ind.source ?? null,
          assignedUnit: units.indicators.get(i.id) ?? null,
          assignedPerson: people.indicators.get(i.id) ?? null,
        };
      }),
    })),
  };
}

/**
 * `evaluationDocument` as JSON text, made and handed out in pieces of about `chunk` characters, so
 * that a 200,000-indicator plan is printed without ever holding its whole document or text (the
 * whole document was a 126 MB string and most of the run's garbage collection). Pieces of 32 K
 * characters are made in the young generation, whose memory is used again and again; larger
 * strings each take fresh memory, a page fault every 4 KB. One objective per
 * line, so a reader can also take it a line at a time; the summary, known only at the end, comes
 * after the objectives (JSON readers do not mind the order of keys). Each objective is the JSON of
 * `objectiveDocument`, made from the evaluation's readings (no result objects, no Decimals where a
 * fraction says the number) and with each amount's text made once, in `language`. The text is
 * safe for a terminal as it is (`terminalJson`).
 */
export function* evaluationJson(evaluation: Evaluation, extraIssues: readonly Issue[] = [], language: Language = 'it', chunk = 1 << 15): Generator<string> {
  const summary: Summary = { objectives: 0, green: 0, yellow: 0, red: 0, none: 0 };
  const amounts = new AmountLiterals(language);
  const node = nodeReading();
  const reading = indicatorReading();
  // A piece's parts are joined once, when it is handed out: joining each objective's indicators
  // first, and then its lines, copied each of the 75 MB of a big plan twice; adding the parts to a
  // string would leave a rope of thousands of parts, which writing it must flatten.
  let parts: string[] = [`{\n  "title": ${terminalJson(JSON.stringify(evaluation.plan.title))},\n  "legend": ${terminalJson(JSON.stringify(legendDocument(evaluation)))},\n  "objectives": [`];
  let size = 0;
  const nodes = evaluation.nodeCount;
  for (let k = 0; k < nodes; k++) {
    evaluation.readNodeAt(k, node);
    if (node.basis === 'indicators') {
      summary.objectives++;
      summary[node.band ?? 'none']++;
    }
    const head = objectiveHead(node, amounts);
    parts.push(k === 0 ? '\n    ' : ',\n    ', head);
    size += head.length;
    for (let p = 0; p < node.indicatorCount; p++) {
      evaluation.readIndicatorAt(k, p, reading);
      const json = indicatorJson(reading, amounts);
      if (p > 0) parts.push(',');
      parts.push(json);
      size += json.length;
    }
    parts.push(']}');
    if (size >= chunk) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  parts.push(`${nodes === 0 ? '' : '\n  '}],\n  "summary": ${JSON.stringify(summary)},\n  "issues": [`);
  const issues = issueDocuments(evaluation, extraIssues);
  issues.forEach((i, k) => parts.push(`${k === 0 ? '' : ','}\n    ${terminalJson(JSON.stringify(i))}`));
  parts.push(`${issues.length === 0 ? '' : '\n  '}]\n}\n`);
  yield parts.join('');
}

/** An explanation as JSON: `albero explain --json`, the API's explanation and the web app's what-if alike. */
export function explanationDocument(e: NodeExplanation): ExplanationDocument {
  return {
    code: e.code,
    title: e.title,
    performance: toJsonNumber(e.performance),
    basis: e.basis,
    formula: e.formula,
    contributions: e.contributions.map((c) => ({
      kind: c.kind,
      ref: c.ref,
      label: c.label,
      weight: toJsonNumber(c.weight, 4),
      share: toJsonNumber(c.share, 6),
      score: toJsonNumber(c.score),
      points: toJsonNumber(c.points, 4),
      excluded: c.excluded ?? null,
      pending: c.pending ?? null,
    })),
    indicators: e.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      state: i.state,
      performance: toJsonNumber(i.score),
      scoring: i.scoring,
      derivation:
        i.derivation === null
          ? null
          : i.derivation.map((d) => ({
              ref: d.ref,
              label: d.label,
              share: toJsonNumber(d.share, 6),
              score: toJsonNumber(d.score),
              points: toJsonNumber(d.points, 4),
              excluded: d.excluded ?? null,
              pending: d.pending ?? null,
            })),
    })),
  };
}

/** An indicator's own SMVP range as the tree carries it (`TreeIndicator.ownRange`). */
export function ownRangeDocument(b: IndicatorBand, smvpVersion: number): OwnRange {
  return { green: b.green.toNumber(), yellow: b.yellow.toNumber(), greenInclusive: b.greenInclusive, yellowInclusive: b.yellowInclusive, band: b.band, legendBand: b.legendBand, smvpVersion };
}

/** The same in an objective's explanation (`ExplanationDocument.thresholds`), with its sentence in `lang`. */
export function thresholdDocument(b: IndicatorBand, lang: 'it' | 'en'): NonNullable<ExplanationDocument['thresholds']>[number] {
  return {
    indicatorId: b.indicatorId,
    indicator: b.indicator,
    green: b.green.toNumber(),
    yellow: b.yellow.toNumber(),
    score: toJsonNumber(b.score),
    band: b.band,
    legendBand: b.legendBand,
    text: b.step[lang],
  };
}

/**
 * The changes as the API and `albero diff --json` give them: each by its code and parameters
 * (`messageCode`, `params`), with the words derived in `language` for the consumers that show them
 * as they are: the sentence (`message`) and each side's value (`beforeText`, `afterText`).
 */
export function changesDocument(changes: readonly PlanChange[], language: Language): ChangesDocument {
  const counts: Record<PlanChange['group'], number> = { structure: 0, plan: 0, measurement: 0, result: 0 };
  for (const c of changes) counts[c.group]++;
  return {
    counts,
    changes: changes.map((c) => {
      const { code, params } = c.said;
      const beforeText = comparisonSide(code, params, 'before', language) ?? null;
      const afterText = comparisonSide(code, params, 'after', language) ?? null;
      return {
        group: c.group,
        kind: c.kind,
        code: c.code === '' ? null : c.code,
        indicator: c.indicator ?? null,
        before: c.numbers === undefined ? beforeText : toJsonNumber(c.numbers.before),
        after: c.numbers === undefined ? afterText : toJsonNumber(c.numbers.after),
        beforeText,
        afterText,
        messageCode: code,
        params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? [...(v as readonly string[])] : ((v as string | number | boolean | null | undefined) ?? null)])),
        message: renderComparison(code, params, language)!,
        line: c.origin?.line ?? null,
        side: c.originSide ?? null,
        ...(c.origin?.cell === undefined ? {} : { sheet: c.origin.sheet ?? null, address: c.origin.cell }),
      };
    }),
  };
}
