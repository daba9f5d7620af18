/**
 * Who did something, as the screens name people: the account's display name; what the program did
 * itself (the demo data, the server's timer: the stored login `system`) and what a person did at the
 * command line (`cli:mario`) in the reader's words, as the server's answers and documents say them
 * (src/messages/actor-words.ts, one wording). Stored as it was; said in the reader's words.
 */
import type { i18n as I18n } from 'i18next';
import { actorWords } from '../../../src/messages/actor-words.js';

/**
 * `name`: the display name the server gave (the login itself when no account has it); `login`: the
 * login stored. Null when neither is known (the public is not told who).
 */
export function actorName(name: string | null | undefined, login: string | null | undefined, i18n: Pick<I18n, 'language'>): string | null {
  return actorWords(name, login, i18n.language === 'en' ? 'en' : 'it');
}
