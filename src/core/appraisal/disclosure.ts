/**
 * What the art. 20 table (d.lgs. 33/2013) may publish of a category's bonuses without giving anyone's
 * away: which rows show their amounts, and whether the category's fund and amount distributed are shown.
 *
 * **What a reader knows.** Every row's count and coefficient (art. 20 c. 2 asks for them), the rule
 * that a row whose coefficient is 0 % and the row of the people with no band take nothing, every
 * amount published, the category's fund and the amount distributed (the sum of all rows) when
 * published, and, if they are one of the people, their own bonus. Any split of a sum among people
 * is possible to them: days in service and part time are personal, so a person's bonus may be
 * anything from 0 up.
 *
 * **What must stay unknown.** The amount of a row of one or two people that takes a share of the
 * fund (`SMALL_GROUP`): its total, each one's bonus, and whether it is 0 (absence, a disciplinary
 * measure: what is personal in it). A row that takes nothing by the rule (0 %, no band) has nothing
 * to hide: its amount is 0 whatever happened to its people.
 *
 * **The rule**, the same for every row, the no-band row being a row that takes nothing like a 0 % band:
 * 1. A row of one or two people shows its count and no amount (`small-band`).
 * 2. When such a row takes a share of the fund, the fund less the rows published would give its
 *    total, so one more row is withheld with it (`complement`): the row of three or more people, at
 *    least two of whom received something, with the fewest people (among equals the lowest in the
 *    table). What the fund less the rows published leaves is then the small rows' amounts plus the
 *    complement's, which no reader can split: not an outsider (the complement's total is unknown),
 *    not one of its people (someone else in it received something, so what is left after one's own
 *    bonus is never 0, and never the small rows' alone), not one of a small row (the complement's
 *    three or more are unknown). Two who received something, not merely a total above 0: with one
 *    earner in the complement, that earner, their bonus equal to what is left, would read that the
 *    small row received 0.
 * 3. With no such row, the category's fund and amount distributed are withheld instead
 *    (`small-bands-only`): nothing published then sums the withheld rows.
 * 4. A small row that takes nothing needs no complement: the difference it leaves is 0, as the rule
 *    says. Nothing else is withheld.
 *
 * The choice depends only on what is public (counts, coefficients, the order of the table) and on
 * the figures of the rows that stay published (whether a row of three or more has two earners shows
 * in its own total, least and most), never on a small row's amounts: whether a complement is chosen,
 * and which, says nothing of them. A row the rule says takes nothing but whose people hold money
 * (a distribution made by another SMVP) is a row like those that take a share.
 *
 * What no withholding of amounts prevents: where everyone worked the whole year, the counts, the
 * coefficients and the fund give each band's full-year rate (README, "What the page does not withhold
 * more for"); an estimate assuming everyone else worked the whole year, never a figure computed.
 *
 * One limit, at the cent: choosing a complement tells that someone else in it received at least a
 * cent, so one of its people whose only fellow earner got exactly 1 cent could read a small row's 0.
 * No bonus is a cent in practice (a day in service is worth far more); the tests leave such bonuses out.
 *
 * @example
 * withholdAmounts([
 *   { cents: [150_017n], sharesFund: true }, // "Eccellente": one person
 *   { cents: [120_003n, 110_011n, 100_019n], sharesFund: true }, // "Buono": three
 *   { cents: [60_001n, 61_103n, 59_207n, 62_309n], sharesFund: true }, // "Adeguato": four
 *   { cents: [0n, 0n], sharesFund: false }, // no band: two
 * ]);
 * // → { rows: ['small-band', 'complement', null, 'small-band'], totals: null }
 */

/**
 * A row of one or two people shows its count and no amount. With one person in it, its total, mean,
 * least and most are that person's bonus; with two, the least and the most are each one's: in a small
 * body whoever knows who was rated "Eccellente" reads what they got, which art. 20 asks to publish
 * only in aggregate (and the Garante's guidelines of 2014, no identification even indirect).
 */
export const SMALL_GROUP = 3;

/** A row of the art. 20 table: a band, or the people with no band. */
export interface DisclosureRow {
  /** Each person's bonus, in cents. */
  readonly cents: readonly bigint[];
  /**
   * Whether the row takes a share of the fund by the rule: a band whose coefficient is above 0 % or
   * not stated (no SMVP); false for a band of 0 % and for the people with no band.
   */
  readonly sharesFund: boolean;
}

/** Why a row's amounts are not published (null: they are). */
export type RowWithholding = 'small-band' | 'complement';

/** Why the category's fund and amount distributed are not published (null: they are). */
export type TotalsWithholding = 'small-bands-only';

export interface Disclosure {
  /** One per row, in the rows' order. */
  readonly rows: readonly (RowWithholding | null)[];
  readonly totals: TotalsWithholding | null;
}

const earners = (row: DisclosureRow): number => row.cents.filter((c) => c > 0n).length;
const isSmall = (row: DisclosureRow): boolean => row.cents.length > 0 && row.cents.length < SMALL_GROUP;
/** A row whose amount is not what the rule says of it: it takes a share, or holds money it should not. */
const hasSecret = (row: DisclosureRow): boolean => row.sharesFund || earners(row) > 0;

/** The rows (in the table's order: highest band first, the no-band row last) whose amounts are withheld, and whether the category's totals are. */
export function withholdAmounts(rows: readonly DisclosureRow[]): Disclosure {
  const reasons: (RowWithholding | null)[] = rows.map((row) => (isSmall(row) ? 'small-band' : null));
  if (!rows.some((row) => isSmall(row) && hasSecret(row))) return { rows: reasons, totals: null };
  let complement: number | undefined;
  rows.forEach((row, i) => {
    if (row.cents.length < SMALL_GROUP || earners(row) < 2) return;
    // `<=`: among rows of as many people, the later one, lower in the table.
    if (complement === undefined || row.cents.length <= rows[complement]!.cents.length) complement = i;
  });
  if (complement === undefined) return { rows: reasons, totals: 'small-bands-only' };
  reasons[complement] = 'complement';
  return { rows: reasons, totals: null };
}
