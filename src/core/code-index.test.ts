import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodeIndex, hashString } from './code-index.js';

describe('CodeIndex', () => {
  it('finds every code at its first position and reports the repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (codes) => {
        const index = new CodeIndex((i) => codes[i]!, codes.length);
        const first = new Map<string, number>();
        codes.forEach((code, i) => {
          expect(index.add(i)).toBe(first.get(code) ?? -1);
          if (!first.has(code)) first.set(code, i);
        });
        for (const [code, i] of first) expect(index.get(code)).toBe(i);
        expect(index.get('not a code at all')).toBe(-1);
      }),
    );
  });

  it('keeps codes apart when their hashes collide in the table', () => {
    // 16 slots for 8 codes: many land on the same slot and are found by probing.
    const codes = ['A', 'A.1', 'A.1.1', 'B', 'B.1', 'B.2', 'C', 'C.10'];
    const index = new CodeIndex((i) => codes[i]!, codes.length);
    codes.forEach((_, i) => expect(index.add(i)).toBe(-1));
    codes.forEach((code, i) => expect(index.get(code)).toBe(i));
    expect(hashString('A.1')).not.toBe(hashString('A.2'));
  });
});
