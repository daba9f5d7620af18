import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { addFraction, decimalToFraction, divideFraction, hundredthsHalfUp, toDecimal, type Fraction } from './fraction.js';

describe('exact fractions', () => {
  it('reads decimals exactly and refuses what does not fit', () => {
    const out: Fraction = { num: 0, den: 1 };
    expect(decimalToFraction(new Decimal('1.5'), out)).toBe(true);
    expect(out).toEqual({ num: 3, den: 2 });
    expect(decimalToFraction(new Decimal('-18.72'), out)).toBe(true);
    expect(out).toEqual({ num: -468, den: 25 });
    expect(decimalToFraction(new Decimal('0.035'), out)).toBe(true);
    expect(out).toEqual({ num: 7, den: 200 });
    expect(decimalToFraction(new Decimal('1e30'), out)).toBe(false);
    expect(decimalToFraction(new Decimal('1.23456789012345678'), out)).toBe(false);
  });

  it('rounds half up to hundredths exactly, also near a tie', () => {
    expect(hundredthsHalfUp(80555, 1000)).toBe(8056);
    expect(hundredthsHalfUp(80554, 1000)).toBe(8055);
    expect(hundredthsHalfUp(170, 3)).toBe(5667);
    expect(hundredthsHalfUp(-1, 2)).toBeNaN();
  });

  it('sums and means agree with decimal arithmetic (property)', () => {
    const term = fc.record({ num: fc.integer({ min: 0, max: 100_000 }), den: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 12 }), (terms) => {
        const sum: Fraction = { num: 0, den: 1 };
        let exact = new Decimal(0);
        let fits = true;
        for (const t of terms) {
          exact = exact.plus(new Decimal(t.num).div(t.den));
          if (fits && !addFraction(sum, t.num, t.den)) fits = false;
        }
        if (!fits || !divideFraction(sum, terms.length)) return; // the caller would take the decimal path
        const mean = exact.div(terms.length);
        expect(toDecimal(sum.num, sum.den).minus(mean).abs().lessThan('1e-30')).toBe(true);
        const hundredths = hundredthsHalfUp(sum.num, sum.den); // NaN: too big, the caller classifies the decimal
        if (!Number.isNaN(hundredths)) expect(hundredths).toBe(mean.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber());
      }),
    );
  });
});
