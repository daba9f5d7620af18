/**
 * What a read of the Relazione computes, kept for as long as what it was computed from is the same:
 * the generated texts, the reading of the validated values, the plan frozen by a validation
 * evaluated, last year's figures. Each is kept under a slot (the plan and what it is) with the key
 * it was made from, compared element by element (`Object.is`): an evaluation object and its
 * `changes` count, a version read from the store, a kept object whose identity stands for its
 * content. A key that differs makes it again, so a page is never served from what changed; what
 * the key leaves out must not move what is made (each caller says why it does not).
 *
 * One per server, beside its tree service (`relazioneReads`): the evaluations it keys on are that
 * service's, and a test's servers do not share what they keep.
 */
import type { TreeService } from './tree.js';

interface Kept {
  readonly key: readonly unknown[];
  readonly value: unknown;
}

export class RelazioneReads {
  private readonly kept = new Map<string, Kept>();
  /**
   * `maxEntries`: slots kept, the least recently read dropped first. A plan takes up to seven (a few
   * hold an evaluation: a validated Relazione's frozen plan, last year's validated figures), its
   * body's year one more (§5's figures, appraisal/individual.ts), so the default keeps about as many
   * plans as the tree service keeps periods.
   */
  constructor(private readonly maxEntries = 64) {}

  /**
   * `make()`'s value under `slot`, made again only when `key` is not the key it was made with. A
   * promise is kept as made (two reads at once share it), and dropped when it fails.
   *
   * @example reads.keep(`${planId}\u0000generated`, [evaluation, evaluation.changes, previous], () => generatedTexts(evaluation, input))
   */
  keep<T>(slot: string, key: readonly unknown[], make: () => T): T {
    const hit = this.kept.get(slot);
    if (hit !== undefined && hit.key.length === key.length && hit.key.every((k, i) => Object.is(k, key[i]))) {
      this.kept.delete(slot);
      this.kept.set(slot, hit);
      return hit.value as T;
    }
    const value = make();
    const entry: Kept = { key, value };
    this.kept.delete(slot);
    this.kept.set(slot, entry);
    if (value instanceof Promise) value.catch(() => this.kept.get(slot) === entry && this.kept.delete(slot));
    while (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }
}

const READS = new WeakMap<TreeService, RelazioneReads>();

/** The reads kept beside `trees` (one per server: its evaluations are what they are keyed on). */
export function relazioneReads(trees: TreeService): RelazioneReads {
  let reads = READS.get(trees);
  if (reads === undefined) READS.set(trees, (reads = new RelazioneReads()));
  return reads;
}

/**
 * `make(of)` once per object `of` (a kept cover's last-year figures, a snapshot's units): derived
 * from an object nobody changes after it is made, so its identity stands for its content.
 */
export function derivedOnce<K extends object, V>(memo: WeakMap<K, V>, of: K, make: (of: K) => V): V {
  let value = memo.get(of);
  if (value === undefined) memo.set(of, (value = make(of)));
  return value;
}
