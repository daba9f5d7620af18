import { describe, expect, it } from 'vitest';
import { EXPORT_FAILURES } from '../../src/contract/export-failures.js';
import { ROLES } from '../../src/contract/permissions.js';
import { ISSUE_MESSAGES, renderIssueCode } from '../../src/core/messages/index.js';
import { NOT_EVALUABLE_MARK } from '../../src/core/words.js';
import { reportText } from '../../src/io/report/texts.js';
import { ROLE_EXPLANATIONS, ROLE_WORDS } from '../../src/messages/account-words.js';
import { DIFF_WORDS } from '../../src/messages/diff-words.js';
import { PAGE_WORDS } from '../../src/messages/page-words.js';
// The page as Vite serves it: read as text by Vite itself, so the web app's tests need no Node module.
import page from '../index.html?raw';
import i18next, { RESOURCES } from './i18n.js';
import { words as accounts } from './accounts/i18n.js';
import { words as apiWords } from './api/i18n.js';
import { words as appraisal } from './appraisal/i18n.js';
import { words as campaignWork } from './campaign/i18n-work.js';
import { words as campaign } from './campaign/i18n.js';
import { words as relazione } from './relazione/i18n.js';
import { words as reminders } from './reminders/i18n.js';
import { words as revisions } from './revisions/i18n.js';
import { words as units } from './units/i18n.js';
import { words as years } from './years/i18n.js';
import { mergeWords, withCountsInLanguage, withEveryPlural, wordKeys, type FeatureWords } from './words.js';

const FEATURES: Record<string, FeatureWords> = { accounts, api: apiWords, appraisal, campaignWork, campaign, relazione, reminders, revisions, units, years };

describe("the app's words, one pattern", () => {
  it('every key exists in Italian and in English, none blank', () => {
    expect(wordKeys(RESOURCES.en)).toEqual(wordKeys(RESOURCES.it));
    expect(wordKeys(RESOURCES.it).length).toBeGreaterThan(1000);
    for (const lang of ['it', 'en'] as const) {
      const blank = wordKeys(RESOURCES[lang]).filter((key) => String(i18next.getResource(lang, 'translation', key)).trim() === '');
      expect(blank, lang).toEqual([]);
    }
  });

  it("each feature's words are in the one namespace, said as the feature gives them", () => {
    for (const [name, words] of Object.entries(FEATURES)) {
      expect(wordKeys(words.en), name).toEqual(wordKeys(words.it));
      for (const lang of ['it', 'en'] as const) {
        // Their counts in the language's digits (withCountsInLanguage), the rest as given.
        const given = withCountsInLanguage(words[lang]);
        for (const key of wordKeys(words[lang]))
          expect(i18next.getResource(lang, 'translation', key), `${name} ${lang} ${key}`).toBe(key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], given));
      }
    }
  });

  it('says an email another account has in one sentence, however the server refuses it, and no nested key is left unsaid', () => {
    const sentence = { it: 'Questo indirizzo email è già di un altro account.', en: 'Another account has this email address.' };
    for (const lang of ['it', 'en'] as const) {
      for (const key of ['users.errors.duplicate.email', 'users.errors.problem.email-taken']) expect(i18next.t(key, { lng: lang }), `${lang} ${key}`).toBe(sentence[lang]);
      // A `$t(…)` naming no key would be shown as it is written.
      const nested = wordKeys(RESOURCES[lang]).filter((key) => String(i18next.getResource(lang, 'translation', key)).includes('$t('));
      expect(nested.length, lang).toBeGreaterThan(0);
      for (const key of nested) expect(i18next.t(key, { lng: lang }), `${lang} ${key}`).not.toContain('$t(');
    }
  });

  it('a key two features give is refused at load, naming it', () => {
    expect(() => mergeWords([{ units: { title: 'Strutture' } }, { units: { title: 'Uffici' } }])).toThrow('the word units.title is given twice');
    expect(() => mergeWords([{ units: 'Strutture' }, { units: { title: 'Uffici' } }])).toThrow('the word units is given twice');
    expect(mergeWords([{ units: { title: 'Strutture' } }, { units: { add: 'Aggiungi' } }])).toEqual({ units: { title: 'Strutture', add: 'Aggiungi' } });
  });

  it("the changes panel's groups and kinds are the catalogue's, as albero diff says them", () => {
    for (const lang of ['it', 'en'] as const) {
      expect(i18next.getResource(lang, 'translation', 'changes.group')).toEqual(DIFF_WORDS[lang].group);
      expect(i18next.getResource(lang, 'translation', 'changes.kind')).toEqual(DIFF_WORDS[lang].kind);
    }
  });

  it("names each role with the server's words (its refusals, its audit lines), a capital apart", () => {
    for (const lang of ['it', 'en'] as const)
      for (const role of ROLES) {
        const label = String(i18next.getResource(lang, 'translation', `role.${role}`));
        expect(label, `${lang} ${role}`).toBe(ROLE_WORDS[lang][role].charAt(0).toUpperCase() + ROLE_WORDS[lang][role].slice(1));
      }
    // The English the screens said first: what each role does, not the Italian office word.
    expect(i18next.getResource('en', 'translation', 'role.referente')).toBe('Data owner');
    expect(i18next.getResource('en', 'translation', 'role.controller')).toBe('Management control');
    expect(ROLE_WORDS.en.referente).toBe('data owner');
  });

  it('offers each role, where one is chosen, with what it may do, in both languages', () => {
    for (const lang of ['it', 'en'] as const)
      for (const role of ROLES)
        expect(i18next.getResource(lang, 'translation', `roleChoice.${role}`), `${lang} ${role}`).toBe(
          `${String(i18next.getResource(lang, 'translation', `role.${role}`))} (${ROLE_EXPLANATIONS[lang][role]})`,
        );
    expect(i18next.getResource('en', 'translation', 'roleChoice.oiv')).toMatch(/^OIV \(evaluation body/);
  });

  it('says a value that is not evaluable N.E. on every English screen and N.V. on every Italian one, as the reports and the CLI do', () => {
    const said = (lang: 'it' | 'en') => wordKeys(RESOURCES[lang]).map((key) => [key, String(i18next.getResource(lang, 'translation', key))] as const);
    // The Italian mark nowhere in English (the appraisal form's states, the entry form's reason, the filter's states, …).
    expect(said('en').filter(([, text]) => /N\.V\./.test(text))).toEqual([]);
    expect(said('it').filter(([, text]) => /N\.E\./.test(text))).toEqual([]);
    for (const lang of ['it', 'en'] as const) {
      const mark = NOT_EVALUABLE_MARK[lang];
      expect(reportText(lang).actual.not_evaluable).toBe(mark);
      expect(i18next.getResource(lang, 'translation', 'state.not_evaluable')).toMatch(new RegExp(`^${mark.replace(/\./g, '\\.')} `));
      expect(i18next.getResource(lang, 'translation', 'appraisal.form.states.not_evaluable')).toBe(mark);
    }
  });

  it("says every reason an export job fails by its code, in each language's own words", () => {
    for (const failure of EXPORT_FAILURES) {
      const [it, en] = (['it', 'en'] as const).map((lang) => i18next.getResource(lang, 'translation', `export.failure.${failure}`) as unknown);
      expect(it, failure).toMatch(/^Il file non è stato preparato: /);
      expect(en, failure).toMatch(/^The file was not prepared: /);
    }
  });

  it('says a count of a million with the plural words in Italian, whose CLDR category for it is "many"', () => {
    expect(new Intl.PluralRules('it').select(1_000_000)).toBe('many');
    expect(i18next.t('changes.count', { count: 1_000_000, lng: 'it' })).toBe('1.000.000 modifiche');
    expect(i18next.t('changes.count', { count: 1_000_000, lng: 'en' })).toBe('1,000,000 changes');
    // Every plural of every feature, in both languages: never the bare key.
    const stems = wordKeys(RESOURCES.it)
      .filter((key) => key.endsWith('_one'))
      .map((key) => key.slice(0, -'_one'.length));
    expect(stems.length).toBeGreaterThan(5);
    for (const lang of ['it', 'en'] as const)
      for (const stem of stems) expect(i18next.t(stem, { count: 1_000_000, lng: lang }), `${lang} ${stem}`).toBe(i18next.t(`${stem}_other`, { count: 1_000_000, lng: lang }));
  });

  it('writes every count with the screen’s digits, in plurals and in the other sentences that count', () => {
    const said = (key: string, count: number, lng: 'it' | 'en') => i18next.t(key, { count, lng });
    expect(said('changes.count', 12_345, 'it')).toBe('12.345 modifiche');
    expect(said('changes.count', 12_345, 'en')).toBe('12,345 changes');
    // Italian groups from five digits (CLDR's minimum grouping), English from four.
    expect(said('changes.count', 1_000, 'it')).toBe('1000 modifiche');
    expect(said('changes.count', 1_000, 'en')).toBe('1,000 changes');
    expect(said('changes.count', 1, 'it')).toBe('1 modifica');
    // Not a plural, still a count.
    expect(i18next.t('periods.errors.has-measurements', { count: 25_000, lng: 'it' })).toBe('Il periodo contiene valori inseriti (25.000): non si può eliminare.');
    expect(i18next.t('periods.errors.has-measurements', { count: 25_000, lng: 'en' })).toBe('The period holds entered values (25,000): it cannot be deleted.');
    // Every sentence with a count says it so: none is left with the bare digits.
    for (const lang of ['it', 'en'] as const) {
      const bare = wordKeys(RESOURCES[lang]).filter((key) => String(i18next.getResource(lang, 'translation', key)).includes('{{count}}'));
      expect(bare, lang).toEqual([]);
    }
    // A year or a code beside a count keeps its digits as they are.
    expect(withCountsInLanguage({ a: { b: '{{count}} nel {{year}}' }, c: '{{count, number}}' })).toEqual({ a: { b: '{{count, number}} nel {{year}}' }, c: '{{count, number}}' });
  });

  it("words no issue of the server's catalogue again: the plan's warnings are shown as the server says them", () => {
    // Each issue written with its parameters' names for values ({{code}}, {{total}}), as the app's
    // words would name them. A sentence built from its parameters (a list, a choice) cannot be
    // written so; those it cannot are left out, and the warning at an objective is among those it can.
    const placeholders = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? `{{${name}}}` : undefined) });
    const templates = (lang: 'it' | 'en') =>
      Object.keys(ISSUE_MESSAGES).flatMap((code) => {
        try {
          return [[code, renderIssueCode(code, placeholders, lang)] as const];
        } catch {
          return [];
        }
      });
    for (const lang of ['it', 'en'] as const) {
      const issues = new Map(templates(lang).map(([code, text]) => [text, code]));
      expect(issues.get(renderIssueCode('weights-not-100', { code: '{{code}}', total: '{{total}}' }, lang))).toBe('weights-not-100');
      const again = wordKeys(RESOURCES[lang]).flatMap((key) => {
        const code = issues.get(String(i18next.getResource(lang, 'translation', key)));
        return code === undefined ? [] : [`${key} = ${code}`];
      });
      expect(again, lang).toEqual([]);
    }
  });

  it("words index.html's skip link as the app's Italian does, before the app says it in the reader's language", () => {
    expect(/<a id="skip-link"[^>]*>([^<]*)<\/a>/.exec(page)?.[1]).toBe(i18next.getResource('it', 'translation', 'app.skip'));
  });

  it("titles index.html as the app titles the page in Italian, the server and the app then in the reader's language", () => {
    expect(/<title>([^<]*)<\/title>/.exec(page)?.[1]).toBe(PAGE_WORDS.it.title);
    expect(PAGE_WORDS.en.title).not.toBe(PAGE_WORDS.it.title);
  });

  it('fills only true plurals, keeping a form a feature gives itself', () => {
    expect(withEveryPlural({ n: { count_one: 'una', count_other: '{{count}}', count_many: 'un milione' }, type_other: 'Altro' }, 'it')).toEqual({
      n: { count_one: 'una', count_other: '{{count}}', count_many: 'un milione' },
      type_other: 'Altro',
    });
    expect(withEveryPlural({ count_one: 'una', count_other: '{{count}}' }, 'it')).toEqual({ count_one: 'una', count_other: '{{count}}', count_many: '{{count}}' });
  });
});
