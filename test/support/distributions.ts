/**
 * A distribution of the bonus fund stored as HR's run stores it (routes/rewards.ts), for the tests
 * of what the public reads of it: the route's own tests make one from final forms, a long path that
 * the public side's tests need not walk. People are `[band, cents]`; their names are made up and
 * must never reach the public. A band of null is a person with no band (a final form scored in none).
 */
import { exampleSmvpJson, REMAINDER_RULE, type StaffCategory } from '../../src/core/appraisal/index.js';
import type { RewardAggregates } from '../../src/contract/index.js';
import { SYSTEM, type Store } from '../../src/store/index.js';
import type { TestServer } from '../api/harness.js';

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

/** People of one band, each with their bonus in cents, as `storeDistribution` takes them. */
export function inBand(band: string, cents: readonly number[]): (readonly [string, number])[] {
  return cents.map((c) => [band, c] as const);
}

/**
 * HR's SMVP of `year` (the example document, adopted by «delibera n. 12») stored through the API
 * for each of `bodies`: how the art. 20 tests begin, before the distributions they store.
 */
export async function storeSmvp(t: TestServer, bodies: readonly string[] = ['Ente'], year = 2024): Promise<void> {
  const hr = await t.as('personale');
  for (const body of bodies) {
    const smvp = await hr.request('PUT', `/api/smvp/${year}?organisation=${encodeURIComponent(body)}`, { document: exampleSmvpJson(body, year), reason: 'delibera n. 12' });
    if (smvp.status !== 200) throw new Error(`SMVP of ${body}: ${smvp.status} ${smvp.text}`);
  }
}

/** The art. 20 aggregates of `organisation` for 2024 as the public reads them (JSON), in `lang`. */
export async function publicAggregates(t: TestServer, organisation: string, lang: string): Promise<RewardAggregates> {
  const reply = await (await t.as('public')).get(`/api/rewards/2024/aggregates?organisation=${encodeURIComponent(organisation)}&lang=${lang}`);
  if (reply.status !== 200) throw new Error(`aggregates of ${organisation}: ${reply.status} ${reply.text}`);
  return reply.body as RewardAggregates;
}
