/**
 * An account's coded values in words, inside a sentence: its role (contract/permissions.ts `ROLES`)
 * and the language of its emails. Kept apart from api.ts so the change log (changes.ts), which the
 * web app imports alone, says them without pulling in the whole catalogue.
 */
import type { Language } from '../core/messages/catalogue.js';

/** Roles in words, keyed by the role's code (account-words.test.ts checks that every role is here). */
export const ROLE_WORDS: Record<Language, Record<string, string>> = {
  it: { admin: 'amministratore', controller: 'controllo di gestione', referente: 'referente', oiv: 'OIV', personale: 'ufficio del personale' },
  en: { admin: 'administrator', controller: 'controller', referente: 'referente', oiv: 'OIV', personale: 'HR office' },
};

/** The languages an account's emails may be in, said in the reader's language. */
export const LANGUAGE_WORDS: Record<Language, Record<Language, string>> = {
  it: { it: 'italiano', en: 'inglese' },
  en: { it: 'Italian', en: 'English' },
};
