/**
 * The anonymised distribution of ratings and bonuses of a body's year (d.lgs. 33/2013 art. 20), as
 * every reader gets it: the public route and its CSV/XLSX (routes/rewards.ts), the transparency page
 * (routes/transparency.ts) and the Relazione's §5 (appraisal/individual.ts). A service, so that none
 * of them imports a route to read it.
 */
import { CATEGORY_LABEL, NO_BAND_LABEL, schemeOf, withholdAmounts, type RowWithholding, type StaffCategory } from '../../core/appraisal/index.js';
import type { RewardAggregates, RewardCategoryTotal } from '../../contract/index.js';
import { renderMessage, type Language } from '../../messages/index.js';
import type { Store } from '../../store/index.js';
import type { TreeService } from '../tree.js';
import { OrgCache } from './forms.js';

/** A person's share as a distribution stores it (routes/rewards.ts makes it; the aggregates read it). */
export interface PersonShare {
  formId: string;
  personId: string;
  displayName: string;
  score: string | null;
  band: string | null;
  coefficient: string;
  presenceDays: string;
  cents: string;
  exact: string;
  extraCent: boolean;
  /** The person's account was no longer there when the fund was shared out (said in the reader's words). */
  removed?: true;
}

export interface AggregateRow {
  category: StaffCategory;
  categoryLabel: string;
  band: string;
  coefficient: number | null;
  people: number;
  totalCents: string | null;
  meanCents: string | null;
  minCents: string | null;
  maxCents: string | null;
  withheld: boolean;
  withheldReason: WithheldReason | null;
  /** The row of the people with no band (`band` then says so in the reader's language). */
  noBand: boolean;
}

/**
 * Why a band's amounts are not published, and why a category's fund and amount distributed are not:
 * the rule of core/appraisal/disclosure.ts (`withholdAmounts`), which says what a reader knows and
 * why nothing withheld can be derived from what is published.
 */
export type WithheldReason = RowWithholding;
export type CategoryWithheldReason = NonNullable<RewardCategoryTotal['withheldReason']>;

/**
 * Per category and band: how many people, how much in all, mean, least and most; per category, the
 * fund and the amount distributed. No names, no ids; no amount of a small group, nor of the band or
 * the category total that would give it away.
 */
async function aggregates(store: Store, orgs: OrgCache, organisation: string, year: number, lang: 'it' | 'en'): Promise<{ rows: AggregateRow[]; categories: RewardCategoryTotal[] }> {
  const rows: AggregateRow[] = [];
  const categories: RewardCategoryTotal[] = [];
  for (const d of await store.appraisals.distributions(organisation, year)) {
    const people = (d.document.people ?? []) as PersonShare[];
    // The bands of the SMVP version the fund was shared by: a later version (new labels, new
    // coefficients) must not relabel, or drop from the published table, the people already paid.
    const version = typeof d.document.smvpVersion === 'number' ? d.document.smvpVersion : undefined;
    const found = await orgs.smvp(store, organisation, year, version);
    const bands = found === null ? [] : (schemeOf(found.smvp, d.category)?.bands ?? []);
    // Without an SMVP no coefficient is stated: null, which the page says as such, never a 0% the
    // body did not adopt.
    const labels: { label: string; share: number | null; noBand: boolean }[] = (
      bands.length > 0
        ? [...bands].sort((a, b) => b.min.comparedTo(a.min)).map((b) => ({ label: b.label, share: Number(b.share) as number | null }))
        : [...new Set(people.flatMap((p) => (p.band === null ? [] : [p.band])))].map((label) => ({ label, share: null }))
    ).map((b) => ({ ...b, noBand: false }));
    // Everyone is counted (art. 20 c. 2: the selectivity of the bonuses): the people with no band
    // (a final form with no score in any band: they have no coefficient and take no share) get a
    // row of their own, after the bands, withheld as a band is when they are one or two.
    const unbanded = people.filter((p) => p.band === null || !labels.some((b) => b.label === p.band));
    if (unbanded.length > 0) labels.push({ label: NO_BAND_LABEL[lang], share: null, noBand: true });
    const shares = labels.map((band) => (band.noBand ? unbanded : people.filter((p) => p.band === band.label)).map((p) => BigInt(p.cents)));
    // The no-band row is a row like a band of 0 %: by the rule its people take nothing.
    const disclosure = withholdAmounts(labels.map((band, i) => ({ cents: shares[i]!, sharesFund: !band.noBand && band.share !== 0 })));
    const categoryLabel = CATEGORY_LABEL[d.category][lang];
    labels.forEach((band, i) => {
      const cents = shares[i]!;
      const total = cents.reduce((a, b) => a + b, 0n);
      const reason = disclosure.rows[i] ?? null;
      const withheld = reason !== null;
      rows.push({
        category: d.category,
        categoryLabel,
        band: band.label,
        coefficient: band.share,
        people: cents.length,
        totalCents: withheld ? null : total.toString(),
        meanCents: cents.length === 0 || withheld ? null : (total / BigInt(cents.length)).toString(),
        minCents: cents.length === 0 || withheld ? null : cents.reduce((a, b) => (b < a ? b : a)).toString(),
        maxCents: cents.length === 0 || withheld ? null : cents.reduce((a, b) => (b > a ? b : a)).toString(),
        withheld,
        withheldReason: reason,
        noBand: band.noBand,
      });
    });
    const exposed = disclosure.totals !== null;
    const distributed = BigInt(d.fundCents) - BigInt(typeof d.document.undistributedCents === 'string' ? d.document.undistributedCents : '0');
    categories.push({
      category: d.category,
      categoryLabel,
      fundCents: exposed ? null : d.fundCents,
      distributedCents: exposed ? null : distributed.toString(),
      withheld: exposed,
      withheldReason: disclosure.totals,
    });
  }
  return { rows, categories };
}

/**
 * The public document of a body's year (`GET /api/rewards/:year/aggregates`, and the page of
 * /trasparenza): its rows, and the message a body that distributed nothing that year says.
 */
export async function rewardAggregates(deps: { readonly store: Store; readonly trees: TreeService }, organisation: string, year: number, lang: Language): Promise<RewardAggregates> {
  const { rows, categories } = await aggregates(deps.store, new OrgCache(deps.trees), organisation, year, lang);
  return { organisation, year, rows, categories, message: rows.length === 0 ? renderMessage('no-distribution', { organisation, year }, lang) : null };
}
