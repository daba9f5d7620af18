/**
 * The words every document and request shares: units, comparators, states, bands, and an amount
 * as JSON. They restate the core's unions as schemas (the contract imports nothing but zod, so the
 * web app reads it without the engine); `io/json.ts` builds the documents from core values, so
 * the type checker refuses a core word the contract does not know.
 */
import { z } from 'zod';
import { PERIOD_STATES } from './period-states.js';

export const UnitSchema = z.enum(['number', 'percent', 'date', 'boolean']);
export const ComparatorSchema = z.enum(['>=', '<=', '=']);
export const MeasurementStateSchema = z.enum(['measured', 'not_achieved', 'not_evaluable', 'not_measured']);
/**
 * An indicator's state in a computed document: a measurement's state, or `pending` (in corso di
 * misurazione) where the reader is given the targets of a period still taking values (the public,
 * `albero site --targets-only`): not "not measured", which would be a fact about the indicator.
 * Never entered: requests take `MeasurementStateSchema`.
 */
export const IndicatorStateSchema = z.enum([...MeasurementStateSchema.options, 'pending']);
export const BandSchema = z.enum(['green', 'yellow', 'red']);
export const ScoringKindSchema = z.enum(['on_off', 'proportional', 'bands', 'threshold']);
export const PeriodStateSchema = z.enum(PERIOD_STATES);
export const RevisionKindSchema = z.enum(['variazione', 'rimodulazione']);
/** `discarded`: let go without changing the plan, kept on the record (who, when, why, its steps). */
export const RevisionStatusSchema = z.enum(['open', 'approved', 'discarded']);

/** An amount as JSON: a number (or its exact decimal text when a double would round it), an ISO date, yes/no. */
export const AmountJsonSchema = z.union([z.number(), z.string(), z.boolean()]);

/** Where an issue comes from: `file:line`, `Sheet!E37`, an objective or indicator, a request field. */
export const SourceLocationSchema = z.strictObject({
  file: z.string().optional(),
  line: z.number().optional(),
  /** A registry's row (CSV record or sheet row), where the file is read as rows of a table. */
  row: z.number().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
  column: z.string().optional(),
  node: z.string().optional(),
  indicator: z.string().optional(),
  field: z.string().optional(),
});

export type Unit = z.infer<typeof UnitSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
export type MeasurementState = z.infer<typeof MeasurementStateSchema>;
export type IndicatorState = z.infer<typeof IndicatorStateSchema>;
export type Band = z.infer<typeof BandSchema>;
export type PeriodState = z.infer<typeof PeriodStateSchema>;
export type AmountJson = z.infer<typeof AmountJsonSchema>;
