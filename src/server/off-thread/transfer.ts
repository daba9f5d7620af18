/**
 * Values with exact decimals, across a thread boundary. A `Decimal` cannot be posted to a worker
 * (structured clone refuses its own `constructor` property, and would lose its methods anyway), so
 * each one travels as its exact text in a tagged object and is rebuilt on the other side. Every
 * other value (plain objects, arrays, strings, numbers, booleans, null) passes as it is. Plans,
 * imported tables and outcomes are all such trees.
 */
import { Decimal } from '../../core/index.js';

/** The tag of a decimal in transit: a key no plan, table or issue uses. */
const TAG = '\u0000decimal';

export type Transferable = unknown;

/** `value` with every Decimal replaced by `{"\0decimal": "<exact text>"}`; undefined fields are left out. */
export function toTransfer(value: unknown): Transferable {
  if (value === null || typeof value !== 'object') return value;
  if (Decimal.isDecimal(value)) return { [TAG]: (value as Decimal).toString() };
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toTransfer(value[i]);
    return out;
  }
  if (ArrayBuffer.isView(value)) return value;
  // No prototype: a record keyed by codes (`__proto__` among them) crosses with every key (core/text-keys.ts).
  const out: Record<string, unknown> = Object.create(null);
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) out[key] = toTransfer(field);
  }
  return out;
}

/** The inverse of `toTransfer`: the tagged texts become Decimals again, exactly. */
export function fromTransfer<T>(value: Transferable): T {
  return revive(value) as T;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
    return value;
  }
  if (ArrayBuffer.isView(value)) return value;
  const record = value as Record<string, unknown>;
  const tagged = record[TAG];
  if (typeof tagged === 'string') return new Decimal(tagged);
  // The received copy is ours: revived in place, without a second tree of objects.
  for (const key in record) record[key] = revive(record[key]);
  return record;
}
