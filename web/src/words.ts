/**
 * The one pattern for the app's words: each feature's `i18n.ts` exports `words = { it, en }`, the
 * English typed by the Italian (`const en: typeof it`, so a key missing or added on one side does
 * not compile), and `src/i18n.ts` merges them all into the one translation namespace. No feature
 * registers its own words with i18next.
 */

/** Words by key: a sentence, or more keys under a name. */
export interface WordTree {
  readonly [key: string]: string | WordTree;
}

/** A feature's words in both languages. */
export interface FeatureWords {
  readonly it: WordTree;
  readonly en: WordTree;
}

/** The features' trees merged into one; a key given by two features is a mistake and throws, naming it. */
export function mergeWords(trees: readonly WordTree[]): WordTree {
  type Node = { [key: string]: string | Node };
  // Runs as the app starts (issue 15 §4): a key's dotted path is spelt out only to name a mistake.
  const into = (target: Node, tree: WordTree, path: readonly string[]): Node => {
    for (const key in tree) {
      const value = tree[key]!;
      const held = target[key];
      if (held === undefined) target[key] = typeof value === 'string' ? value : into({}, value, [...path, key]);
      else if (typeof held === 'string' || typeof value === 'string') throw new Error(`the word ${[...path, key].join('.')} is given twice`);
      else into(held, value, [...path, key]);
    }
    return target;
  };
  const merged: Node = {};
  for (const tree of trees) into(merged, tree, []);
  return merged;
}

/**
 * The tree with each plural (a key given as `_one` and `_other`) also under the language's other
 * CLDR categories, worded as its `_other`. i18next looks up only the category `Intl.PluralRules`
 * picks, and Italian has a third one, `many`, for exact millions (1.000.000 modifiche): with no
 * `_many` the bare key was shown. i18next has no option to fall back to `_other`, so the forms are
 * filled here, once, for every feature's words. A key ending in `_other` with no `_one` beside it
 * is not a plural and is left alone.
 *
 * @example withEveryPlural({ count_one: '1 modifica', count_other: '{{count}} modifiche' }, 'it')
 *   // → { count_one: …, count_other: …, count_many: '{{count}} modifiche' }
 */
export function withEveryPlural(tree: WordTree, lang: string): WordTree {
  const extra = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.filter((c) => c !== 'one' && c !== 'other');
  const fill = (node: WordTree): WordTree => {
    const out: { [key: string]: string | WordTree } = {};
    for (const [key, value] of Object.entries(node)) out[key] = typeof value === 'string' ? value : fill(value);
    for (const [key, value] of Object.entries(node)) {
      const stem = key.endsWith('_other') ? key.slice(0, -'_other'.length) : null;
      if (stem === null || typeof value !== 'string' || typeof node[`${stem}_one`] !== 'string') continue;
      for (const category of extra) out[`${stem}_${category}`] ??= value;
    }
    return out;
  };
  return fill(tree);
}

/**
 * The tree with every count (`{{count}}`, the number i18next picks the plural by) written as the
 * screen's language writes numbers: `1.000.000 modifiche`, `1,000,000 changes`, not `1000000`.
 * i18next's own `number` format (Intl.NumberFormat in the language the words are said in) does
 * it; the features keep writing `{{count}}`, and a form that gives its own format is left alone.
 *
 * @example withCountsInLanguage({ count_other: '{{count}} modifiche' })
 *   // → { count_other: '{{count, number}} modifiche' }
 */
export function withCountsInLanguage(tree: WordTree): WordTree {
  const out: { [key: string]: string | WordTree } = {};
  for (const [key, value] of Object.entries(tree)) out[key] = typeof value === 'string' ? value.replaceAll('{{count}}', '{{count, number}}') : withCountsInLanguage(value);
  return out;
}

/** Every key of a tree, dotted (`changes.kind.target`), in order. */
export function wordKeys(tree: WordTree, path = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const at = path === '' ? key : `${path}.${key}`;
    return typeof value === 'string' ? [at] : wordKeys(value, at);
  });
}
