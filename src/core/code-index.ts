/**
 * Positions in a list by their code: the evaluation's look-up from a node's code (and a child's
 * `parent`) to the node's slot. Open addressing over two typed arrays sized once from the list's
 * length. A `Map` of the 280,000 codes of a million-indicator plan took about 300 ms to fill, a third
 * of the whole evaluation, and left 15 MB of entries in the old generation at every evaluation,
 * which is what brought on full collections of the plan's heap; this fills in about 20 ms and lives
 * outside the JS heap.
 */
export class CodeIndex {
  /** Position + 1 of the entry in each slot; 0 is empty. */
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;

  /** `codeAt(position)` gives the code at a position of the list; at most `capacity` positions are added. */
  constructor(
    private readonly codeAt: (position: number) => string,
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2; // at most half full, so probes stay short
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Adds `position` under its code and returns -1; when the code is there already, returns that position and adds nothing. */
  add(position: number): number {
    const code = this.codeAt(position);
    const hash = hashString(code);
    const slot = this.slotOf(code, hash);
    const held = this.slots[slot]!;
    if (held !== 0) return held - 1;
    this.slots[slot] = position + 1;
    this.hashes[slot] = hash;
    return -1;
  }

  /** The position of `code`, or -1. */
  get(code: string): number {
    return this.slots[this.slotOf(code, hashString(code))]! - 1;
  }

  /** The slot holding `code`, or the empty slot where it would go. */
  private slotOf(code: string, hash: number): number {
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0 || (this.hashes[slot] === hash && this.codeAt(held - 1) === code)) return slot;
    }
  }
}

/** FNV-1a over the UTF-16 code units. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
