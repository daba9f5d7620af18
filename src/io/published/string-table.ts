/**
 * A table from strings to values for the layout reader's caches, which look up several cells of
 * every row. A `Map` hashes each new cell string in the engine's runtime and then visits entries
 * scattered over the heap; here the hash is computed in line and kept in one typed array, so a
 * look-up reads little memory and compares a key only when its hash matches.
 */
import { hashString as hashOf } from '../../core/index.js';

export class StringTable<T> {
  private keys: (string | undefined)[];
  private values: (T | undefined)[];
  private hashes: Int32Array;
  private count = 0;

  constructor(capacity = 64) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    const slot = this.slotOf(key, hashOf(key));
    return this.keys[slot] === undefined ? undefined : this.values[slot];
  }

  has(key: string): boolean {
    return this.keys[this.slotOf(key, hashOf(key))] !== undefined;
  }

  /** Adds or replaces. */
  set(key: string, value: T): void {
    const hash = hashOf(key);
    const slot = this.slotOf(key, hash);
    this.values[slot] = value;
    if (this.keys[slot] !== undefined) return;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    // At most half full, so the linear probes stay short.
    if (++this.count * 2 > this.keys.length) this.grow();
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private slotOf(key: string, hash: number): number {
    const mask = this.keys.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const k = this.keys[slot];
      if (k === undefined || (this.hashes[slot] === hash && k === key)) return slot;
    }
  }

  private grow(): void {
    const { keys, values, hashes } = this;
    const size = keys.length * 2;
    this.keys = new Array<string | undefined>(size).fill(undefined);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === undefined) continue;
      let slot = hashes[i]! & mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & mask;
      this.keys[slot] = key;
      this.values[slot] = values[i];
      this.hashes[slot] = hashes[i]!;
    }
  }
}
