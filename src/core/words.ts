/**
 * The words of explanations, in the two languages of the product. Explanations are sentences a
 * person reads beside the numbers (the web app in Italian first, the CLI in the locale's), so the
 * engine says them in either, numbers included: `93,5` in Italian, `93.5` in English.
 */
import { readReasonCode, storedReasonCode, typedReason } from './reason-codes.js';
import type { Comparator, IndicatorState } from './model.js';

/** A comparator as a reader writes it: `>=` is ≥. */
export const COMPARATOR_SIGN: Readonly<Record<Comparator, string>> = { '>=': '≥', '<=': '≤', '=': '=' };

export type Language = 'en' | 'it';

/**
 * The language a plan's own texts are written in (its title, objectives' titles, indicators' names,
 * notes, the office's texts of the Relazione). Plans are written by Italian public bodies and no plan
 * setting says otherwise, so this is a constant: a document or screen in another language marks these
 * texts as Italian (WCAG 2.1 SC 3.1.2, language of parts), or a screen reader says them in English.
 */
export const PLAN_TEXT_LANGUAGE: Language = 'it';

/** A language as documents tag it (BCP 47 with region: a PDF's /Lang, a DOCX run's w:lang). */
export const LANGUAGE_TAG: Readonly<Record<Language, string>> = { it: 'it-IT', en: 'en-GB' };

/**
 * The language to mark a plan's text with in a document or screen in `reader`'s language: none
 * where they are the same (the page's own language holds), else the plan's.
 */
export function planTextLanguage(reader: Language): Language | undefined {
  return reader === PLAN_TEXT_LANGUAGE ? undefined : PLAN_TEXT_LANGUAGE;
}

/**
 * What stands for a value that is not evaluable, in each language: one term on every screen,
 * report, command and answer (`N.E.`, not evaluable, in English; never `N.V.` or `N/A` there).
 */
export const NOT_EVALUABLE_MARK: Readonly<Record<Language, string>> = { it: 'N.V.', en: 'N.E.' };

/**
 * The reasons the program gives itself for a value not evaluable, in each language: an import of a
 * published table whose cell reads N.V. They are stored by their code (core/reason-codes.ts) and
 * said in the reader's language wherever a reason is shown (`reasonText`); databases made before
 * held their Italian words, which migration 80 turned into the code (store/reason-migration.ts).
 */
export const PROGRAM_REASONS = {
  'published-table': { it: `${NOT_EVALUABLE_MARK.it} nella tabella pubblicata`, en: `${NOT_EVALUABLE_MARK.en} in the published table` },
} as const satisfies Record<string, Readonly<Record<Language, string>>>;

/** The reason stored with a value the program wrote itself (see `reasonText`). */
export function programReason(code: keyof typeof PROGRAM_REASONS): string {
  return storedReasonCode(code, {});
}

/** Each of the program's reasons in the words of either language, to its stored code. */
export const PROGRAM_REASON_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries(PROGRAM_REASONS).flatMap(([code, words]) => Object.values(words).map((w) => [w, programReason(code as keyof typeof PROGRAM_REASONS)] as const)),
);

/**
 * A reason read from a file (a workbook's cell, a JSON document), as stored. A file loses the
 * control character that marks the program's code, and an export writes the program's reason by
 * its words, so a cell that is exactly the program's sentence, in either language, is its code
 * again (read in the reader's language after a round trip, as before the codes); any other text is
 * the person's, as typed and never read as a code (`typedReason`). The API takes a person's text
 * as typed, the program's very words too: this is for files only.
 *
 * @example fileReason('N.E. in the published table') // programReason('published-table')
 * @example fileReason('dati non disponibili') // 'dati non disponibili'
 */
export function fileReason(text: string): string {
  const typed = typedReason(text);
  return PROGRAM_REASON_WORDS.get(typed) ?? typed;
}

/**
 * A stored reason in `language`: one the program wrote (`programReason`) in the reader's words,
 * any other as the person typed it, to the letter (the program's sentence typed by a person too).
 *
 * @example reasonText(programReason('published-table'), 'en') // 'N.E. in the published table'
 * @example reasonText('N.V. nella tabella pubblicata', 'en') // 'N.V. nella tabella pubblicata'
 */
export function reasonText(reason: string, language: Language): string {
  const coded = readReasonCode(reason);
  if (coded === null) return reason;
  const words = (PROGRAM_REASONS as Readonly<Record<string, Readonly<Record<Language, string>>>>)[coded.code];
  return words === undefined ? reason : words[language];
}

/**
 * The reason a person sends back with a value saved again: the words a screen showed for the
 * stored program's reason (in either language) keep its code, any other text is the person's.
 */
export function reasonSentBack(sent: string, stored: string | null): string {
  return stored !== null && readReasonCode(stored) !== null && (sent === reasonText(stored, 'it') || sent === reasonText(stored, 'en')) ? stored : sent;
}

export interface Words {
  met: string;
  notMet: string;
  onOff: string;
  onOffNoRatio: (kind: string) => string;
  proportional: string;
  proportionalCapped: string;
  bands: (mode: 'fixed' | 'interpolated') => string;
  threshold: (floor: string) => string;
  actualOverTarget: string;
  targetOverActual: string;
  relativeDistance: string;
  notScored: string;
  leftOut: string;
  notAchievedScoresZero: string;
  /** A not measured indicator scoring 0 under the plan's policy: `what` is `notEnteredYet` or `declaredNotMeasured`. */
  scoresZeroByPolicy: (what: string) => string;
  /** Nothing entered yet: a reminder still asks for it. */
  notEnteredYet: string;
  /** Saved as not measured (it counts as entered), with the reason given if any. */
  declaredNotMeasured: (reason: string | null) => string;
  /** A `pending` indicator's result (a period still taking values, read as its targets): the words of the public's notice. */
  resultsPending: string;
  /** The same of a plan archived before the period was closed (`Plan.notClosedWhenArchived`): no result will come. */
  resultsNotClosed: string;
  noPerformance: string;
  mean: string;
  weightedMean: string;
  rollUp: string;
  noIndicatorsNoChildren: string;
  noCountedIndicator: string;
  /** An objective whose performance was given (the OIV's validated value), not computed. */
  forced: string;
  weight: string;
  share: string;
  score: string;
  adds: string;
  indicators: string;
  /** A trend's previous value not entered, taken from the indicator's predecessor in last year's plan. */
  fromPredecessor: (name: string, value: string, year: number) => string;
  states: Record<IndicatorState, string>;
}

export const WORDS: Record<Language, Words> = {
  en: {
    met: 'met',
    notMet: 'not met',
    onOff: 'on/off',
    onOffNoRatio: (kind) => `on/off: a ${kind} has no ratio`,
    proportional: 'proportional',
    proportionalCapped: 'proportional, capped at 100',
    bands: (mode) => `${mode} bands`,
    threshold: (floor) => `threshold: 0 at ${floor}, 100 at the target, linear between`,
    actualOverTarget: 'actual / target × 100',
    targetOverActual: 'target / actual × 100',
    relativeDistance: '100 − |actual − target| / |target| × 100',
    notScored: 'not scored',
    leftOut: 'left out',
    notAchievedScoresZero: 'not achieved: scores 0',
    scoresZeroByPolicy: (what) => `${what}: scores 0 under the plan's policy`,
    notEnteredYet: 'not entered yet',
    declaredNotMeasured: (reason) => (reason === null || reason === '' ? 'not measured (declared)' : `not measured (declared: ${reason})`),
    resultsPending: 'results not available yet: the period is in progress',
    resultsNotClosed: 'results not available: the period was not closed before the plan was archived',
    noPerformance: 'no performance',
    mean: 'mean of',
    weightedMean: 'weighted mean of',
    rollUp: 'roll-up of its children',
    noIndicatorsNoChildren: 'no indicators and no children',
    noCountedIndicator: 'no counted indicator',
    forced: 'value given as validated, not computed from its indicators',
    weight: 'weight',
    share: 'share',
    score: 'score',
    adds: 'adds',
    indicators: 'Indicators:',
    fromPredecessor: (name, value, year) => `${name} = ${value}, not entered: the year-end value of this indicator in the ${year} plan`,
    states: { measured: 'measured', not_achieved: 'not achieved (scores 0)', not_evaluable: NOT_EVALUABLE_MARK.en, not_measured: 'not measured', pending: 'measurement in progress' },
  },
  it: {
    met: 'raggiunto',
    notMet: 'non raggiunto',
    onOff: 'raggiunto/non raggiunto',
    onOffNoRatio: (kind) => `raggiunto/non raggiunto: ${kind === 'date' ? 'una data' : 'un sì/no'} non ha rapporto`,
    proportional: 'proporzionale',
    proportionalCapped: 'proporzionale, al massimo 100',
    bands: (mode) => (mode === 'fixed' ? 'scaglioni fissi' : 'scaglioni interpolati'),
    threshold: (floor) => `soglia: 0 a ${floor}, 100 al target, lineare tra i due`,
    actualOverTarget: 'consuntivo / target × 100',
    targetOverActual: 'target / consuntivo × 100',
    relativeDistance: '100 − |consuntivo − target| / |target| × 100',
    notScored: 'non valutato',
    leftOut: 'escluso',
    notAchievedScoresZero: 'non raggiunto: punteggio 0',
    scoresZeroByPolicy: (what) => `${what}: punteggio 0 secondo la regola del piano`,
    notEnteredYet: 'non ancora inserito',
    declaredNotMeasured: (reason) => (reason === null || reason === '' ? 'non misurato (dichiarato)' : `non misurato (dichiarato: ${reason})`),
    resultsPending: 'risultati non ancora disponibili: il periodo è in corso',
    resultsNotClosed: "risultati non disponibili: il periodo non è stato chiuso prima dell'archiviazione del piano",
    noPerformance: 'nessuna performance',
    mean: 'media di',
    weightedMean: 'media ponderata di',
    rollUp: 'media degli obiettivi figli',
    noIndicatorsNoChildren: 'né indicatori né obiettivi figli',
    noCountedIndicator: 'nessun indicatore conteggiato',
    forced: 'valore dato come validato, non calcolato dagli indicatori',
    weight: 'peso',
    share: 'quota',
    score: 'punteggio',
    adds: 'contribuisce',
    indicators: 'Indicatori:',
    fromPredecessor: (name, value, year) => `${name} = ${value}, non inserito: il valore a fine anno di questo indicatore nel piano ${year}`,
    states: { measured: 'misurato', not_achieved: 'non raggiunto (punteggio 0)', not_evaluable: NOT_EVALUABLE_MARK.it, not_measured: 'non misurato', pending: 'in corso di misurazione' },
  },
};

/** The words of a plan comparison's texts (comparison.ts): what `albero diff` prints beside the numbers. */
export interface ChangeWords {
  defaultRule: string;
  legend: string;
  notMeasured: string;
  planRule: string;
  childrenMean: string;
  measured: string;
  notAchieved: string;
  notEvaluable: string;
  notMeasuredState: string;
  rules: Record<'on_off' | 'proportional', string>;
  bands: (mode: 'fixed' | 'interpolated') => string;
  threshold: string;
  policies: Record<'skip' | 'zero' | 'block', string>;
}

export const CHANGE_WORDS: Record<Language, ChangeWords> = {
  it: {
    defaultRule: 'regola predefinita',
    legend: 'legenda',
    notMeasured: 'non misurati',
    planRule: 'regola del piano',
    childrenMean: 'media ponderata degli obiettivi figli',
    measured: 'misurato',
    notAchieved: 'non raggiunto',
    notEvaluable: NOT_EVALUABLE_MARK.it,
    notMeasuredState: 'non misurato',
    rules: { on_off: 'raggiunto/non raggiunto', proportional: 'proporzionale' },
    bands: (mode) => `a scaglioni ${mode === 'fixed' ? 'fissi' : 'interpolati'}`,
    threshold: 'a soglia da',
    policies: { skip: 'esclusi dal calcolo', zero: 'contano 0', block: 'bloccano la performance' },
  },
  en: {
    defaultRule: 'default rule',
    legend: 'legend',
    notMeasured: 'not measured',
    planRule: "the plan's rule",
    childrenMean: 'weighted mean of the child objectives',
    measured: 'measured',
    notAchieved: 'not achieved',
    notEvaluable: NOT_EVALUABLE_MARK.en,
    notMeasuredState: 'not measured',
    rules: { on_off: 'on/off', proportional: 'proportional' },
    bands: (mode) => `${mode} bands`,
    threshold: 'threshold from',
    policies: { skip: 'left out of the calculation', zero: 'count as 0', block: 'block the performance' },
  },
};
