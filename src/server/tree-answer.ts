/**
 * The answer of `GET /api/plans/:planId/tree`, shared by its route (routes/tree.ts) and the fast
 * path that answers a plain read on Node's own request (fast-reads.ts), and what every tree served
 * states beside its figures (`treeAround`, also for a save's `?tree=true` in routes/measurements.ts).
 * Kept out of the routes so that fast-reads.ts imports no route module.
 */
import type { Language } from '../core/index.js';
import type { RelazioneDecision, UserRecord } from '../store/index.js';
import type { Deps } from './api.js';
import { changedBaselines } from './baselines.js';
import { refuse } from './errors.js';
import { readablePlanFor } from './plan-access.js';
import { readerComputed, withDecision } from './public-periods.js';
import { hasObjective, preferredEncoding, type ComputedPlan } from './tree.js';

/** A read of the computed tree, as the route and the fast path of `fast-reads.ts` both receive it. */
export interface TreeRead {
  readonly planId: string;
  readonly period: string | undefined;
  readonly under: string | undefined;
  /** The language of the amount texts (`targetText`, `actualText`, …): `?lang=`, Italian by default. */
  readonly language: Language;
  /** null: the public (published plans only). */
  readonly user: UserRecord | null;
  readonly ifNoneMatch: string | undefined;
  readonly acceptEncoding: string | undefined;
}

export interface TreeAnswer {
  readonly status: 200 | 304;
  readonly headers: Record<string, string>;
  /** The cached bytes, already encoded; null for 304. */
  readonly body: Buffer | null;
}

/**
 * Brings what a tree states beside its plan's figures up to now, as every tree served must have it
 * (`GET …/tree` and a save's `?tree=true` alike): the SMVP's own ranges, the baselines corrected
 * since (signed in), the OIV's validation (`decision`: the Relazione's, read by the caller).
 */
export async function treeAround({ store, trees }: Pick<Deps, 'store' | 'trees'>, computed: ComputedPlan, user: UserRecord | null, decision: RelazioneDecision | undefined): Promise<void> {
  const planId = computed.snapshot.record.id;
  // The SMVP may give rows their own range: one small query tells whether the cached ranges are current.
  await trees.withOwnRanges(computed);
  // A baseline taken from last year's actual, corrected since, shows as "206 → 210" (signed in only).
  if (user !== null)
    await trees.withBaselineChanges(
      computed,
      async () => new Map((await changedBaselines({ store, trees }, planId)).changed.map((b) => [b.indicatorId, { current: b.current, currentText: b.currentText, currentYear: b.currentYear }])),
    );
  await withDecision({ store, trees }, computed, decision);
}

/**
 * `GET /api/plans/:planId/tree`: the cached answer for this version, user and branch. Costs one
 * query (the plan record, whose data version tells whether the cache is current) and no
 * serialisation or compression unless the version is new. Throws the route's `HttpError`s.
 */
export async function treeAnswer({ store, trees, names: accounts }: Pick<Deps, 'store' | 'trees' | 'names'>, read: TreeRead): Promise<TreeAnswer> {
  // The names of the people it says are read now (one small query beside the plan's): a renamed account is named anew at once.
  // And the OIV's decision on the Relazione (a small query): publishing it moves no data version.
  const [plan, names, decision] = await Promise.all([readablePlanFor(store, read.planId, read.user), accounts.names(), store.relazioni.validatedDecision(read.planId)]);
  // The public reads a period closed or validated, or the targets of one the controller published.
  const computed = await readerComputed({ store, trees }, read.user, read.planId, read.period, plan.dataVersion);
  await treeAround({ store, trees }, computed, read.user, decision);
  if (read.under !== undefined && !hasObjective(computed, read.under)) throw refuse(404, 'not-found', { what: 'objective', id: read.under });
  const etag = trees.etag(computed, read.user, names, read.under, read.language);
  const headers = { ETag: etag, 'Cache-Control': 'private, no-cache', Vary: 'Accept-Encoding, Cookie' };
  if (read.ifNoneMatch === etag) return { status: 304, headers, body: null };
  // A big plan's tree is megabytes of JSON: sent compressed (made once per version), brotli when accepted, else gzip.
  const encoding = preferredEncoding(read.acceptEncoding);
  const body = await trees.bytes(computed, read.user, names, encoding, read.under, read.language);
  return { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8', ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }) }, body };
}
