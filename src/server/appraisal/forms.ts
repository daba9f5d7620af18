/**
 * Appraisal forms at the HTTP edge: who stands how to a form (person, evaluator, HR), who may read
 * it, the form's JSON document to the engine's input and back, and the computed view the API
 * answers with. The rules themselves are core's (core/appraisal); this file only connects them to
 * the store and the tree.
 */
import { z } from 'zod';
import { COMPARATORS, Decimal, MEASUREMENT_STATES, UNITS, type Amount, type Comparator, type Language, type Measurement, type MeasurementState, type Unit } from '../../core/index.js';
import {
  CATEGORY_LABEL,
  COMPONENT_LABEL,
  STAFF_CATEGORIES,
  STATE_LABEL,
  computeForm,
  editableParts,
  mayChangePlan,
  orgSourceText,
  unitObjectiveSource,
  mayAct,
  proRata,
  FORM_ACTIONS,
  type UnitObjective,
  type UnitObjectives,
  schemeOf,
  smvpFromJson,
  type FormAction,
  type FormInput,
  type FormResult,
  type IndividualObjective,
  type OrgScores,
  type OrgSource,
  type Relation,
  type Smvp,
  type StaffCategory,
} from '../../core/appraisal/index.js';
import { isFrozen } from '../../contract/relazione-states.js';
import { amountFromJson, amountToJson } from '../../store/codec.js';
import type { FormRecord, RelazioneRecord, Store, UserName, UserRecord } from '../../store/index.js';
import { isAmountProblem, readAmount } from '../amounts.js';
import type { ComputedPlan, OrgValidation, TreeService } from '../tree.js';
import { english, renderMessage, type MessageCode, type Params } from '../../messages/index.js';
import { HttpError, issueOf, issueView, refuse } from '../errors.js';
import { computedAtText } from '../../io/report/meta.js';
import { yearEndReopening, type YearEndReopening } from '../year-end-reopening.js';
import { namerOf, type ActorNamer, type PeopleNames } from '../actor-names.js';
import { REMOVED_ACCOUNT } from '../../messages/actor-words.js';

/** HR: the `personale` role and the administrator. */
export const HR_ROLES = ['admin', 'personale'] as const;

/**
 * How the reader stands to the form. On their own form an HR member or administrator is the person
 * and nothing more: HR rates, corrects and conciliates a form, and nobody does that to their own
 * (as nobody evaluates themselves); another member of HR, or the administrator, acts on it.
 */
export function relationsOf(user: UserRecord, form: Pick<FormRecord, 'personId' | 'evaluatorId'>): Relation[] {
  if (user.id === form.personId) return ['person'];
  const out: Relation[] = [];
  if (user.id === form.evaluatorId) out.push('evaluator');
  if (user.role === 'personale' || user.role === 'admin') out.push('hr');
  if (user.role === 'admin') out.push('admin');
  return out;
}

/**
 * A form is personal data: the person, their evaluator, HR and the administrator see it; the OIV
 * sees the managers' forms (it proposes their evaluation, art. 14 d.lgs. 150/2009); nobody else.
 */
export function mayRead(user: UserRecord | null, form: FormRecord): boolean {
  if (user === null) return false;
  if (relationsOf(user, form).length > 0) return true;
  return user.role === 'oiv' && form.category === 'dirigente';
}

// ---- the document as stored and sent ------------------------------------------------------------

const Value = z.union([z.number(), z.string().max(100), z.boolean()]);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'iso-date');
const Percent = z.union([z.number(), z.string().regex(/^\d+([.,]\d+)?$/, 'decimal-number')]).transform((v) => new Decimal(String(v).replace(',', '.')));

/** A unit is named by its id in the organisation registry (GET /api/units), never by its name. */
export const AssignmentBody = z.object({ unitId: z.string().trim().min(1).max(200), from: IsoDate, to: IsoDate, partTime: Percent.optional() }).strict();
export const ObjectiveBody = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .optional(),
    title: z.string().trim().min(1).max(500),
    weight: Percent,
    /** Absent: `=` for a yes/no objective (its target is the answer wanted), `>=` otherwise. */
    comparator: z.enum(COMPARATORS as [Comparator, ...Comparator[]]).optional(),
    target: Value.nullable(),
    unit: z.enum(UNITS as [Unit, ...Unit[]]).default('number'),
    scoring: z.enum(['on_off', 'proportional']).nullable().optional(),
    /** Absent: measured when an actual is given (a client sending only the value means it), not measured otherwise. */
    state: z.enum(MEASUREMENT_STATES as [MeasurementState, ...MeasurementState[]]).optional(),
    actual: Value.nullable().optional(),
    reason: z.string().max(2000).nullable().optional(),
  })
  .strict();
export const Ratings = z.record(z.string().max(40), z.number().int().min(-1000).max(1000));

/** A type, not an interface: it is a `Record<string, unknown>` as the store keeps documents. */
export type FormDocument = {
  /** `unitId`: the registry's id (migration 75 turned the names stored before into ids). */
  assignments: { unitId: string; from: string; to: string; partTime: string }[];
  objectives: {
    id: string;
    title: string;
    weight: string;
    comparator: Comparator;
    target: unknown;
    unit: Unit;
    scoring: 'on_off' | 'proportional' | null;
    state: MeasurementState;
    actual: unknown;
    reason: string | null;
  }[];
  ratings: Record<string, number>;
  acknowledged: { person: string | null; evaluator: string | null };
  interview: { at: string; by: string; note: string } | null;
  /**
   * Frozen at the evaluation: the SMVP version and the organisational results used (units by
   * registry id) with where they came from (`source`; absent on forms evaluated before it was
   * kept, which took the reported figures), so the score no longer moves with the tree.
   * `objectives`: each assigned unit's objectives counted, with the value used and, where the OIV
   * changed it, the reported one (absent on forms evaluated before it was kept).
   */
  evaluation: {
    at: string;
    by: string;
    smvpVersion: number;
    /** The body's name it was evaluated with, frozen when the plan's body is corrected after (store/appraisals.ts followCorrectedBody); absent: the form's. */
    organisation?: string;
    org: { body: string | null; units: Record<string, string | null>; source?: OrgSource; objectives?: Record<string, FrozenObjective[]> };
    score: string | null;
    band: string | null;
  } | null;
  acceptance: { at: string } | null;
  contest: { at: string; reason: string } | null;
  conciliation: { at: string; by: string; outcome: 'confirmed' | 'revised'; note: string } | null;
  finalisedAt: string | null;
  reopenings: { at: string; by: string; reason: string }[];
};

export function emptyDocument(): FormDocument {
  return {
    assignments: [],
    objectives: [],
    ratings: {},
    acknowledged: { person: null, evaluator: null },
    interview: null,
    evaluation: null,
    acceptance: null,
    contest: null,
    conciliation: null,
    finalisedAt: null,
    reopenings: [],
  };
}

/**
 * The form's document as stored, with one reading of an older form: a yes/no objective stored
 * with "≥" or "≤" (accepted before such a comparator was refused) is read as "=" while the form
 * is not yet evaluated, so its score says whether the answer wanted was given ("≥ no" was met by
 * any answer) and the form's next save stores "=" (the trail shows the change). An evaluated form
 * keeps its comparator as stored: its score was signed and frozen as then computed, and a reading
 * that moved it would contradict the record; only a conciliation or a reopening revises it.
 */
export function documentOf(form: FormRecord): FormDocument {
  const doc: FormDocument = { ...emptyDocument(), ...(form.document as Partial<FormDocument>) };
  if (doc.evaluation !== null || !doc.objectives.some((o) => o.unit === 'boolean' && o.comparator !== '=')) return doc;
  return { ...doc, objectives: doc.objectives.map((o) => (o.unit === 'boolean' ? { ...o, comparator: '=' } : o)) };
}

/**
 * A refusal at one field, by catalogue code: 422 under its own code (a rule of the form), 400
 * `invalid-body` otherwise (a value the body cannot carry); the issue names the field either way.
 */
export function invalid<K extends MessageCode>(field: string, code: K, params: Params<K>, status: 400 | 422 = 400): HttpError {
  const issues = [issueOf(code, params, { field })];
  return status === 422 ? refuse(422, code, params, { issues }) : new HttpError(400, 'invalid-body', english('invalid-body', { fields: [field] }), { params: { fields: [field] }, issues });
}

/** A field's problem, by catalogue code; 400 for a value the body cannot carry, 422 for a rule of the form. */
export interface FieldRefusal {
  readonly field: string;
  readonly code: MessageCode;
  readonly params: Params<MessageCode>;
  readonly status: 400 | 422;
}

/**
 * The problems of a request's fields, gathered across every check of the route (people, plan,
 * assignments, objectives, ratings) and refused once (`invalidFields`), so that the form marks every
 * field wrong and the person mends them in one go, not one refusal at a time.
 */
export class FieldProblems {
  readonly list: FieldRefusal[] = [];
  add<K extends MessageCode>(field: string, code: K, params: Params<K>, status: 400 | 422 = 400): void {
    this.list.push({ field, code, params: params as Params<MessageCode>, status });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  /** Throws the one refusal saying every problem, when there is one. */
  refuseAny(): void {
    if (this.list.length > 0) throw invalidFields(this.list);
  }
}

/**
 * One refusal for every field's problem, each in `issues` at its field, so that a form marks each:
 * 400 `invalid-body` (every field in `params.fields`) when one is a value the body cannot carry,
 * else 422 under the first one's code.
 */
export function invalidFields(problems: readonly FieldRefusal[]): HttpError {
  const issues = problems.map((p) => issueOf(p.code, p.params, { field: p.field }));
  const first = problems[0]!;
  if (problems.some((p) => p.status === 400)) {
    const fields = problems.map((p) => p.field);
    return new HttpError(400, 'invalid-body', english('invalid-body', { fields }), { params: { fields }, issues });
  }
  return refuse(422, first.code, first.params, { issues });
}

function storedAmount(value: string | number | boolean | null | undefined, unit: Unit, field: string, problems: FieldProblems): unknown {
  if (value === null || value === undefined) return null;
  const read = readAmount(value, unit);
  if (isAmountProblem(read)) {
    problems.add(field, 'objective-value', read as Params<'objective-value'>);
    return null;
  }
  return amountToJson(read);
}

/**
 * The assignments as stored, each unit checked against the registry (422 at its field when unknown).
 * Assignments the year cannot count (ending before they start, a part-time not above 0 and at most
 * 100, more than full time on a day) are refused at their field too: a form kept with them could
 * never be acknowledged, the web app has no screen to mend them, and the person could have no
 * other form that year.
 */
export async function assignmentsToDocument(store: Store, input: readonly z.infer<typeof AssignmentBody>[], year: number, problems: FieldProblems): Promise<FormDocument['assignments']> {
  const names = new Map((await store.listUnits()).map((u) => [u.id, u.name]));
  const assignments = input.map((a, i) => {
    if (!names.has(a.unitId)) problems.add(`assignments.${i}.unitId`, 'unknown-registry-unit', {}, 422);
    return { unitId: a.unitId, from: a.from, to: a.to, partTime: (a.partTime ?? new Decimal(100)).toString() };
  });
  // Every assignment the year cannot count, each at its field (a unit unknown is named by its id).
  const counted = proRata(
    year,
    assignments.map((a) => ({ unit: a.unitId, name: names.get(a.unitId) ?? a.unitId, from: a.from, to: a.to, partTime: new Decimal(a.partTime) })),
  );
  for (const wrong of counted.issues.filter((i) => i.severity === 'error')) {
    const field = (wrong.location as { field?: unknown } | undefined)?.field;
    problems.add(typeof field === 'string' ? field : 'assignments', wrong.code as MessageCode, wrong.params as Params<MessageCode>, 422);
  }
  return assignments;
}

/**
 * A date target of a form's objective falls within the form's year. The form appraises that year
 * (art. 9 d.lgs. 150/2009): the evaluation early the next year can only measure what was due by
 * 31 December, as a plan's monitoring periods end within the plan's year (store/periods.ts);
 * the next year's grace that data-entry deadlines have is for entering values, not for reaching
 * targets. A target of 2099 or 2023 on a 2024 form is a typing slip that would be scored as typed.
 */
function checkTargetYear(target: unknown, year: number, field: string, problems: FieldProblems): void {
  const amount = amountFromJson(target);
  if (amount?.kind === 'date' && Number(amount.value.slice(0, 4)) !== year) problems.add(field, 'objective-target-year', { date: amount.value, year }, 422);
}

/**
 * `year`: the form's, which a date target falls within. Every objective's every problem is added to
 * `problems`, each at its field (both objectives' actuals wrong: both said); the objectives come back
 * as far as they could be read, for the caller to refuse with the rest of the request's problems.
 */
export function objectivesToDocument(input: readonly z.infer<typeof ObjectiveBody>[], year: number, problems: FieldProblems): FormDocument['objectives'] {
  const ids = new Set<string>();
  return input.map((given, i) => {
    // An actual sent without a state was dropped as «not measured»: the value the client sent is read as measured.
    const o = { ...given, state: given.state ?? (given.actual === null || given.actual === undefined ? 'not_measured' : 'measured') };
    let id = o.id ?? `o${i + 1}`;
    while (ids.has(id)) id = `${id}x`;
    ids.add(id);
    if (o.weight.lessThan(0) || o.weight.greaterThan(100)) problems.add(`objectives.${i}.weight`, 'objective-weight-range', {});
    if (o.state === 'measured' && (o.actual === null || o.actual === undefined)) problems.add(`objectives.${i}.actual`, 'objective-actual-missing', {});
    if (o.state === 'not_evaluable' && (o.reason ?? '').trim() === '') problems.add(`objectives.${i}.reason`, 'objective-reason-missing', {});
    // A yes/no target is the answer wanted: "≥ no" (or "≤ sì") would be met by any answer, and "≥ sì" only says "= sì" otherwise.
    if (o.unit === 'boolean' && o.comparator !== undefined && o.comparator !== '=') problems.add(`objectives.${i}.comparator`, 'objective-yes-no-comparator', { comparator: o.comparator }, 422);
    const target = storedAmount(o.target, o.unit, `objectives.${i}.target`, problems);
    checkTargetYear(target, year, `objectives.${i}.target`, problems);
    return {
      id,
      title: o.title,
      weight: o.weight.toString(),
      comparator: o.comparator ?? (o.unit === 'boolean' ? '=' : '>='),
      target,
      unit: o.unit,
      scoring: o.scoring ?? null,
      state: o.state,
      actual: o.state === 'measured' ? storedAmount(o.actual, o.unit, `objectives.${i}.actual`, problems) : null,
      reason: o.state === 'not_evaluable' ? (o.reason ?? '').trim() : null,
    };
  });
}

function measurementOf(o: FormDocument['objectives'][number]): Measurement {
  switch (o.state) {
    case 'measured': {
      const actual = amountFromJson(o.actual);
      return actual === null ? { state: 'not_measured' } : { state: 'measured', actual };
    }
    case 'not_evaluable':
      return { state: 'not_evaluable', reason: o.reason ?? '' };
    default:
      return { state: o.state };
  }
}

/** `unitNames`: registry id → name, for the explanation. */
export function formInput(form: FormRecord, doc: FormDocument, unitNames: ReadonlyMap<string, string>): FormInput {
  const objectives: IndividualObjective[] = doc.objectives.map((o) => ({
    id: o.id,
    title: o.title,
    weight: new Decimal(o.weight),
    comparator: o.comparator,
    target: amountFromJson(o.target),
    unit: o.unit,
    scoring: o.scoring === null ? null : { kind: o.scoring },
    measurement: measurementOf(o),
  }));
  return {
    category: form.category,
    year: form.year,
    assignments: doc.assignments.map((a) => ({ unit: a.unitId, name: unitNames.get(a.unitId) ?? a.unitId, from: a.from, to: a.to, partTime: new Decimal(a.partTime) })),
    objectives,
    ratings: doc.ratings,
  };
}

/** A stored amount as the person typed it back: numbers as JSON numbers, dates ISO, yes/no. */
function wireAmount(json: unknown): number | string | boolean | null {
  const a: Amount | null = amountFromJson(json);
  if (a === null) return null;
  return a.kind === 'number' ? a.value.toNumber() : a.value;
}

// ---- the SMVP and the tree ----------------------------------------------------------------------

export async function smvpFor(store: Store, organisation: string, year: number, version?: number): Promise<{ smvp: Smvp; version: number } | null> {
  const record = await store.appraisals.getSmvp(organisation, year, version);
  if (record === undefined) return null;
  const read = smvpFromJson(record.document);
  return read.value === null ? null : { smvp: read.value, version: record.version };
}

/** The organisational results of a plan for a form, and the SMVPs read: one evaluation per plan and one read per SMVP version in a request. */
export class OrgCache {
  private readonly cache = new Map<string, Promise<OrgOfPlan>>();
  private readonly smvps = new Map<string, Promise<{ smvp: Smvp; version: number } | null>>();
  private names: Promise<Map<string, string>> | null = null;
  private readonly reopenings = new Map<string, Promise<YearEndReopening | null>>();
  private readonly stands = new Map<string, Promise<boolean>>();
  constructor(private readonly trees: TreeService) {}
  /** The plan's year end reopened after its Relazione was validated (`yearEndReopening`), read once per request; who reopened it by login, named in the reader's words by `formView`. */
  reopening(store: Store, planId: string): Promise<YearEndReopening | null> {
    let hit = this.reopenings.get(planId);
    if (hit === undefined) {
      hit = Promise.all([this.trees.computed(planId), store.relazioni.getRelazione(planId)]).then(async ([computed, relazione]) =>
        relazione === undefined || !isFrozen(relazione.state) ? null : await yearEndReopening(store, planId, computed.snapshot.period.id, relazione.decidedAt),
      );
      this.reopenings.set(planId, hit);
    }
    return hit;
  }
  /** Whether the plan is there (a form may name one deleted), asked once per plan in a request. */
  planStands(store: Store, planId: string): Promise<boolean> {
    let hit = this.stands.get(planId);
    if (hit === undefined) {
      hit = store.dataVersion(planId).then((v) => v !== undefined);
      this.stands.set(planId, hit);
    }
    return hit;
  }
  /** The registry's units, id → name, read once per request. */
  unitNames(store: Store): Promise<Map<string, string>> {
    this.names ??= store.listUnits().then((units) => new Map(units.map((u) => [u.id, u.name])));
    return this.names;
  }
  /** `smvpFor`, read and checked once per request: a list of 5,000 forms would otherwise read and parse it 5,000 times. */
  smvp(store: Store, organisation: string, year: number, version?: number): Promise<{ smvp: Smvp; version: number } | null> {
    const key = JSON.stringify([organisation, year, version ?? null]);
    let hit = this.smvps.get(key);
    if (hit === undefined) {
      hit = smvpFor(store, organisation, year, version);
      this.smvps.set(key, hit);
    }
    return hit;
  }
  /**
   * `key`: which evaluation of the plan the scores come from (plan, period, data version, the
   * Relazione's validation); '' without a plan. `source`: whether they are the OIV's validated
   * values or the reported ones; null without a plan.
   */
  get(store: Store, planId: string | null): Promise<OrgScores & { detail?: ReadonlyMap<string, UnitObjectives>; key: string; source: OrgSource | null }> {
    if (planId === null) return Promise.resolve({ body: null, units: new Map(), key: '', source: null });
    let hit = this.cache.get(planId);
    if (hit === undefined) {
      hit = Promise.all([this.trees.computed(planId), store.relazioni.getRelazione(planId)]).then(([computed, relazione]) => orgScoresOf(this.trees, computed, validationOf(relazione)));
      this.cache.set(planId, hit);
    }
    return hit;
  }
}

/** What of the plan's Relazione the organisational results depend on: where they come from, the values that count, a key for the caches. */
interface RelazioneBasis {
  readonly source: OrgSource;
  readonly validated?: OrgValidation;
  readonly key: string;
}

/**
 * The OIV's values count once the Relazione is validated, with or without reservations: both are
 * a validation (art. 14 d.lgs. 150/2009), the Relazione is then frozen and its document tells the
 * reader that the validated value counts. A Relazione *not* validated does not make them count:
 * the OIV did not certify the figures, the office takes it back to correct it (its values are a
 * review of figures that will change, not a validation), and without validation no bonus is paid
 * on any figure; the forms keep the reported figures and say the Relazione is not validated.
 */
function validationOf(record: RelazioneRecord | undefined): RelazioneBasis {
  const reported = (relazione: Extract<OrgSource, { kind: 'reported' }>['relazione']): RelazioneBasis => ({ source: { kind: 'reported', relazione }, key: `reported\u0000${relazione}` });
  if (record === undefined) return reported('draft');
  if (!isFrozen(record.state)) return reported(record.state);
  const at = record.decidedAt ?? record.updatedAt ?? '';
  const values = new Map(record.values.map((v) => [v.code, v.validated]));
  // A validated Relazione never changes again; its date and values tell one validation from another all the same.
  const key = `validated\u0000${at}\u0000${record.values.map((v) => `${v.code}=${v.validated.toString()}`).join('\u0000')}`;
  return { source: { kind: 'validated', at, reservations: record.state === 'validated_with_reservations' }, validated: { plan: record.frozenPlan, values }, key };
}

type OrgOfPlan = OrgScores & { detail: ReadonlyMap<string, UnitObjectives>; key: string; source: OrgSource };
/** The organisational results of each cached evaluation, kept beside it: derived once per plan version and validation, not once per request. */
const orgOfComputed = new WeakMap<ComputedPlan, { dataVersion: number; relazione: string; scores: Promise<OrgOfPlan> }>();

/**
 * On a worker for a big plan (TreeService.orgScores): a list's first read does not evaluate the
 * plan on the event loop. Keyed by the Relazione's validation as well as the data version: a
 * validation moves the data version only when it validates the year-end period with it, not when
 * the OIV had validated that period before.
 */
function orgScoresOf(trees: TreeService, computed: ComputedPlan, relazione: RelazioneBasis): Promise<OrgOfPlan> {
  const hit = orgOfComputed.get(computed);
  // A value written in place (`TreeService.applyMeasurement`) moves the data version on the same entry.
  if (hit !== undefined && hit.dataVersion === computed.dataVersion && hit.relazione === relazione.key) return hit.scores;
  const key = `${computed.snapshot.record.id}\u0000${computed.snapshot.period.id}\u0000${computed.dataVersion}\u0000${relazione.key}`;
  const scores = trees.orgScores(computed, relazione.validated).then((s) => ({ ...s, key, source: relazione.source }));
  scores.catch(() => orgOfComputed.delete(computed));
  orgOfComputed.set(computed, { dataVersion: computed.dataVersion, relazione: relazione.key, scores });
  return scores;
}

/** What the list of forms shows of a form's result. */
export interface ListedScore {
  readonly score: number | null;
  readonly band: string | null;
  readonly complete: boolean;
}

/**
 * The list's scores, kept per form while its inputs stay the same: the form's version, the SMVP
 * version it is computed under, and the evaluation of the plan it takes the organisational results
 * from (or "frozen" after the evaluation). HR's list of 5,000 forms recomputes only the forms whose
 * inputs changed. One per server (`listScores(deps.trees)`).
 */
export class ListScores {
  private readonly byForm = new Map<string, { key: string; score: ListedScore }>();
  constructor(private readonly limit = 50_000) {}

  async of(store: Store, orgs: OrgCache, form: FormRecord): Promise<ListedScore> {
    const doc = documentOf(form);
    const frozen = frozenOrg(doc);
    const found = await orgs.smvp(store, form.organisation, form.year, frozen === null ? undefined : doc.evaluation!.smvpVersion);
    if (found === null) return { score: null, band: null, complete: false };
    const live = frozen === null ? await orgs.get(store, form.planId) : null;
    const org = frozen ?? live!;
    const key = `${form.version}\u0000${found.version}\u0000${live?.key ?? 'frozen'}`;
    const hit = this.byForm.get(form.id);
    if (hit !== undefined && hit.key === key) return hit.score;
    const r = computeForm(found.smvp, formInput(form, doc, await orgs.unitNames(store)), org, { explain: false, provisional: frozen === null });
    const score: ListedScore = { score: num(r.score), band: r.band?.label ?? null, complete: r.complete };
    if (this.byForm.size >= this.limit) this.byForm.clear();
    this.byForm.set(form.id, { key, score });
    return score;
  }
}

const listScoresOf = new WeakMap<TreeService, ListScores>();
/** The server's one `ListScores` (its TreeService stands for the server: one per app). */
export function listScores(trees: TreeService): ListScores {
  let hit = listScoresOf.get(trees);
  if (hit === undefined) {
    hit = new ListScores();
    listScoresOf.set(trees, hit);
  }
  return hit;
}

/** An objective counted in a unit's result as frozen at the evaluation (`UnitObjective`, its numbers as decimal strings). */
export interface FrozenObjective {
  code: string;
  title: string;
  performance: string | null;
  reported?: string | null;
  rolledUp?: true;
}

/** The org scores frozen at the evaluation, back as the engine wants them. */
export function frozenOrg(doc: FormDocument): OrgScores | null {
  if (doc.evaluation === null) return null;
  return {
    body: doc.evaluation.org.body === null ? null : new Decimal(doc.evaluation.org.body),
    units: new Map(Object.entries(doc.evaluation.org.units).map(([u, s]) => [u, s === null ? null : new Decimal(s)])),
  };
}

export function freezeOrg(org: OrgScores & { source: OrgSource | null; detail?: ReadonlyMap<string, UnitObjectives> }, doc: FormDocument): NonNullable<FormDocument['evaluation']>['org'] {
  const units: Record<string, string | null> = {};
  const objectives: Record<string, FrozenObjective[]> = {};
  for (const a of doc.assignments) {
    units[a.unitId] = org.units.has(a.unitId) ? (org.units.get(a.unitId)?.toString() ?? null) : null;
    objectives[a.unitId] = (org.detail?.get(a.unitId)?.objectives ?? []).map((o) => ({
      code: o.code,
      title: o.title,
      performance: o.performance?.toString() ?? null,
      ...(o.reported === undefined ? {} : { reported: o.reported?.toString() ?? null }),
      ...(o.rolledUp === true ? { rolledUp: true as const } : {}),
    }));
  }
  return { body: org.body?.toString() ?? null, units, ...(org.source === null ? {} : { source: org.source }), objectives };
}

/** The objectives frozen at the evaluation, by unit, back as the engine gave them; null on a form evaluated before they were kept. */
function frozenObjectives(doc: FormDocument): ReadonlyMap<string, readonly UnitObjective[]> | null {
  const kept = doc.evaluation?.org.objectives;
  if (kept === undefined) return null;
  const decimal = (v: string | null): Decimal | null => (v === null ? null : new Decimal(v));
  return new Map(
    Object.entries(kept).map(([unit, list]) => [
      unit,
      list.map((o) => ({
        code: o.code,
        title: o.title,
        performance: decimal(o.performance),
        ...(o.reported === undefined ? {} : { reported: decimal(o.reported) }),
        ...(o.rolledUp === true ? { rolledUp: true as const } : {}),
      })),
    ]),
  );
}

export interface Computed {
  readonly result: FormResult | null;
  readonly smvp: Smvp | null;
  readonly smvpVersion: number | null;
  readonly frozen: boolean;
  /** Where the organisational results come from (as frozen at the evaluation); null without a plan. */
  readonly source: OrgSource | null;
  /** Registry id → the unit's objectives counted (as frozen at the evaluation); null when not known (no plan, or frozen before they were kept). */
  readonly objectives: ReadonlyMap<string, readonly UnitObjective[]> | null;
  /** Registry id → name. */
  readonly unitNames: ReadonlyMap<string, string>;
  /** The year end reopened after the OIV validated the Relazione the results come from (when, and the login of who reopened it); null otherwise. */
  readonly reopened: { readonly at: string; readonly user: string | null } | null;
}

/**
 * The plan a form not yet evaluated names and that is not there (only a row written past the store:
 * a deletion moves or refuses the forms of its plan, and migration 83 repaired those left before);
 * null when the form's plan stands, it names none, or it is evaluated (it reads what it froze).
 * Such a form has no score to compute: a list shows it as a row of its own, saying so.
 */
export async function missingPlan(store: Store, orgs: OrgCache, form: FormRecord): Promise<string | null> {
  if (form.planId === null || documentOf(form).evaluation !== null) return null;
  return (await orgs.planStands(store, form.planId)) ? null : form.planId;
}

/** What a read of a form whose plan is missing (`missingPlan`) is told: what happened, and that HR links it to a plan of its body and year. */
export function planMissingParams(form: Pick<FormRecord, 'organisation' | 'year'>, planId: string) {
  return { appraisal: 'form-plan-missing' as const, planId, organisation: form.organisation, year: form.year };
}

/**
 * The refusal of a form naming a plan that is not there; `version` so that HR may relink it (`PATCH`
 * with `planId`) from this answer alone, and `mayChangePlan` whether this reader may (null: not known
 * where the refusal is made, the reader's relations not at hand).
 */
export function planMissingRefusal(form: FormRecord, planId: string, mayChangePlan: boolean | null = null): HttpError {
  return refuse(409, 'conflict', planMissingParams(form, planId), {
    details: { field: 'planId', planId, version: form.version, ...(mayChangePlan === null ? {} : { mayChangePlan }) },
  });
}

/** A form with no score to show (its plan missing): what the view needs of a computation, and nothing scored. */
export async function unscored(store: Store, orgs: OrgCache): Promise<Computed> {
  return { result: null, smvp: null, smvpVersion: null, frozen: false, source: null, objectives: null, unitNames: await orgs.unitNames(store), reopened: null };
}

/** Live before the evaluation (today's tree, the latest SMVP); frozen after it (the SMVP version and the results recorded then). */
export async function computeRecord(store: Store, orgs: OrgCache, form: FormRecord, planDeleted: DeletedPlan | null = null): Promise<Computed> {
  const doc = documentOf(form);
  const frozen = frozenOrg(doc);
  const found = await orgs.smvp(store, form.organisation, form.year, frozen === null ? undefined : doc.evaluation!.smvpVersion);
  const unitNames = await orgs.unitNames(store);
  if (found === null) return { result: null, smvp: null, smvpVersion: null, frozen: frozen !== null, source: null, objectives: null, unitNames, reopened: null };
  // A plan deleted under the form (one no deletion moved it from, or a race): an evaluated form reads
  // what it froze; one still reading its plan is refused at planId, never an unlocated 404 (a list
  // asks `missingPlan` first and gives such a form a row of its own).
  const planStands = form.planId !== null && (await orgs.planStands(store, form.planId));
  if (frozen === null && form.planId !== null && !planStands) throw planMissingRefusal(form, form.planId);
  const live = frozen === null ? await orgs.get(store, form.planId) : null;
  // A form evaluated before the source was kept took the reported figures, its plan deleted since
  // (`planDeleted`: migration 83 left it naming none) or not; one whose plan a deletion took keeps
  // the source it froze; one evaluated with no plan at all has none.
  const source = live === null ? (doc.evaluation!.org.source ?? (form.planId === null && planDeleted === null ? null : { kind: 'reported' as const, relazione: null })) : live.source;
  const objectives = live === null ? frozenObjectives(doc) : live.detail === undefined ? null : new Map([...live.detail].map(([unit, d]) => [unit, d.objectives]));
  return {
    // Not yet evaluated: a provisional score, no band (core/appraisal/form.ts `provisional` says why).
    result: computeForm(found.smvp, formInput(form, doc, unitNames), frozen ?? live!, { provisional: frozen === null }),
    smvp: found.smvp,
    smvpVersion: found.version,
    frozen: frozen !== null,
    source,
    objectives,
    unitNames,
    reopened: source?.kind === 'validated' && form.planId !== null && planStands ? await orgs.reopening(store, form.planId) : null,
  };
}

/**
 * Said after the source of a form whose validated year end was reopened since: the validated values
 * still count. Who reopened it in the reader's words (`nameOf`, in `language`): an account by its
 * name, the program and the command line as the reader says them.
 */
function reopenedText(reopened: NonNullable<Computed['reopened']>, language: Language, nameOf: ActorNamer): string {
  const at = computedAtText(new Date(reopened.at), language);
  const by = nameOf(reopened.user);
  return language === 'it'
    ? `Il periodo di fine anno è stato riaperto dopo la validazione, il ${at}${by === null ? '' : `, da ${by}`}: contano i valori validati, con cui la Relazione è stata validata.`
    : `The year-end period was reopened after the validation, on ${at}${by === null ? '' : `, by ${by}`}: the validated values, those the Relazione was validated with, count.`;
}

const num = (d: Decimal | null): number | null => (d === null ? null : Number(d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)));

/** A person a form names, in `language`: an account no longer there is flagged `removed` and said so in words. */
export function person(u: UserName | undefined, id: string, language: Language): { id: string; username: string | null; displayName: string; removed?: true } {
  return u === undefined ? { id, username: null, displayName: REMOVED_ACCOUNT[language].name, removed: true } : { id: u.id, username: u.username, displayName: u.displayName };
}

/** What the reader may do with the form: the parts they may edit and the steps they may take. */
export function mayOf(
  form: FormRecord,
  doc: FormDocument,
  viewer: UserRecord,
): { read: true; edit: ReturnType<typeof editableParts>; actions: FormAction[]; relations: Relation[]; changePlan: boolean } {
  const relations = relationsOf(viewer, form);
  return {
    read: true,
    edit: editableParts(form.state, relations),
    actions: FORM_ACTIONS.filter((a) => mayAct(a, form.state, relations) && !(a === 'acknowledge' && alreadyAcknowledged(doc, relations))),
    relations,
    changePlan: mayChangePlan(form.state, relations),
  };
}

/** The plan an evaluated form read its results from, deleted after the evaluation (FormView's `planDeleted`, without its words). */
export interface DeletedPlan {
  readonly planId: string;
  readonly title: string | null;
}

/**
 * The plan an evaluated form naming none was evaluated on, deleted since: the trail's last
 * `plan-deleted` entry that left it naming none (migration 83). Null for a form naming a plan, one
 * not evaluated, or one evaluated with no plan at all.
 */
export async function deletedPlanOf(store: Store, form: FormRecord): Promise<DeletedPlan | null> {
  if (form.planId !== null || documentOf(form).evaluation === null) return null;
  const entry = (await store.appraisals.formTrail(form.id)).findLast((e) => e.action === 'plan-deleted' && (e.after as { planId?: unknown } | null)?.planId === null);
  const before = entry?.before as { planId?: unknown; planTitle?: unknown } | null | undefined;
  if (typeof before?.planId !== 'string') return null;
  return { planId: before.planId, title: typeof before.planTitle === 'string' ? before.planTitle : null };
}

/**
 * The form as the API answers it, in the reader's language. People by the server's names of the
 * accounts (`AccountNames.names`): the person and the evaluator, who reopened a validated year end;
 * `planDeleted`: deletedPlanOf's.
 */
export function formView(form: FormRecord, computed: Computed, people: PeopleNames, viewer: UserRecord, language: Language, planDeleted: DeletedPlan | null) {
  const doc = documentOf(form);
  const r = computed.result;
  const scheme = computed.smvp === null ? undefined : schemeOf(computed.smvp, form.category);
  return {
    id: form.id,
    // An evaluated form says the body as it was evaluated (and signed), a body corrected since notwithstanding.
    organisation: doc.evaluation?.organisation ?? form.organisation,
    year: form.year,
    category: form.category,
    categoryLabel: CATEGORY_LABEL[form.category][language],
    state: form.state,
    stateLabel: STATE_LABEL[form.state][language],
    version: form.version,
    planId: form.planId,
    planDeleted: planDeleted === null ? null : { ...planDeleted, text: renderMessage('form-plan-deleted', { title: planDeleted.title }, language) },
    person: person(people.accounts.get(form.personId), form.personId, language),
    evaluator: person(people.accounts.get(form.evaluatorId), form.evaluatorId, language),
    assignments: doc.assignments.map((a) => ({ unitId: a.unitId, unit: computed.unitNames.get(a.unitId) ?? null, from: a.from, to: a.to, partTime: Number(a.partTime) })),
    objectives: doc.objectives.map((o) => ({ ...o, weight: Number(o.weight), target: wireAmount(o.target), actual: wireAmount(o.actual) })),
    ratings: doc.ratings,
    record: {
      acknowledged: doc.acknowledged,
      interview: doc.interview,
      evaluation: doc.evaluation,
      acceptance: doc.acceptance,
      contest: doc.contest,
      conciliation: doc.conciliation,
      finalisedAt: doc.finalisedAt,
      reopenings: doc.reopenings,
    },
    smvpVersion: computed.smvpVersion,
    scale: computed.smvp?.ratingScale.map((l) => ({ value: l.value, label: l.label, description: l.description, score: Number(l.score) })) ?? [],
    behaviours:
      scheme === undefined
        ? []
        : scheme.behaviours.map((b) => {
            const c = computed.smvp!.behaviours.find((x) => x.code === b.code);
            return { code: b.code, title: c?.title ?? b.code, description: c?.description ?? '', weight: Number(b.weight) };
          }),
    result:
      r === null
        ? null
        : {
            frozen: computed.frozen,
            org:
              computed.source === null
                ? null
                : {
                    source: computed.source,
                    text: [orgSourceText(computed.source, language), ...(computed.reopened === null ? [] : [reopenedText(computed.reopened, language, namerOf(people, language))])].join('. '),
                  },
            score: num(r.score),
            band: r.band === null ? null : { label: r.band.label, min: Number(r.band.min), max: Number(r.band.max), share: Number(r.band.share) },
            components: r.components.map((c) => ({
              kind: c.kind,
              label: COMPONENT_LABEL[c.kind][language],
              weight: Number(c.weight),
              share: c.share === null ? null : num(c.share.times(100)),
              score: num(c.score),
              points: num(c.points),
            })),
            objectives: r.objectives.map((o) => ({ id: o.id, state: o.state, score: num(o.score), counted: o.counted })),
            behaviours: r.behaviours.map((b) => ({ code: b.code, rating: b.rating, label: b.label, score: num(b.score) })),
            units: r.units.map((u) => ({
              unitId: u.unit,
              unit: u.name,
              from: u.from,
              to: u.to,
              days: u.days,
              effectiveDays: num(u.effectiveDays),
              score: num(u.score),
              objectives: (computed.objectives?.get(u.unit) ?? []).map((o) => ({
                code: o.code,
                title: o.title,
                score: num(o.performance),
                validated: o.reported !== undefined,
                reported: o.reported === undefined ? null : num(o.reported),
                source: unitObjectiveSource(o, language),
              })),
            })),
            presenceDays: num(r.presenceDays),
            daysInYear: r.daysInYear,
            steps: r.steps.map((s) => ({ code: s.code, text: s[language] })),
            // In the reader's language, by code; `params` for a client that renders them itself.
            issues: r.issues.map((i) => issueView(i, language)),
            complete: r.complete,
          },
    may: mayOf(form, doc, viewer),
  };
}

/** Whether the reader, as the person or the evaluator (or both), has acknowledged the objectives already. */
export function alreadyAcknowledged(doc: FormDocument, relations: readonly Relation[]): boolean {
  const mine = relations.filter((r) => r === 'person' || r === 'evaluator') as ('person' | 'evaluator')[];
  return mine.length > 0 && mine.every((r) => doc.acknowledged[r] !== null);
}

export function categoryOf(value: string): StaffCategory | null {
  return (STAFF_CATEGORIES as readonly string[]).includes(value) ? (value as StaffCategory) : null;
}
