/**
 * The Relazione's seven-column table as data: one row per objective followed by one per indicator,
 * each cell as the text a reader sees, plus what a renderer needs to style it (kind, depth, band).
 * The HTML page and the PDF both draw these rows, so they cannot print different texts.
 */
import { classify, formatPercent, type Band, type Decimal, type Evaluation, type MeasurementState, type ObjectiveResult } from '../../core/index.js';
import { amountText } from '../json.js';

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
  /** The value, or "N.V." / "non raggiunto" / "non misurato" as `state` says. */
  readonly actual: string;
  readonly state: MeasurementState;
  /** The indicator's score, `null` when it has none (the cell stays empty). */
  readonly kpi: Mark | null;
}

export type ReportRow = ObjectiveRow | IndicatorRow;

/** What stands in the Consuntivo cell instead of a value. */
export const ACTUAL_TEXT: Record<Exclude<MeasurementState, 'measured'>, string> = { not_evaluable: 'N.V.', not_achieved: 'non raggiunto', not_measured: 'non misurato' };

export function mark(performance: Decimal | null, band: Band | null): Mark {
  return { value: performance === null ? null : formatPercent(performance), band };
}

/** The rows of one objective: its own, then its indicators'. */
export function objectiveRows(r: ObjectiveResult, evaluation: Evaluation): ReportRow[] {
  const legend = evaluation.plan.settings.legend;
  const rows: ReportRow[] = [
    {
      kind: 'objective',
      code: r.objective.code,
      depth: r.objective.code.split('.').length - 1,
      label: `${r.objective.code} - ${r.objective.title}`,
      weight: r.objective.weight === null ? '' : `${r.objective.weight.toString().replace('.', ',')}%`,
      performance: mark(r.performance, r.band),
    },
  ];
  for (const i of r.indicators) {
    const ind = i.indicator;
    const state = i.state;
    const actual = state === 'measured' ? (ind.formula?.kind === 'children_mean' && i.actual?.kind === 'number' ? formatPercent(i.actual.value) : amountText(i.actual, ind.unit)) : ACTUAL_TEXT[state];
    rows.push({
      kind: 'indicator',
      name: ind.name,
      weight: `${ind.weight.toString().replace('.', ',')}% ${ind.comparator}`,
      target: amountText(ind.target, ind.unit),
      actual,
      state,
      kpi: i.performance === null ? null : mark(i.performance, classify(i.performance, legend)),
    });
  }
  return rows;
}
