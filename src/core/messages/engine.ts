/** The engine's issues (scoring, evaluation, formulas) in Italian and English. */
import { decimalIn, defineMessages, message } from './catalogue.js';

type Kind = 'number' | 'date' | 'boolean' | string;
const KIND_IT: Record<string, string> = { number: 'un numero', date: 'una data', boolean: 'un sì/no' };
const kindIt = (k: Kind): string => KIND_IT[k] ?? k;
/** An indicator's unit, as `actual-in-old-unit` says it. */
const UNIT_IT: Record<string, string> = { number: 'numeri', percent: 'percentuale', date: 'date', boolean: 'sì/no' };
const UNIT_EN: Record<string, string> = { number: 'numbers', percent: 'percent', date: 'dates', boolean: 'yes/no' };
const KIND_EN: Record<string, string> = { number: 'a number', date: 'a date', boolean: 'a yes/no' };
/** `«name»: ` (`“name”: `) before a message about one indicator, when the issue names it. */
const about = (p: { indicator?: string | undefined }, language: 'it' | 'en'): string => (p.indicator === undefined ? '' : language === 'it' ? `«${p.indicator}»: ` : `“${p.indicator}”: `);

export const ENGINE_MESSAGES = defineMessages({
  'missing-target': message<{ indicator?: string }>({
    it: (p) => `${about(p, 'it')}l'indicatore non ha un target, quindi il consuntivo non si può valutare`,
    en: (p) => `${about(p, 'en')}the indicator has no target, so its actual cannot be scored`,
  }),
  'unit-mismatch': message<{ indicator?: string; actual?: Kind; target?: Kind; floor?: Kind; bands?: Kind; value?: string; field?: string; expected?: Kind }>({
    it: (p) =>
      p.floor !== undefined
        ? `${about(p, 'it')}la soglia minima è ${kindIt(p.floor)} ma il consuntivo è ${kindIt(p.actual ?? '')}`
        : p.bands !== undefined
          ? `${about(p, 'it')}i punti della scala a fasce non sono tutti ${kindIt(p.bands)} come il consuntivo`
          : p.value !== undefined
            ? `${p.field ?? 'Valore'} «${p.value}» non è ${p.expected === 'percent' ? 'una percentuale' : kindIt(p.expected ?? '')}`
            : `${about(p, 'it')}il consuntivo è ${kindIt(p.actual ?? '')} ma il target è ${kindIt(p.target ?? '')}: non si possono confrontare`,
    en: (p) =>
      p.floor !== undefined
        ? `${about(p, 'en')}the threshold floor is a ${p.floor} but the actual is a ${p.actual}`
        : p.bands !== undefined
          ? `${about(p, 'en')}the band scale's points are not all ${p.bands}s like the actual`
          : p.value !== undefined
            ? `${p.field ?? 'Value'} “${p.value}” is not a ${p.expected === 'boolean' ? 'sì/no' : p.expected === 'percent' ? 'percentage' : p.expected}`
            : `${about(p, 'en')}the actual is a ${p.actual} but the target is a ${p.target}; they cannot be compared`,
  }),
  /** A value entered before the indicator's unit changed, kept as entered (a period still open, or reopened after the change). */
  'actual-in-old-unit': message<{ indicator?: string; actual: Kind; unit: string }>({
    it: (p) =>
      `${about(p, 'it')}il consuntivo registrato è ${kindIt(p.actual)}, ma l'indicatore ora è in ${UNIT_IT[p.unit] ?? p.unit}: è stato inserito prima che l'unità cambiasse e non si può valutare; inserirlo di nuovo in ${UNIT_IT[p.unit] ?? p.unit}`,
    en: (p) =>
      `${about(p, 'en')}the actual recorded is ${KIND_EN[p.actual] ?? p.actual}, but the indicator is now counted in ${UNIT_EN[p.unit] ?? p.unit}: it was entered before the unit changed and cannot be scored; enter it again in ${UNIT_EN[p.unit] ?? p.unit}`,
  }),
  'proportional-on-non-number': message<{ indicator?: string; actual: Kind }>({
    it: (p) => `${about(p, 'it')}il punteggio proporzionale di ${kindIt(p.actual)} è dato come raggiunto/non raggiunto`,
    en: (p) => `${about(p, 'en')}proportional scoring of a ${p.actual} is scored on/off`,
  }),
  // `floor` and `target`: numbers as neutral text (`0.5`), said the language's way.
  'threshold-floor-order': message<{ indicator?: string; floor?: string; target?: string }>({
    it: (p) =>
      p.floor === undefined
        ? `${about(p, 'it')}una soglia richiede il comparatore >= o <=`
        : `${about(p, 'it')}la soglia minima ${decimalIn(p.floor, 'it')} deve stare dal lato non raggiunto del target ${decimalIn(p.target ?? '', 'it')}`,
    en: (p) =>
      p.floor === undefined
        ? `${about(p, 'en')}a threshold needs the comparator >= or <=`
        : `${about(p, 'en')}the threshold floor ${decimalIn(p.floor, 'en')} must lie on the failing side of the target ${decimalIn(p.target ?? '', 'en')}`,
  }),
  'empty-bands': message<{ indicator?: string }>({
    it: (p) => `${about(p, 'it')}la scala a fasce non ha punti`,
    en: (p) => `${about(p, 'en')}the band scale has no points`,
  }),
  'missing-actual': message<{ indicator?: string; template?: boolean }>({
    it: (p) => (p.template === true ? 'lo Stato è «misurato» ma il Consuntivo è vuoto' : `«${p.indicator}» risulta misurato ma non ha un consuntivo`),
    en: (p) => (p.template === true ? 'Stato is “misurato” but Consuntivo is empty' : `“${p.indicator}” is marked measured but has no actual`),
  }),
  'formula-input': message<{ indicator?: string; missing?: readonly string[]; zero?: string; role?: 'denominator' | 'previous' }>({
    it: (p) =>
      about(p, 'it') +
      (p.missing !== undefined
        ? `${p.missing.length > 1 ? 'mancano le misure di base' : 'manca la misura di base'} ${p.missing.join(', ')}`
        : p.role === 'previous'
          ? `il valore precedente ${p.zero} è 0: l'andamento non si può calcolare`
          : `il denominatore ${p.zero} è 0`),
    en: (p) =>
      about(p, 'en') +
      (p.missing !== undefined
        ? `the base measure${p.missing.length > 1 ? 's' : ''} ${p.missing.join(', ')} ${p.missing.length > 1 ? 'are' : 'is'} missing`
        : p.role === 'previous'
          ? `the previous value ${p.zero} is 0, so no trend can be computed`
          : `the denominator ${p.zero} is 0`),
  }),
  /** `as`: the earlier code, when it differs only by case (a.2.1 after A.2.1). */
  'duplicate-code': message<{ code: string; as?: string; at?: string; line?: number; ignored?: boolean }>({
    it: (p) =>
      p.ignored === true
        ? `il codice ${p.code} è usato due volte; il secondo è ignorato`
        : `il codice ${p.code} è già usato${p.as !== undefined ? ` (come ${p.as}: maiuscole e minuscole non distinguono i codici)` : ''} ${p.line !== undefined ? `alla riga ${p.line}` : `in ${p.at ?? 'una riga precedente'}`}`,
    en: (p) =>
      p.ignored === true
        ? `the code ${p.code} is used twice; the second is ignored`
        : `the code ${p.code} is already used${p.as !== undefined ? ` (as ${p.as}: case does not tell codes apart)` : ''} at ${p.line !== undefined ? `line ${p.line}` : (p.at ?? 'an earlier row')}`,
  }),
  'unknown-parent': message<{ code?: string; parent: string; order?: boolean }>({
    it: (p) =>
      p.code !== undefined
        ? `${p.code} indica come padre ${p.parent}, che non è nel piano`
        : `nessun obiettivo ${p.parent} sopra questa riga${p.order === true ? ' (il padre deve precedere i figli)' : ''}`,
    en: (p) =>
      p.code !== undefined
        ? `${p.code} names the parent ${p.parent}, which is not in the plan`
        : `no objective ${p.parent} above this row${p.order === true ? ' (a parent must come before its children)' : ''}`,
  }),
  'mixed-child-weights': message<{ code: string }>({
    it: (p) => `alcuni obiettivi figli di ${p.code} hanno un peso e altri no: contano in parti uguali`,
    en: (p) => `some children of ${p.code} have a weight and others do not; they count equally`,
  }),
  'blocked-by-not-measured': message<{ code: string }>({
    it: (p) => `${p.code} ha un indicatore non misurato (non ancora inserito o dichiarato non misurato) e la regola del piano ne blocca la performance`,
    en: (p) => `${p.code} has an indicator not measured (not entered yet or declared not measured) and the plan's policy blocks its performance`,
  }),
  'zero-weights': message<{ code: string }>({
    it: (p) => `tutti gli indicatori conteggiati di ${p.code} pesano 0%: contano in parti uguali`,
    en: (p) => `every counted indicator of ${p.code} weighs 0%; they count equally`,
  }),
});
