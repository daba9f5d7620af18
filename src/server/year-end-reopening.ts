/**
 * The year end reopened after the OIV decided on the Relazione: read by the Relazione's answer
 * (routes/relazione.ts), the public periods and the appraisal forms (appraisal/forms.ts). Apart from
 * relazione.ts, which reads the forms for its §5 (appraisal/individual.ts): the forms importing it
 * back would make a cycle of modules.
 */
import type { Relazione } from '../contract/index.js';
import type { Store } from '../store/index.js';
import type { ActorNamer } from './actor-names.js';

/** A reopening of the year end as the trail keeps it: `user` the login of who reopened it, named by each reader in their own words. */
export type YearEndReopening = Omit<NonNullable<Relazione['reopenedAfterDecision']>, 'by'> & { readonly user: string | null };

/**
 * The year-end period's latest reopening after the OIV decided on the Relazione on `decidedAt`
 * (its move back to collecting from closed or validated, as the period's row keeps it:
 * `Store.periodReopening`, one query however long its trail), with the login of who reopened it
 * (`namedReopening` names them in the reader's language): the period takes values again while a
 * validated Relazione keeps the figures it was validated with, and the Relazione's screen and the
 * appraisal forms say so. Null: no decision, or no reopening since.
 */
export async function yearEndReopening(store: Store, planId: string, periodId: string, decidedAt: string | null): Promise<YearEndReopening | null> {
  if (decidedAt === null) return null;
  const reopening = await store.periodReopening(planId, periodId, decidedAt);
  if (reopening === null) return null;
  return { at: reopening.at, user: reopening.user, reason: reopening.reason, period: reopening.label, periodState: reopening.state };
}

/** The reopening as the Relazione's answer says it: who reopened it by name, the program and the command line in the reader's words. */
export function namedReopening(reopening: YearEndReopening | null, nameOf: ActorNamer): Relazione['reopenedAfterDecision'] {
  if (reopening === null) return null;
  const { user, ...rest } = reopening;
  return { ...rest, by: nameOf(user) };
}
