/**
 * The kinds of change of a plan comparison in words, apart from the sentences of comparison.ts:
 * plain data importing nothing that runs, so the web app's first script can carry the changes
 * panel's words (src/messages/diff-words.ts) without decimal.js and the comparison catalogue that
 * comparison.ts brings with it (issue 15 §4).
 */
import type { Language } from '../words.js';

/** The kinds of change (core/comparison.ts `CHANGE_KINDS`) in words: the "what" of each row. */
export const CHANGE_KIND_WORDS = {
  it: {
    'objective-added': 'obiettivo aggiunto',
    'objective-removed': 'obiettivo rimosso',
    'objective-parent': 'obiettivo spostato',
    'objective-title': 'titolo dell’obiettivo',
    'indicator-added': 'indicatore aggiunto',
    'indicator-removed': 'indicatore rimosso',
    'indicator-name': 'nome dell’indicatore',
    settings: 'impostazioni del piano',
    'objective-weight': 'peso dell’obiettivo',
    weight: 'peso dell’indicatore',
    comparator: 'confronto',
    target: 'target',
    unit: 'unità di misura',
    scoring: 'regola di punteggio',
    formula: 'formula',
    measurement: 'consuntivo',
    source: 'fonte del dato',
    evidence: 'evidenze',
    performance: 'performance dell’obiettivo',
  },
  en: {
    'objective-added': 'objective added',
    'objective-removed': 'objective removed',
    'objective-parent': 'objective moved',
    'objective-title': 'objective title',
    'indicator-added': 'indicator added',
    'indicator-removed': 'indicator removed',
    'indicator-name': 'indicator name',
    settings: 'plan settings',
    'objective-weight': 'objective weight',
    weight: 'indicator weight',
    comparator: 'comparator',
    target: 'target',
    unit: 'unit',
    scoring: 'scoring rule',
    formula: 'formula',
    measurement: 'actual',
    source: 'data source',
    evidence: 'evidence',
    performance: 'objective performance',
  },
} as const satisfies Record<Language, Record<string, string>>;
