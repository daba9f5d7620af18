import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import { keys, newQueryClient } from '../api/queries.js';
import { appraisalKeys, readSmvp, smvpSaved, type SmvpRead } from './queries.js';
import type { SmvpSaved } from '../../../src/contract/index.js';

/** A fetch that answers every call with `status` and `body` as JSON, and records the paths asked. */
function answer(status: number, body: unknown) {
  const fetch = vi.fn(async (_path: string) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const example = { organisation: 'Comune', year: 2025, schemes: [] };
const version = (n: number) => ({
  organisation: 'Comune',
  year: 2024,
  version: n,
  reason: null,
  createdAt: '2026-12-03T10:00:00Z',
  createdBy: 'personale',
  createdByName: 'Ufficio personale',
  document: { organisation: 'Comune', year: 2024, n },
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the SMVP's reads through the query cache", () => {
  it('reads none saved for a year as a state holding the example, not as a failure', async () => {
    // The server's answer (contract `SmvpNone`): a 200, so the browser logs no failed request.
    answer(200, { organisation: 'Comune', year: 2025, version: null, example });
    expect(await readSmvp(2025, null)).toEqual({ record: null, example });
  });

  it('fails on a missing earlier version, and reads a version as its record', async () => {
    answer(404, { error: { code: 'not-found', message: 'Nessuna versione 7' } });
    await expect(readSmvp(2024, 7)).rejects.toBeInstanceOf(ApiError);
    const fetch = answer(200, version(2));
    expect(await readSmvp(2024, 2)).toEqual({ record: version(2), example: null });
    expect(fetch.mock.calls[0]![0]).toBe('/api/smvp/2024?version=2');
  });

  it("puts a saved version in the cache as the year's latest and as itself, and marks the year's other reads and the forms stale", async () => {
    const client = newQueryClient();
    const none: SmvpRead = { record: null, example: null };
    client.setQueryData(keys.smvp(2024, null), none);
    client.setQueryData(keys.smvp(2024, 1), { record: version(1), example: null });
    client.setQueryData(keys.smvp(2025, null), none);
    client.setQueryData(appraisalKeys.list(2024, 'it'), []);
    await smvpSaved(client, 2024, { ...version(2), issues: [] } as SmvpSaved);
    const saved = { record: version(2), example: null };
    expect(client.getQueryData(keys.smvp(2024, null))).toEqual(saved);
    expect(client.getQueryData(keys.smvp(2024, 2))).toEqual(saved);
    const stale = (key: readonly unknown[]) => client.getQueryCache().find({ queryKey: key, exact: true })!.state.isInvalidated;
    // Marked once the reads under way are cancelled (`markStale`), a moment after the save is in.
    await vi.waitFor(() =>
      expect([keys.smvp(2024, null), keys.smvp(2024, 2), keys.smvp(2024, 1), keys.smvp(2025, null), appraisalKeys.list(2024, 'it')].map(stale)).toEqual([false, false, true, false, true]),
    );
  });
});
