/**
 * Exact decimal arithmetic for weights, values and scores.
 *
 * Every number that a user sees comes from here, so `0.1 + 0.2` is `0.3` and a weighted mean of
 * thirds rounds the way a person doing the sum on paper would (half up, at the last step only).
 * The precision (40 significant digits) is far beyond any published table; rounding to the two
 * decimals of the Relazione happens once, when a value is shown.
 */
import { Decimal as BaseDecimal } from 'decimal.js';

export const Decimal = BaseDecimal.clone({ precision: 40, rounding: BaseDecimal.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** Builds a decimal from a plain string or number literal written in code or JSON (`'93.5'`, `70`). */
export function dec(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Rounds half up to `places` decimals, as the published tables do. */
export function round(value: Decimal, places = 2): Decimal {
  return value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}

/** A JSON number with at most two decimals (e.g. `93`, `56.67`), or null. */
export function toJsonNumber(value: Decimal | null, places = 2): number | null {
  if (value === null) return null;
  // Most values have no more decimals than asked: their own text is the number, without a rounded copy.
  return Number(value.decimalPlaces() <= places ? value.toString() : round(value, places).toFixed(places));
}

/**
 * A decimal as JSON, the one rule for every amount that crosses the wire: a number when a JSON
 * number says it exactly, else the exact decimal as text (`"0.12345678901234567891"`,
 * `"12345678901234567.25"`): a double would round it, or turn it into `null` beyond its range.
 * Text only then: a plain `"1.587"` reads as Italian thousands to the server (`readAmount`).
 *
 * @example decimalJson(dec('0.12345678901234567891')) // '0.12345678901234567891'
 */
export function decimalJson(value: Decimal): number | string {
  const text = value.toString();
  const number = Number(text);
  // The usual case, decided on the text alone: the double prints back as the same decimal.
  if (String(number) === text) return number;
  return Number.isFinite(number) && value.eq(String(number)) ? number : value.toFixed();
}

export function clamp(value: Decimal, min: Decimal, max: Decimal): Decimal {
  if (value.lessThan(min)) return min;
  if (value.greaterThan(max)) return max;
  return value;
}

/** Sum of decimals; the empty sum is zero. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
