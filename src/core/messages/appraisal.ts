/**
 * Individual performance (core/appraisal): the problems of an SMVP (weights, bands, scale,
 * behaviours) and of an appraisal form (assignments, objectives' weights, ratings), in Italian and
 * English. Numbers arrive as decimal text (`90.5`) and are written the reader's way (`90,5`).
 */
import { categoryInText } from '../appraisal/categories.js';
import { decimalIn, defineMessages, listIn, message, type Language } from './catalogue.js';

const n = (value: string, l: Language): string => decimalIn(value, l);
const category = (c: string, l: Language): string => categoryInText(c, l);
const COMPONENT: Record<Language, Record<string, string>> = {
  it: { body: "performance dell'ente", unit: 'performance della struttura', objectives: 'obiettivi individuali', behaviours: 'comportamenti' },
  en: { body: "the body's performance", unit: "the unit's performance", objectives: 'individual objectives', behaviours: 'behaviours' },
};
const component = (c: string, l: Language): string => COMPONENT[l][c] ?? c;

/** What a field of an SMVP document should have been (core/appraisal/codec.ts). */
export interface SmvpFieldProblem {
  readonly field: string;
  readonly expected: 'object' | 'list' | 'text' | 'number' | 'whole-number' | 'boolean' | 'one-of';
  /** For a text: its longest length; for a whole number: its range. */
  readonly min?: number;
  readonly max?: number;
  /** For `one-of`: the values allowed. */
  readonly values?: readonly string[];
}
function expected(p: SmvpFieldProblem, l: Language): string {
  const it = l === 'it';
  switch (p.expected) {
    case 'object':
      return it ? 'serve un oggetto' : 'expected an object';
    case 'list':
      return it ? 'serve un elenco' : 'expected a list';
    case 'text':
      return it ? `serve un testo da 1 a ${p.max ?? 0} caratteri` : `expected a text of 1–${p.max ?? 0} characters`;
    case 'number':
      return it ? 'serve un numero' : 'expected a number';
    case 'whole-number':
      return it ? `serve un numero intero da ${p.min ?? 0} a ${p.max ?? 0}` : `expected a whole number from ${p.min ?? 0} to ${p.max ?? 0}`;
    case 'boolean':
      return it ? 'serve vero o falso (true o false)' : 'expected true or false';
    case 'one-of':
      return it ? `serve uno tra ${(p.values ?? []).join(', ')}` : `expected one of ${(p.values ?? []).join(', ')}`;
  }
}

export const APPRAISAL_MESSAGES = defineMessages({
  // ---- the SMVP ----------------------------------------------------------------------------------
  'smvp-field': message<SmvpFieldProblem>({ it: (p) => `${p.field}: ${expected(p, 'it')}`, en: (p) => `${p.field}: ${expected(p, 'en')}` }),
  'smvp-unknown-component': message<{ field: string; known: readonly string[] }>({
    it: (p) =>
      `${p.field}: componente sconosciuta (sono ${listIn(
        p.known.map((k) => component(k, 'it')),
        'it',
      )}: ${p.known.join(', ')})`,
    en: (p) => `${p.field}: unknown component (expected ${p.known.join(', ')})`,
  }),
  'bands-empty': message({ it: 'lo schema non ha fasce di valutazione', en: 'the scheme has no rating bands' }),
  'band-reversed': message<{ label: string; min: string; max: string }>({
    it: (p) => `fascia «${p.label}»: il limite inferiore ${n(p.min, 'it')} supera quello superiore ${n(p.max, 'it')}`,
    en: (p) => `band “${p.label}”: the lower bound ${p.min} is above the upper bound ${p.max}`,
  }),
  'band-out-of-range': message<{ label: string }>({ it: (p) => `fascia «${p.label}»: i limiti devono stare tra 0 e 100`, en: (p) => `band “${p.label}”: bounds must lie within 0–100` }),
  'band-precision': message<{ label: string }>({ it: (p) => `fascia «${p.label}»: i limiti hanno al più due decimali`, en: (p) => `band “${p.label}”: bounds have at most two decimals` }),
  'band-share': message<{ label: string }>({
    it: (p) => `fascia «${p.label}»: il coefficiente di premio deve stare tra 0 e 100`,
    en: (p) => `band “${p.label}”: the bonus coefficient must lie within 0–100`,
  }),
  'band-gap': message<{ from: string; to: string; after?: string; before?: string }>({
    it: (p) => `nessuna fascia copre i punteggi da ${n(p.from, 'it')} a ${n(p.to, 'it')}${p.after === undefined ? '' : ` (tra «${p.after}» e «${p.before}»)`}`,
    en: (p) => `no band covers scores from ${p.from} to ${p.to}${p.after === undefined ? '' : ` (between “${p.after}” and “${p.before}”)`}`,
  }),
  'band-overlap': message<{ label: string; min: string; max: string; other: string; otherMin: string; otherMax: string }>({
    it: (p) => `la fascia «${p.label}» (${n(p.min, 'it')}–${n(p.max, 'it')}) si sovrappone alla fascia «${p.other}» (${n(p.otherMin, 'it')}–${n(p.otherMax, 'it')}): ${n(p.min, 'it')} sta in entrambe`,
    en: (p) => `band “${p.label}” (${p.min}–${p.max}) overlaps band “${p.other}” (${p.otherMin}–${p.otherMax}): ${p.min} is in both`,
  }),
  'legend-order': message<{ green: string; yellow: string; code?: string; indicator?: string }>({
    it: (p) => `${p.code === undefined ? '' : `${p.code} «${p.indicator ?? ''}»: `}la soglia gialla (${n(p.yellow, 'it')}) supera quella verde (${n(p.green, 'it')})`,
    en: (p) => `${p.code === undefined ? '' : `${p.code} “${p.indicator ?? ''}”: `}the yellow threshold (${p.yellow}) is above the green one (${p.green})`,
  }),
  'scale-too-short': message({ it: 'la scala di giudizio deve avere almeno due livelli', en: 'the rating scale needs at least two levels' }),
  'scale-duplicate': message<{ value: number }>({ it: (p) => `il giudizio ${p.value} compare due volte nella scala`, en: (p) => `the rating ${p.value} appears twice in the scale` }),
  'scale-score': message<{ value: number }>({ it: (p) => `giudizio ${p.value}: il punteggio deve stare tra 0 e 100`, en: (p) => `rating ${p.value}: its score must lie within 0–100` }),
  'behaviour-duplicate': message<{ code: string }>({ it: (p) => `il comportamento ${p.code} compare due volte`, en: (p) => `the behaviour ${p.code} appears twice` }),
  'scheme-duplicate': message<{ category: string }>({ it: (p) => `la categoria ${category(p.category, 'it')} ha due schemi`, en: (p) => `the category ${category(p.category, 'en')} has two schemes` }),
  'component-weights': message<{ category: string; total: string }>({
    it: (p) => `i pesi delle componenti (${category(p.category, 'it')}) sommano a ${n(p.total, 'it')}%, non a 100%`,
    en: (p) => `the component weights of ${category(p.category, 'en')} sum to ${p.total}%, not 100%`,
  }),
  'component-weight-negative': message<{ category: string; component: string }>({
    it: (p) => `${category(p.category, 'it')}: il peso di ${component(p.component, 'it')} è negativo`,
    en: (p) => `${category(p.category, 'en')}: the weight of ${component(p.component, 'en')} is negative`,
  }),
  'behaviours-missing': message<{ category: string; weight: string }>({
    it: (p) => `${category(p.category, 'it')}: i comportamenti pesano ${n(p.weight, 'it')}% ma non ne è elencato nessuno`,
    en: (p) => `${category(p.category, 'en')} weighs behaviours ${p.weight}% but lists none`,
  }),
  'behaviour-weights': message<{ category: string; total: string }>({
    it: (p) => `i pesi dei comportamenti (${category(p.category, 'it')}) sommano a ${n(p.total, 'it')}%, non a 100%`,
    en: (p) => `the behaviour weights of ${category(p.category, 'en')} sum to ${p.total}%, not 100%`,
  }),
  'behaviour-unknown': message<{ category: string; code: string }>({
    it: (p) => `${category(p.category, 'it')} valuta ${p.code}, che non è nel catalogo dei comportamenti`,
    en: (p) => `${category(p.category, 'en')} rates ${p.code}, which is not in the catalogue of behaviours`,
  }),

  // ---- the SMVP workbook (io/appraisal/smvp-xlsx.ts) ---------------------------------------------
  'smvp-sheet-missing': message<{ sheet: string }>({ it: (p) => `la cartella di lavoro non ha il foglio «${p.sheet}»`, en: (p) => `the workbook has no sheet “${p.sheet}”` }),
  'smvp-setting-unknown': message<{ key: string }>({ it: (p) => `impostazione sconosciuta «${p.key}»`, en: (p) => `unknown setting “${p.key}”` }),
  'smvp-category-unknown': message<{ category: string; sheet: string }>({
    it: (p) => `la categoria «${p.category}» non ha una riga nel foglio «${p.sheet}»`,
    en: (p) => `the category “${p.category}” has no row in “${p.sheet}”`,
  }),

  // ---- the fund ----------------------------------------------------------------------------------
  'fund-negative': message({ it: 'il fondo non può essere negativo', en: 'the fund cannot be negative' }),
  'claim-weight-negative': message<{ claim: string }>({ it: (p) => `${p.claim}: la quota ha un peso negativo`, en: (p) => `${p.claim}: the claim has a negative weight` }),
  'nobody-eligible': message({
    it: 'nessuno ha diritto a una quota (nessuno è in una fascia con coefficiente di premio sopra 0): il fondo resta da distribuire',
    en: 'nobody has a positive share (no one in a band with a bonus coefficient above 0): the fund stays undistributed',
  }),

  // ---- a form ------------------------------------------------------------------------------------
  'assignment-dates': message<{ unit: string; from: string; to: string }>({
    it: (p) => `${p.unit}: l'assegnazione finisce (${p.to}) prima di cominciare (${p.from})`,
    en: (p) => `${p.unit}: the assignment ends (${p.to}) before it starts (${p.from})`,
  }),
  'part-time': message<{ unit: string }>({
    it: (p) => `${p.unit}: la percentuale di part-time deve essere sopra 0 e al più 100`,
    en: (p) => `${p.unit}: the part-time percentage must be above 0 and at most 100`,
  }),
  'assignment-outside-year': message<{ unit: string; year: number }>({ it: (p) => `${p.unit}: l'assegnazione è fuori dal ${p.year}`, en: (p) => `${p.unit}: the assignment lies outside ${p.year}` }),
  /** One stretch of days (`from`–`to`, dd/mm/yyyy) on which the assignments to `units` add up to `load` % of full time. */
  'assignments-overlap': message<{ from: string; to: string; load: string; units: readonly string[] }>({
    it: (p) => `${p.from === p.to ? `il ${p.from}` : `dal ${p.from} al ${p.to}`} le assegnazioni a ${listIn(p.units, 'it')} sommano al ${n(p.load, 'it')}% del tempo pieno`,
    en: (p) => `${p.from === p.to ? `on ${p.from}` : `from ${p.from} to ${p.to}`} the assignments to ${listIn(p.units, 'en')} add up to ${n(p.load, 'en')}% of full time`,
  }),
  'category-without-scheme': message<{ category: string }>({
    it: (p) => `il SMVP non ha uno schema per la categoria ${category(p.category, 'it')}`,
    en: (p) => `the SMVP has no scheme for the category ${category(p.category, 'en')}`,
  }),
  'unit-without-objectives': message<{ unit: string }>({
    it: (p) => `nessun obiettivo del piano è della struttura «${p.unit}»`,
    en: (p) => `no objective of the plan belongs to the unit “${p.unit}”`,
  }),
  'objective-weights': message<{ total: string }>({
    it: (p) => `i pesi degli obiettivi individuali sommano a ${n(p.total, 'it')}%, non a 100% (il SMVP non accetta altre somme)`,
    en: (p) => `the weights of the individual objectives sum to ${p.total}%, not 100% (the SMVP refuses other sums)`,
  }),
  'objective-weights-normalised': message<{ total: string }>({
    it: (p) => `i pesi degli obiettivi individuali sommano a ${n(p.total, 'it')}%: ciascuno è riproporzionato (× 100/${n(p.total, 'it')}), come dice il SMVP`,
    en: (p) => `the weights of the individual objectives sum to ${p.total}%: each is rescaled by 100/${p.total}, as the SMVP's weight policy says`,
  }),
  'objective-not-measured': message<{ title: string }>({
    it: (p) => `«${p.title}» non è ancora misurato e il SMVP blocca la valutazione finché non lo è`,
    en: (p) => `“${p.title}” is not measured yet and the SMVP blocks the evaluation until it is`,
  }),
  'behaviour-not-in-scheme': message<{ code: string; category: string }>({
    it: (p) => `il comportamento ${p.code} non si valuta per la categoria ${category(p.category, 'it')}`,
    en: (p) => `the behaviour ${p.code} is not rated for the category ${category(p.category, 'en')}`,
  }),
  'rating-outside-scale': message<{ code: string; rating: number; scale: readonly number[] }>({
    it: (p) => `${p.code}: il giudizio ${p.rating} non è nella scala (${listIn(p.scale.map(String), 'it')})`,
    en: (p) => `${p.code}: the rating ${p.rating} is not on the scale (${listIn(p.scale.map(String), 'en')})`,
  }),
  'component-missing': message<{ component: string }>({
    it: (p) => `${component(p.component, 'it')}: ancora nessun punteggio; le altre componenti sono riproporzionate`,
    en: (p) => `${component(p.component, 'en')}: no score yet; the other components are re-normalised`,
  }),
});
