/**
 * Values typed by a person, read in the indicator's unit: JSON numbers or strings (`93,5`, `93.5`,
 * `1.587,10`), dates as `2024-09-30` or `30/09/2024`, yes/no as booleans. JSON numbers go through
 * their shortest decimal text, so 0.1 is stored as exactly 0.1.
 */
import { z } from 'zod';
import { treeBodies } from '../contract/index.js';
import { Decimal, NUMBER_BOUNDS, numberBound, numberBoundProblem, parseItalianDate, parseItalianNumber, type Amount, type Unit } from '../core/index.js';
import type { AmountProblem } from '../messages/amounts.js';

export type { AmountProblem } from '../messages/amounts.js';

/**
 * A plain decimal in a request body (`30`, `33.33`, `33,33`), within the bounds every number has
 * (at most 15 digits before the comma, 20 after): one schema for weights, scores, scales, inputs.
 */
export const DecimalText = z
  .union([
    z.number().finite(),
    z
      .string()
      .max(NUMBER_BOUNDS.wholeDigits + NUMBER_BOUNDS.decimals + 2)
      .regex(/^[+-]?\d+([.,]\d+)?$/, 'decimal-number'),
  ])
  .transform((v) => new Decimal(String(v).replace(',', '.')))
  .refine((d) => numberBoundProblem(d) === null, 'number-digits');

/** A weight: a decimal from 0 to 100. */
export const Weight = DecimalText.refine((d) => d.gte(0) && d.lte(100), 'weight');

/** The contract's request bodies of tree editing and data entry, decimals read exactly within bounds. */
export const Bodies = treeBodies({ decimal: DecimalText, weight: Weight });

/** A number read from a person's input, or why it is refused (out of bounds). */
function bounded(value: Decimal): Amount | AmountProblem {
  const bound = numberBound(value);
  return bound === null ? { kind: 'number', value } : { expected: 'bounded-number', bound };
}

/** Whether `readAmount` refused the value (its problem says what was expected, by code). */
export function isAmountProblem(read: Amount | AmountProblem): read is AmountProblem {
  return 'expected' in read;
}

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function readAmount(value: number | string | boolean, unit: Unit): Amount | AmountProblem {
  if (unit === 'boolean') {
    if (typeof value === 'boolean') return { kind: 'boolean', value };
    if (value === 'sì' || value === 'si' || value === 'true') return { kind: 'boolean', value: true };
    if (value === 'no' || value === 'false') return { kind: 'boolean', value: false };
    return { expected: 'yes-no' };
  }
  if (unit === 'date') {
    if (typeof value !== 'string') return { expected: 'date' };
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? (parseItalianDate(value.split('-').reverse().join('/')) ?? null) : parseItalianDate(value);
    return iso === null ? { expected: 'real-date', value } : { kind: 'date', value: iso };
  }
  if (typeof value === 'boolean') return { expected: 'number' };
  if (typeof value === 'number') return Number.isFinite(value) ? bounded(new Decimal(String(value))) : { expected: 'finite-number' };
  const t = value.trim();
  if (PLAIN_NUMBER.test(t) && !/^\d{1,3}\.\d{3}$/.test(t)) return bounded(new Decimal(t));
  if (parseItalianDate(t) !== null || /^\d{4}-\d{2}-\d{2}$/.test(t)) return { expected: 'number-not-date', value };
  const italian = parseItalianNumber(t);
  if (italian === null) return { expected: 'number-text', value };
  // `5%` for a plain number: five, or five hundredths of something? Refused rather than guessed.
  if (italian.percent && unit !== 'percent') return { expected: 'plain-number', value };
  return bounded(italian.value);
}
