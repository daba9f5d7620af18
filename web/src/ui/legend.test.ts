import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/core/decimal.js';
import { classify, DEFAULT_LEGEND, legendFromThresholds, type Legend } from '../../../src/core/legend.js';
import { legendRanges, type LegendRuleDocument } from './legend.js';

/** A legend as the tree document carries it (io/json.ts `legendDocument`). */
const doc = (legend: Legend): LegendRuleDocument[] =>
  legend.rules.map((r) => ({ band: r.band, label: r.label, min: r.min === undefined ? null : r.min.toNumber(), minInclusive: r.minInclusive === true }));

describe("the legend's ranges, for an English screen (issue 14)", () => {
  it('says each rule from its thresholds, bounds included or not as the engine classifies', () => {
    expect(legendRanges(doc(DEFAULT_LEGEND), 'en')).toEqual([['> 80%'], ['≥ 60%', '≤ 80%'], ['< 60%']]);
    // The engine: 80 is yellow, 60 yellow, 59.99 red.
    expect([80, 60, 59.99].map((p) => classify(dec(String(p)), DEFAULT_LEGEND))).toEqual(['yellow', 'yellow', 'red']);
    const other = legendFromThresholds(dec('90'), dec('70.5'), true, false);
    expect(legendRanges(doc(other), 'en')).toEqual([['≥ 90%'], ['> 70.5%', '< 90%'], ['≤ 70.5%']]);
    expect([90, 70.5].map((p) => classify(dec(String(p)), other))).toEqual(['green', 'red']);
    expect(legendRanges(doc(other), 'it')[1]).toEqual(['> 70,5%', '< 90%']);
  });
});
