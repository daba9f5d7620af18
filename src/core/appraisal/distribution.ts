/**
 * The bonus fund shared out to the cent.
 *
 * Each person's quota is proportional to their weight (the band's bonus coefficient × the days
 * they were in service in the year × their part-time percentage, see `presenceDays`). The exact
 * quota fund × w / Σw is rarely a whole number of cents, so each person first gets it rounded
 * down, and the cents left over (fewer than the number of people) go one each by the
 * **largest-remainder rule**: the largest fractional remainders first; equal remainders to the
 * higher final score, then in the order the list was given (HR's order, e.g. by surname). The
 * result always sums to the fund exactly. Everything is integer arithmetic (BigInt), so no
 * rounding other than the stated one ever happens.
 */
import { Decimal } from '../decimal.js';
import { problem, type Issue } from '../issues.js';

export interface Claim {
  readonly id: string;
  /** ≥ 0; any finite decimals (scaled to integers internally). */
  readonly weight: Decimal;
  /** The final score, for ties between equal remainders; null ranks last. */
  readonly score: Decimal | null;
}

export interface Allotment {
  readonly id: string;
  readonly cents: bigint;
  /** The exact quota in cents, as a decimal text (e.g. `3333.333333…`), for the explanation. */
  readonly exact: string;
  /** Whether the person got one of the cents left over by rounding down. */
  readonly extraCent: boolean;
}

export interface Distribution {
  readonly fundCents: bigint;
  readonly allotments: readonly Allotment[];
  /** Cents not distributed: the whole fund when nobody has a positive weight, else 0. */
  readonly undistributedCents: bigint;
  readonly issues: readonly Issue[];
}

/** The rule in words, as the explanation and the documents state it. */
export const REMAINDER_RULE = {
  it: 'Quote arrotondate per difetto al centesimo; i centesimi residui vanno uno ciascuno ai resti più alti, a parità di resto al punteggio finale più alto, poi nell’ordine dell’elenco.',
  en: 'Quotas rounded down to the cent; the cents left over go one each to the largest remainders, equal remainders to the higher final score, then in list order.',
};

function scaleOf(values: readonly Decimal[]): number {
  return values.reduce((m, v) => Math.max(m, v.decimalPlaces()), 0);
}

function toBig(value: Decimal, places: number): bigint {
  return BigInt(value.times(new Decimal(10).pow(places)).toFixed(0));
}

/** Shares `fundCents` among the claims; the amounts always sum to the fund when any weight is positive. */
export function distributeFund(fundCents: bigint, claims: readonly Claim[]): Distribution {
  const issues: Issue[] = [];
  if (fundCents < 0n) return { fundCents, allotments: [], undistributedCents: fundCents, issues: [problem('error', 'fund-negative', {}, { field: 'fund' })] };
  const bad = claims.findIndex((c) => c.weight.isNegative() || !c.weight.isFinite());
  if (bad >= 0) return { fundCents, allotments: [], undistributedCents: fundCents, issues: [problem('error', 'claim-weight-negative', { claim: claims[bad]!.id }, { field: `claims.${bad}` })] };
  const places = scaleOf(claims.map((c) => c.weight));
  const weights = claims.map((c) => toBig(c.weight, places));
  const total = weights.reduce((a, w) => a + w, 0n);
  if (total === 0n) {
    if (fundCents > 0n) issues.push(problem('warning', 'nobody-eligible', {}, { field: 'fund' }));
    return { fundCents, allotments: claims.map((c) => ({ id: c.id, cents: 0n, exact: '0', extraCent: false })), undistributedCents: fundCents, issues };
  }
  const floors = weights.map((w) => (fundCents * w) / total);
  const remainders = weights.map((w) => (fundCents * w) % total);
  let left = fundCents - floors.reduce((a, f) => a + f, 0n);
  const order = claims
    .map((_, i) => i)
    .sort((a, b) => {
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      if (ra !== rb) return ra > rb ? -1 : 1;
      const sa = claims[a]!.score;
      const sb = claims[b]!.score;
      if (sa !== null && sb !== null && !sa.equals(sb)) return sb.comparedTo(sa);
      if (sa === null && sb !== null) return 1;
      if (sb === null && sa !== null) return -1;
      return a - b;
    });
  const extra = new Set<number>();
  for (const i of order) {
    if (left === 0n) break;
    if (weights[i] === 0n) continue;
    extra.add(i);
    left -= 1n;
  }
  const allotments = claims.map((c, i) => ({
    id: c.id,
    cents: floors[i]! + (extra.has(i) ? 1n : 0n),
    exact: new Decimal((fundCents * weights[i]!).toString()).div(total.toString()).toString(),
    extraCent: extra.has(i),
  }));
  return { fundCents, allotments, undistributedCents: 0n, issues };
}

/** Euros as text (`"12.345,67"`, `"12345.67"`, a JSON number) to whole cents; null when not a sum of money. */
export function parseCents(value: unknown): bigint | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : typeof value === 'string' ? value.trim().replace(/^€\s*/, '') : '';
  // Points as the thousands of Italian notation only in text: a JSON number 10.555 is ten euros and a half cent too many
  // (refused), not 10.555,00 euros.
  const grouped = typeof value === 'string' && /^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(text);
  const normal = grouped ? text.replace(/\./g, '').replace(',', '.') : text.replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normal)) return null;
  return BigInt(new Decimal(normal).times(100).toFixed(0));
}

/** Cents as euros the Italian way: `1.234,56`. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const euros = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${euros},${(abs % 100n).toString().padStart(2, '0')}`;
}
