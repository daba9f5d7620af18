/**
 * The words of a plan comparison (core/comparison.ts `comparePlans`, `GET /api/plans/:id/changes`,
 * `albero diff`): each change is a stable code and raw parameters; this module says them in
 * Italian or English, as a sentence ("A.2.1 «Sportello» — target: 60% → 50%") and as the two
 * values a table shows side by side. Pure and light (no decimal.js), so the web app says a change
 * in its reader's language from the same parameters the CLI and the API use.
 *
 * The parameters are flat and neutral: `objective` (its code, null for the plan's settings),
 * `indicator` (its name, or null), then each side's value under `before…` and `after…` (a side is
 * absent when the item was added or removed). Decimals are plain text with a point, at the
 * precision the words show (`60`, `50.5`; weights and performances to 2 places, amounts to 4),
 * dates ISO (`2024-12-31`), yes/no `true`/`false`, rules, states and units by their code.
 *
 * @example
 * renderComparison('diff-target', { objective: 'A.2.1', indicator: 'Sportello', before: '60', beforeUnit: 'percent', after: '50.5', afterUnit: 'percent' }, 'it')
 * // 'A.2.1 «Sportello» — target: 60,00% → 50,50%'
 */
import { tableAmountText } from '../amount-words.js';
import { BAND_WORDS } from '../band.js';
import { formatItalianDate } from '../italian-date.js';
import { CHANGE_WORDS, reasonText, type Language } from '../words.js';
import { decimalIn, defineMessages, message, renderFrom, type MessageParams, type ParamValue } from './catalogue.js';
import { CHANGE_KIND_WORDS } from './change-kinds.js';

export { CHANGE_KIND_WORDS };

/** The parameters of a change: see the module's comment. */
export type ComparisonParams = MessageParams;
export type ChangeSide = 'before' | 'after';

type Kind = keyof (typeof CHANGE_KIND_WORDS)['it'];

const UNIT_WORDS: Record<Language, Record<string, string>> = {
  it: { number: 'numero', percent: 'percentuale', date: 'data', boolean: 'sì/no' },
  en: { number: 'number', percent: 'percentage', date: 'date', boolean: 'yes/no' },
};
const BAND_NAMES: Record<Language, Readonly<Record<string, string>>> = BAND_WORDS;

/** A side's value: the parameter `side` + `key` (`before`, `beforeUnit`…). */
function at(p: ComparisonParams, side: ChangeSide, key = ''): ParamValue {
  return p[`${side}${key}`];
}
function text(v: ParamValue): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}
function list(v: ParamValue): readonly string[] {
  return Array.isArray(v) ? (v as readonly string[]) : [];
}

/**
 * An amount as neutral text in words: a date, yes/no, or a decimal. In its indicator's unit (a
 * target, an actual, an indicator's rule's floor or bands) as the published table prints it
 * (`60,00%`, `1.587,10`); without one (the plan's default rule, a change recorded before its unit
 * was kept) as the value reads.
 */
function amount(value: string | null, unit: string | null, l: Language): string {
  if (value === null) return '—';
  if (unit !== null) return tableAmountText(value, unit, l);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatItalianDate(value); // as the Relazione writes dates, in both languages
  if (value === 'true' || value === 'false') return value === 'true' ? (l === 'it' ? 'sì' : 'yes') : 'no';
  return decimalIn(value, l);
}

const percent = (value: string | null, l: Language): string => (value === null ? '—' : `${decimalIn(value, l)}%`);

function comparator(p: ComparisonParams, side: ChangeSide, key: string, l: Language): string {
  const c = text(at(p, side, key)) ?? '';
  const tolerance = text(at(p, side, 'Tolerance'));
  return c === '=' && tolerance !== null ? `= ± ${decimalIn(tolerance, l)}` : c;
}

function rule(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const w = CHANGE_WORDS[l];
  const kind = text(at(p, side));
  // An indicator's rule carries its unit (core/comparison.ts `ruleSide`); the plan's default rule none.
  const unit = text(at(p, side, 'Unit'));
  switch (kind) {
    case null:
      return w.planRule;
    case 'on_off':
    case 'proportional':
      return w.rules[kind];
    case 'bands': {
      const scores = list(at(p, side, 'Scores'));
      const points = list(at(p, side, 'At')).map((a, k) => `${amount(a, unit, l)} → ${decimalIn(scores[k] ?? '', l)}`);
      return `${w.bands(text(at(p, side, 'Mode')) === 'fixed' ? 'fixed' : 'interpolated')}: ${points.join(', ')}`;
    }
    case 'threshold':
      return `${w.threshold} ${amount(text(at(p, side, 'Floor')), unit, l)}`;
    default:
      return kind;
  }
}

function legend(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const mins = list(at(p, side, 'Mins'));
  const inclusive = list(at(p, side, 'Inclusive'));
  return list(at(p, side, 'Bands'))
    .map((band, k) => `${BAND_NAMES[l][band] ?? band}${(mins[k] ?? '') === '' ? '' : ` ${inclusive[k] === 'true' ? '≥' : '>'} ${decimalIn(mins[k]!, l)}%`}`)
    .join(', ');
}

function formula(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const v = (key: string): string => text(at(p, side, key)) ?? '';
  switch (text(at(p, side))) {
    case 'children_mean':
      return CHANGE_WORDS[l].childrenMean;
    case 'ratio':
      return `${v('Numerator')} / ${v('Denominator')} × ${decimalIn(v('Scale'), l)}`;
    case 'trend':
      return `(${v('Current')} − ${v('Previous')}) / ${v('Previous')}`;
    default:
      return '—';
  }
}

function measurement(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const w = CHANGE_WORDS[l];
  switch (text(at(p, side))) {
    case 'measured': {
      const values = list(at(p, side, 'InputValues'));
      const inputs = list(at(p, side, 'Inputs'))
        .map((name, k) => `${name} = ${decimalIn(values[k] ?? '', l)}`)
        .join(', ');
      const actual = text(at(p, side, 'Actual'));
      if (actual === null) return inputs === '' ? w.measured : inputs;
      return `${amount(actual, text(at(p, side, 'Unit')), l)}${inputs === '' ? '' : ` (${inputs})`}`;
    }
    case 'not_achieved':
      return w.notAchieved;
    case 'not_evaluable':
      return `${w.notEvaluable} (${reasonText(text(at(p, side, 'Reason')) ?? '', l)})`;
    default:
      return w.notMeasuredState;
  }
}

function performance(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const value = text(at(p, side));
  if (value === null) return l === 'it' ? 'nessuna performance' : 'no performance';
  const band = text(at(p, side, 'Band'));
  return `${decimalIn(value, l)}%${band === null ? '' : ` (${BAND_NAMES[l][band] ?? band})`}`;
}

function indicator(p: ComparisonParams, side: ChangeSide, l: Language): string {
  const target = text(at(p, side, 'Target'));
  return `${text(at(p, side)) ?? ''} (${percent(text(at(p, side, 'Weight')), l)}, ${comparator(p, side, 'Comparator', l)} ${amount(target, text(at(p, side, 'Unit')), l)})`;
}

interface Entry {
  readonly kind: Kind;
  /** The value of one side in words (the side is there). */
  readonly value: (p: ComparisonParams, side: ChangeSide, l: Language) => string;
  /** For a plan setting: its name, said before each side's value and as the "what" of the sentence. */
  readonly setting?: (l: Language) => string;
}

const plainText = (p: ComparisonParams, side: ChangeSide): string => text(at(p, side)) ?? '—';

const ENTRIES = {
  'diff-objective-added': { kind: 'objective-added', value: plainText },
  'diff-objective-removed': { kind: 'objective-removed', value: plainText },
  'diff-objective-title': { kind: 'objective-title', value: plainText },
  'diff-objective-parent': { kind: 'objective-parent', value: plainText },
  'diff-indicator-added': { kind: 'indicator-added', value: indicator },
  'diff-indicator-removed': { kind: 'indicator-removed', value: indicator },
  'diff-indicator-name': { kind: 'indicator-name', value: plainText },
  'diff-default-rule': { kind: 'settings', value: rule, setting: (l) => CHANGE_WORDS[l].defaultRule },
  'diff-legend': { kind: 'settings', value: legend, setting: (l) => CHANGE_WORDS[l].legend },
  'diff-not-measured': {
    kind: 'settings',
    value: (p, side, l) => {
      const policy = text(at(p, side));
      return policy === 'skip' || policy === 'zero' || policy === 'block' ? CHANGE_WORDS[l].policies[policy] : (policy ?? '—');
    },
    setting: (l) => CHANGE_WORDS[l].notMeasured,
  },
  'diff-objective-weight': { kind: 'objective-weight', value: (p, side, l) => percent(text(at(p, side)), l) },
  'diff-weight': { kind: 'weight', value: (p, side, l) => percent(text(at(p, side)), l) },
  'diff-comparator': { kind: 'comparator', value: (p, side, l) => comparator(p, side, '', l) },
  'diff-target': { kind: 'target', value: (p, side, l) => amount(text(at(p, side)), text(at(p, side, 'Unit')), l) },
  'diff-unit': { kind: 'unit', value: (p, side, l) => UNIT_WORDS[l][text(at(p, side)) ?? ''] ?? text(at(p, side)) ?? '—' },
  'diff-scoring': { kind: 'scoring', value: rule },
  'diff-formula': { kind: 'formula', value: formula },
  'diff-measurement': { kind: 'measurement', value: measurement },
  'diff-source': { kind: 'source', value: plainText },
  'diff-evidence': { kind: 'evidence', value: plainText },
  'diff-performance': { kind: 'performance', value: performance },
} as const satisfies Record<string, Entry>;

export type ComparisonCode = keyof typeof ENTRIES;

function entryOf(code: string): Entry | undefined {
  return Object.hasOwn(ENTRIES, code) ? (ENTRIES as Record<string, Entry>)[code] : undefined;
}

/**
 * One side of a change in words, as the table's "before" and "after" columns show it (a plan
 * setting with its name: "legenda: verde > 80%, …"); null when the side is absent (added,
 * removed); undefined for a code this module does not know.
 */
export function comparisonSide(code: string, params: ComparisonParams, side: ChangeSide, language: Language): string | null | undefined {
  const entry = entryOf(code);
  if (entry === undefined) return undefined;
  if (!Object.hasOwn(params, side)) return null;
  const value = entry.value(params, side, language);
  return entry.setting === undefined ? value : `${entry.setting(language)}: ${value}`;
}

function sentence(code: ComparisonCode, p: ComparisonParams, l: Language): string {
  const entry: Entry = ENTRIES[code];
  const objective = text(p.objective);
  const name = text(p.indicator);
  const subject = [objective, name === null ? null : l === 'it' ? `«${name}»` : `“${name}”`].filter((s) => s !== null).join(' ');
  const what = entry.setting?.(l) ?? CHANGE_KIND_WORDS[l][entry.kind];
  const has = (side: ChangeSide): boolean => Object.hasOwn(p, side);
  const values = [has('before') ? entry.value(p, 'before', l) : null, has('after') ? entry.value(p, 'after', l) : null].filter((v) => v !== null).join(' → ');
  const head = subject === '' ? (l === 'it' ? 'Impostazioni del piano' : 'Plan settings') : subject;
  return `${head} — ${what}: ${values}`;
}

export const COMPARISON_MESSAGES = defineMessages(
  Object.fromEntries((Object.keys(ENTRIES) as ComparisonCode[]).map((code) => [code, message<ComparisonParams>({ it: (p) => sentence(code, p, 'it'), en: (p) => sentence(code, p, 'en') })])) as Record<
    ComparisonCode,
    ReturnType<typeof message<ComparisonParams>>
  >,
);

/** A change in a sentence in `language`; undefined for a code this module does not know. */
export function renderComparison(code: string, params: ComparisonParams, language: Language): string | undefined {
  return renderFrom(COMPARISON_MESSAGES, code, params, language);
}
