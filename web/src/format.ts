/** Numbers as the Relazione prints them (`93,00%`, `1.587,10`), from the API's JSON numbers. */
import { dec, formatItalianDate, formatItalianNumber, formatPercent, parseItalianDate, parseItalianNumber, type Unit } from '../../src/core/index.js';

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : formatPercent(dec(String(value)));
}

export function weight(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const d = dec(String(value));
  return `${formatItalianNumber(d, Math.min(d.decimalPlaces(), 2))}%`;
}

/** A value the user typed, in the indicator's unit, as the API wants it; `undefined` when unreadable. */
export function parseInput(text: string, unit: Unit): number | string | boolean | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (unit === 'boolean') {
    if (/^(s[iì]|yes|true|1)$/i.test(t)) return true;
    if (/^(no|false|0)$/i.test(t)) return false;
    return undefined;
  }
  if (unit === 'date') return parseItalianDate(t) ?? (/^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined);
  // Strict Italian numbers (`1.587,10`): `1.5` is ambiguous and refused, as by the importer.
  const n = parseItalianNumber(t);
  return n === null ? undefined : Number(n.value.toString());
}

/** The inverse of parseInput, for filling a form field. */
export function inputText(value: number | string | boolean | null, unit: Unit): string {
  if (value === null) return '';
  if (unit === 'boolean') return value === true ? 'sì' : 'no';
  if (unit === 'date' && typeof value === 'string') return formatItalianDate(value);
  if (typeof value === 'number') return String(value).replace('.', ',');
  return String(value);
}
