import { describe, expect, it } from 'vitest';
import { SMALL_GROUP, withholdAmounts, type Disclosure, type DisclosureRow } from './disclosure.js';

/** A row that takes a share (a band above 0 %), people's bonuses in cents. */
const band = (...cents: number[]): DisclosureRow => ({ cents: cents.map(BigInt), sharesFund: true });
/** A row that takes nothing by the rule: the people with no band, or a band of 0 %. */
const none = (people: number): DisclosureRow => ({ cents: Array.from({ length: people }, () => 0n), sharesFund: false });

/**
 * What the table publishes of a category (as routes/rewards.ts writes it in JSON, CSV, XLSX and
 * HTML): every row's count; a published row's total, least, most and mean; the amount distributed
 * (the fund is the same sum, or when nobody had a weight the fund as allotted) unless withheld.
 */
function published(rows: readonly DisclosureRow[], disclosure: Disclosure = withholdAmounts(rows)): string {
  const table = rows.map((row, i) => {
    const reason = disclosure.rows[i];
    if (reason !== null || row.cents.length === 0) return [row.cents.length, reason];
    const total = row.cents.reduce((a, b) => a + b, 0n);
    const least = row.cents.reduce((a, b) => (b < a ? b : a));
    const most = row.cents.reduce((a, b) => (b > a ? b : a));
    return [row.cents.length, String(total), String(least), String(most), String(total / BigInt(row.cents.length))];
  });
  const distributed = rows.flatMap((r) => r.cents).reduce((a, b) => a + b, 0n);
  return JSON.stringify([table, disclosure.totals === null ? String(distributed) : disclosure.totals]);
}

const total = (row: DisclosureRow): bigint => row.cents.reduce((a, b) => a + b, 0n);

/**
 * The same category with `cents` moved from one person to another (`[row, person]`): everything
 * else as it was. When it publishes the same table, a reader (and the two people too, if neither
 * is `reader`) cannot tell the two apart.
 */
function moved(rows: readonly DisclosureRow[], from: [number, number], to: [number, number], cents: number): DisclosureRow[] {
  const copy = rows.map((r) => ({ ...r, cents: [...r.cents] }));
  copy[from[0]]!.cents[from[1]]! -= BigInt(cents);
  copy[to[0]]!.cents[to[1]]! += BigInt(cents);
  return copy;
}

describe('what the art. 20 table withholds (withholdAmounts)', () => {
  it('does what its documentation’s example says', () => {
    // Published: the counts, "Adeguato", the fund. Fund − "Adeguato" = the one's bonus + the three of "Buono" + the 0 of the two.
    expect(withholdAmounts([band(150_017), band(120_003, 110_011, 100_019), band(60_001, 61_103, 59_207, 62_309), none(2)])).toEqual({
      rows: ['small-band', 'complement', null, 'small-band'],
      totals: null,
    });
  });

  it('withholds nothing when no row has one or two people', () => {
    // Published: both rows, the fund. Nothing is withheld, so there is nothing to derive.
    expect(withholdAmounts([band(100, 90, 80), band(50, 50, 50, 40)])).toEqual({ rows: [null, null], totals: null });
  });

  it('one manager alone in a band: the band of three or more with two earners is withheld with them, the lowest of two alike', () => {
    // "Eccellente" 1, "Buono" 3, "Adeguato" 3. Published: the counts, "Buono", the fund.
    // Fund − "Buono" = the one's bonus + the three of "Adeguato": moving a cent from
    // "Adeguato" to the one publishes the same table, seen from anyone outside those two.
    const rows = [band(150_017), band(100_000, 120_000, 90_000), band(50_000, 50_000, 50_003)];
    expect(withholdAmounts(rows)).toEqual({ rows: ['small-band', null, 'complement'], totals: null });
    expect(published(moved(rows, [2, 0], [0, 0], 1))).toBe(published(rows));
  });

  it('a lone manager who received 0 € (absent all year) cannot be read as 0, not even by the complement’s one earner', () => {
    // Before: "Buono" (three, one earner) was the complement, the fund less "Adeguato" was that
    // earner's bonus, and the earner read that the one in "Eccellente" got 0.
    // Now "Buono" is published (three people, its figures are its own), "Adeguato" (two earners and
    // more) withheld: fund − "Buono" = the one's 0 + "Adeguato"'s total. Anyone in "Adeguato" knows
    // their own bonus, and a colleague's cent moved to the one publishes the same table.
    const rows = [band(0), band(90_000, 0, 0), band(50_000, 50_000, 50_003, 49_000)];
    expect(withholdAmounts(rows)).toEqual({ rows: ['small-band', null, 'complement'], totals: null });
    const other = moved(rows, [2, 1], [0, 0], 1);
    expect(total(other[0]!)).toBe(1n);
    expect(published(other)).toBe(published(rows));
    // The rule before this change took "Buono": the fund less "Adeguato" was then its one earner's bonus.
    expect(previousRule(rows)).toEqual({ rows: ['small-band', 'complement', null], totals: null });
    expect(total(rows[0]!) + total(rows[1]!) - 90_000n).toBe(0n);
  });

  it('a small row of the people with no band withholds no other row: what it leaves is the 0 the rule says', () => {
    // Published: "Buono" 5, "Adeguato" 7, the fund; the two with no band by count only.
    // Fund − published rows = 0 = what the no-band row takes by rule: nothing about them.
    const rows = [band(120_003, 110_011, 100_019, 99_007, 95_023), band(60_001, 61_103, 59_207, 62_309, 58_411, 63_513, 57_617), none(2)];
    expect(withholdAmounts(rows)).toEqual({ rows: [null, null, 'small-band'], totals: null });
  });

  it('a band of 0 % is a row like the no-band row: small, counted only, no complement', () => {
    expect(withholdAmounts([band(100, 100, 100), none(1), none(2)])).toEqual({ rows: [null, 'small-band', 'small-band'], totals: null });
  });

  it('a no-band row of three or more is never the complement: it holds nothing to hide the small row behind', () => {
    // "Eccellente" 1, "Buono" 2, no band 3: no row of three with two earners. Published: the
    // counts, the no-band row's 0; neither the fund nor the amount distributed, so nothing sums the small rows.
    expect(withholdAmounts([band(150_017), band(100_000, 90_000), none(3)])).toEqual({ rows: ['small-band', 'small-band', null], totals: 'small-bands-only' });
  });

  it('one band of two managers: the category’s totals are withheld (each would read the other’s)', () => {
    expect(withholdAmounts([band(200_000, 200_013)])).toEqual({ rows: ['small-band'], totals: 'small-bands-only' });
  });

  it('a row of three with one earner is no complement; the totals are withheld when there is no other', () => {
    // Published: "Buono" (its one earner's amount is its total and its most, as for any band of
    // three) and the counts; not the fund: with it, that earner would read the lone one's 0.
    expect(withholdAmounts([band(0), band(90_000, 0, 0)])).toEqual({ rows: ['small-band', null], totals: 'small-bands-only' });
  });

  it('the choice never depends on the small rows’ amounts', () => {
    const around = (alone: number) => withholdAmounts([band(alone), band(5, 0, 0), band(1, 1, 0, 0), none(2)]);
    expect(around(0)).toEqual(around(150_017));
    expect(around(0)).toEqual({ rows: ['small-band', null, 'complement', 'small-band'], totals: null });
  });

  it('a row that should take nothing but holds money is a row that takes a share', () => {
    const odd: DisclosureRow = { cents: [5_000n], sharesFund: false };
    expect(withholdAmounts([band(1, 1, 1), odd])).toEqual({ rows: ['complement', 'small-band'], totals: null });
  });

  it('no reader, outsider or one of the people knowing their own bonus, can tell a small row’s amount, nor that it is 0: every category of up to five who take a share, bonuses of 0, 2 or 3 cents', () => {
    const leaks = exhaustiveLeaks(withholdAmounts);
    expect(leaks).toEqual([]);
  });

  it('the same search finds what the rule before this change let through (so it can fail)', () => {
    const leaks = exhaustiveLeaks(previousRule, [[band(0), band(0, 0, 0)]]);
    expect(leaks.length).toBeGreaterThan(0);
    // The lone one at 0, the complement's one earner reading it.
    expect(leaks).toContain('[[[1,true],[3,true]],[["0"],["2","0","0"]],1] row 0');
  });

  it('withholds the least it can: only small rows, one complement at most, and the totals only without one', () => {
    for (const rows of structures()) {
      for (const cents of [0n, 1n, 2n]) {
        const filled = rows.map((r) => ({ ...r, cents: r.cents.map((_, i) => (r.sharesFund ? cents + BigInt(i % 2) : 0n)) }));
        const { rows: reasons, totals } = withholdAmounts(filled);
        reasons.forEach((reason, i) => {
          if (reason === 'small-band') expect(filled[i]!.cents.length).toBeLessThan(SMALL_GROUP);
        });
        const complements = reasons.filter((r) => r === 'complement').length;
        const needed = filled.some((r) => r.cents.length > 0 && r.cents.length < SMALL_GROUP && r.sharesFund);
        expect(complements).toBe(needed && totals === null ? 1 : 0);
        if (totals !== null) expect(filled.some((r) => r.cents.length >= SMALL_GROUP && r.cents.filter((c) => c > 0n).length >= 2)).toBe(false);
      }
    }
  });
});

/** The rule before this change (routes/rewards.ts `withheldBands`), for the search to be tried on. */
function previousRule(rows: readonly DisclosureRow[]): Disclosure {
  const reasons: ('small-band' | 'complement' | null)[] = rows.map((r) => (r.cents.length > 0 && r.cents.length < SMALL_GROUP ? 'small-band' : null));
  if (!reasons.includes('small-band')) return { rows: reasons, totals: null };
  let complement: number | undefined;
  rows.forEach((r, i) => {
    if (r.cents.length < SMALL_GROUP || total(r) === 0n) return;
    const best = complement === undefined ? undefined : rows[complement]!;
    if (best === undefined || r.cents.length < best.cents.length || (r.cents.length === best.cents.length && total(r) < total(best))) complement = i;
  });
  if (complement === undefined) return { rows: reasons, totals: 'small-bands-only' };
  reasons[complement] = 'complement';
  return { rows: reasons, totals: null };
}

/**
 * The shapes of category searched: up to three bands that take a share (one to four people each, five
 * at most in all), with or without a row that takes nothing (two or three people).
 */
function structures(): DisclosureRow[][] {
  const shapes: DisclosureRow[][] = [];
  const sizes = [1, 2, 3, 4];
  const bands: number[][] = [...sizes.map((a) => [a]), ...sizes.flatMap((a) => sizes.map((b) => [a, b])), ...sizes.flatMap((a) => sizes.flatMap((b) => sizes.map((c) => [a, b, c])))];
  for (const counts of bands) {
    if (counts.reduce((a, b) => a + b, 0) > 5) continue;
    for (const zero of [0, 2, 3]) shapes.push([...counts.map((n) => ({ cents: Array.from({ length: n }, () => 0n), sharesFund: true })), ...(zero === 0 ? [] : [none(zero)])]);
  }
  return shapes;
}

/**
 * Every category of `structures()` with every bonus of 0, 2 or 3 cents for those who take a share
 * (no bonus of a single cent: see `withholdAmounts`): for each small row that takes a share and
 * each reader (anyone, or one of the people knowing their own bonus), another category that
 * publishes the same table, the reader's bonus the same, and that row's total a cent more or less:
 * a cent moved between the row and someone else (not the reader), or added or taken when the
 * amount distributed is not published. A leak is said as the shape, the bonuses, the reader and the row.
 */
function exhaustiveLeaks(rule: (rows: readonly DisclosureRow[]) => Disclosure, shapes: DisclosureRow[][] = structures()): string[] {
  const leaks: string[] = [];
  for (const shape of shapes) {
    const sharing = shape.flatMap((row, r) => (row.sharesFund ? row.cents.map((_, p) => [r, p] as const) : []));
    const small = shape.flatMap((row, r) => (row.sharesFund && row.cents.length < SMALL_GROUP ? [r] : []));
    if (small.length === 0) continue;
    for (let code = 0; code < 3 ** sharing.length; code++) {
      const rows = shape.map((row) => ({ ...row, cents: [...row.cents] }));
      let rest = code;
      for (const [r, p] of sharing) {
        rows[r]!.cents[p] = [0n, 2n, 3n][rest % 3]!;
        rest = Math.floor(rest / 3);
      }
      const table = published(rows, rule(rows));
      const tables = new Map<string, string>();
      const tableOf = (other: DisclosureRow[]): string => {
        const key = JSON.stringify(other.map((r) => r.cents.map(String)));
        if (!tables.has(key)) tables.set(key, published(other, rule(other)));
        return tables.get(key)!;
      };
      for (const target of small) {
        for (let reader = -1; reader < sharing.length; reader++) {
          const self = reader < 0 ? undefined : sharing[reader]!;
          // One's own bonus is no one else's.
          if (self !== undefined && self[0] === target && rows[target]!.cents.length === 1) continue;
          const others = sharing.filter(([r, p]) => r !== target && !(self !== undefined && self[0] === r && self[1] === p));
          const found = rows[target]!.cents.some((_, p) => {
            const here: [number, number] = [target, p];
            if (self !== undefined && self[0] === target && self[1] === p) return false;
            function* changes(): Generator<DisclosureRow[]> {
              for (const [r, q] of others) {
                if (rows[r]!.cents[q]! > 0n) yield moved(rows, [r, q], here, 1);
                if (rows[target]!.cents[p]! > 0n) yield moved(rows, here, [r, q], 1);
              }
              for (const cents of [1n, -1n]) {
                if (rows[target]!.cents[p]! + cents < 0n) continue;
                const changed = rows.map((r) => ({ ...r, cents: [...r.cents] }));
                changed[target]!.cents[p]! += cents;
                yield changed;
              }
            }
            for (const other of changes()) if (tableOf(other) === table) return true;
            return false;
          });
          if (!found) leaks.push(`${JSON.stringify([shape.map((r) => [r.cents.length, r.sharesFund]), rows.map((r) => r.cents.map(String)), reader])} row ${target}`);
        }
      }
    }
  }
  return leaks;
}
