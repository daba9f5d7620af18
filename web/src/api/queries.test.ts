/**
 * The write paths' rule for reads still under way (`markStale`, `putWritten`), on a real
 * QueryClient: a read that left before a write never has its answer taken after it.
 */
import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { markStale, newQueryClient, putWritten } from './queries.js';

/** A read's answers, one per call, each given only when its `give` is called. */
function reads() {
  const calls: { give: (value: string) => void }[] = [];
  const queryFn = () => new Promise<string>((resolve) => calls.push({ give: resolve }));
  return { calls, queryFn };
}

const key = ['forms', 2024] as const;

describe('a write while a read is still under way', () => {
  it("marks a screen's first read stale by reading it again, the old answer left unused", async () => {
    const client = newQueryClient();
    const { calls, queryFn } = reads();
    const shown = new QueryObserver(client, { queryKey: key, queryFn });
    const unsubscribe = shown.subscribe(() => {});
    expect(calls).toHaveLength(1);
    const marked = markStale(client, { queryKey: ['forms'] });
    await expect.poll(() => calls.length).toBe(2);
    calls[1]!.give('after the write');
    await marked;
    calls[0]!.give('before the write');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(client.getQueryData(key)).toBe('after the write');
    expect(shown.getCurrentResult().data).toBe('after the write');
    unsubscribe();
  });

  it('leaves a first read no screen shows stale, its old answer not taken', async () => {
    const client = newQueryClient();
    const { calls, queryFn } = reads();
    void client.prefetchQuery({ queryKey: key, queryFn });
    await markStale(client, { queryKey: key });
    calls[0]!.give('before the write');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const query = client.getQueryCache().find({ queryKey: key, exact: true })!;
    expect({ data: query.state.data, invalidated: query.state.isInvalidated, reads: calls.length }).toEqual({ data: undefined, invalidated: true, reads: 1 });
  });

  it("keeps a write's answer over a read that left before it, first or again", async () => {
    const client = newQueryClient();
    const { calls, queryFn } = reads();
    const shown = new QueryObserver(client, { queryKey: key, queryFn });
    const unsubscribe = shown.subscribe(() => {});
    await putWritten(client, key, 'written');
    calls[0]!.give('before the write');
    // Read again (a screen coming back to it), and written again while that read is out.
    void shown.refetch();
    await expect.poll(() => calls.length).toBe(2);
    await putWritten(client, key, 'written again');
    calls[1]!.give('before the second write');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect({ data: client.getQueryData(key), shown: shown.getCurrentResult().data, reads: calls.length }).toEqual({ data: 'written again', shown: 'written again', reads: 2 });
    unsubscribe();
  });
});
