/**
 * Reading back a computed plan's JSON: the open data (`albero report --format json`, the server's
 * `GET …/export?format=json`, `"format": "albero-evaluation"`) and `albero evaluate --json`'s
 * document, which is the same shape without `metadata`. A citizen who downloaded the open data can
 * evaluate, explain, diff and verify it offline.
 *
 * Such a document states results, not every input: each indicator's rule is said by its kind only,
 * a derived indicator by `derived` only, and there is no tolerance nor plan settings. What it does
 * carry is enough for the published tables' plans (on/off and proportional rules, the weighted mean
 * of the child objectives: a derived indicator whose actual is not that mean is a ratio or a trend);
 * an indicator it does not carry enough of is refused at its field
 * (`json-open-data-lacks`), never scored by a guess. The stated performances and derived actuals are
 * kept as stated cells for `verify`, each at its objective, indicator and field. The warnings met
 * reading the table it was made from, which it lists, are said again (`readingIssues`), as that
 * table's reading says them.
 */
import { z } from 'zod';
import { BandSchema, EvaluationDocumentSchema, ObjectiveDocumentSchema, TreeDocumentSchema, type AmountJson, type IssueDocument, type RuleDocument } from '../../contract/index.js';
import {
  computedFromChildren,
  dec,
  type Decimal,
  evaluatePlan,
  isEngineIssue,
  problem,
  type ImportedTable,
  type Issue,
  type NotMeasuredPolicy,
  type Outcome,
  type Plan,
  type Publication,
  type PublicValidatedObjective,
  type StatedBand,
  type StatedCell,
} from '../../core/index.js';
import { amountFromJson, amountJson, planFromDocument, type PlanDocument } from '../json.js';
import { farDate, titleYear } from '../published/layout.js';

// The figures of `openDataJson`'s validation, as it writes them (io/opendata/index.ts `OpenDataDocument`).
const FigureSchema = z.number().nullable();
// A text the documents print in their heading: one line, no control character (a terminal's escape, a page break).
const LineSchema = z
  .string()
  .max(1000)
  .refine((text) => !/[\u0000-\u001f\u007f-\u009f]/.test(text));
const ValidatedSchema = z.strictObject({ performance: FigureSchema, band: BandSchema.nullable(), byOiv: z.boolean(), note: z.string().max(10_000).nullable() });

const OpenDataSchema = EvaluationDocumentSchema.extend({
  // The metadata say who published it and when: the evaluation reads only the plan's year, which far
  // dates are said from; `report` and `relazione` print the body, the act and the OIV's validation
  // (`publicationOf`). Absent in a file written before a field was: nothing said of it.
  metadata: z
    .looseObject({
      format: z.literal('albero-evaluation'),
      year: z.number().int().nullable().optional(),
      body: LineSchema.nullable().optional(),
      adoption: z.strictObject({ kind: LineSchema, number: LineSchema, date: z.iso.date() }).nullable().optional(),
      validation: z
        .strictObject({
          decidedAt: z.string().refine((at) => !Number.isNaN(Date.parse(at))),
          withReservations: z.boolean(),
          body: z.strictObject({ reported: FigureSchema, validated: FigureSchema, band: BandSchema.nullable() }).nullable(),
        })
        .nullable()
        .optional(),
    })
    .optional(),
  objectives: z.array(ObjectiveDocumentSchema.extend({ validated: ValidatedSchema.nullable().optional() })),
});

type OpenData = z.infer<typeof OpenDataSchema>;

/** A field path of zod's as the document's reader finds it: `objectives[3].indicators[0].weight`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}

/**
 * The plan a computed document states, with its stated cells when `stated` (verify), or the
 * problems that keep it from being one: a field of the wrong kind, an indicator whose computation
 * the document does not carry. `parsed`: the document as JSON.parse gave it. `year`: the plan's,
 * when the caller knows it, else the metadata's or the title's: a date far from it is said at its
 * field, as the import document's reader says it.
 */
export function readEvaluationJson(parsed: unknown, file: string, stated: boolean, year?: number): Outcome<ImportedTable | null> {
  const read = OpenDataSchema.safeParse(parsed);
  if (!read.success) {
    return { value: null, issues: read.error.issues.slice(0, 5).map((i) => problem('error', 'json-not-evaluation', { field: fieldPath(i.path) }, { file, field: fieldPath(i.path) })) };
  }
  const doc = read.data;
  const issues = lacking(doc, file);
  if (issues.length > 0) return { value: null, issues };
  const planned = planWith(doc, notMeasuredOf(doc));
  const notMeans = notChildrenMeans(doc, planned, file);
  if (notMeans.length > 0) return { value: null, issues: notMeans };
  const plan = withOrigins(planned, file);
  const warnings = [...readingIssues(doc.issues), ...farDates(doc.objectives, file, year ?? doc.metadata?.year ?? titleYear(doc.title))];
  const publication = publicationOf(doc);
  return {
    value: { plan, stated: stated ? statedCells(doc, file) : [], ...(stated ? { statedBands: statedBands(doc, file) } : {}), ...(publication === undefined ? {} : { publication }) },
    issues: warnings,
  };
}

/**
 * What the open data's metadata say beside the figures (`Publication`): the body, the year, the act
 * and the OIV's validation, each objective's validated figure back as the public plan's record
 * (`PublicValidation`) that the server's documents print. Undefined without metadata
 * (`evaluate --json`'s document).
 */
function publicationOf(doc: OpenData): Publication | undefined {
  const m = doc.metadata;
  if (m === undefined) return undefined;
  const figure = (n: number | null): Decimal | null => (n === null ? null : dec(String(n)));
  const v = m.validation ?? null;
  const objectives = new Map<string, PublicValidatedObjective>();
  for (const o of doc.objectives) {
    const x = o.validated;
    if (x != null) objectives.set(o.code, { code: o.code, validated: figure(x.performance), band: x.band, direct: x.byOiv, note: x.note });
  }
  return {
    body: m.body ?? null,
    year: m.year ?? null,
    adoption: m.adoption ?? null,
    validation:
      v === null
        ? null
        : {
            decidedAt: v.decidedAt,
            reservations: v.withReservations,
            objectives,
            body: v.body === null ? null : { reported: figure(v.body.reported), validated: figure(v.body.validated), band: v.body.band },
          },
  };
}

/**
 * The server's computed tree (`GET /api/plans/:id/tree`): the evaluation document with each
 * indicator's rule, formula, base measures and tolerance and the plan's settings, enough to rebuild
 * the plan exactly, as the web's what-if does, by the one codec (`planFromDocument`). What only the
 * server knows (the period, versions, ids, evidence, the OIV's validation) is not read; its stated
 * performances and bands are `verify`'s cells, as the open data's. A field of the wrong kind is
 * said by its path (`json-not-tree`).
 */
export function readTreeJson(parsed: unknown, file: string, stated: boolean, year?: number): Outcome<ImportedTable | null> {
  const read = TreeDocumentSchema.safeParse(parsed);
  if (!read.success) return { value: null, issues: read.error.issues.slice(0, 5).map((i) => problem('error', 'json-not-tree', { field: fieldPath(i.path) }, { file, field: fieldPath(i.path) })) };
  const doc = read.data;
  const plan = withOrigins(planFromDocument(doc), file);
  // Its later targets are {year, target} pairs: the two years after the plan's, in order.
  const dated = doc.objectives.map((o) => ({
    code: o.code,
    indicators: o.indicators.map((i) => ({ ...i, nextTargets: [i.nextTargets[0]?.target ?? null, i.nextTargets[1]?.target ?? null] as const })),
  }));
  const warnings = [...readingIssues(doc.issues), ...farDates(dated, file, year ?? titleYear(doc.title))];
  return { value: { plan, stated: stated ? statedCells(doc, file) : [], ...(stated ? { statedBands: statedBands(doc, file) } : {}) }, issues: warnings };
}

/**
 * A warning at each date of a plan's JSON document (a target, an actual, a baseline, a later
 * target) more than `FAR_DATE_YEARS` from `year`, as the workbook's template says its cells: the
 * date is kept as written. Each is placed at its objective, indicator and field (`nextTargets[0]`),
 * and names the indicator, as the document has no cells to point at. The import document's reader
 * and the open data's say them alike.
 */
export function farDates(
  objectives: readonly {
    code: string;
    indicators: readonly { id: string; target: AmountJson | null; actual: AmountJson | null; baseline?: AmountJson | null; nextTargets?: readonly [AmountJson | null, AmountJson | null] }[];
  }[],
  file: string,
  year: number | null | undefined,
): Issue[] {
  if (year == null) return [];
  const found: Issue[] = [];
  for (const o of objectives) {
    for (const i of o.indicators) {
      const fields: [string, AmountJson | null | undefined][] = [
        ['target', i.target],
        ['actual', i.actual],
        ['baseline', i.baseline],
        ['nextTargets[0]', i.nextTargets?.[0]],
        ['nextTargets[1]', i.nextTargets?.[1]],
      ];
      for (const [field, value] of fields) {
        const amount = value == null ? null : amountFromJson(value);
        if (amount?.kind !== 'date') continue;
        const far = farDate(amount.value, year, `${i.id} · ${field}`, { file, node: o.code, indicator: i.id, field }, 'document');
        if (far !== null) found.push(far);
      }
    }
  }
  return found;
}

/**
 * The warnings and notes a computed plan's document lists from the reading of the table it was made
 * from (a bare percentage read as one, a comparator ignored), located where the document says (that
 * table's file and line): a command reading the document says them, and `evaluate --json` carries
 * them, as it does the table's own. The engine's are left out: evaluating the plan again says them
 * anew. An error cannot be among them (a table read with errors makes no document): one written by
 * hand is not taken as a reason to refuse the plan.
 */
export function readingIssues(issues: readonly IssueDocument[]): Issue[] {
  return issues.flatMap((i): Issue[] =>
    (i.severity === 'warning' || i.severity === 'info') && !isEngineIssue(i.code)
      ? [{ severity: i.severity, code: i.code, message: i.message, ...(i.params === undefined ? {} : { params: i.params }), ...(i.location === null ? {} : { location: i.location }) }]
      : [],
  );
}

/**
 * An error at each indicator the document does not carry enough of: a band or threshold rule (its
 * points are not written), a derived indicator but the mean of its objective's children (a ratio's
 * or trend's base measures are not written), an `=` target the document says met though its
 * actual differs (a tolerance it does not write).
 */
function lacking(doc: OpenData, file: string): Issue[] {
  const parents = new Set(doc.objectives.map((o) => o.parent).filter((p) => p !== null));
  const found: Issue[] = [];
  for (const o of doc.objectives) {
    for (const i of o.indicators) {
      const at = (field: string) => ({ file, node: o.code, indicator: i.id, field });
      if (i.scoring === 'bands' || i.scoring === 'threshold') found.push(problem('error', 'json-open-data-lacks', { indicator: i.name, what: 'rule', rule: i.scoring }, at('scoring')));
      else if (i.derived && !parents.has(o.code)) found.push(problem('error', 'json-open-data-lacks', { indicator: i.name, what: 'formula' }, at('derived')));
      else if (i.comparator === '=' && i.met === true && i.actual !== null && i.actual !== i.target)
        found.push(problem('error', 'json-open-data-lacks', { indicator: i.name, what: 'tolerance' }, at('comparator')));
    }
  }
  return found;
}

/**
 * An error at each derived indicator of an objective with children whose stated actual is not the
 * mean of its children: a ratio or a trend, whose formula and base measures the document does not
 * write (`derived` is all it says), refused as one of an objective without children is, rather than
 * scored as the children's mean. `plan`: the document's plan, each such indicator read as that mean.
 *
 * The mean is the one the document's inputs give (`plan` evaluated: exact, as the document writes
 * it), or the one its children's stated performances give: a document edited by hand (a target
 * changed, a performance changed for `verify` to find) still has its means agree with one of the
 * two. The stated performances are written to two decimals, their mean is as near as 0.005 to the
 * exact one. An actual that agrees by chance with neither evaluates alike either way.
 */
function notChildrenMeans(doc: OpenData, plan: Plan, file: string): Issue[] {
  const derived = doc.objectives.flatMap((o) => o.indicators.filter((i) => i.derived).map((i) => ({ code: o.code, i })));
  if (derived.length === 0) return [];
  const computed = evaluatePlan(plan);
  const differing = derived.filter(({ i }) => {
    const r = computed.indicator(i.id);
    return r !== undefined && computedFromChildren(r.indicator.formula) && amountJson(r.actual) !== i.actual;
  });
  if (differing.length === 0) return [];
  const forced = new Map(doc.objectives.flatMap((o) => (o.performance === null ? [] : [[o.code, dec(String(o.performance))] as const])));
  const stated = evaluatePlan(plan, { forced });
  const found: Issue[] = [];
  for (const { code, i } of differing) {
    const mean = stated.indicator(i.id)!.actual;
    const actual = i.actual === null ? null : amountFromJson(i.actual);
    if (mean === null ? actual === null : actual?.kind === 'number' && mean.kind === 'number' && actual.value.minus(mean.value).abs().lte(HALF_HUNDREDTH)) continue;
    const said = (value: AmountJson | null): string => (value === null ? '—' : String(value));
    const own = amountJson(computed.indicator(i.id)!.actual);
    found.push(problem('error', 'json-open-data-lacks', { indicator: i.name, what: 'mean', actual: said(i.actual), mean: said(own) }, { file, node: code, indicator: i.id, field: 'actual' }));
  }
  return found;
}

const HALF_HUNDREDTH = dec('0.005');

/**
 * The plan document the evaluation document stands for under a `notMeasured` policy. The plan's
 * default rule is its typed indicators' most frequent one (on/off on a tie, the engine's default),
 * so an indicator of that rule reads as the plan's, as the table it came from had it; a derived
 * indicator is the weighted mean of its objective's children, with its rule its own, as the
 * published table's importer makes it.
 */
function planWith(doc: OpenData, notMeasured: NotMeasuredPolicy): Plan {
  const counts = { on_off: 0, proportional: 0 };
  for (const o of doc.objectives) for (const i of o.indicators) if (!i.derived && (i.scoring === 'on_off' || i.scoring === 'proportional')) counts[i.scoring]++;
  const defaultKind = counts.proportional > counts.on_off ? 'proportional' : 'on_off';
  const planDoc: PlanDocument = {
    title: doc.title,
    legend: doc.legend,
    summary: doc.summary,
    issues: doc.issues,
    settings: { defaultScoring: { kind: defaultKind }, notMeasured },
    objectives: doc.objectives.map(({ validated: _validated, ...o }) => ({
      ...o,
      indicators: o.indicators.map((i) => ({
        ...i,
        tolerance: null,
        rule: i.derived || i.scoring !== defaultKind ? ({ kind: i.scoring } as RuleDocument) : null,
        // A derived indicator but the children's mean is refused (`lacking`, `notChildrenMeans`).
        formula: i.derived ? { kind: 'children_mean' as const } : null,
        inputs: null,
        previousValue: null,
      })),
    })),
  };
  return planFromDocument(planDoc);
}

/**
 * The plan's policy for a value not measured, which the document does not write: the one under
 * which the document's own objectives have a performance where it says they have one and its
 * indicators count where it says they count (a changed number changes neither). A document with no
 * indicator not measured is the same under each: the engine's default.
 */
function notMeasuredOf(doc: OpenData): NotMeasuredPolicy {
  const policies: NotMeasuredPolicy[] = ['skip', 'zero', 'block'];
  if (!doc.objectives.some((o) => o.indicators.some((i) => i.state === 'not_measured'))) return policies[0]!;
  const shape = (o: { performance: unknown; indicators: readonly { counted: boolean }[] }): string => `${o.performance === null}:${o.indicators.map((i) => i.counted).join(',')}`;
  const wanted = doc.objectives.map(shape).join('|');
  for (const policy of policies) {
    const evaluation = evaluatePlan(planWith(doc, policy));
    const got = evaluation.nodeResults.map((r) => shape({ performance: r.performance, indicators: r.indicators })).join('|');
    if (got === wanted) return policy;
  }
  return policies[0]!;
}

/** Each objective and indicator located at its field in the document, as the import document's are. */
function withOrigins(plan: Plan, file: string): Plan {
  return {
    ...plan,
    nodes: plan.nodes.map((n) => ({ ...n, origin: { file, node: n.code }, indicators: n.indicators.map((i) => ({ ...i, origin: { file, node: n.code, indicator: i.id } })) })),
  };
}

/**
 * What the document states that follows from its inputs, for `verify`: each objective's
 * performance, each indicator's performance, a derived indicator's actual (the mean of its
 * children), each at its objective, indicator and field.
 */
export function statedCells(doc: Pick<OpenData, 'objectives'>, file: string): StatedCell[] {
  const cells: StatedCell[] = [];
  const number = (n: number | null) => (n === null ? null : dec(String(n)));
  for (const o of doc.objectives) {
    cells.push({ cell: 'performance_objective', code: o.code, value: number(o.performance), origin: { file, node: o.code, field: 'performance' } });
    for (const i of o.indicators) {
      if (i.derived && typeof i.actual !== 'boolean' && (typeof i.actual === 'number' || i.actual === null)) {
        cells.push({ cell: 'actual', code: o.code, indicator: i.id, value: number(i.actual), origin: { file, node: o.code, indicator: i.id, field: 'actual' } });
      }
      cells.push({ cell: 'performance_kpi', code: o.code, indicator: i.id, value: number(i.performance), origin: { file, node: o.code, indicator: i.id, field: 'performance' } });
    }
  }
  return cells;
}

/** Each objective's band as the document states it, at its objective's `band`, for `verify`. */
export function statedBands(doc: Pick<OpenData, 'objectives'>, file: string): StatedBand[] {
  return doc.objectives.map((o) => ({ code: o.code, band: o.band, origin: { file, node: o.code, field: 'band' } }));
}
