/**
 * §5's figures on the screen (Individual.tsx) say what the documents print (io/relazione/build.ts
 * with src/messages/relazione-individual.ts): the same captions and headings in Italian and in
 * English, so that the office reads on the screen the words the Relazione will carry.
 */
import { describe, expect, it } from 'vitest';
import { INDIVIDUAL_WORDS } from '../../../src/messages/relazione-individual.js';
import i18next from '../i18n.js';
import { words } from './i18n.js';

describe("§5's figures in the screen's words", () => {
  for (const lang of ['it', 'en'] as const) {
    it(`says the tables as the documents do, in ${lang === 'it' ? 'Italian' : 'English'}`, () => {
      const t = i18next.getFixedT(lang);
      const documents = INDIVIDUAL_WORDS[lang];
      for (const [key, said] of Object.entries(documents)) {
        const shown = t(`relazione.individual.${key}`, { category: 'Personale' });
        expect(shown, key).toBe(typeof said === 'function' ? said('Personale') : said);
      }
      // The screen's own words beside them: a title and a hint, never blank, never the other language's.
      const own = words[lang].relazione.individual;
      const other = words[lang === 'it' ? 'en' : 'it'].relazione.individual;
      for (const key of ['title', 'hint'] as const) {
        expect(own[key].trim()).not.toBe('');
        expect(own[key]).not.toBe(other[key]);
      }
    });
  }
});
