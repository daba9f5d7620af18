import { describe, expect, it } from 'vitest';
import { evaluatePlan, type Measurement } from '../core/index.js';
import { evaluationDocument } from '../io/json.js';
import { syntheticPlan } from '../../bench/synthetic.js';
import { patchDocument, preferredEncoding } from './tree.js';

describe('patchDocument', () => {
  it('gives exactly the document a fresh evaluation gives, after any single change', () => {
    const plan = syntheticPlan(400, 3);
    const evaluation = evaluatePlan(plan);
    const doc = evaluationDocument(evaluation);
    const direct = plan.nodes.flatMap((n) => n.indicators).filter((i) => i.formula === null);
    const changes: Measurement[] = [{ state: 'not_achieved' }, { state: 'not_evaluable', reason: 'dato assente' }, { state: 'not_measured' }];
    direct.slice(0, 60).forEach((indicator, k) => {
      const m: Measurement = k % 4 === 3 && indicator.target !== null ? { state: 'measured', actual: indicator.target } : changes[k % changes.length]!;
      const changed = evaluation.setMeasurement(indicator.id, m);
      patchDocument(doc, evaluation, changed);
      expect(doc).toEqual(evaluationDocument(evaluatePlan(evaluation.currentPlan())));
    });
  });
});

describe('preferredEncoding', () => {
  it('answers brotli when accepted, gzip otherwise, and nothing coded when neither is', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('br, gzip')).toBe('br');
    expect(preferredEncoding('gzip')).toBe('gzip');
    expect(preferredEncoding('GZIP;q=0.8, deflate')).toBe('gzip');
    expect(preferredEncoding('*')).toBe('gzip');
    expect(preferredEncoding('deflate')).toBe('identity');
    expect(preferredEncoding('')).toBe('identity');
    expect(preferredEncoding(undefined)).toBe('identity');
  });

  it('never answers in a coding the client refused with q=0', () => {
    expect(preferredEncoding('br;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('br; q=0.0, gzip;q=0')).toBe('identity');
    expect(preferredEncoding('gzip;q=0.001')).toBe('gzip');
  });
});
