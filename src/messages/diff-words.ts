/**
 * The words of a comparison's groups and kinds of change, in Italian and English: said by
 * `albero diff` (messages/cli.ts re-exports them) and by the web's changes panel. Plain data with
 * the kinds' words from the engine's comparison catalogue, so the web app's bundle takes it
 * without the command line's catalogue.
 */
import type { ChangeGroup, ChangeKind } from '../core/comparison.js';
import { CHANGE_KIND_WORDS } from '../core/messages/change-kinds.js';
import type { Language } from '../core/words.js';

/** `albero diff`'s headings and the words for each kind of change (core/messages/comparison.ts); the web's changes panel takes them from here (web/src/i18n.ts). */
export const DIFF_WORDS: Record<Language, { group: Record<ChangeGroup, string>; kind: Record<ChangeKind, string> }> = {
  it: {
    group: {
      structure: 'Struttura: obiettivi e indicatori aggiunti, rimossi, spostati o rinominati',
      plan: 'Piano: target, pesi e regole (da rendicontare nella Relazione)',
      measurement: 'Misurazioni: consuntivi, stati, fonti ed evidenze',
      result: 'Risultati: performance degli obiettivi',
    },
    kind: CHANGE_KIND_WORDS.it,
  },
  en: {
    group: {
      structure: 'Structure: objectives and indicators added, removed, moved or renamed',
      plan: 'Plan: targets, weights and rules (changes to disclose in the Relazione)',
      measurement: 'Measurements: actuals, states, sources and evidence',
      result: 'Results: objective performance',
    },
    kind: CHANGE_KIND_WORDS.en,
  },
};
