/**
 * Values typed by a person, read in the indicator's unit: JSON numbers or strings (`93,5`, `93.5`,
 * `1.587,10`), dates as `2024-09-30` or `30/09/2024`, yes/no as booleans. JSON numbers go through
 * their shortest decimal text, so 0.1 is stored as exactly 0.1.
 */
import { Decimal, parseItalianDate, parseItalianNumber, type Amount, type Unit } from '../core/index.js';

const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function readAmount(value: number | string | boolean, unit: Unit): Amount | string {
  if (unit === 'boolean') {
    if (typeof value === 'boolean') return { kind: 'boolean', value };
    if (value === 'sì' || value === 'si' || value === 'true') return { kind: 'boolean', value: true };
    if (value === 'no' || value === 'false') return { kind: 'boolean', value: false };
    return 'a yes/no value (true or false)';
  }
  if (unit === 'date') {
    if (typeof value !== 'string') return 'a date (yyyy-mm-dd or dd/mm/yyyy)';
    const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? (parseItalianDate(value.split('-').reverse().join('/')) ?? null) : parseItalianDate(value);
    return iso === null ? `a real calendar date (yyyy-mm-dd or dd/mm/yyyy), not "${value}"` : { kind: 'date', value: iso };
  }
  if (typeof value === 'boolean') return 'a number';
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value: new Decimal(String(value)) } : 'a finite number';
  const t = value.trim();
  if (PLAIN_NUMBER.test(t) && !/^\d{1,3}\.\d{3}$/.test(t)) return { kind: 'number', value: new Decimal(t) };
  const italian = parseItalianNumber(t);
  return italian === null ? `a number (93,5 or 93.5), not "${value}"` : { kind: 'number', value: italian.value };
}
