/** The computed tree, one node's explanation, and tree editing (objectives and indicators). */
import { z } from 'zod';
import { indicatorThresholdBands } from '../../core/appraisal/index.js';
import {
  amountKind,
  Decimal,
  explainNode,
  formulaFitsUnit,
  ruleFitsUnit,
  unkeyableBaseMeasures,
  type Amount,
  type Comparator,
  type Formula,
  type Language,
  type ScoringRule,
  type Unit,
} from '../../core/index.js';
import { explanationDocument, thresholdDocument } from '../../io/json.js';
import { reopenedCollectingText, reopenedValidatedText } from '../../io/report/texts.js';
import type { IndicatorContext, IndicatorPatch, Store } from '../../store/index.js';
import { recordedUnit, type FieldProblem } from '../../messages/index.js';
import {
  DEFAULT_RATIO_SCALE,
  DoneSchema,
  type TreeValidation,
  ExplanationDocumentSchema,
  IndicatorSavedSchema,
  ObjectiveSavedSchema,
  TreeDocumentSchema,
  TypedValueSchema,
} from '../../contract/index.js';
import { Bodies, isAmountProblem, readAmount } from '../amounts.js';
import type { RouteModule } from '../api.js';
import { actorOf, currentUser } from '../auth.js';
import { readerComputed, withDecision } from '../public-periods.js';
import { amountTextsLanguage } from '../language.js';
import { issueOf, must, refuse } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { documentLanguage, flagQuery, invalidField, invalidFields, language, LANGUAGES, param } from '../validation.js';
import { smvpFor } from '../appraisal/forms.js';
import type { ComputedPlan } from '../tree.js';
import { readablePlan, refuseIfArchived } from '../plan-access.js';
import { treeAnswer } from '../tree-answer.js';

// The bodies are the contract's (src/contract/bodies.ts), read with the server's exact decimals.
const { NewNode, NodePatch, NewIndicator, IndicatorPatch: IndicatorPatchBody } = Bodies;
type Value = z.infer<typeof TypedValueSchema>;

/** A unit named by its name in a request must be in the registry (400 naming `unit` otherwise); it is passed on by id. */
async function unitByName<T extends { unit?: string | null | undefined; unitId?: string | null | undefined }>(store: Store, input: T): Promise<Omit<T, 'unit'> & { unitId?: string | null }> {
  const { unit, ...rest } = input;
  if (unit === undefined || rest.unitId !== undefined) return rest;
  if (unit === null || unit.trim() === '') return { ...rest, unitId: null };
  const found = await store.findUnitsByName([unit]);
  if (found.ids.length === 0) throw invalidField('unit', { problem: 'unknown-unit', value: unit });
  return { ...rest, unitId: found.ids[0]! };
}

function amount(value: string | number | boolean | null | undefined, unit: string, field: string): Amount | null {
  if (value === null || value === undefined) return null;
  const read = readAmount(value, unit as Unit);
  if (isAmountProblem(read)) throw invalidField(field, { problem: 'amount', ...read });
  return read;
}

function rule(input: z.infer<typeof Bodies.Rule> | null | undefined, unit: string): ScoringRule | null {
  if (input === null || input === undefined) return null;
  if (input.kind === 'bands') return { kind: 'bands', mode: input.mode, points: input.points.map((p, k) => ({ at: amount(p.at, unit, `scoring.points.${k}.at`)!, score: p.score })) };
  if (input.kind === 'threshold') return { kind: 'threshold', floor: amount(input.floor, unit, 'scoring.floor')! };
  return { kind: input.kind };
}

function formula(input: z.infer<typeof Bodies.FormulaInput> | null | undefined): Formula | null {
  if (input === null || input === undefined) return null;
  if (input.kind === 'ratio') return { kind: 'ratio', numerator: input.numerator, denominator: input.denominator, scale: input.scale ?? new Decimal(DEFAULT_RATIO_SCALE) };
  return input;
}

/**
 * A baseline is the last value known when the plan is made: of the plan's year at the latest (a
 * plan made from last year's takes last year's actual). A later year (2027 for the 2024 plan) is
 * a slip of the keyboard that would stand in the plan, its workbook and next year's; refused at
 * the field. The plan's year is read only when a baseline year is sent.
 */
/**
 * An indicator's definition written on an archived plan is told as archived first, as the store tells
 * it: before what the route checks of the body against the plan (its year, the indicator, its values).
 */
async function archivedFirst(store: Store, planId: string): Promise<void> {
  const plan = await store.getPlan(planId);
  if (plan !== undefined) refuseIfArchived(plan);
}

async function baselineYearProblem(store: Store, planId: string, baselineYear: number | null | undefined): Promise<void> {
  if (baselineYear === null || baselineYear === undefined) return;
  const plan = await store.getPlan(planId);
  if (plan !== undefined && baselineYear > plan.year) throw invalidFields([{ field: 'baselineYear', problem: 'baseline-year-after', maximum: plan.year }]);
}

/**
 * A date target is a deadline of its year: the plan's year for `target`, the next two for
 * `nextTargets`. One before its year had passed when that year began (30/04/2019 in the 2024 plan,
 * 30/06/2023 as the target of 2025): a slip of the keyboard that no completion of the year could
 * meet, and that next year's plan would roll forward; refused at its field, every one at once. A
 * date after its year stays (a report of the year due by 31 January of the next). The plan's year
 * is read only when a date is sent.
 */
async function datesBeforeTheirYear(store: Store, planId: string, sent: { target?: Amount | null; nextTargets?: readonly [Amount | null, Amount | null] }): Promise<void> {
  const dated = [{ field: 'target', amount: sent.target, offset: 0 }, ...(sent.nextTargets ?? []).map((amount, k) => ({ field: `nextTargets.${k}`, amount, offset: k + 1 }))].filter(
    (d): d is { field: string; amount: Amount & { kind: 'date' }; offset: number } => d.amount?.kind === 'date',
  );
  if (dated.length === 0) return;
  const plan = await store.getPlan(planId);
  if (plan === undefined) return;
  const early = dated.filter((d) => d.amount.value < `${plan.year + d.offset}-01-01`);
  if (early.length > 0) throw invalidFields(early.map((d) => ({ field: d.field, problem: 'date-before-year', value: d.amount.value, minimum: plan.year + d.offset })));
}

/** The horizon fields present in a body, read in the indicator's unit (400 naming the field for a value of the wrong kind). */
function horizon(
  input: { baseline?: Value | null; baselineYear?: number | null; nextTargets?: [Value | null, Value | null] | null },
  unit: string,
): Pick<IndicatorPatch, 'baseline' | 'baselineYear' | 'nextTargets'> {
  const out: { -readonly [K in 'baseline' | 'baselineYear' | 'nextTargets']?: IndicatorPatch[K] } = {};
  if (input.baseline !== undefined) out.baseline = amount(input.baseline, unit, 'baseline');
  if (input.baselineYear !== undefined) out.baselineYear = input.baselineYear;
  if (input.nextTargets !== undefined)
    out.nextTargets = input.nextTargets === null ? [null, null] : [amount(input.nextTargets[0], unit, 'nextTargets.0'), amount(input.nextTargets[1], unit, 'nextTargets.1')];
  return out;
}

/**
 * What the indicator keeps that its new unit cannot read, at the field that must come again: an
 * amount given in the old unit (a target or floor of 50 on a date indicator scores nothing, and
 * nobody is told) when the body does not give it again. Between number and percent nothing is
 * asked: a percentage is the same number.
 */
function keptInOldUnit(current: IndicatorContext, input: { readonly [K in 'target' | 'scoring' | 'baseline' | 'nextTargets']?: unknown }, unit: Unit): FieldProblem[] {
  const misread = (a: Amount | null): boolean => a !== null && a.kind !== amountKind(unit);
  const fields: string[] = [];
  if (input.target === undefined && misread(current.target)) fields.push('target');
  if (input.baseline === undefined && misread(current.baseline)) fields.push('baseline');
  if (input.nextTargets === undefined) for (const [k, t] of current.nextTargets.entries()) if (misread(t)) fields.push(`nextTargets.${k}`);
  if (input.scoring === undefined && current.scoring !== null && !ruleFitsUnit(current.scoring, unit)) fields.push(current.scoring.kind === 'threshold' ? 'scoring.floor' : 'scoring.points');
  return fields.map((field) => ({ field, problem: 'rule-unit', expected: unit, value: current.unit }));
}

/**
 * 422 `base-measure-name` when the formula names a base measure no value can be entered under
 * (`__proto__`: dropped from every JSON body), at each `formula.<field>`; nothing is stored.
 */
function refuseUnkeyableBaseMeasures(f: Formula | null, at: { node: string; id: string; indicator: string }): void {
  const found = unkeyableBaseMeasures(f);
  if (found.length === 0) return;
  const [, first] = found[0]!;
  throw refuse(422, 'base-measure-name', { ...at, name: first }, { issues: found.map(([field, name]) => issueOf('base-measure-name', { ...at, name }, { field: `formula.${field}` })) });
}

/**
 * A formula (a ratio, a trend, the mean of the child objectives) yields a number: an indicator it
 * computes can be counted in numbers or percent, never in dates or yes/no, where its value would
 * score nothing. Said at the field the body gave (`unit`, else `formula`); nothing when neither
 * changes.
 */
function formulaOutOfUnit(formula: Formula | null, unit: Unit, given: { readonly unit?: unknown; readonly formula?: unknown }): FieldProblem[] {
  // The rule is the plan's (core/definition.ts), asked of every plan an import or next-year makes; here it is said at the body's field.
  if (formula === null || formulaFitsUnit(formula, unit) || (given.unit === undefined && given.formula === undefined)) return [];
  return [{ field: given.unit !== undefined ? 'unit' : 'formula', problem: 'formula-unit', expected: unit, value: formula.kind }];
}

/**
 * The actuals recorded in the old unit in periods still open, said at `unit`: a number under a date
 * unit is read as nothing. They are the referenti's values, not the definition's, so the change
 * waits until they are set back to not measured (and entered again after). Closed and validated
 * periods are not asked about: they are read as they were closed, never rewritten. Read here to
 * name every problem at once; the store decides again in the change's own transaction, where a
 * value entered since this look is counted too.
 */
async function recordedInOldUnit(store: Store, planId: string, indicatorId: string, current: IndicatorContext, unit: Unit): Promise<FieldProblem[]> {
  const misread = (await store.openActuals(planId, indicatorId)).filter((v) => v.actual.kind !== amountKind(unit));
  return misread.length === 0 ? [] : [{ field: 'unit', problem: 'recorded-unit', expected: unit, value: current.unit, values: misread.map((v) => v.label) }];
}

/**
 * What an objective's explanation says of the figures it explains, as the tree's notice says it:
 * the public reading the year end reopened after the OIV's validation (as validated, or closed
 * again), the office reading it closed again since (its own values, not those the OIV validated),
 * or still taking values since (when, by whom, why: the validated figures do not hold for the values
 * changed since; `validation`, the tree's as the reader reads it). Undefined otherwise.
 */
function reopenedNotice(computed: ComputedPlan, validation: TreeValidation | null, lang: Language): string | undefined {
  if (computed.reopened !== undefined) return reopenedValidatedText(computed.reopened, lang);
  const v = validation;
  if (v !== null && v.reopening !== null) return reopenedCollectingText({ ...v.reopening, decidedAt: v.decidedAt, reservations: v.reservations }, lang);
  if (v === null || v.reopenedAt === null || v.periodId !== null) return undefined;
  return reopenedValidatedText({ at: v.reopenedAt, decidedAt: v.decidedAt, reservations: v.reservations, figures: 'closed-again' }, lang);
}

// A deletion takes the values the referenti entered in the periods still open: said first, done only when confirmed.
const VALUES_TO_REMOVE =
  'values-to-remove: values or evidence files in periods still open would go, and removeValues=true was not sent (details: values, files, periods [{period, label, values, files}]; nothing deleted)';

/** The query and answers of a deletion of the tree (`conflicts`: what its 409 means). */
function deletion(conflicts: string) {
  return {
    query: {
      removeValues: {
        description:
          "true: delete also the values and evidence files of the periods still open (a 409 values-to-remove said which); they are kept in the revision's change and the audit entry (`removedValues`). Closed and validated periods lose nothing: their values, reviews and files, and every period's comments, are kept (`keptRecords` counts them) and read as before",
        values: ['true', 'false'],
      },
    },
    responses: {
      200: { description: '{ok: true}', schema: DoneSchema },
      400: 'removeValues other than true or false',
      403: 'role',
      404: 'unknown',
      409: conflicts,
    },
  } as const;
}

export const treeRoutes: RouteModule = (api, deps) => {
  const { store, trees, names } = deps;

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/tree',
      tag: 'tree',
      summary: "The computed tree for a period (evaluationDocument + planId, period, periods, versions, evidence, owners, editable, the OIV's validation)",
      roles: 'everyone',
      access: 'signed in; the public for published plans (without notes, evidence, who entered what, nor the accounts named: personId and person null)',
      query: {
        period: 'period id (default: the last, the year end)',
        under: 'an objective code: only that objective and its descendants',
        lang: { description: amountTextsLanguage('targetText, actualText, baselineText'), values: LANGUAGES },
      },
      responses: {
        200: {
          description: "the tree (ETag, following the data version, the period's closing and the Relazione's validation; If-None-Match → 304; brotli or gzip when accepted)",
          schema: TreeDocumentSchema,
        },
        304: 'unchanged',
        400: 'lang other than it or en',
        404: 'unknown plan, period or objective',
      },
    },
    async (c, { reply }) => {
      const answer = await treeAnswer(deps, {
        planId: param(c, 'planId'),
        period: c.req.query('period') || undefined,
        under: c.req.query('under') || undefined,
        language: documentLanguage(c),
        user: currentUser(c),
        ifNoneMatch: c.req.header('if-none-match'),
        acceptEncoding: c.req.header('accept-encoding'),
      });
      // The TreeDocument's bytes, serialised once per version by TreeService (typed there).
      return reply.made(answer.body === null ? c.body(null, 304, answer.headers) : c.body(answer.body as Uint8Array<ArrayBuffer>, 200, answer.headers));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/nodes/:code/explanation',
      tag: 'tree',
      summary: "How an objective's performance was made (as `albero explain --json`)",
      roles: 'everyone',
      access: 'signed in; the public for published plans',
      query: {
        period: 'period id (default: the year end)',
        lang: { description: 'the language of the sentences (default: the first of it, en that Accept-Language prefers, else it)', values: LANGUAGES },
      },
      responses: {
        200: { description: '{code, title, performance, formula, contributions, indicators}', schema: ExplanationDocumentSchema },
        400: 'lang other than it or en',
        404: 'unknown plan, period or objective',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const code = param(c, 'code');
      const lang = language(c);
      const plan = await readablePlan(c, store, planId);
      const requested = c.req.query('period') || undefined;
      const computed = await readerComputed(deps, currentUser(c), planId, requested);
      const explanation = explainNode(computed.evaluation, code, lang);
      if (explanation === undefined) throw refuse(404, 'not-found', { what: 'objective', id: code });
      // Without ?lang the words follow Accept-Language: a shared cache must keep them apart.
      c.header('Vary', 'Accept-Language');
      c.header('Content-Language', lang);
      // The SMVP of the plan's body and year may give an indicator its own range (the SMVP is public).
      const smvp = await smvpFor(store, plan.organisation, plan.year);
      const own = smvp === null ? [] : indicatorThresholdBands(computed.evaluation, smvp.smvp, code);
      const thresholds = own.map((b) => thresholdDocument(b, lang));
      // The year end reopened after the OIV's validation: the reader is told which figures these are, as the tree tells them.
      await withDecision(deps, computed, await store.relazioni.validatedDecision(planId));
      const notice = reopenedNotice(computed, trees.validationFor(computed, currentUser(c), await names.names(), lang), lang);
      return reply(200, { ...explanationDocument(explanation), ...(thresholds.length === 0 ? {} : { thresholds }), ...(notice === undefined ? {} : { notice }) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/nodes',
      tag: 'tree',
      summary: 'Add an objective',
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      body: NewNode,
      responses: {
        201: { description: '{code, owner, unitName, unitId, personId, person, version}', schema: ObjectiveSavedSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan or parent',
        409: 'duplicate code',
      },
    },
    async (c, { user, body, reply }) => {
      const input = await unitByName(store, body);
      const meta = must(await store.addNode(param(c, 'planId'), { ...input, weight: input.weight ?? null }, actorOf(user)));
      return reply(201, { code: input.code, ...meta });
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/plans/:planId/nodes/:code',
      tag: 'tree',
      summary: 'Change an objective (title, weight, level, owner, unit); `version` optional, 409 when stale',
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      body: NodePatch,
      responses: {
        200: { description: '{code, owner, unitName, unitId, personId, person, version}', schema: ObjectiveSavedSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown',
        409: 'stale version',
      },
    },
    async (c, { user, body, reply }) => {
      const { version, ...patch } = await unitByName(store, body);
      const code = param(c, 'code');
      return reply(200, { code, ...must(await store.updateNode(param(c, 'planId'), code, patch, version, actorOf(user))) });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/plans/:planId/nodes/:code',
      tag: 'tree',
      summary: 'Delete an objective without children (its indicators go with it, and their values in open periods once confirmed; kept in the revision and the audit trail)',
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      ...deletion(`has children; ${VALUES_TO_REMOVE}`),
    },
    async (c, { user, reply }) => {
      must(await store.deleteNode(param(c, 'planId'), param(c, 'code'), actorOf(user), flagQuery(c, 'removeValues')));
      return reply(200, { ok: true });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/nodes/:code/indicators',
      tag: 'tree',
      summary: 'Add an indicator to an objective',
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      body: NewIndicator,
      responses: {
        201: { description: '{id, version}', schema: IndicatorSavedSchema },
        400: 'invalid body (a formula with a unit of dates or yes/no: at unit; a baseline year after the plan’s: at baselineYear; a date target before its year, the plan’s or the next two: at target, nextTargets.N)',
        403: 'role',
        404: 'unknown objective',
        409: 'plan-archived: the plan is archived (told before the body is checked against the plan; nothing stored)',
        422: 'a base measure named `__proto__`, whose value could never be entered: `base-measure-name` at formula.numerator / denominator / current / previous',
      },
    },
    async (c, { user, body: input, reply }) => {
      await archivedFirst(store, param(c, 'planId'));
      refuseUnkeyableBaseMeasures(formula(input.formula), { node: param(c, 'code'), id: '', indicator: input.name });
      const outOfUnit = formulaOutOfUnit(formula(input.formula), input.unit as Unit, input);
      if (outOfUnit.length > 0) throw invalidFields(outOfUnit);
      await baselineYearProblem(store, param(c, 'planId'), input.baselineYear);
      await datesBeforeTheirYear(store, param(c, 'planId'), { target: amount(input.target, input.unit, 'target'), ...horizon(input, input.unit) });
      const created = must(
        await store.addIndicator(
          param(c, 'planId'),
          param(c, 'code'),
          {
            name: input.name,
            weight: input.weight,
            comparator: input.comparator as Comparator,
            tolerance: input.tolerance ?? null,
            target: amount(input.target, input.unit, 'target'),
            unit: input.unit as Unit,
            scoring: rule(input.scoring, input.unit),
            formula: formula(input.formula),
            owner: input.owner ?? null,
            source: input.source ?? null,
            notes: input.notes ?? null,
            unitId: input.unitId ?? null,
            personId: input.personId ?? null,
            ...horizon(input, input.unit),
          },
          actorOf(user),
        ),
      );
      return reply(201, created);
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/plans/:planId/indicators/:indicatorId',
      tag: 'tree',
      summary: "Change an indicator's definition (weight, target, comparator, unit, scoring, owner…) against its `version` (the tree's `definitionVersion`)",
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      body: IndicatorPatchBody,
      responses: {
        200: { description: '{id, version}', schema: IndicatorSavedSchema },
        400: "invalid body; a new unit (number → date, → yes/no) that the indicator's stored amounts cannot be read in: the target, baseline, next years' targets or the rule's floor or points not sent again (at target, baseline, nextTargets.N, scoring.floor / scoring.points), or actuals recorded in periods still open (at unit); a formula indicator in dates or yes/no (at unit, or formula when only it is sent); a baseline year after the plan’s (at baselineYear); a date target before its year, the plan’s or the next two (at target, nextTargets.N: date-before-year)",
        403: 'role',
        404: 'unknown',
        409: 'stale version (details.current); plan-archived (told before the body is checked against the plan and the indicator; nothing stored)',
        422: 'a base measure named `__proto__`, whose value could never be entered: `base-measure-name` at formula.numerator / denominator / current / previous',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      await archivedFirst(store, planId);
      // Target and rule are read in the indicator's unit: the new one if it changes, else the stored one.
      let unit = input.unit;
      // The stored definition, not a computed tree: the last period may be closed, read as frozen.
      const current =
        unit !== undefined || input.target !== undefined || input.scoring !== undefined || input.baseline !== undefined || input.nextTargets !== undefined || input.formula !== undefined
          ? await store.indicatorContext(planId, indicatorId)
          : null;
      if (current === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
      if (input.formula != null) refuseUnkeyableBaseMeasures(formula(input.formula), { node: current?.objective ?? '', id: indicatorId, indicator: input.name ?? indicatorId });
      unit ??= current?.unit;
      const patch: Record<string, unknown> = {};
      const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(input, k);
      for (const k of ['name', 'weight', 'comparator', 'tolerance', 'owner', 'source', 'notes', 'unit', 'unitId', 'personId'] as const) if (has(k)) patch[k] = input[k] ?? null;
      if (has('target')) patch.target = amount(input.target, unit!, 'target');
      if (has('scoring')) patch.scoring = rule(input.scoring, unit!);
      if (has('formula')) patch.formula = formula(input.formula);
      Object.assign(patch, horizon(input, unit!));
      await baselineYearProblem(store, planId, input.baselineYear);
      await datesBeforeTheirYear(store, planId, patch as Pick<IndicatorPatch, 'target' | 'nextTargets'>);
      // What the body gives is read first (its own mistakes said first); then a formula out of its unit; then what a new unit would keep.
      if (current !== null && unit !== undefined) {
        const outOfUnit = formulaOutOfUnit(has('formula') ? (patch.formula as Formula | null) : current.formula, unit, input);
        if (outOfUnit.length > 0) throw invalidFields(outOfUnit);
      }
      if (current !== null && unit !== undefined && unit !== current.unit) {
        const problems = [...(await recordedInOldUnit(store, planId, indicatorId, current, unit)), ...keptInOldUnit(current, input, unit)];
        if (problems.length > 0) throw invalidFields(problems);
      }
      const saved = await store.updateIndicator(planId, indicatorId, patch as IndicatorPatch, input.version, actorOf(user));
      // A value entered in an open period since the look above: the store's own check, said as that look would have.
      if (!saved.ok && saved.error.code === 'invalid' && saved.error.params?.reason === 'recorded-unit') throw invalidFields([recordedUnit(saved.error.params)]);
      return reply(200, must(saved));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/plans/:planId/indicators/:indicatorId',
      tag: 'tree',
      summary: 'Delete an indicator (its values in open periods go with it once confirmed; kept in the revision and the audit trail)',
      roles: PLAN_EDITORS,
      action: 'edit the tree',
      ...deletion(VALUES_TO_REMOVE),
    },
    async (c, { user, reply }) => {
      must(await store.deleteIndicator(param(c, 'planId'), param(c, 'indicatorId'), actorOf(user), flagQuery(c, 'removeValues')));
      return reply(200, { ok: true });
    },
  );
};
