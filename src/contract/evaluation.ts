/**
 * The computed plan as a JSON document: `albero evaluate --json`, the API's computed tree (before
 * the server adds its own fields, see `tree.ts`) and the open-data JSON are this one shape. Numbers
 * are percent with two decimals (`93`, `56.67`); dates are ISO; texts are as imported.
 * `io/json.ts` makes these documents from the engine's results.
 */
import { z } from 'zod';
import { AmountJsonSchema, BandSchema, ComparatorSchema, IndicatorStateSchema, ScoringKindSchema, SourceLocationSchema, UnitSchema } from './values.js';

export const IndicatorDocumentSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  weight: z.number(),
  comparator: ComparatorSchema,
  unit: UnitSchema,
  target: AmountJsonSchema.nullable(),
  actual: AmountJsonSchema.nullable(),
  /** As the Relazione prints them: `60,00%`, `30/09/2024`, `1.587,10`. */
  targetText: z.string(),
  actualText: z.string(),
  state: IndicatorStateSchema,
  reason: z.string().nullable(),
  scoring: ScoringKindSchema,
  derived: z.boolean(),
  performance: z.number().nullable(),
  met: z.boolean().nullable(),
  counted: z.boolean(),
  owner: z.string().nullable(),
});

/**
 * How a derived indicator's actual is computed ("algoritmo di calcolo"), with the names of the base
 * measures a data-entry form asks for; `scale` is a JSON number (100 for a percentage).
 */
export const FormulaDocumentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('children_mean') }),
  z.strictObject({ kind: z.literal('ratio'), numerator: z.string(), denominator: z.string(), scale: z.number() }),
  z.strictObject({ kind: z.literal('trend'), current: z.string(), previous: z.string() }),
]);

/** A scoring rule as the tree shows it: numbers as JSON numbers, dates ISO (`2024-09-30`), yes/no as booleans. */
export const RuleDocumentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('on_off') }),
  z.strictObject({ kind: z.literal('proportional') }),
  z.strictObject({ kind: z.literal('bands'), mode: z.enum(['fixed', 'interpolated']), points: z.array(z.strictObject({ at: AmountJsonSchema.nullable(), score: z.number() })) }),
  z.strictObject({ kind: z.literal('threshold'), floor: AmountJsonSchema.nullable() }),
]);

export const ObjectiveDocumentSchema = z.strictObject({
  code: z.string(),
  title: z.string(),
  parent: z.string().nullable(),
  level: z.string().nullable(),
  weight: z.number().nullable(),
  performance: z.number().nullable(),
  band: BandSchema.nullable(),
  basis: z.enum(['indicators', 'children', 'none']),
  indicators: z.array(IndicatorDocumentSchema),
});

/** An issue's parameters (`src/messages`): text, numbers, booleans, null, lists of text. */
export const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]));

/**
 * An engine or import issue: `message` is in English (logs, scripts); a client says it in its
 * reader's language from `code` + `params` with the catalogue (`renderIssue`). `params` is absent
 * only on an issue raised with hand-written words.
 */
export const IssueDocumentSchema = z.strictObject({
  severity: z.string(),
  code: z.string(),
  message: z.string(),
  params: MessageParamsSchema.optional(),
  location: SourceLocationSchema.nullable(),
});

export const EvaluationDocumentSchema = z.strictObject({
  title: z.string(),
  legend: z.array(z.strictObject({ band: BandSchema, label: z.string(), min: z.number().nullable(), minInclusive: z.boolean() })),
  summary: z.strictObject({ objectives: z.number(), green: z.number(), yellow: z.number(), red: z.number(), none: z.number() }),
  objectives: z.array(ObjectiveDocumentSchema),
  issues: z.array(IssueDocumentSchema),
});

/**
 * A term of a mean. `excluded`: why it is left out; `pending`: why its result is not given yet (a
 * period still taking values, as the public reads it), a term that is not left out. At most one is set.
 */
const Step = {
  ref: z.string(),
  label: z.string(),
  share: z.number().nullable(),
  score: z.number().nullable(),
  points: z.number().nullable(),
  excluded: z.string().nullable(),
  pending: z.string().nullable(),
};

/** How an objective's number was made: `albero explain --json`, the API's explanation and the web app's what-if alike. */
export const ExplanationDocumentSchema = z.strictObject({
  code: z.string(),
  title: z.string(),
  performance: z.number().nullable(),
  basis: z.enum(['indicators', 'children', 'none']),
  formula: z.string(),
  contributions: z.array(z.strictObject({ kind: z.enum(['indicator', 'child']), ...Step, weight: z.number().nullable() })),
  indicators: z.array(
    z.strictObject({ id: z.string(), name: z.string(), state: IndicatorStateSchema, performance: z.number().nullable(), scoring: z.string(), derivation: z.array(z.strictObject(Step)).nullable() }),
  ),
  /**
   * Only for the year end the office reopened after the OIV validated it: what the figure explained
   * is, as the tree's notice says it in the answer's language. The public: read as the OIV validated
   * it, or closed again, its own values, not those the OIV validated; the office (signed in): closed
   * again and not validated since, its own values, not those the OIV validated.
   */
  notice: z.string().optional(),
  /** Only where the body's SMVP gives an indicator of this objective its own "range di valutazione" (core/appraisal/thresholds.ts). */
  thresholds: z
    .array(
      z.strictObject({
        indicatorId: z.string(),
        indicator: z.string(),
        green: z.number(),
        yellow: z.number(),
        score: z.number().nullable(),
        band: z.enum(['green', 'yellow', 'red']).nullable(),
        legendBand: z.enum(['green', 'yellow', 'red']).nullable(),
        text: z.string(),
      }),
    )
    .optional(),
});

export type IndicatorDocument = z.infer<typeof IndicatorDocumentSchema>;
export type FormulaDocument = z.infer<typeof FormulaDocumentSchema>;
export type RuleDocument = z.infer<typeof RuleDocumentSchema>;
export type ObjectiveDocument = z.infer<typeof ObjectiveDocumentSchema>;
export type IssueDocument = z.infer<typeof IssueDocumentSchema>;
export type EvaluationDocument = z.infer<typeof EvaluationDocumentSchema>;
export type ExplanationDocument = z.infer<typeof ExplanationDocumentSchema>;
