/**
 * Exact fractions of safe integers: the evaluation's fast path.
 *
 * A score such as 47/53 × 100 or a mean of such scores is kept as numerator and denominator, both
 * integers within ±2^53, so it is exact (not rounded at all) and costs a few machine operations
 * instead of a decimal.js division. Every operation checks that its result is still a safe
 * integer: a product of two safe integers that overflows is at least 2^53 even after the double's
 * rounding, so `isSafe` on the computed value is a sound test. When a value does not fit, the
 * caller falls back to `Decimal`, so nothing is ever approximated.
 *
 * A `Decimal` is made only when someone reads the value (`toDecimal`), at decimal.js's 40 digits;
 * a fraction whose denominator is below 2^53 cannot come within 5·10^-20 of a two-decimal tie it is
 * not equal to, so the published rounding of the decimal is the rounding of the fraction.
 */
import { Decimal, HUNDRED, ZERO } from './decimal.js';

/** num/den with den > 0, in lowest terms. */
export interface Fraction {
  num: number;
  den: number;
}

const LIMIT = Number.MAX_SAFE_INTEGER;
const INT32 = 0x7fffffff;

export function isSafe(x: number): boolean {
  return x <= LIMIT && x >= -LIMIT;
}

/** Greatest common divisor of two safe integers (Euclid; `%` is exact on integral doubles). */
export function gcd(a: number, b: number): number {
  a = a < 0 ? -a : a;
  b = b < 0 ? -b : b;
  if (a <= INT32 && b <= INT32) {
    // Most numerators and denominators are small: 32-bit integer remainders are several times
    // cheaper than the floating-point remainder below.
    let x = a | 0;
    let y = b | 0;
    while (y !== 0) {
      const r = (x % y) | 0;
      x = y;
      y = r;
    }
    return x;
  }
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Sets `out` to num/den in lowest terms; false when either side is not a safe integer. */
export function setFraction(out: Fraction, num: number, den: number): boolean {
  if (!isSafe(num) || !isSafe(den) || den === 0) return false;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (den !== 1 && num !== 0) {
    const g = gcd(num, den);
    if (g !== 1) {
      num /= g;
      den /= g;
    }
  } else if (num === 0) den = 1;
  out.num = num;
  out.den = den;
  return true;
}

/** out += num/den; false (and `out` unchanged) when the sum does not fit. */
export function addFraction(out: Fraction, num: number, den: number): boolean {
  if (num === 0) return true;
  if (out.num === 0) return setFraction(out, num, den);
  const g = gcd(out.den, den);
  const left = out.num * (den / g);
  const right = num * (out.den / g);
  const sum = left + right;
  const common = out.den * (den / g);
  if (!isSafe(left) || !isSafe(right) || !isSafe(sum)) return false;
  return setFraction(out, sum, common);
}

const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A decimal as an exact fraction, read from decimal.js's documented digits (`d`: base-1e7 words,
 * the first without leading zeros; `e`: the exponent of the first digit). False when it has more
 * than fourteen significant digits or does not fit; most targets and actuals fit.
 */
export function decimalToFraction(value: Decimal, out: Fraction): boolean {
  const digits = value.d;
  if (digits === null || digits === undefined) return false; // NaN or ±Infinity
  let mantissa: number;
  let length: number;
  const first = digits[0]!;
  const firstLength = first < 10 ? 1 : first < 100 ? 2 : first < 1000 ? 3 : first < 1e4 ? 4 : first < 1e5 ? 5 : first < 1e6 ? 6 : 7;
  if (digits.length === 1) {
    mantissa = first;
    length = firstLength;
  } else if (digits.length === 2) {
    mantissa = first * 1e7 + digits[1]!;
    length = firstLength + 7;
  } else return false;
  if (mantissa === 0) return setFraction(out, 0, 1);
  const shift = value.e - length + 1;
  const sign = value.s < 0 ? -1 : 1;
  if (shift >= 0) return shift < POWERS.length && setFraction(out, sign * mantissa * POWERS[shift]!, 1);
  return -shift < POWERS.length && setFraction(out, sign * mantissa, POWERS[-shift]!);
}

/** The decimal of a fraction (at decimal.js's 40 significant digits); 0 and 100 are the shared constants. */
export function toDecimal(num: number, den: number): Decimal {
  if (den === 1) return num === 100 ? HUNDRED : num === 0 ? ZERO : new Decimal(num);
  // A quotient that terminates within six decimals (most means of percentages) is written from
  // its digits, several times cheaper than a decimal division.
  let scaled = num;
  for (let places = 1; places <= 6; places++) {
    scaled *= 10;
    if (!isSafe(scaled)) break;
    if (scaled % den === 0) return new Decimal(`${scaled / den}e-${places}`);
  }
  return new Decimal(num).div(den);
}

/**
 * The fraction rounded half up to hundredths, as an integer number of hundredths (8056 for
 * 80,555…), for a non-negative fraction; NaN when the arithmetic would not fit.
 */
export function hundredthsHalfUp(num: number, den: number): number {
  return unitsHalfUp(num, den, 100);
}

/**
 * A non-negative fraction rounded half up to `scale` units (100: hundredths, 1000: thousandths),
 * as an integer number of them; NaN when the arithmetic would not fit.
 */
export function unitsHalfUp(num: number, den: number, scale: number): number {
  const twice = 2 * scale * num + den;
  const step = 2 * den;
  if (num < 0 || !isSafe(twice + step)) return NaN;
  // The double quotient may round across an integer; one correction either way makes it exact.
  let q = Math.floor(twice / step);
  if (q * step > twice) q--;
  else if ((q + 1) * step <= twice) q++;
  return q;
}

const JSON_SCALES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * `toJsonNumber(toDecimal(num, den), places)` without the Decimal: the fraction rounded half up to
 * `places` decimals (at most six) as a number; NaN when it is negative or does not fit (the caller
 * then takes the Decimal). The same number: a fraction whose denominator is below 2^53 is never so
 * near a tie that the Decimal's 40 digits round it the other way (see `toDecimal`), and the double
 * nearest to units/scale is the double nearest to the decimal text of the rounded value.
 */
export function roundedNumber(num: number, den: number, places: number): number {
  if (den === 1 && isSafe(num)) return num === 0 ? 0 : num;
  const scale = JSON_SCALES[places];
  if (scale === undefined) return NaN;
  const units = unitsHalfUp(num, den, scale);
  return units / scale;
}

/** out /= n for a positive safe integer n; false (and `out` unchanged) when it does not fit. */
export function divideFraction(out: Fraction, n: number): boolean {
  const g = gcd(out.num, n);
  return setFraction(out, out.num / g, out.den * (n / g));
}
