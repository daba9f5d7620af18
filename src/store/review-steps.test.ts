import { describe, expect, it } from 'vitest';
import { formulaToJson } from './codec.js';
import { storedComputedFromChildren } from './review-steps.js';
import { Decimal, type Formula } from '../core/index.js';

const stored = (formula: Formula | null): string | null => (formula === null ? null : JSON.stringify(formulaToJson(formula)));

describe('which stored indicators are computed from their children', () => {
  it('reads the formula as stored and asks its kind, never its text', () => {
    expect(storedComputedFromChildren(stored({ kind: 'children_mean' }))).toBe(true);
    expect(storedComputedFromChildren(stored(null))).toBe(false);
    // Base measures may have any name: one that spells the kind is still a ratio's or a trend's, entered.
    const ratio = stored({ kind: 'ratio', numerator: 'children_mean', denominator: 'totali', scale: new Decimal(100) });
    expect(ratio).toContain('children_mean');
    expect(storedComputedFromChildren(ratio)).toBe(false);
    expect(storedComputedFromChildren(stored({ kind: 'trend', current: 'pratiche children_mean 2024', previous: 'pratiche 2023' }))).toBe(false);
  });
});
