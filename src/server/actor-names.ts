/**
 * Who made a change, as the API and the documents name them: a stored login (the audit trail's
 * `user`, a forecast's or a variance's `updatedBy`, a value's `enteredBy`, …) said as the account's
 * display name, or in words for the program and the command line (messages/actor-words.ts). Read
 * from the accounts once per answer, not once per row.
 */
import type { Language } from '../core/index.js';
import { actorWords } from '../messages/actor-words.js';
import type { Store, UserRecord } from '../store/index.js';

/** A stored login (null: not known, or not told) → the words that name who it is. */
export type ActorNamer = (login: string | null) => string | null;

export function actorNamer(users: readonly Pick<UserRecord, 'username' | 'displayName'>[], language: Language): ActorNamer {
  const names = new Map(users.map((u) => [u.username, u.displayName]));
  return (login) => actorWords(login === null ? null : names.get(login), login, language);
}

/** `actorNamer` over the store's accounts. */
export async function storeActorNamer(store: Store, language: Language): Promise<ActorNamer> {
  return actorNamer(await store.listUsers(), language);
}
