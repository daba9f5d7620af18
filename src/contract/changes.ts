/**
 * What changed between two versions of a plan (`GET /api/plans/:id/changes`, `albero diff --json`),
 * and an objective's or indicator's years (`GET …/nodes/:code/years`, `…/indicators/:id/years`).
 * `io/json.ts` `changesDocument` and `server/routes/years.ts` `yearsOf` make them.
 */
import { z } from 'zod';
import { MessageParamsSchema } from './evaluation.js';
import { AmountJsonSchema, BandSchema, MeasurementStateSchema, UnitSchema } from './values.js';

/** The kinds of change (core/comparison.ts `CHANGE_KINDS`) and their groups, from the plan's shape to its results. */
export const ChangeGroupSchema = z.enum(['structure', 'plan', 'measurement', 'result']);
export const ChangeKindSchema = z.enum([
  'objective-added',
  'objective-removed',
  'objective-parent',
  'objective-title',
  'indicator-added',
  'indicator-removed',
  'indicator-name',
  'settings',
  'objective-weight',
  'weight',
  'comparator',
  'target',
  'unit',
  'scoring',
  'formula',
  'measurement',
  'source',
  'evidence',
  'performance',
]);

/** A deleted indicator's value at the closing, as the report's table prints it. */
const ClosingValueSchema = z.strictObject({
  state: MeasurementStateSchema,
  actual: AmountJsonSchema.nullable(),
  /** The actual as the report's table prints it, in the reader's language (`12`, `60,00%`, `N.V.`). */
  actualText: z.string(),
});

/** One change, as `albero diff --json` and the API give it. */
export const ChangeDocumentSchema = z.strictObject({
  group: ChangeGroupSchema,
  kind: ChangeKindSchema,
  code: z.string().nullable(),
  indicator: z.string().nullable(),
  /** Percent numbers for performance changes, the printed text otherwise. */
  before: z.union([z.number(), z.string()]).nullable(),
  after: z.union([z.number(), z.string()]).nullable(),
  /** Each side's value in words, in the reader's language (derived from `messageCode` + `params`); null for the side of an added or removed item. */
  beforeText: z.string().nullable(),
  afterText: z.string().nullable(),
  /**
   * The change by code and parameters (src/core/messages/comparison.ts): `objective`, `indicator`
   * and each side's value as neutral text under `before…` / `after…` (decimals with a point,
   * dates ISO, rules, states and units by their code). A client says it in its own language.
   */
  messageCode: z.string(),
  params: MessageParamsSchema,
  /** The change in a sentence, in the reader's language (`?lang`, `Accept-Language`, the CLI's `--lang`). */
  message: z.string(),
  /** The changed item's line in the file it was read from, the one `side` names; null when not read from a text table. */
  line: z.number().nullable(),
  /**
   * Which version `line` (or `sheet` and `address`) is in: `before` for an item removed (only the
   * earlier version has it), `after` otherwise; null when the change has no place in a file. In
   * `albero diff --json` it names the file under the document's `before` or `after`, as the text
   * output names the file beside each change.
   */
  side: z.enum(['before', 'after']).nullable(),
  /** Set when the changed item came from a workbook: its sheet and cell (in the version `side` names). */
  sheet: z.string().nullable().optional(),
  address: z.string().optional(),
  /**
   * Only in a period's comparison with its closing, for a signed-in reader, on an
   * `indicator-removed` change whose indicator a revision deleted while the period was closed or
   * validated: the value the deletion kept, as the closing had it (read-only).
   */
  keptValue: ClosingValueSchema.extend({ enteredBy: z.string().nullable(), enteredByName: z.string().nullable(), enteredAt: z.string() }).optional(),
  /**
   * Only there too, on an `indicator-removed` change whose indicator a revision deleted after the
   * period was reopened (its value then removed with the revision's confirmation, and listed in the
   * revision change's `removedValues`): the value the closing froze, which no live record holds any
   * more (read-only). Who entered it and when are null when the closing did not record them. `enteredByName`, here and in
   * `keptValue`: who entered it as the screens name people (contract/audit.ts `userName`).
   */
  closingValue: ClosingValueSchema.extend({ enteredBy: z.string().nullable(), enteredByName: z.string().nullable(), enteredAt: z.string().nullable() }).optional(),
});

export const ChangesDocumentSchema = z.strictObject({
  counts: z.strictObject({ structure: z.number(), plan: z.number(), measurement: z.number(), result: z.number() }),
  changes: z.array(ChangeDocumentSchema),
});

/** One side of the API's comparison; `closing` when the earlier side is the period as last closed. */
export const ChangesSideSchema = z.strictObject({
  planId: z.string(),
  period: z.string(),
  closing: z.strictObject({ seq: z.number(), closedAt: z.string(), closedBy: z.string().nullable(), closedByName: z.string().nullable() }).optional(),
});

/** `GET /api/plans/:id/changes`: the two sides compared and the changes. */
export const ChangesAnswerSchema = ChangesDocumentSchema.extend({ before: ChangesSideSchema, after: ChangesSideSchema });

/** One year of an objective or indicator, at its plan's year end. */
export const YearDocumentSchema = z.strictObject({
  year: z.number(),
  planId: z.string(),
  planTitle: z.string(),
  /**
   * The period the figures are read at: the year end once closed; before that the latest closed
   * period (`yearEnd` false: the screen says the figures are at its label); with none closed, the
   * year end (for the public: the latest whose values are published).
   */
  period: z.strictObject({ id: z.string(), label: z.string(), state: z.string(), yearEnd: z.boolean() }),
  /** The plan asked about. */
  current: z.boolean(),
  code: z.string(),
  /** For an indicator: its id in that year's plan. */
  indicatorId: z.string().nullable(),
  title: z.string(),
  /** Indicators only (an objective has no target of its own). */
  unit: UnitSchema.nullable(),
  target: AmountJsonSchema.nullable(),
  targetText: z.string(),
  actual: AmountJsonSchema.nullable(),
  actualText: z.string(),
  performance: z.number().nullable(),
  band: BandSchema.nullable(),
  /**
   * An objective's performance as the OIV validated it in the Relazione of that year, where it
   * differs from the reported `performance` (itself or by its objectives), as that plan's tree states
   * it (`validation.objectives`: the public once the Relazione is published); null otherwise, and
   * for an indicator (the OIV validates objectives).
   */
  validated: z.strictObject({ performance: z.number().nullable(), band: BandSchema.nullable(), reservations: z.boolean() }).nullable(),
});

export const YearsDocumentSchema = z.strictObject({
  kind: z.enum(['objective', 'indicator']),
  planId: z.string(),
  ref: z.string(),
  years: z.array(YearDocumentSchema),
});

export type ChangeDocument = z.infer<typeof ChangeDocumentSchema>;
export type ChangesDocument = z.infer<typeof ChangesDocumentSchema>;
export type ChangesSide = z.infer<typeof ChangesSideSchema>;
export type ChangesAnswer = z.infer<typeof ChangesAnswerSchema>;
export type YearDocument = z.infer<typeof YearDocumentSchema>;
export type YearsDocument = z.infer<typeof YearsDocumentSchema>;
