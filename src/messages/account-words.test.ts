import { describe, expect, it } from 'vitest';
import { ROLES } from '../contract/permissions.js';
import { LANGUAGE_WORDS, ROLE_WORDS } from './account-words.js';

describe("an account's coded values in words", () => {
  it('has every role and every language in Italian and in English', () => {
    for (const lang of ['it', 'en'] as const) {
      expect(Object.keys(ROLE_WORDS[lang]).sort(), lang).toEqual([...ROLES].sort());
      expect(Object.keys(LANGUAGE_WORDS[lang]).sort(), lang).toEqual(['en', 'it']);
    }
  });
});
