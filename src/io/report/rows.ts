/**
 * The Relazione's seven-column table as data: one row per objective followed by one per indicator,
 * each cell as the text a reader sees, plus what a renderer needs to style it (kind, depth, band).
 * The HTML page and the PDF both draw these rows, so they cannot print different texts.
 */
import { classify, notMeasuredText, type Band, type Decimal, type Evaluation, type IndicatorState, type Language, type ObjectiveResult } from '../../core/index.js';
import { actualAmountText, amountText } from '../json.js';
import { percentText, reportText, weightText } from './texts.js';

/**
 * The seven columns' widths in percent of the table (Obiettivo, Indicatore, Peso, Target,
 * Consuntivo, Performance KPI, Performance Obiettivo): wide for the texts, narrow for the numbers.
 */
export const COLUMN_PERCENT = [24, 30, 7, 8.5, 8.5, 11, 11] as const;

/** A performance as shown: "93,00%" with its band, or no performance at all (drawn as "—"). */
export interface Mark {
  /** `null`: no performance. */
  readonly value: string | null;
  readonly band: Band | null;
}

export interface ObjectiveRow {
  readonly kind: 'objective';
  readonly code: string;
  /** 0 for an area, 1 for a strategic objective, 2 and more below. */
  readonly depth: number;
  /** "A.2 - Internazionalizzazione …" */
  readonly label: string;
  /** "30%", or '' for an objective without a weight. */
  readonly weight: string;
  readonly performance: Mark;
}

export interface IndicatorRow {
  readonly kind: 'indicator';
  readonly name: string;
  /** "50% >=" */
  readonly weight: string;
  readonly target: string;
  /** The value, or "N.V." / "non raggiunto" / "non misurato" as `state` says; empty while `pending` (no value is given yet). */
  readonly actual: string;
  readonly state: IndicatorState;
  /** The indicator's score, `null` when it has none (the cell stays empty). */
  readonly kpi: Mark | null;
}

export type ReportRow = ObjectiveRow | IndicatorRow;

/** What stands in the Consuntivo cell instead of a value, in Italian. */
export const ACTUAL_TEXT = reportText('it').actual;

export function mark(performance: Decimal | null, band: Band | null, language: Language = 'it'): Mark {
  return { value: performance === null ? null : percentText(performance, language), band };
}

/** The rows of one objective: its own, then its indicators', with numbers and words in `language`. */
export function objectiveRows(r: ObjectiveResult, evaluation: Evaluation, language: Language = 'it'): ReportRow[] {
  const words = reportText(language);
  const legend = evaluation.plan.settings.legend;
  const rows: ReportRow[] = [
    {
      kind: 'objective',
      code: r.objective.code,
      depth: r.objective.code.split('.').length - 1,
      label: `${r.objective.code} - ${r.objective.title}`,
      weight: r.objective.weight === null ? '' : weightText(r.objective.weight, language),
      performance: mark(r.performance, r.band, language),
    },
  ];
  for (const i of r.indicators) {
    const ind = i.indicator;
    const state = i.state;
    // A value saved «non misurato» is entered: the cell says it was declared so, and why.
    const declared = ind.measurement.state === 'not_measured' && ind.measurement.declared !== undefined;
    const actual = state === 'measured' ? actualAmountText(i.actual, ind, language) : state === 'pending' ? '' : declared ? notMeasuredText(ind.measurement, language) : words.actual[state];
    rows.push({
      kind: 'indicator',
      name: ind.name,
      weight: `${weightText(ind.weight, language)} ${ind.comparator}`,
      target: amountText(ind.target, ind.unit, language),
      actual,
      state,
      kpi: i.performance === null ? null : mark(i.performance, classify(i.performance, legend), language),
    });
  }
  return rows;
}
