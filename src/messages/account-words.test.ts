import { describe, expect, it } from 'vitest';
import { ROLES } from '../contract/permissions.js';
import { LANGUAGE_WORDS, ROLE_EXPLANATIONS, ROLE_WORDS, roleChoices } from './account-words.js';

describe("an account's coded values in words", () => {
  it('has every role and every language in Italian and in English', () => {
    for (const lang of ['it', 'en'] as const) {
      expect(Object.keys(ROLE_WORDS[lang]).sort(), lang).toEqual([...ROLES].sort());
      expect(Object.keys(LANGUAGE_WORDS[lang]).sort(), lang).toEqual(['en', 'it']);
      expect(Object.keys(ROLE_EXPLANATIONS[lang]).sort(), lang).toEqual([...ROLES].sort());
    }
  });

  it("offers each role with its name and what it may do, the name the server's", () => {
    expect(roleChoices('en').oiv).toBe('OIV (evaluation body: reads everything, validates periods)');
    expect(roleChoices('en').personale).toBe('HR office (personale: individual appraisals)');
    expect(roleChoices('it').personale).toBe('Ufficio del personale (le valutazioni individuali)');
    for (const lang of ['it', 'en'] as const)
      for (const role of ROLES) {
        const words = ROLE_WORDS[lang][role];
        expect(roleChoices(lang)[role].toLowerCase().startsWith(`${words.toLowerCase()} (`), `${lang} ${role}`).toBe(true);
      }
  });
});
