/**
 * Records keyed by text a person wrote: objective codes, indicator ids, unit names, logins. A plain
 * `{}` inherits Object's own words, so `o['__proto__'] = v` stores nothing (it sets the prototype),
 * `o['constructor'] ??= v` keeps Object's function and a `constructor` never written reads as that
 * function. These records have no prototype: every such text is a key like any other, absent until
 * written; `JSON.stringify` writes them as any record, and `JSON.parse` gives each key back as the
 * record's own (read them with `ownValue`).
 *
 * @example const units = textKeyed<string>(); units['__proto__'] = 'Ufficio Estero'; // stored
 */

/** An empty record without a prototype, for keys that are text from outside the program. */
export function textKeyed<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `record[key]` when the record holds that key itself; undefined otherwise (never Object's `constructor`, `toString`…). */
export function ownValue<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
