import { describe, expect, it } from 'vitest';
import { isHeaderRow } from './layout.js';

describe('the header row', () => {
  it('is found in any case and spacing, and only with both first titles', () => {
    expect(isHeaderRow(['Obiettivo', 'Indicatore', 'Peso'])).toBe(true);
    expect(isHeaderRow(['  OBIETTIVO ', '\u00a0indicatore\t'])).toBe(true);
    expect(isHeaderRow(['Obiettivo'])).toBe(false);
    expect(isHeaderRow(['Obiettivi', 'Indicatore'])).toBe(false);
    expect(isHeaderRow(['Obiettivo', 'Indicatori'])).toBe(false);
    expect(isHeaderRow(['A.1 Obiettivo', 'Indicatore'])).toBe(false);
    expect(isHeaderRow(['Obiettİvo', 'Indicatore'])).toBe(false); // İ lower-cases to two characters
  });
});
