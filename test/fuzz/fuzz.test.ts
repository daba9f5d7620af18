/**
 * A few hundred cases of the damaged corpus on every `npm test` (the full run, thousands of them,
 * is `npm run fuzz`): no exit 70, no 500, nothing over 5 s, every error located, nothing stored
 * by a refused import. A failure prints the case and how it was made, to reproduce by its seed.
 */
import { describe, expect, it } from 'vitest';
import { textCases, workbookCases } from './corpus.js';
import { runFuzz } from './run.js';

describe('damaged inputs through the CLI and the import API', { timeout: 900_000 }, () => {
  it('the corpus is the same for the same seed', () => {
    const a = textCases(20, 7).map((c) => c.bytes);
    const b = textCases(20, 7).map((c) => c.bytes);
    expect(a).toEqual(b);
    expect(workbookCases(5, 7).map((c) => c.how)).toEqual(workbookCases(5, 7).map((c) => c.how));
  });

  it('200 text tables and 30 workbooks, each refused with its place or imported', async () => {
    const { failures, outcomes } = await runFuzz([...textCases(200, 2026), ...workbookCases(30, 2026)], { spawnEvery: 0 });
    expect(failures).toEqual([]);
    // The corpus reaches both sides: files refused with their places, and files imported.
    expect(outcomes['cli 2']).toBeGreaterThan(40);
    expect(outcomes['cli 0']).toBeGreaterThan(20);
    expect(outcomes['api 422']).toBeGreaterThan(40);
    expect(outcomes['api 201']).toBeGreaterThan(20);
  });
});
