import { describe, expect, it } from 'vitest';
import { Decimal } from '../../core/index.js';
import { fromTransfer, toTransfer } from './transfer.js';

describe('values across a thread boundary', () => {
  it('carries a record keyed by codes that are JavaScript words, `__proto__` among them, key for key', () => {
    // As the export's and the appraisal's records are made: Object.fromEntries, every code its own key.
    const units = Object.fromEntries([
      ['__proto__', 'Ufficio Estero'],
      ['constructor', null],
      ['A.1', 'Ufficio Digitale'],
    ]);
    const crossed = fromTransfer<{ units: Record<string, string | null>; weight: Decimal }>(structuredClone(toTransfer({ units, weight: new Decimal('33.33') })));
    expect(Object.entries(crossed.units)).toEqual([
      ['__proto__', 'Ufficio Estero'],
      ['constructor', null],
      ['A.1', 'Ufficio Digitale'],
    ]);
    expect(crossed.weight.toString()).toBe('33.33');
  });
});
