/** The streamed evaluation document is the document: same content in any chunk size, one objective a line. */
import { describe, expect, it } from 'vitest';
import { evaluatePlan, DEFAULT_SETTINGS } from '../core/index.js';
import { fixtureText } from '../../test/helpers.js';
import { evaluationDocument, evaluationJson } from './json.js';
import { parsePublishedText } from './published/text.js';

describe('evaluationJson', () => {
  const { value, issues } = parsePublishedText(fixtureText(), 'albero.txt');
  const evaluation = evaluatePlan(value.plan);

  it('streams the same document as evaluationDocument, whatever the chunk size', () => {
    for (const chunk of [1, 500, 1 << 20]) {
      const pieces = [...evaluationJson(evaluation, issues, chunk)];
      if (chunk === 1) expect(pieces.length).toBe(evaluation.nodeCount + 1);
      expect(JSON.parse(pieces.join(''))).toEqual(evaluationDocument(evaluation, issues));
    }
  });

  it('writes one objective per line', () => {
    const lines = [...evaluationJson(evaluation, issues)].join('').split('\n');
    const objectives = lines.filter((l) => l.startsWith('    {"code":'));
    expect(objectives.length).toBe(evaluation.nodeCount);
    expect(JSON.parse(objectives[0]!.trim().replace(/,$/, '')).code).toBe('A');
  });

  it('is valid JSON for a plan without objectives or issues', () => {
    const empty = evaluatePlan({ title: 'Vuoto', nodes: [], settings: DEFAULT_SETTINGS });
    expect(JSON.parse([...evaluationJson(empty)].join(''))).toEqual(evaluationDocument(empty));
  });
});
