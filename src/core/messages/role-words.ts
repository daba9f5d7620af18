/**
 * An account's role in words (contract/permissions.ts `ROLES`), in core so that the importers'
 * issues (a Referente cell naming an account whose role enters no values) say it as the screens
 * and refusals do; src/messages/account-words.ts builds the labels and explanations on these.
 */
import type { Language } from './catalogue.js';

/**
 * Roles in words inside a sentence ("your role (data owner) may not…"), keyed by the role's code
 * (account-words.test.ts checks that every role is here). English says what the role does, as the
 * web app's English always did: `referente` and `controller` are Italian office words.
 */
const ROLES_IT = { admin: 'amministratore', controller: 'controllo di gestione', referente: 'referente', oiv: 'OIV', personale: 'ufficio del personale' };
/** The roles' codes, as the words have them: the catalogue is pure words and imports no contract (account-words.test.ts holds them to `ROLES`). */
export type Role = keyof typeof ROLES_IT;

export const ROLE_WORDS: Record<Language, Record<Role, string>> = {
  it: ROLES_IT,
  en: { admin: 'administrator', controller: 'management control', referente: 'data owner', oiv: 'OIV', personale: 'HR office' },
};

/** A role said inside a sentence; a code that is no role (an old record's) is said as it is. */
export function roleWords(role: string, language: Language): string {
  return (ROLE_WORDS[language] as Record<string, string>)[role] ?? role;
}
