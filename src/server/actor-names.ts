/**
 * Who made a change, as the API and the documents name them: a stored login (the audit trail's
 * `user`, a forecast's or a variance's `updatedBy`, a value's `enteredBy`, …) said as the account's
 * display name, or in words for the program and the command line (messages/actor-words.ts). Read
 * from the accounts once per answer, not once per row.
 */
import type { Language } from '../core/index.js';
import { actorWords } from '../messages/actor-words.js';
import type { Store, UserRecord } from '../store/index.js';
import { HttpError } from './errors.js';

/** A stored login (null: not known, or not told) → the words that name who it is. */
export type ActorNamer = (login: string | null) => string | null;

export function actorNamer(users: readonly Pick<UserRecord, 'username' | 'displayName'>[], language: Language): ActorNamer {
  const names = new Map(users.map((u) => [u.username, u.displayName]));
  return (login) => actorWords(login === null ? null : names.get(login), login, language);
}

/** `actorNamer` over the store's accounts, as they are named now. */
export async function storeActorNamer(store: Store, language: Language): Promise<ActorNamer> {
  return actorNamer(await store.userNames(), language);
}

/**
 * A refusal of a stale save (409 `conflict`: another desk saved after this one read) naming who saved
 * by name: its message's `by` and, beside the login in `details.current.updatedBy`, `updatedByName`
 * (a value's `enteredBy`: `enteredByName`). The store refuses with the login it holds; the edge names
 * the person, as its answers do. Any other error is returned as it is.
 */
export async function withAuthorNamed(error: unknown, store: Store, language: Language): Promise<unknown> {
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
    nameOf = await storeActorNamer(store, language);
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
