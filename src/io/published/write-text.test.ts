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

  it("writes every target and actual with the fixture's decimals, where the fixture has a rule", () => {
    const written = writePublishedText(evaluatePlan(parsePublishedText(fixture, 'fixture.txt').value.plan));
    // Target and Consuntivo of each indicator row, in file order (rows starting with a tab).
    const cells = (text: string): string[][] =>
      text
        .split('\n')
        .filter((line) => line.startsWith('\t'))
        .map((line) => line.split('\t').slice(3, 5));
    const published = cells(fixture);
    const ours = cells(written);
    expect(ours).toHaveLength(published.length);
    for (const [k, [target, actual]] of published.entries()) {
      // Two cells the table writes against its own rules: a bare 0,69 in a percent indicator (read
      // and written as 0,69%) and 140% (a percentage has two decimals everywhere else). A whole
      // number it writes either way (1 and 1,00): written exact, 1.
      expect(ours[k]![1], `row ${k}`).toBe(actual === '0,69' ? '0,69%' : actual);
      expect(ours[k]![0], `row ${k}`).toBe(target === '140%' ? '140,00%' : target!.replace(/^(-?\d+),00$/, '$1'));
    }
    expect(written).toContain('\tCustomer satisfaction - grado di soddisfazione\t100% >=\t6,50\t7,10\t100,00%\t');
  });
});
