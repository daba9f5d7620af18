/**
 * A distribution of the bonus fund stored as HR's run stores it (routes/rewards.ts), for the tests
 * of what the public reads of it: the route's own tests make one from final forms, a long path that
 * the public side's tests need not walk. People are `[band, cents]`; their names are made up and
 * must never reach the public. A band of null is a person with no band (a final form scored in none).
 */
import { REMAINDER_RULE, type StaffCategory } from '../../src/core/appraisal/index.js';
import { SYSTEM, type Store } from '../../src/store/index.js';

/**
 * `fundCents` when the fund was not all shared out (no one with a weight: the run keeps it whole as
 * undistributed); by default the fund is the people's sum, as a run with anyone weighted leaves it.
 */
export async function storeDistribution(
  store: Store,
  organisation: string,
  year: number,
  category: StaffCategory,
  people: readonly (readonly [band: string | null, cents: number])[],
  fundCents?: number,
): Promise<void> {
  const shares = people.map(([band, cents], i) => ({
    formId: `f${i}`,
    personId: `p${i}`,
    displayName: `Persona ${i + 1}`,
    score: '80',
    band,
    coefficient: band === null ? '0' : '80',
    presenceDays: '365',
    cents: String(cents),
    exact: String(cents),
    extraCent: false,
  }));
  const shared = people.reduce((total, [, cents]) => total + BigInt(cents), 0n);
  const fund = fundCents === undefined ? shared : BigInt(fundCents);
  const saved = await store.appraisals.saveDistribution(
    organisation,
    year,
    category,
    fund,
    { smvpVersion: 1, rule: REMAINDER_RULE, people: shares, undistributedCents: (fund - shared).toString(), issues: [] },
    SYSTEM,
  );
  if (!saved.ok) throw new Error(saved.error.message);
}
