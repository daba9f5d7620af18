/**
 * The year the appraisal and SMVP screens open on: the latest plan's (the list comes newest
 * first), else this year. Both were fixed on 2024, the demo's year: on a new installation HR opened
 * an empty 2024 with no plan to offer and a form dated 2024. null while the plans are read.
 */
import { usePlans } from '../plans/queries.js';

export function useOpeningYear(): number | null {
  const plans = usePlans();
  if (plans.data !== undefined) return plans.data[0]?.year ?? new Date().getFullYear();
  // Plans that cannot be read leave this year, not a screen waiting for ever.
  return plans.isError ? new Date().getFullYear() : null;
}
