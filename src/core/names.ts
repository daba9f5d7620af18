/**
 * The one order of names (units, people, bodies, plans' titles): Italian dictionary order, as an
 * office reads a list, the same on SQLite and on PostgreSQL whatever the database's collation.
 * SQLite's `ORDER BY` compares bytes (uppercase before lowercase, accented letters after `z`) and
 * PostgreSQL's follows the cluster's locale (C.UTF-8 like SQLite, an it_IT or en_US cluster, an
 * ICU `sv-SE` one that puts "Å" after "Z"): so the stores read a list and sort it here, never by
 * `ORDER BY` on a name. None of these lists is paged in SQL: a `LIMIT` over a database-ordered list
 * would cut it in the database's order, not this one.
 *
 * @example ['Zanetti', 'Èrcole', 'De Rosa', 'de Luca'].sort(compareNames) // ['de Luca', 'De Rosa', 'Èrcole', 'Zanetti']
 */

// Letters first; case and accents only break the ties between the same letters ("abate" before
// "Abate", "Ercole" before "Èrcole"), so "de Luca" comes before "De Rosa".
// Made on first use: building an ICU collator takes ≈10 ms, which every command line start paid
// although few commands sort names (issue 15 §1).
let italian: Intl.Collator | undefined;

/** Italian dictionary order; names the collator holds equal (the same letters composed another way) by their code units, so the order never depends on how the rows came. */
export function compareNames(a: string, b: string): number {
  italian ??= new Intl.Collator('it', { usage: 'sort', sensitivity: 'variant', numeric: false });
  return italian.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A sorted copy of `items` by their names, `keys` in turn (the name, then what tells two of the same name apart: a code, an id). */
export function sortByNames<T>(items: Iterable<T>, ...keys: readonly ((item: T) => string)[]): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const order = compareNames(key(x), key(y));
      if (order !== 0) return order;
    }
    return 0;
  });
}
