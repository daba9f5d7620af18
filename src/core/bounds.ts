/**
 * How large and how fine a number may be. Exact decimals cost time in proportion to their digits:
 * a 100,000-digit target once took 17 s to score. No performance plan needs more than a
 * quadrillion (15 digits before the comma: a national budget in cents) or twenty decimals, so a
 * number beyond either is refused where it is read, with its place.
 */
import { Decimal } from './decimal.js';

export const NUMBER_BOUNDS = { wholeDigits: 15, decimals: 20 } as const;

const LIMIT = new Decimal(10).pow(NUMBER_BOUNDS.wholeDigits);

/** Text longer than this cannot be a number within the bounds (digits, grouping dots, sign, comma, `%`). */
const LONGEST_NUMBER_TEXT = NUMBER_BOUNDS.wholeDigits + NUMBER_BOUNDS.decimals + 12;

/** Which bound a number is beyond (for a message by code); null when it is fine. */
export type NumberBound = 'infinite' | 'whole-digits' | 'decimals';
export function numberBound(value: Decimal): NumberBound | null {
  if (!value.isFinite()) return 'infinite';
  if (value.abs().gte(LIMIT)) return 'whole-digits';
  if (value.decimalPlaces() > NUMBER_BOUNDS.decimals) return 'decimals';
  return null;
}

/** Why a number is out of bounds, in plain words; null when it is fine. */
export function numberBoundProblem(value: Decimal): string | null {
  switch (numberBound(value)) {
    case 'infinite':
      return 'the number is infinite or not a number';
    case 'whole-digits':
      return `the number has more than ${NUMBER_BOUNDS.wholeDigits} digits before the decimal comma (the limit is under a million billion)`;
    case 'decimals':
      return `the number has more than ${NUMBER_BOUNDS.decimals} decimals`;
    default:
      return null;
  }
}

/**
 * Whether text is too long to be a number within the bounds while looking like one (digits,
 * dots, commas, a sign, `%`, `e`): checked before any parsing, so a 100,000-digit cell costs
 * nothing to refuse.
 */
export function isOverlongNumberText(text: string): boolean {
  return text.length > LONGEST_NUMBER_TEXT && /^\s*[+-]?[\d.,]+(?:[eE][+-]?\d+)?\s*%?\s*$/.test(text);
}
