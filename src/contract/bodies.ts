/**
 * The request bodies of tree editing and data entry, declared once. A decimal (weights, scores,
 * scales, base measures) travels as a JSON number or as text (`33.33`, `33,33`); what it becomes
 * is the reader's business: the server passes its own decimal schema (checked against the bounds
 * every number has, read exactly) to `treeBodies`, while the web app and the documentation read
 * the wire form (`WireBodies`, the `…Body` types below).
 *
 * @example const { NewIndicator } = treeBodies({ decimal: DecimalText, weight: Weight }) // server
 */
import { z } from 'zod';
import { OBJECTIVE_CODE } from './codes.js';
import { ComparatorSchema, MeasurementStateSchema, UnitSchema } from './values.js';

/** A plain decimal as it travels: `30`, `33.33`, `"33,33"`. */
export const DecimalWireSchema = z.union([z.number(), z.string().regex(/^[+-]?\d+([.,]\d+)?$/, 'decimal-number')]);

/** An objective's code as the API takes it: what a plan's own workbook must take back too (io/xlsx/template.ts). */
export { OBJECTIVE_CODE };
export const CodeSchema = z.string().regex(OBJECTIVE_CODE, 'a code such as A.2.1');
/** A value typed by a person, read in the indicator's unit: `93,5`, `2024-09-30`, `true`. */
export const TypedValueSchema = z.union([z.number(), z.string().max(100), z.boolean()]);

/** The decimal schemas a reader of the bodies supplies: how a decimal and a weight (0–100) are read. */
export interface DecimalSchemas<D extends z.ZodType, W extends z.ZodType> {
  readonly decimal: D;
  readonly weight: W;
}

/** The body schemas of tree editing and data entry, reading decimals with `schemas`. */
export function treeBodies<D extends z.ZodType, W extends z.ZodType>({ decimal, weight }: DecimalSchemas<D, W>) {
  const Rule = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('on_off') }),
    z.object({ kind: z.literal('proportional') }),
    z.object({
      kind: z.literal('bands'),
      mode: z.enum(['fixed', 'interpolated']),
      points: z
        .array(z.object({ at: TypedValueSchema, score: decimal }))
        .min(1)
        .max(50),
    }),
    z.object({ kind: z.literal('threshold'), floor: TypedValueSchema }),
  ]);
  /** A ratio without a scale is a percentage (`DEFAULT_RATIO_SCALE`). */
  const FormulaInput = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('children_mean') }),
    z.object({ kind: z.literal('ratio'), numerator: z.string().min(1).max(100), denominator: z.string().min(1).max(100), scale: decimal.optional() }),
    z.object({ kind: z.literal('trend'), current: z.string().min(1).max(100), previous: z.string().min(1).max(100) }),
  ]);
  const NewNode = z
    .object({
      code: CodeSchema,
      title: z.string().trim().min(1).max(500),
      parent: CodeSchema.nullable(),
      level: z.string().max(100).nullable().optional(),
      weight: weight.nullable().optional(),
      owner: z.string().max(200).nullable().optional(),
      unit: z.string().max(200).nullable().optional(),
      unitId: z.string().min(1).max(200).nullable().optional(),
      personId: z.string().min(1).max(200).nullable().optional(),
    })
    .strict();
  const NodePatch = z
    .object({
      title: z.string().trim().min(1).max(500).optional(),
      level: z.string().max(100).nullable().optional(),
      weight: weight.nullable().optional(),
      owner: z.string().max(200).nullable().optional(),
      unit: z.string().max(200).nullable().optional(),
      unitId: z.string().min(1).max(200).nullable().optional(),
      personId: z.string().min(1).max(200).nullable().optional(),
      version: z.number().int().min(0).optional(),
    })
    .strict();
  const indicatorFields = {
    name: z.string().trim().min(1).max(500),
    weight,
    comparator: ComparatorSchema,
    tolerance: decimal.nullable().optional(),
    target: TypedValueSchema.nullable(),
    unit: UnitSchema,
    scoring: Rule.nullable().optional(),
    formula: FormulaInput.nullable().optional(),
    owner: z.string().max(200).nullable().optional(),
    source: z.string().max(2000).nullable().optional(),
    notes: z.string().max(5000).nullable().optional(),
    unitId: z.string().min(1).max(200).nullable().optional(),
    personId: z.string().min(1).max(200).nullable().optional(),
    // The three-year horizon: the baseline in the indicator's unit and its year, the targets of the plan's year + 1 and + 2.
    baseline: TypedValueSchema.nullable().optional(),
    baselineYear: z.number().int().min(1900).max(2100).nullable().optional(),
    nextTargets: z.tuple([TypedValueSchema.nullable(), TypedValueSchema.nullable()]).nullable().optional(),
  };
  const NewIndicator = z.object(indicatorFields).strict();
  /** Any field of a new indicator, against the definition's `version` (the tree's `definitionVersion`). */
  const IndicatorPatch = NewIndicator.partial()
    .extend({ version: z.number().int().min(0) })
    .strict();
  /** A value for one indicator in one period, against the `version` read from the tree (0: nothing entered yet). */
  const Measurement = z
    .object({
      state: MeasurementStateSchema,
      actual: TypedValueSchema.nullable().optional(),
      inputs: z.record(z.string().max(100), decimal).nullable().optional(),
      reason: z.string().max(2000).nullable().optional(),
      evidence: z.string().max(5000).nullable().optional(),
      source: z.string().max(2000).nullable().optional(),
      notes: z.string().max(5000).nullable().optional(),
      version: z.number().int().min(0),
      /**
       * The indicator's unit as the form read it, the actual typed in it: a unit changed since to
       * another kind of value (a number to a date) is refused (409 `unit-changed`, naming who
       * changed it), not read in the new one. Left out: read in the unit stored now.
       */
      unit: UnitSchema.optional(),
    })
    .strict();
  return { Rule, FormulaInput, NewNode, NodePatch, NewIndicator, IndicatorPatch, Measurement };
}

/** The bodies as they travel (decimals as numbers or text): what a client sends. */
export const WireBodies = treeBodies({ decimal: DecimalWireSchema, weight: DecimalWireSchema });

export type ScoringInput = z.input<typeof WireBodies.Rule>;
export type FormulaInput = z.input<typeof WireBodies.FormulaInput>;
export type NodeInput = z.input<typeof WireBodies.NewNode>;
export type NodePatchInput = z.input<typeof WireBodies.NodePatch>;
export type IndicatorInput = z.input<typeof WireBodies.NewIndicator>;
export type IndicatorPatchInput = z.input<typeof WireBodies.IndicatorPatch>;
export type MeasurementInput = z.input<typeof WireBodies.Measurement>;
