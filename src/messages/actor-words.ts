/**
 * Who made a change, in the reader's words, wherever a stored author is shown (the audit trail, a
 * value's author, a forecast's or a variance's, the Relazione's decision, the closings): the
 * account's display name; «Albero (procedura automatica)» for what the program did itself (the
 * stored login `system`, contract/actors.ts); «riga di comando (utente mario)» for a command run at
 * the command line by the operating system's account `mario`. Plain data and one function, so the
 * web app imports it as it is and says people as the server's documents do.
 */
import type { Language } from '../core/messages/catalogue.js';
import { storedActor } from '../core/actors.js';

export const ACTOR_WORDS: Record<Language, { readonly program: string; readonly commandLine: string; readonly commandLineUser: (user: string) => string }> = {
  it: { program: 'Albero (procedura automatica)', commandLine: 'riga di comando', commandLineUser: (user) => `riga di comando (utente ${user})` },
  en: { program: 'Albero (automatic procedure)', commandLine: 'command line', commandLineUser: (user) => `command line (user ${user})` },
};

/**
 * `login`: the stored author; `name`: the display name of the account holding that login, when one
 * does (undefined or null otherwise, or the login itself as some answers carry it). The account's
 * name first; the program and the command line in words; a login no account holds any longer as
 * it is. Null when neither is known (the public is not told who).
 *
 * @example actorWords(null, 'cli:mario', 'it') // 'riga di comando (utente mario)'
 */
export function actorWords(name: string | null | undefined, login: string | null | undefined, language: Language): string | null {
  if (login === null || login === undefined) return name ?? null;
  const actor = storedActor(login);
  // An account's display name wins (one named `system` by its administrator keeps its own name);
  // the login echoed as the name is no name.
  if (name !== null && name !== undefined && name !== login) return name;
  const words = ACTOR_WORDS[language];
  if (actor.kind === 'program') return words.program;
  if (actor.kind === 'command-line') return actor.osUser === null ? words.commandLine : words.commandLineUser(actor.osUser);
  return name ?? login;
}

/**
 * An account a form names (its person, its evaluator) that is no longer there (a row removed past the
 * store: the app deletes no account a form names), in the reader's words: the contract's `removed`
 * flag (contract/appraisal.ts `PersonRefSchema`), said by the server's answers and documents and by
 * the web app in the language it shows, and by the trail with the account's id.
 */
export const REMOVED_ACCOUNT: Record<Language, { readonly name: string; readonly withId: (id: string) => string }> = {
  it: { name: '(account eliminato)', withId: (id) => `un account eliminato (id ${id})` },
  en: { name: '(account removed)', withId: (id) => `a removed account (id ${id})` },
};

/**
 * A form's person or evaluator as a reader is told it: the account's name, or that it was removed.
 *
 * @example formPersonName({ displayName: '(account removed)', removed: true }, 'it') // '(account eliminato)'
 */
export function formPersonName(p: { readonly displayName: string; readonly removed?: boolean }, language: Language): string {
  return p.removed === true ? REMOVED_ACCOUNT[language].name : p.displayName;
}

/**
 * A name kept when it was said (a validated Relazione's cover keeps its decider's), said again in the
 * reader's language: the program's and the command line's words were kept in Italian (or as the login
 * itself, by migration 82), and are words, not a name; an account's name stays as it was kept.
 *
 * @example keptActorWords('riga di comando (utente mario)', 'cli:mario', 'en') // 'command line (user mario)'
 */
export function keptActorWords(kept: string | null, login: string | null, language: Language): string | null {
  if (login === null) return kept;
  const words = kept === null || kept === login || (Object.keys(ACTOR_WORDS) as Language[]).some((l) => kept === actorWords(null, login, l));
  return storedActor(login).kind !== 'account' && words ? actorWords(null, login, language) : (kept ?? actorWords(null, login, language));
}
