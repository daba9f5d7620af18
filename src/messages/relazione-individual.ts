/**
 * The words of the Relazione's §5, the individual performance in aggregate (io/relazione/build.ts,
 * core/appraisal/individual.ts), in Italian and English: the document says them in Italian, the
 * Relazione's answer (`individual.text`) in both.
 */
import { CATEGORY_LABEL, SMALL_GROUP, type IndividualFigures, type StaffCategory } from '../core/appraisal/index.js';
import { formatItalianDate } from '../core/italian-date.js';
import { listIn, type Language } from '../core/messages/index.js';

/** The tables' words. */
export const INDIVIDUAL_WORDS = {
  it: {
    statesCaption: 'Schede di valutazione per categoria di personale e stato',
    category: 'Categoria',
    forms: 'Schede',
    concluded: 'Concluse',
    inProgress: 'In corso',
    disputed: 'Contestate, in conciliazione',
    total: 'Totale',
    bandsCaption: (category: string): string => `Schede concluse per fascia di valutazione: ${category}`,
    band: 'Fascia',
    people: 'Persone',
    share: 'Quota',
    noBand: 'Senza fascia',
    bonusesCaption: 'Premi distribuiti per categoria e fascia (d.lgs. 33/2013, art. 20)',
    bonusTotal: 'Totale premi (€)',
    bonusMean: 'Premio medio (€)',
    notPublished: 'non pubblicato',
  },
  en: {
    statesCaption: 'Appraisal forms by staff category and state',
    category: 'Category',
    forms: 'Forms',
    concluded: 'Concluded',
    inProgress: 'In progress',
    disputed: 'Disputed, in conciliation',
    total: 'Total',
    bandsCaption: (category: string): string => `Concluded forms by rating band: ${category}`,
    band: 'Band',
    people: 'People',
    share: 'Share',
    noBand: 'Not banded',
    bonusesCaption: 'Bonuses distributed by category and band (d.lgs. 33/2013, art. 20)',
    bonusTotal: 'Total bonuses (€)',
    bonusMean: 'Mean bonus (€)',
    notPublished: 'not published',
  },
} as const;

/** Categories merged in one row: «Dirigente + Elevata qualificazione / posizione organizzativa». */
export function categoriesText(categories: readonly StaffCategory[], language: Language): string {
  return categories.map((c) => CATEGORY_LABEL[c][language]).join(' + ');
}

/**
 * The sentences said before the tables: how many forms are concluded, and why a figure is not given.
 *
 * @example individualSentences({ at: '2025-05-30', total: 5, concluded: 3, … }, 'it')[0]
 *   // "3 schede su 5 concluse al 30/05/2025: la valutazione individuale non è ancora conclusa e i dati che seguono sono provvisori."
 */
export function individualSentences(f: IndividualFigures, language: Language): string[] {
  const it = language === 'it';
  const day = formatItalianDate(f.at);
  if (f.withheld) {
    return [
      it
        ? `Le schede di valutazione registrate al ${day} sono meno di ${SMALL_GROUP}: per non rendere riconoscibili le persone, la Relazione non ne riporta i dati.`
        : `Fewer than ${SMALL_GROUP} appraisal forms were recorded as of ${day}: so that no one can be recognised, the Relazione gives none of their figures.`,
    ];
  }
  const sentences = [
    f.concluded === f.total
      ? it
        ? `Tutte le ${f.total} schede di valutazione sono concluse (dati al ${day}).`
        : `All ${f.total} appraisal forms are concluded (figures as of ${day}).`
      : it
        ? `${f.concluded} schede su ${f.total} concluse al ${day}: la valutazione individuale non è ancora conclusa e i dati che seguono sono provvisori.`
        : `${f.concluded} of ${f.total} forms concluded as of ${day}: the individual appraisal is not concluded yet and the figures below are provisional.`,
  ];
  if (f.states.some((r) => r.categories.length > 1))
    sentences.push(
      it
        ? `Le categorie con meno di ${SMALL_GROUP} schede sono riportate insieme ad altre, per non rendere riconoscibili le persone.`
        : `Categories with fewer than ${SMALL_GROUP} forms are given together with others, so that no one can be recognised.`,
    );
  if (f.bandsWithheld.length > 0) {
    const names = listIn(
      f.bandsWithheld.map((c) => CATEGORY_LABEL[c][language]),
      language,
    );
    sentences.push(
      it ? `Distribuzione per fascia non riportata per ${names}: meno di ${SMALL_GROUP} schede concluse.` : `No distribution by band for ${names}: fewer than ${SMALL_GROUP} concluded forms.`,
    );
  }
  return sentences;
}

/** What is said of the bonuses: none shared out yet, or why an amount is not published. */
export function bonusSentence(f: IndividualFigures, language: Language): string {
  const it = language === 'it';
  if (f.bonuses === null) return it ? 'Il fondo per i premi non è ancora stato ripartito.' : 'The bonus fund has not been shared out yet.';
  return it
    ? 'Gli importi non pubblicati sono quelli di una fascia di una o due persone, o della fascia da cui si ricaverebbero: così la pubblicazione della distribuzione dei premi (d.lgs. 33/2013, art. 20).'
    : 'The amounts not published are those of a band of one or two people, or of the band they could be derived from: as the distribution of bonuses is published (d.lgs. 33/2013, art. 20).';
}

/** Everything §5 says in words before the office's text, one paragraph per sentence (the Relazione's answer). */
export function individualText(f: IndividualFigures, language: Language): string {
  return [...individualSentences(f, language), ...(f.withheld ? [] : [bonusSentence(f, language)])].join('\n\n');
}
