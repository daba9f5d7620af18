/**
 * A save of the Relazione's texts refused as stale (someone saved a newer version after the screen
 * read it) carried over onto that newer version, section by section, so that nobody loses what they
 * typed and nobody's section is overwritten unseen. Three texts per section: the one the editor
 * started from (`base`), the one typed (`mine`), the one saved meanwhile (`theirs`).
 */

/** A section both sides changed, each differently: the office chooses or edits before anything is sent. */
export interface SectionConflict {
  readonly key: string;
  readonly mine: string;
  readonly theirs: string;
}

export interface MergedTexts {
  /** What the editor shows on the newer version: typed where only the office changed it, theirs elsewhere, typed where both did (until settled). */
  readonly texts: Record<string, string>;
  /** Sections only the office changed: kept as typed, saved with the next save. */
  readonly kept: readonly string[];
  /** Sections only the other person changed: their text shown. */
  readonly theirs: readonly string[];
  /** Sections both changed, differently. */
  readonly conflicts: readonly SectionConflict[];
}

const at = (texts: Readonly<Record<string, string>>, key: string): string => texts[key] ?? '';

/**
 * The three-way merge of each of `sections` (an absent section reads as empty, as the server stores it).
 * Both changed to the same text: no conflict, the text is the same.
 *
 * @example mergeTexts(['a', 'b'], { a: 'x', b: 'y' }, { a: 'mine', b: 'y' }, { a: 'x', b: 'theirs' })
 *   // → { texts: { a: 'mine', b: 'theirs' }, kept: ['a'], theirs: ['b'], conflicts: [] }
 */
export function mergeTexts(sections: readonly string[], base: Readonly<Record<string, string>>, mine: Readonly<Record<string, string>>, theirs: Readonly<Record<string, string>>): MergedTexts {
  const texts: Record<string, string> = {};
  const kept: string[] = [];
  const taken: string[] = [];
  const conflicts: SectionConflict[] = [];
  for (const key of sections) {
    const [b, m, o] = [at(base, key), at(mine, key), at(theirs, key)];
    if (m === o || m === b) {
      texts[key] = o;
      if (m !== o) taken.push(key);
    } else if (o === b) {
      texts[key] = m;
      kept.push(key);
    } else {
      texts[key] = m;
      conflicts.push({ key, mine: m, theirs: o });
    }
  }
  return { texts, kept, theirs: taken, conflicts };
}
