/**
 * The year's Relazione: the office writes its sections and transmits it; the OIV reviews it
 * (checklist, note, reservations, validated values) and decides; the office publishes it. Exports
 * as DOCX, PDF and HTML, and the documento di validazione. A validated Relazione is frozen (423).
 */
import type { Context } from 'hono';
import { z } from 'zod';
import {
  ChecklistOutcomeSchema,
  PublicationInputSchema,
  PublishedPeriodsSchema,
  type Relazione,
  RelazioneMoveInputSchema,
  type RelazioneReviewInput,
  RelazioneSchema,
  type RelazioneTextsInput,
} from '../../contract/index.js';
import {
  canMove,
  isRelazioneFormat,
  MAX_MARKUP_LENGTH,
  RELAZIONE_FORMATS,
  RELAZIONE_MEDIA_TYPES,
  renderRelazione,
  STATE_WORDS,
  TEXT_KEYS,
  unmatchedObjectives,
  type RelazioneFormat,
  type RelazioneInput,
} from '../../io/relazione/index.js';
import { previousYearSourceText, previousYearStructureText, type RelazioneRefusal } from '../../messages/relazione.js';
import { individualText } from '../../messages/relazione-individual.js';
import { differsFromChildren, performanceCeiling, toJsonNumber, ValidatedReading, type Evaluation, type ValidatedFigure } from '../../core/index.js';
import type { PlanRecord, RelazioneFreeze, RelazioneRecord, Store } from '../../store/index.js';
import { CHANGED_SINCE } from '../../contract/relazione-states.js';
import type { Readable, RouteModule } from '../api.js';
import type { ComputedPlan } from '../tree.js';
import { actorOf, currentUser } from '../auth.js';
import { HttpError, issueOf, must, refuse } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { refuseIfArchived } from '../plan-access.js';
import { freezeChanges, generatedOf, validatedReadingOf, relazioneDocument, seenChanges, seenDigest, storedRelazione, validationDocument, validationFreeze } from '../relazione.js';
import { namedReopening, yearEndReopening } from '../year-end-reopening.js';
import { REPORT_CONTENT_SECURITY_POLICY } from '../../io/report/index.js';
import { param } from '../validation.js';
import { replyLanguage } from '../language.js';

import { keptActorWords } from '../../messages/actor-words.js';
import { isAmountProblem, readAmount } from '../amounts.js';
import { oneAtATime } from '../exports/jobs.js';
import { fileName } from '../file-name.js';

const Markup = z.string().max(MAX_MARKUP_LENGTH);
// The bodies travel as the contract declares them (src/contract/relazione.ts); the server's own
// schemas add the bounds and read the validated values as exact decimals.
const Texts = z.object({ texts: z.partialRecord(z.enum(TEXT_KEYS), Markup), version: z.number().int().min(0) }).strict() satisfies z.ZodType<unknown, RelazioneTextsInput>;
const Point = z.object({ label: z.string().trim().min(1).max(500), outcome: ChecklistOutcomeSchema.nullable(), note: z.string().max(5000) }).strict();
// Read as every percent a person types is read (server/amounts.ts): "85", "85,5", and "75%" as 75,
// the sign the OIV's own documents print beside it.
const Percent = z.union([z.number(), z.string().max(40)]).transform((v, ctx) => {
  const read = readAmount(v, 'percent');
  // 'percent' names the problem in the catalogue (messages/api.ts).
  const d = isAmountProblem(read) || read.kind !== 'number' ? null : read.value;
  if (d === null || d.lessThan(0) || d.greaterThan(1000)) {
    ctx.addIssue({ code: 'custom', message: 'percent' });
    return z.NEVER;
  }
  return d;
});
const Value = z.object({ code: z.string().trim().min(1).max(100), validated: Percent, note: z.string().trim().min(1).max(5000), deliberate: z.boolean().default(false) }).strict();
const Review = z
  .object({ note: Markup, reservations: Markup, checklist: z.array(Point).max(50), values: z.array(Value).max(5000), version: z.number().int().min(0) })
  .strict()
  .superRefine((r, ctx) => {
    // Said at the row that repeats an objective, as a form shows it, not at the whole list.
    const seen = new Set<string>();
    r.values.forEach((v, i) => {
      if (seen.has(v.code)) ctx.addIssue({ code: 'custom', message: 'one-per-objective', path: ['values', i, 'code'] });
      seen.add(v.code);
    });
  }) satisfies z.ZodType<unknown, RelazioneReviewInput>;
const Move = RelazioneMoveInputSchema.extend({ reason: z.string().max(2000).nullable().optional() });
const Publication = PublicationInputSchema;

/**
 * 422 at each row the plan's rules refuse, every one of them: a value above what the plan's scoring
 * can give (`performanceCeiling`: 150 where the rules stop at 100), and an objective made from its
 * children validated at a value they do not give (as validated, or as reported where not), unless
 * the OIV confirmed the difference as deliberate. The Relazione would otherwise certify a figure the
 * plan cannot have, or an area its own objectives contradict, and the appraisal forms (which take
 * the validated values) would score people on it unnoticed.
 */
function disagreements(reading: ValidatedReading, values: RelazioneRecord['values']): HttpError | null {
  const ceiling = performanceCeiling(reading.reported.currentPlan());
  const above = values.map((v) => v.validated.greaterThan(ceiling));
  // The parents are checked against the values within the ceiling, as if the others were not given.
  const within = values.filter((_, i) => !above[i]);
  const given = within.length === values.length ? reading.fromChildren() : new ValidatedReading(reading.reported, within).fromChildren();
  let next = 0;
  const found = values.flatMap((v, i): { field: string; params: RelazioneRefusal }[] => {
    const field = `values.${i}.validated`;
    if (above[i]) return [{ field, params: { relazione: 'above-ceiling' as const, code: v.code, validated: toJsonNumber(v.validated)!, ceiling: toJsonNumber(ceiling)! } }];
    const fromChildren = given[next++];
    if (fromChildren === undefined || v.deliberate || !differsFromChildren(v.validated, fromChildren)) return [];
    return [{ field, params: { relazione: 'differs-from-children' as const, code: v.code, validated: toJsonNumber(v.validated)!, fromChildren: toJsonNumber(fromChildren) } }];
  });
  const first = found[0];
  if (first === undefined) return null;
  return refuse(422, 'invalid', first.params, {
    issues: found.map((f) => issueOf('invalid', f.params, { field: f.field })),
    details: { field: first.field, fields: found.map((f) => f.field) },
  });
}

/** Whether `reading` is of `values` against `evaluation`: a save's reading then serves its answer. */
function readsAs(reading: ValidatedReading, evaluation: Evaluation, values: readonly ValidatedFigure[]): boolean {
  return reading.reported === evaluation && reading.values.length === values.length && reading.values.every((v, i) => v.code === values[i]!.code && v.validated.equals(values[i]!.validated));
}

/** The Relazione as the API answers it. */
function relazioneJson(
  r: RelazioneRecord,
  reading: ValidatedReading,
  generated: Record<string, string>,
  publishedPeriods: readonly string[],
  names: { readonly decidedByName: string | null; readonly updatedByName: string | null },
  reopenedAfterDecision: Relazione['reopenedAfterDecision'],
  previous: RelazioneInput['previous'],
  seen: string | null,
  individual: RelazioneInput['individual'],
): Readable<Relazione> {
  return {
    state: r.state,
    stateText: STATE_WORDS[r.state],
    texts: r.texts,
    generated,
    sections: TEXT_KEYS,
    note: r.note,
    reservations: r.reservations,
    checklist: r.checklist,
    values: (() => {
      const given = reading.fromChildren();
      return r.values.map((v, i) => ({
        code: v.code,
        validated: Number(v.validated.toString()),
        note: v.note,
        deliberate: v.deliberate,
        fromChildren: toJsonNumber(given[i] ?? null),
        // As the documents print it beside the validated value (io/relazione/build.ts).
        reported: toJsonNumber(reading.reported.node(v.code)?.performance ?? null),
      }));
    })(),
    following: reading.following().map((f) => ({ code: f.code, reported: toJsonNumber(f.reported), following: toJsonNumber(f.following) })),
    published: r.published,
    publishedAt: r.publishedAt,
    transmittedAt: r.transmittedAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    decidedByName: names.decidedByName,
    reopenedAfterDecision,
    frozen: r.frozenPlan !== null,
    version: r.version,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
    updatedByName: names.updatedByName,
    publishedPeriods,
    previousYear: previousYearJson(previous, reading.reported),
    seen,
    individual:
      individual === undefined
        ? null
        : {
            at: individual.at,
            total: individual.total,
            concluded: individual.concluded,
            text: { it: individualText(individual, 'it'), en: individualText(individual, 'en') },
            withheld: individual.withheld,
            states: individual.states.map((r) => ({ categories: [...r.categories], forms: r.forms, concluded: r.concluded, disputed: r.disputed, inProgress: r.inProgress })),
            bands: individual.bands.map((d) => ({ category: d.category, rows: d.rows.map((r) => ({ band: r.band, people: r.people })) })),
            bandsWithheld: [...individual.bandsWithheld],
            bonuses: individual.bonuses?.map((r) => ({ category: r.category, band: r.band, people: r.people, totalCents: r.totalCents, meanCents: r.meanCents })) ?? null,
          },
  };
}

/** Last year's figures as the answer names them: the year, where they come from, and that in words. */
function previousYearJson(previous: RelazioneInput['previous'], evaluation: Evaluation): Relazione['previousYear'] {
  if (previous?.source === undefined) return null;
  const { year, source, plan } = previous;
  const unmatched = unmatchedObjectives(evaluation, previous);
  const structure = { it: previousYearStructureText(year, unmatched.current, unmatched.previous, 'it'), en: previousYearStructureText(year, unmatched.current, unmatched.previous, 'en') };
  return {
    year: year ?? null,
    source,
    text: { it: previousYearSourceText(year, source, 'it', plan), en: previousYearSourceText(year, source, 'en', plan) },
    ...(plan?.found === 'body' ? { plan: { id: plan.id, title: plan.title, found: plan.found, candidates: plan.candidates } } : {}),
    ...(structure.it === null || structure.en === null ? {} : { structure: { ...unmatched, text: { it: structure.it, en: structure.en } } }),
  };
}

function formatOf(c: Context, formats: readonly RelazioneFormat[] = RELAZIONE_FORMATS): RelazioneFormat {
  const format = c.req.query('format') ?? '';
  if (!isRelazioneFormat(format) || !formats.includes(format)) {
    throw refuse(400, 'invalid-query', { field: 'format', values: [...formats], value: format.slice(0, 40) }, { details: { formats: [...formats] } });
  }
  return format;
}

/** The plan and its Relazione for a reader: signed in, or the public once both are published. */
async function readable(c: Context, store: Store, planId: string): Promise<{ plan: PlanRecord; record: RelazioneRecord }> {
  const plan = await store.getPlan(planId);
  const record = plan === undefined ? undefined : await store.relazioni.getRelazione(planId);
  const user = currentUser(c);
  if (plan === undefined || record === undefined || (user === null && !(plan.published && record.published))) throw refuse(404, 'not-found', { what: 'plan', id: planId });
  return { plan, record };
}

/**
 * How many times a validation is asked of the store while what it froze keeps being the same
 * document though the plan moved in between (`freezeChanges`); past them the store's refusal stands.
 */
const FREEZE_TRIES = 4;

/** Whether the store refused a validation because what its freeze was made from moved since it was read. */
function movedSince(result: Awaited<ReturnType<Store['relazioni']['moveRelazione']>>): boolean {
  return !result.ok && result.error.code === 'conflict' && (CHANGED_SINCE as readonly unknown[]).includes(result.error.details?.reason);
}

export const relazioneRoutes: RouteModule = (api, deps) => {
  const { store, trees } = deps;

  /**
   * `checked`: the reading a save already made of the values it checked, with the plan as computed
   * for it; the answer reuses both when they are what it would read (the same evaluation, the same
   * values), so that a save evaluates the plan with the validated values once (docs/benchmarks.md,
   * "oivbench").
   */
  const answer = async (c: Context, plan: PlanRecord, record: RelazioneRecord, checked?: { computed: ComputedPlan; reading: ValidatedReading }): Promise<Readable<Relazione>> => {
    // What the OIV's decision sends back (`seen`), made before the rest of the answer is read: a change
    // committed in between gets the decision refused, never a document validated that the screen did
    // not show. The same evaluation serves both, and the same words around it (the cover and last
    // year's figures, read once).
    const seen = record.state === 'transmitted' ? await validationFreeze(store, trees, deps.names, plan, record.decidedBy) : null;
    const computed = checked?.computed ?? seen?.computed;
    const stored = await storedRelazione(store, trees, deps.names, plan, record, false, computed === undefined ? undefined : { computed, ...(seen === null ? {} : { cover: seen.freeze.cover }) });
    const periods = (await store.relazioni.listPublishedPeriods(plan.id)).map((p) => p.periodId);
    // People in the reader's language (the documents, in Italian, name them in Italian): the decider
    // as the validation kept them, the program and the command line said again in the reader's words.
    // Read without refusing: a save has been made by now, and its answer is not refused for a `lang`.
    const lang = replyLanguage(c);
    const nameOf = await deps.names.namer(lang);
    const names = { decidedByName: keptActorWords(stored.deciderName, record.decidedBy, lang), updatedByName: nameOf(record.updatedBy) };
    return relazioneJson(
      record,
      validatedReadingOf(trees, record, stored.evaluation, checked !== undefined && readsAs(checked.reading, stored.evaluation, record.values) ? checked.reading : undefined),
      generatedOf(trees, stored),
      periods,
      names,
      namedReopening(await yearEndReopening(store, plan.id, stored.periodId, stored.record.decidedAt), nameOf),
      stored.input.previous,
      seen === null ? null : seenDigest(seen),
      stored.input.individual,
    );
  };

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/relazione',
      tag: 'relazione',
      summary:
        "The year's Relazione: state, the office's texts by section, the sentences generated from the data (to edit), the OIV's checklist, note, reservations and validated values, publication, the periods published to the public",
      roles: 'signed-in',
      responses: {
        200: { description: '{state, texts, generated, sections, checklist, note, reservations, values, published, version, publishedPeriods, …}', schema: RelazioneSchema },
        401: 'not signed in',
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const plan = await store.getPlan(planId);
      const record = await store.relazioni.getRelazione(planId);
      if (plan === undefined || record === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      return reply(200, await answer(c, plan, record));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/relazione/texts',
      tag: 'relazione',
      summary: "The office's texts of the Relazione by section (markup: headings, lists, emphasis; HTML stays text), whole: a section left out is emptied",
      roles: PLAN_EDITORS,
      action: "write the Relazione's texts",
      body: Texts,
      responses: {
        200: { description: 'the Relazione', schema: RelazioneSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan',
        409: 'conflict (stale version: details.current the version now, who saved it and when: updatedBy, updatedByName, updatedAt) or invalid-transition (with the OIV); plan-archived',
        423: 'validated: frozen',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const record = must(await store.relazioni.putRelazioneTexts(planId, input.texts as Record<string, string>, input.version, actorOf(user)));
      return reply(200, await answer(c, (await store.getPlan(planId))!, record));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/relazione/review',
      tag: 'relazione',
      summary:
        "The OIV's review of a transmitted Relazione: checklist (points, outcome yes/partly/no, note), note, reservations, and per objective a validated value differing from the reported one, with a note",
      roles: ['oiv'],
      action: 'review the Relazione',
      body: Review,
      responses: {
        200: { description: 'the Relazione', schema: RelazioneSchema },
        400: 'invalid body (a validated value is a percent from 0 to 1000: 85, "85,5" or "85%"; an objective given twice, at values.N.code)',
        403: 'role',
        404: 'unknown plan',
        409: 'conflict (stale version: details.current the version now, who saved it and when: updatedBy, updatedByName, updatedAt) or invalid-transition (not transmitted); plan-archived',
        422: "an objective the plan does not have, at values.N.code; a value above what the plan's scoring can give an objective (100 where every rule scores 0–100), at values.N.validated (params.relazione above-ceiling, ceiling); a parent its objectives (one below it validated) do not give by the plan's rules, at values.N.validated (params.relazione differs-from-children, fromChildren), unless sent deliberate: true",
        423: 'validated: frozen',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      // Read once: its data version finds the computed plan without asking the store again, and
      // the answer is made from the same plan and evaluation the values were checked against.
      const plan = await store.getPlan(planId);
      if (plan === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      refuseIfArchived(plan);
      // Checked against the year end as it stands: the figures the OIV decides on (a frozen
      // Relazione refuses the review anyway, 423, in the store).
      const computed = await trees.computed(planId, undefined, plan.dataVersion);
      const reading = new ValidatedReading(computed.evaluation, input.values);
      const refused = disagreements(reading, input.values);
      if (refused !== null) throw refused;
      const result = await store.relazioni.putRelazioneReview(planId, input, input.version, actorOf(user));
      return reply(200, await answer(c, plan, must(result), { computed, reading }));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/relazione/transition',
      tag: 'relazione',
      summary:
        'Move the Relazione: draft→transmitted (office, the year-end period closed), transmitted→draft (office takes it back), transmitted→validated | validated_with_reservations | not_validated (OIV, the year-end period closed), not_validated→draft (office). Validating freezes the Relazione and validates the year-end period',
      roles: 'signed-in',
      access: 'admin, controller to transmit and take back; oiv to decide',
      body: Move,
      responses: {
        200: { description: 'the Relazione', schema: RelazioneSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan',
        409: "plan-archived (the plan is archived: its Relazione stays as it was); invalid-transition (details.reason period-not-closed: transmitting, or deciding, with the year-end period not closed; revision-open, details.revision its number: validating while a revision of the plan is open); conflict: what the validation would freeze differs from what the route froze when it was asked (validate again): details.reason the first of revision-approved-since (details.revision its number: a revision approved meanwhile, or corrected in what the Relazione prints of it), plan-changed-since (the year end's figures, the plan's title or body, e.g. the year end reopened, corrected and closed again), variances-changed-since (the variances' causes and corrective actions), units-changed-since (the objectives' units as the year end's closing names them), previous-year-changed-since (last year's figures: its Relazione validated, sent back or taken back to draft, its year end corrected), details.changed every one that differs; a change that leaves it the same (a value saved in another period, the deciding account renamed: the decision names them as their account is named when it is stored) is validated; with `seen` sent, changed-since-shown when what the validation would freeze is not what that answer's `seen` was made of, details.seen true and details.changed the parts that differ (the same names, in the same order; left out when they cannot be told)",
        422: "sections only the office writes left empty when transmitting without confirmEmpty (at texts.KEY of the first, details.sections all of them); a validated value above what the plan's scoring can give (stored before the check), at values.N.validated; reservations missing for a validation with reservations; a validation with no checkpoint, or one without an outcome; a plain validation with a checkpoint answered no (at checklist.N.outcome); a parent its objectives no longer give (the year end corrected since the review) and not confirmed as deliberate, at values.N.validated; the OIV's note (or `reason`, then taken as the note) missing for not_validated",
        423: 'validated: frozen',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const plan = await store.getPlan(planId);
      const record = await store.relazioni.getRelazione(planId);
      if (plan === undefined || record === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
      const who = canMove(record.state, input.to);
      if (who !== null) {
        const roles = who === 'oiv' ? ['oiv'] : PLAN_EDITORS;
        if (!roles.includes(user.role)) throw refuse(403, 'forbidden', { relazione: 'role', role: user.role, to: input.to, roles: [...roles] });
      }
      refuseIfArchived(plan);
      // The figures and the words to freeze, made from the plan as `plan` read it (server/relazione.ts
      // `validationFreeze`). A revision open refuses the validation in the store, under the plan's
      // lock (an opening in between would slip past a check made here).
      const validating = input.to === 'validated' || input.to === 'validated_with_reservations';
      const made = validating ? await validationFreeze(store, trees, deps.names, plan, user.username) : null;
      // The year end may have been reopened and corrected since the review: a parent that agreed
      // with its objectives then may not now, and a validation would freeze the contradiction.
      // The OIV decides on what its screen showed (`seen`, the answer's digest of the freeze it read):
      // anything else, a year end corrected and closed again since, is not what the OIV validates.
      const unseen = made === null || record.state !== 'transmitted' || input.seen === undefined ? [] : seenChanges(input.seen, made);
      if (unseen === null || unseen.length > 0) {
        const reason = 'changed-since-shown';
        throw refuse(409, 'conflict', { relazione: reason }, { details: { reason, seen: true, ...(unseen === null ? {} : { changed: unseen }) } });
      }
      const refused = made === null || record.state !== 'transmitted' ? null : disagreements(new ValidatedReading(made.computed.evaluation, record.values), record.values);
      if (refused !== null) throw refused;
      const move = (freeze: RelazioneFreeze | null) => store.relazioni.moveRelazione(planId, input.to, input.reason?.trim() || null, freeze, actorOf(user), input.confirmEmpty === true);
      let result = await move(made?.freeze ?? null);
      // The store compares, under the locks it holds until it commits (this plan's row; last year's
      // plan and the decider's account shared; the year end's period, which variances wait on), what
      // the freeze was made from: a change committed in between moved one of them and it refuses,
      // one not committed yet comes after the validation. Then the freeze is made again from the store
      // as it is now: when it is the same document the validation is asked again with it (a value
      // saved in another period, a draft renamed after the year end was closed); when it differs, the
      // OIV validates again, told what changed. A check made here instead, after the store's answer,
      // would let a change slip in between; a check made there alone would refuse what changed nothing.
      for (let tries = 1; made !== null && tries < FREEZE_TRIES && movedSince(result); tries++) {
        const current = await store.getPlan(planId);
        if (current === undefined) throw refuse(404, 'not-found', { what: 'plan', id: planId });
        const again = await validationFreeze(store, trees, deps.names, current, user.username);
        const { changed, revision } = freezeChanges(made, again);
        const first = changed[0];
        if (first === 'revision-approved-since') throw refuse(409, 'conflict', { relazione: first, number: revision! }, { details: { reason: first, revision, changed } });
        if (first !== undefined) throw refuse(409, 'conflict', { relazione: first }, { details: { reason: first, changed } });
        result = await move(again.freeze);
      }
      return reply(200, await answer(c, plan, must(result)));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/relazione/publication',
      tag: 'relazione',
      summary: 'Publish (or withdraw) the Relazione and its validation document on the transparency pages; only once the OIV has decided',
      roles: PLAN_EDITORS,
      action: 'publish the Relazione',
      body: Publication,
      responses: { 200: { description: 'the Relazione', schema: RelazioneSchema }, 400: 'invalid body', 403: 'role', 404: 'unknown plan', 409: 'invalid-transition: not decided yet' },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const record = must(await store.relazioni.publishRelazione(planId, input.published, actorOf(user)));
      return reply(200, await answer(c, (await store.getPlan(planId))!, record));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/periods/:periodId/publication',
      tag: 'relazione',
      summary:
        'Publish (or withdraw) a period to the public before it is closed: nobody outside reads a period still open or collecting unless published, and then as the adopted plan (objectives, indicators, weights, targets, baselines) without any value, performance or band, with "risultati non ancora disponibili: il periodo è in corso"; its values reach the public once it is closed or validated',
      roles: PLAN_EDITORS,
      action: "publish a period's values",
      body: Publication,
      responses: { 200: { description: 'the ids of the published periods', schema: PublishedPeriodsSchema }, 400: 'invalid body', 403: 'role', 404: 'unknown plan or period' },
    },
    async (c, { user, body: input, reply }) => {
      const list = must(await store.relazioni.publishPeriod(param(c, 'planId'), param(c, 'periodId'), input.published, actorOf(user)));
      return reply(
        200,
        list.map((p) => p.periodId),
      );
    },
  );

  const file = (what: 'relazione' | 'validazione') => async (c: Context) => {
    const planId = param(c, 'planId');
    const format = formatOf(c);
    const { plan, record } = await readable(c, store, planId);
    if (what === 'validazione' && (record.state === 'draft' || record.state === 'transmitted') && currentUser(c) === null) throw refuse(404, 'not-found', { relazione: 'undecided' });
    const stored = await storedRelazione(store, trees, deps.names, plan, record, currentUser(c) === null);
    const doc = what === 'relazione' ? relazioneDocument(stored) : validationDocument(stored);
    const bytes = format === 'pdf' ? await oneAtATime(() => renderRelazione(doc, format)) : await renderRelazione(doc, format);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': RELAZIONE_MEDIA_TYPES[format],
      'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${what}-${fileName(stored.evaluation.plan.title, String(plan.year), format)}"`,
      'Cache-Control': 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      // Its own inline styles, no script, no request: the web app's policy would strip its styles.
      ...(format === 'html' ? { 'Content-Security-Policy': `${REPORT_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'` } : {}),
    });
  };

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/relazione/export',
      tag: 'relazione',
      summary: 'The Relazione sulla performance as DOCX (editable), PDF or HTML, with the office’s texts and, once decided, the OIV’s validation',
      roles: 'everyone',
      access: 'signed in; the public once the plan and the Relazione are published',
      query: { format: `one of ${RELAZIONE_FORMATS.join(', ')} (required)` },
      responses: { 200: 'the file', 400: 'missing or unknown format', 404: 'unknown plan, or not published (public)' },
    },
    file('relazione'),
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/relazione/validation',
      tag: 'relazione',
      summary: "The OIV's documento di validazione (decision, checklist, note, reservations, validated values) as PDF, DOCX or HTML",
      roles: 'everyone',
      access: 'signed in; the public once the plan and the Relazione are published',
      query: { format: `one of ${RELAZIONE_FORMATS.join(', ')} (required)` },
      responses: { 200: 'the file', 400: 'missing or unknown format', 404: 'unknown plan, or not published (public)' },
    },
    file('validazione'),
  );
};
