/**
 * The traffic-light legend: configuration, not code. Bodies use different thresholds
 * (80/60 in the 2024 fixture, 90/70 elsewhere); rules are tried in order and the first that
 * matches gives the band.
 */
import type { Band } from './band.js';
import { Decimal, round } from './decimal.js';

export { BAND_MARK, BAND_WORD, BAND_WORDS, BANDS, type Band } from './band.js';

/** The Italian names of a plan's levels and scoring rules, as every Italian text and file says them. */
export const LEVEL_WORD: Readonly<Record<string, string>> = { area: 'area', strategic: 'strategico', operational: 'operativo' };
export const RULE_WORD: Readonly<Record<'on_off' | 'proportional' | 'bands' | 'threshold', string>> = {
  on_off: 'raggiunto/non raggiunto',
  proportional: 'proporzionale',
  bands: 'a scaglioni',
  threshold: 'a soglia',
};

export interface LegendRule {
  readonly band: Band;
  /** Lower bound in percent; absent: matches everything (the last rule). */
  readonly min?: Decimal;
  readonly minInclusive?: boolean;
  /** Words for the legend, as the Relazione prints them. */
  readonly label: string;
}

export interface Legend {
  readonly rules: readonly LegendRule[];
}

/** The fixture's legend: green above 80%, yellow from 60% to 80% (both included), red below 60%. */
export const DEFAULT_LEGEND: Legend = {
  rules: [
    { band: 'green', min: new Decimal(80), minInclusive: false, label: "Performance superiore all'80% del target" },
    { band: 'yellow', min: new Decimal(60), minInclusive: true, label: "Performance compresa tra il 60% e l'80% del target" },
    { band: 'red', label: 'Performance < 60% del target' },
  ],
};

/**
 * The band of a performance. It classifies the value as published (rounded to two decimals), so a
 * reader never sees `80,00%` in green next to another `80,00%` in yellow.
 */
export function classify(performance: Decimal | null, legend: Legend): Band | null {
  if (performance === null) return null;
  const shown = performance.decimalPlaces() <= 2 ? performance : round(performance, 2);
  for (const rule of legend.rules) {
    if (rule.min === undefined) return rule.band;
    const cmp = shown.comparedTo(rule.min);
    if (cmp > 0 || (cmp === 0 && rule.minInclusive === true)) return rule.band;
  }
  return null;
}

/** A 90/70-style legend from its two thresholds. */
export function legendFromThresholds(green: Decimal, yellow: Decimal, greenInclusive = false, yellowInclusive = true): Legend {
  const pct = (d: Decimal): string => d.toString().replace('.', ',');
  return {
    rules: [
      { band: 'green', min: green, minInclusive: greenInclusive, label: `Performance ${greenInclusive ? 'pari o superiore al' : 'superiore al'} ${pct(green)}% del target` },
      { band: 'yellow', min: yellow, minInclusive: yellowInclusive, label: `Performance compresa tra il ${pct(yellow)}% e il ${pct(green)}% del target` },
      { band: 'red', label: `Performance < ${pct(yellow)}% del target` },
    ],
  };
}

/** A legend's thresholds in whole hundredths of a percent, for classifying exact fractions. */
export interface LegendCuts {
  readonly bands: readonly Band[];
  /** Hundredths; -Infinity for the rule that matches everything. */
  readonly mins: readonly number[];
  readonly inclusive: readonly boolean[];
}

/** The legend as cuts in hundredths, or null when a threshold has more than two decimals. */
export function legendCuts(legend: Legend): LegendCuts | null {
  const bands: Band[] = [];
  const mins: number[] = [];
  const inclusive: boolean[] = [];
  for (const rule of legend.rules) {
    if (rule.min !== undefined && rule.min.decimalPlaces() > 2) return null;
    bands.push(rule.band);
    mins.push(rule.min === undefined ? -Infinity : rule.min.times(100).toNumber());
    inclusive.push(rule.minInclusive === true);
  }
  return { bands, mins, inclusive };
}

/** `classify` for a performance already rounded half up to whole hundredths (8000 = 80,00%). */
export function classifyHundredths(hundredths: number, cuts: LegendCuts): Band | null {
  for (let r = 0; r < cuts.bands.length; r++) {
    const min = cuts.mins[r]!;
    if (hundredths > min || (hundredths === min && cuts.inclusive[r]!)) return cuts.bands[r]!;
  }
  return null;
}
