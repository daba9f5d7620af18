import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluatePlan, verifyStated } from '../../core/index.js';
import { evaluationDocument } from '../json.js';
import { parsePublishedText } from './text.js';
import { writePublishedText } from './write-text.js';

const fixture = readFileSync(new URL('../../../fixtures/albero-performance-2024.txt', import.meta.url), 'utf8');

describe('writing the published layout', () => {
  it('round-trips the fixture: same plan, same numbers, and it verifies', () => {
    const first = evaluatePlan(parsePublishedText(fixture, 'fixture.txt').value.plan);
    const text = writePublishedText(first);
    const again = parsePublishedText(text, 'written.txt');
    expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const second = evaluatePlan(again.value.plan);
    const strip = (doc: ReturnType<typeof evaluationDocument>) => ({ ...doc, issues: [] });
    expect(strip(evaluationDocument(second))).toEqual(strip(evaluationDocument(first)));
    expect(verifyStated(second, again.value.stated).differences).toEqual([]);
    expect(text).toContain('A.2 - Internazionalizzazione e preparazione ai mercati\t\t\t\t\t\t93,00%');
  });
});
