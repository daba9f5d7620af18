/**
 * Who made a change, as the API and the documents name them: a stored login (the audit trail's
 * `user`, a forecast's or a variance's `updatedBy`, a value's `enteredBy`, …) said as the account's
 * display name, or in words for the program and the command line (messages/actor-words.ts).
 *
 * One way of naming people for the whole server: `AccountNames`, the accounts' names kept in the
 * process and checked against the store's one-row stamp at most once in NAMES_TRUSTED_MS (at once
 * after a rename through this server). The tree, the Relazione, the trails, evidence, reminders,
 * SMVP versions, distributions and stale-save refusals all name people from it.
 */
import { createHash } from 'node:crypto';
import type { Language } from '../core/index.js';
import { actorWords } from '../messages/actor-words.js';
import type { Store, UserName } from '../store/index.js';
import { HttpError } from './errors.js';

/** A stored login (null: not known, or not told) → the words that name who it is. */
export type ActorNamer = (login: string | null) => string | null;

/**
 * The accounts' names an answer says people by (who entered a value, who closed a period, an
 * objective's or indicator's person, who saved or decided the Relazione, …), read when the answer is
 * made: cached answers keep logins and ids, so a renamed account is named anew at once.
 */
export interface PeopleNames {
  /** Tells one set of names from another: part of the tree's ETag, and of what its cached text was made with. */
  readonly stamp: string;
  readonly byLogin: ReadonlyMap<string, string>;
  readonly byId: ReadonlyMap<string, string>;
  /** Every account by id, with its login (an appraisal form names its person and evaluator by both). */
  readonly accounts: ReadonlyMap<string, UserName>;
}

/** `names` as an `ActorNamer` in `language`: the account's name now, the program and the command line in words. */
export function namerOf(names: PeopleNames, language: Language): ActorNamer {
  return (login) => actorWords(login === null ? null : names.byLogin.get(login), login, language);
}

/**
 * How long the accounts' names are taken as current without asking the store: a tree read costs
 * one query fewer (the 304 of a 20,000-indicator tree cost twice the CPU with it each time, with
 * 300 accounts). A rename through this server is said at once (`forget`); one made by another
 * process (a second server on the database, the command line) within this time.
 */
export const NAMES_TRUSTED_MS = 1000;

/**
 * The accounts' names, one copy per server: one small query (the store's stamp of every account's
 * name, one row) at most once in NAMES_TRUSTED_MS, and the accounts read only when it changed.
 */
export class AccountNames {
  /** The names read last and the store's stamp of them: the same names, the same object, so cached texts stay current. */
  private last: { readonly key: string; readonly names: PeopleNames } | undefined;
  /** When the store's stamp was last asked (`performance.now()`), and how many renames this process has made (`forget`). */
  private askedAt = -Infinity;
  private renames = 0;
  constructor(private readonly store: Pick<Store, 'userNames' | 'userNamesStamp'>) {}

  /**
   * The accounts' names now, for an answer. A rename changes the stamp: a cached evaluation answers
   * again with the new name, serialised anew, without the plan being read or evaluated again.
   */
  async names(): Promise<PeopleNames> {
    const asked = performance.now();
    if (this.last !== undefined && asked - this.askedAt < NAMES_TRUSTED_MS) return this.last.names;
    const renames = this.renames;
    const key = await this.store.userNamesStamp();
    // A rename made here meanwhile: the stamp may be older than it, so it is asked again next time.
    if (renames === this.renames) this.askedAt = asked;
    if (this.last?.key === key) return this.last.names;
    const users = await this.store.userNames();
    // Renamed again between the two reads: the stamp of what was read, so the next answer reads again.
    return this.namesOf(users, key === stampOf(users) ? key : undefined);
  }

  /**
   * `names`, with every account of `ids` in them: one the names do not know yet (created by another
   * process within NAMES_TRUSTED_MS, e.g. `albero admin` just before a form for it is made) has the
   * store asked again at once, rather than the answer saying it removed.
   */
  async including(ids: Iterable<string>): Promise<PeopleNames> {
    const names = await this.names();
    for (const id of ids) {
      if (names.accounts.has(id)) continue;
      this.askedAt = -Infinity;
      return this.names();
    }
    return names;
  }

  /** `names` as an `ActorNamer` in the reader's language. */
  async namer(language: Language): Promise<ActorNamer> {
    return namerOf(await this.names(), language);
  }

  /** An account was created or changed through this server (its name, maybe): the next answer asks the store. */
  forget(): void {
    this.renames++;
    this.askedAt = -Infinity;
  }

  /** `names` from accounts already read; `key`: the store's stamp of them, kept to tell the next read. */
  private namesOf(users: readonly UserName[], key?: string): PeopleNames {
    const names: PeopleNames = {
      stamp: createHash('sha1').update(stampOf(users)).digest('base64url').slice(0, 12),
      byLogin: new Map(users.map((u) => [u.username, u.displayName])),
      byId: new Map(users.map((u) => [u.id, u.displayName])),
      accounts: new Map(users.map((u) => [u.id, { id: u.id, username: u.username, displayName: u.displayName }])),
    };
    this.last = key === undefined ? undefined : { key, names };
    return names;
  }
}

/** The accounts' names as the store stamps them (`Store.userNamesStamp`): ids, logins and names in id order. */
function stampOf(users: readonly UserName[]): string {
  return [...users]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((u) => `${u.id}\u0001${u.username}\u0001${u.displayName}`)
    .join('\u0002');
}

/**
 * A refusal of a stale save (409 `conflict`: another desk saved after this one read) naming who saved
 * by name: its message's `by` and, beside the login in `details.current.updatedBy`, `updatedByName`
 * (a value's `enteredBy`: `enteredByName`). The store refuses with the login it holds; the edge names
 * the person, as its answers do. Any other error is returned as it is.
 */
export async function withAuthorNamed(error: unknown, accounts: AccountNames, language: Language): Promise<unknown> {
  if (!(error instanceof HttpError) || error.code !== 'conflict') return error;
  const { params, details } = error.extra;
  const by = params?.by;
  const current = details?.current;
  const author = (field: 'updatedBy' | 'enteredBy'): unknown => (current !== null && typeof current === 'object' && field in current ? (current as Record<string, unknown>)[field] : undefined);
  const updatedBy = author('updatedBy');
  const enteredBy = author('enteredBy');
  if (typeof by !== 'string' && typeof updatedBy !== 'string' && typeof enteredBy !== 'string') return error;
  let nameOf: ActorNamer;
  try {
    nameOf = await accounts.namer(language);
  } catch {
    // The accounts could not be read (the database busy): the refusal is still said, by login.
    return error;
  }
  const named = new HttpError(error.status, error.code, error.message, {
    ...error.extra,
    ...(params === undefined ? {} : { params: { ...params, by: typeof by === 'string' ? nameOf(by) : (by ?? null) } }),
    ...(details === undefined
      ? {}
      : {
          details: {
            ...details,
            current:
              typeof updatedBy === 'string' || typeof enteredBy === 'string'
                ? {
                    ...(current as object),
                    ...(typeof updatedBy === 'string' ? { updatedByName: nameOf(updatedBy) } : {}),
                    ...(typeof enteredBy === 'string' ? { enteredByName: nameOf(enteredBy) } : {}),
                  }
                : current,
          },
        }),
  });
  named.stack = error.stack;
  return named;
}
