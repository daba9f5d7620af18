/**
 * The plan across the year: adoption by its act, revisions (variazioni / rimodulazioni) with the
 * register of their changes before → after, and archiving. Once a plan is adopted, every change to
 * its definition is refused with 409 `revision-required` unless a revision is open (the store
 * decides, in the same transaction as the change); values are not plan changes.
 */
import { z } from 'zod';
import { type AfterValidation, type ClosedBefore, PlanSummarySchema, type Revision, type RevisionEntry, RevisionEntrySchema, RevisionSchema } from '../../contract/index.js';
import { isIsoDate, REVISION_KINDS, type RevisionRecord, type Store } from '../../store/index.js';
import { isFrozen } from '../../contract/relazione-states.js';
import type { RouteModule } from '../api.js';
import { actorOf, currentUser } from '../auth.js';
import { publicRevision } from '../../io/report/revisions.js';
import { withReasonWords } from '../../messages/changes.js';
import { must, refuse } from '../errors.js';
import { PLAN_EDITORS } from '../permissions.js';
import { param, REASON_MAX, reasonQuery, versionQuery } from '../validation.js';
import { EditVersion, planView } from './plans.js';
import { readablePlan } from '../plan-access.js';

const IsoDate = z.string().refine(isIsoDate, 'iso-date');
const ActBody = z.object({ kind: z.string().trim().min(1).max(200), number: z.string().trim().min(1).max(100), date: IsoDate }).strict();
const AdoptBody = z.object({ act: ActBody }).strict();
// The reason is checked by the store (422 when missing or blank), as the issue asks.
const NewRevisionBody = z
  .object({ kind: z.enum(REVISION_KINDS as [string, ...string[]]).optional(), reason: z.string().max(REASON_MAX).optional(), date: IsoDate.optional(), act: ActBody.nullable().optional() })
  .strict();
const RevisionPatchBody = z.object({ reason: z.string().max(REASON_MAX).optional(), date: IsoDate.optional(), act: ActBody.nullable().optional(), version: EditVersion.optional() }).strict();
const ApproveBody = z.object({ act: ActBody.nullable().optional(), version: EditVersion.optional() }).strict();

/**
 * The register of revisions, each with the periods closed (or validated) before its changes: they
 * keep their figures as closed; a discarded one is listed as such, with its steps (it changed
 * nothing, so it came after no closing). `forPublic`: as the public reads it, the approved revisions only
 * (one still open is the office's draft: its reason and changes may yet change, and it is not the
 * body's decision until approved; a discarded one never was), without the office's notes (`publicRevision`) and without the
 * accounts' login names, which are nobody's name to the public and half of a sign-in.
 */
export async function revisionRegister(store: Store, planId: string, forPublic = false): Promise<RevisionEntry[]> {
  const stored = (await store.listRevisions(planId)) ?? [];
  const revisions = forPublic
    ? stored
        .filter((r) => r.status === 'approved')
        .map(publicRevision)
        .map((r) => ({ ...r, openedBy: null, approvedBy: null, changes: r.changes.map((c) => ({ ...c, user: null })) }))
    : stored;
  if (revisions.length === 0) return [];
  const periods = ((await store.listPeriods(planId)) ?? []).filter((p) => p.state === 'closed' || p.state === 'validated');
  const closed: ClosedBefore[] = [];
  for (const p of periods) {
    const header = await store.periodHeader(planId, p.id);
    if (header.ok && header.value.closing !== null) closed.push({ periodId: p.id, label: p.label, state: p.state, closedAt: header.value.closing.closedAt });
  }
  // A validated Relazione keeps the plan (and its list of revisions) as validated: a revision
  // approved after, or still open since, changed the plan the OIV validated, and the register says so.
  const relazione = await store.relazioni.getRelazione(planId);
  const validation: AfterValidation | null = relazione !== undefined && isFrozen(relazione.state) && relazione.decidedAt !== null ? { validatedAt: relazione.decidedAt, state: relazione.state } : null;
  // The validation is refused while a revision is open, under the plan's lock an opening takes too
  // (store/relazioni.ts): a revision open beside a validated Relazione was opened after it, even
  // within the validation's millisecond (the same time, hence "at or after"). An approved one is
  // after it only when approved later: approved at the same time, it was approved first, since
  // the validation waited for it.
  // A discarded one changed nothing the OIV validated.
  const afterValidation = (r: (typeof revisions)[number]): AfterValidation | null =>
    validation !== null && r.status !== 'discarded' && (r.status === 'open' ? r.openedAt >= validation.validatedAt : (r.approvedAt ?? '') > validation.validatedAt) ? validation : null;
  return revisions.map((r) => ({
    ...r,
    // A removed value's reason the program wrote, in its Italian words (as the change held them before migration 80).
    changes: r.changes.map((c) => ({ ...c, before: withReasonWords(c.before, 'it'), after: withReasonWords(c.after, 'it') })),
    afterClosingOf: closed.filter((p) => r.changes.some((c) => c.at > p.closedAt)),
    afterValidation: afterValidation(r),
  }));
}

function revisionNumber(raw: string): number {
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) throw refuse(400, 'invalid-path', { name: 'number', problem: 'revision-number' });
  return Number(raw);
}

export const revisionRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/adopt',
      tag: 'plans',
      summary: 'Adopt a draft plan by its act ({act: {kind, number, date}}): from then on its definition changes only inside a revision',
      roles: PLAN_EDITORS,
      action: 'adopt plans',
      body: AdoptBody,
      responses: { 200: { description: 'the plan', schema: PlanSummarySchema }, 400: 'invalid body (the field named)', 403: 'role', 404: 'unknown plan', 409: 'adopted already, or archived' },
    },
    async (c, { user, body: input, reply }) => {
      return reply(200, planView(must(await store.adoptPlan(param(c, 'planId'), input.act, actorOf(user)))));
    },
  );

  for (const archived of [true, false]) {
    api.route(
      {
        method: 'post',
        path: `/api/plans/:planId/${archived ? 'archive' : 'unarchive'}`,
        tag: 'plans',
        summary: archived
          ? 'Archive a plan: hidden from the usual lists, kept whole, still readable by whoever could read it; changes refused (409 plan-archived)'
          : 'Bring an archived plan back into the lists',
        roles: PLAN_EDITORS,
        action: archived ? 'archive plans' : 'bring plans back from the archive',
        responses: { 200: { description: 'the plan', schema: PlanSummarySchema }, 403: 'role', 404: 'unknown plan', 409: archived ? 'archived already' : 'not archived' },
      },
      async (c, { user, reply }) => {
        return reply(200, planView(must(await store.archivePlan(param(c, 'planId'), archived, actorOf(user)))));
      },
    );
  }

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/revisions',
      tag: 'revisions',
      summary: 'The register of revisions: reason, act, date, status, every change before → after, and the closed periods each came after',
      roles: 'everyone',
      access: "signed in; the public for published plans (the approved revisions only, without the indicators' notes, and with no login name: openedBy, approvedBy and each change's user null)",
      responses: {
        200: { description: '[{number, kind, reason, date, act, status, openedAt, openedBy, approvedAt, approvedBy, changes, afterClosingOf, afterValidation}]', schema: z.array(RevisionEntrySchema) },
        404: 'unknown plan',
      },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      await readablePlan(c, store, planId);
      return reply(200, await revisionRegister(store, planId, currentUser(c) === null));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/revisions',
      tag: 'revisions',
      summary: 'Open a revision of an adopted plan ({reason, kind?: variazione|rimodulazione, date?, act?}); the changes made while it is open belong to it',
      roles: PLAN_EDITORS,
      action: 'open revisions',
      body: NewRevisionBody,
      responses: {
        201: { description: 'the revision', schema: RevisionSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown plan',
        409: 'not-adopted (a draft), revision-open (one is open already), plan-archived',
        422: 'no reason (or a blank one)',
      },
    },
    async (c, { user, body: input, reply }) => {
      const revision = must(
        await store.openRevision(
          param(c, 'planId'),
          { reason: input.reason ?? '', ...(input.kind ? { kind: input.kind as RevisionRecord['kind'] } : {}), ...(input.date ? { date: input.date } : {}), act: input.act ?? null },
          actorOf(user),
        ),
      );
      return reply(201, revision satisfies Revision);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/plans/:planId/revisions/:number',
      tag: 'revisions',
      summary: 'One revision with its changes',
      roles: 'everyone',
      access: 'signed in; the public for published plans (as the register: approved revisions only, without notes, removed values or login names)',
      responses: { 200: { description: 'the revision', schema: RevisionEntrySchema }, 404: 'unknown plan or revision' },
    },
    async (c, { reply }) => {
      const planId = param(c, 'planId');
      const number = revisionNumber(param(c, 'number'));
      await readablePlan(c, store, planId);
      // The public reads one revision as it reads the register: no notes, no removed values, no login names.
      const found = (await revisionRegister(store, planId, currentUser(c) === null)).find((r) => r.number === number);
      if (found === undefined) throw refuse(404, 'not-found', { what: 'revision', id: String(number) });
      return reply(200, found);
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/api/plans/:planId/revisions/:number',
      tag: 'revisions',
      summary: 'Correct an open revision’s reason or date, or add its approving act (also after the approval); `version` (optional): the revision’s as read, 409 when another change came since',
      roles: PLAN_EDITORS,
      action: 'change revisions',
      body: RevisionPatchBody,
      responses: {
        200: { description: 'the revision', schema: RevisionSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown',
        409: 'approved (only the act can change: added or corrected, not removed); `conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored)',
        422: 'blank reason',
      },
    },
    async (c, { user, body: input, reply }) => {
      const { version, ...patch } = input;
      return reply(200, must(await store.updateRevision(param(c, 'planId'), revisionNumber(param(c, 'number')), patch, actorOf(user), version)) satisfies Revision);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/plans/:planId/revisions/:number/approve',
      tag: 'revisions',
      summary: 'Approve (close) the open revision, with its act if known ({act?}); later changes need a new revision. `version` (optional): the revision’s as read, 409 when corrected since',
      roles: PLAN_EDITORS,
      action: 'approve revisions',
      body: ApproveBody,
      responses: {
        200: { description: 'the revision', schema: RevisionSchema },
        400: 'invalid body',
        403: 'role',
        404: 'unknown',
        409: 'approved already, or holding no change; `conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing stored)',
      },
    },
    async (c, { user, body: input, reply }) => {
      return reply(200, must(await store.approveRevision(param(c, 'planId'), revisionNumber(param(c, 'number')), input.act ?? null, actorOf(user), input.version)) satisfies Revision);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/plans/:planId/revisions/:number',
      tag: 'revisions',
      summary:
        'Discard an open revision that holds no net change (opened by mistake, or its steps cancel out): nothing is erased, it stays in the register as `discarded` with its steps, who discarded it, when and why. `?version=` (optional): the revision’s as read, 409 when corrected since',
      roles: PLAN_EDITORS,
      action: 'discard revisions',
      query: {
        version: 'the revision’s version as read (a whole number); left out, none is checked',
        reason: `why it is discarded (optional, at most ${REASON_MAX} characters): kept with it and on the audit trail`,
      },
      responses: {
        200: { description: 'the discarded revision (status `discarded`)', schema: RevisionSchema },
        400: 'a version that is not a whole number, or a reason too long',
        403: 'role',
        404: 'unknown',
        409: 'approved, discarded already, or holding changes; plan-archived (a revision left open in an archived plan stays open); `conflict`: `version` is stale (details.current: {version, updatedBy, updatedAt}; nothing discarded)',
        422: 'a reason holding control characters',
      },
    },
    async (c, { user, reply }) => {
      const discarded = await store.discardRevision(param(c, 'planId'), revisionNumber(param(c, 'number')), actorOf(user), versionQuery(c), reasonQuery(c));
      return reply(200, must(discarded) satisfies Revision);
    },
  );
};
