/**
 * The names nearest to one that matched nothing, to say who could have been meant ("Referente
 * "m.rossi@comune.it" is no account: the closest …"): by edit distance, letters compared without
 * case or accents, as a person mistypes an address or a surname.
 */

/** Lower case, accents off, spaces collapsed: "  Rossì " and "rossi" are one name. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** Levenshtein's distance (insertions, deletions, substitutions) between two folded texts. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * At most `count` candidates whose nearest key is near `wanted`, nearest first (ties in the
 * candidates' order): a key is any text a person could have written for the candidate (an e-mail,
 * a username, a name), and the part of an e-mail before `@` counts as one too, so "mrossi" finds
 * "m.rossi@ente.it". Near: a quarter of the wanted text's letters wrong at most (two in a short
 * one); a candidate farther off is no one the writer could have meant, and is left out.
 */
export function closest<T>(wanted: string, candidates: readonly T[], keys: (candidate: T) => readonly string[], count: number): T[] {
  const target = folded(wanted);
  const near = Math.max(2, Math.floor(target.length / 4));
  const scored = candidates.map((candidate, order) => {
    const texts = keys(candidate).flatMap((k) => (k.includes('@') ? [k, k.slice(0, k.indexOf('@'))] : [k]));
    return { candidate, order, distance: Math.min(...texts.map((k) => editDistance(target, folded(k)))) };
  });
  return scored
    .filter((s) => s.distance <= near)
    .sort((x, y) => x.distance - y.distance || x.order - y.order)
    .slice(0, count)
    .map((s) => s.candidate);
}
