/**
 * An account's coded values in words: its role (contract/permissions.ts `ROLES`) and the language
 * of its emails. Kept apart from api.ts so the change log (changes.ts), which the web app imports
 * alone, says them without pulling in the whole catalogue; the web app's role labels are made from
 * these words too (`roleLabels`), so a refusal, an audit line and a screen name a role alike.
 */
import type { Language } from '../core/messages/catalogue.js';

import { ROLE_WORDS, type Role } from '../core/messages/role-words.js';

export { ROLE_WORDS, roleWords } from '../core/messages/role-words.js';

/** A role's words standing alone (a list's cell, a menu, "Signed in as … (Data owner)"): with a capital. */
export function roleLabels(language: Language): Record<Role, string> {
  const words = ROLE_WORDS[language];
  return Object.fromEntries(Object.entries(words).map(([role, text]) => [role, text.charAt(0).toUpperCase() + text.slice(1)])) as Record<Role, string>;
}

/**
 * What each role may do, in a few words: said after the role where one is chosen (the users
 * screen), so whoever gives an account its role knows what it gives — as the English screens once
 * said "OIV (evaluation body)". The role's name stays the one of ROLE_WORDS.
 */
export const ROLE_EXPLANATIONS: Record<Language, Record<Role, string>> = {
  it: {
    admin: 'tutto, account compresi',
    controller: 'piani, albero, valori e periodi',
    referente: 'i valori dei propri indicatori',
    oiv: 'organismo indipendente di valutazione: legge tutto, valida i periodi',
    personale: 'le valutazioni individuali',
  },
  en: {
    admin: 'everything, accounts included',
    controller: 'plans, tree, values and periods',
    referente: 'the values of their own indicators',
    oiv: 'evaluation body: reads everything, validates periods',
    personale: 'personale: individual appraisals',
  },
};

/** A role as a choice shows it: its words standing alone, then what it may do (`OIV (evaluation body: …)`). */
export function roleChoices(language: Language): Record<Role, string> {
  const labels = roleLabels(language);
  return Object.fromEntries(Object.entries(labels).map(([role, label]) => [role, `${label} (${ROLE_EXPLANATIONS[language][role as Role]})`])) as Record<Role, string>;
}

/** The languages an account's emails may be in, said in the reader's language. */
export const LANGUAGE_WORDS: Record<Language, Record<Language, string>> = {
  it: { it: 'italiano', en: 'inglese' },
  en: { it: 'Italian', en: 'English' },
};
