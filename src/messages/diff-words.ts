/**
 * The words of a comparison's groups and kinds of change, in Italian and English: said by
 * `albero diff` (messages/cli.ts re-exports them) and by the web's changes panel. Plain data with
 * type-only imports, so the web app's bundle takes it without the catalogue.
 */
import type { ChangeGroup, ChangeKind } from '../core/comparison.js';
import type { Language } from '../core/messages/index.js';

/** `albero diff`'s headings and the words for each kind of change; the web's changes panel takes them from here (web/src/i18n.ts). */
export const DIFF_WORDS: Record<Language, { group: Record<ChangeGroup, string>; kind: Record<ChangeKind, string> }> = {
  it: {
    group: {
      structure: 'Struttura: obiettivi e indicatori aggiunti, rimossi, spostati o rinominati',
      plan: 'Piano: target, pesi e regole (da rendicontare nella Relazione)',
      measurement: 'Misurazioni: consuntivi e stati',
      result: 'Risultati: performance degli obiettivi',
    },
    kind: {
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
      performance: 'performance dell’obiettivo',
    },
  },
  en: {
    group: {
      structure: 'Structure: objectives and indicators added, removed, moved or renamed',
      plan: 'Plan: targets, weights and rules (changes to disclose in the Relazione)',
      measurement: 'Measurements: actuals and states',
      result: 'Results: objective performance',
    },
    kind: {
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
      performance: 'objective performance',
    },
  },
};
