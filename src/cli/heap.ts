/**
 * The heap's growth while a big table is read (`withRoomyHeap`), apart from shared.ts (which loads
 * commander and the messages) so that `verify`'s second thread (cli/verify-worker.ts) sizes its
 * own heap the same way while loading only the core.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Reads a table with a heap that grows ahead of it. A command's table stays alive until it exits,
 * but V8 sizes the old generation for a program that runs on: on a big table it made one full
 * collection of the whole plan just as it had been read (210,000 indicators: ≈100 MB marked and
 * compacted, 0.1–0.4 s, freeing a few per cent; issue 15 §2). V8 reads `--heap-growing-percent` at
 * each full collection (heap sizes proper are fixed at start-up): at 31 × instead of about 2–4 ×,
 * the next full collection sets a limit beyond what such a plan holds. That collection is made
 * here, before the file is read, while the heap holds only the program (≈6 MB): left to V8, it
 * came during the read, at 28–50 MB, marking the part of the plan already read.
 * `--semi-space-growth-factor` (read at each growth of the young generation) takes the young
 * generation to its largest size at its first growth instead of doubling it four times: V8
 * allocates the plan's objects directly in the old generation (pretenuring: no copying by each
 * young collection) only once the young generation is at its largest, so it now does from about
 * the third young collection of the read instead of the ninth. V8's own settings come back once
 * the table is read, so a command that then makes much garbage (a report's workbook) is collected
 * as before.
 */
export async function withRoomyHeap<T>(read: () => Promise<T>): Promise<T> {
  setFlagsFromString('--heap-growing-percent=3000');
  setFlagsFromString('--semi-space-growth-factor=16');
  fullCollection();
  try {
    return await read();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
    setFlagsFromString('--semi-space-growth-factor=2');
  }
}

/** A full garbage collection, now: V8's `gc()`, which a new context has once `--expose-gc` is set (Node has no other way in). */
export function fullCollection(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
