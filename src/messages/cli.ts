/** The command line's own sentences (summaries after the issues), in Italian and English. */
import { defineMessages, message } from '../core/messages/index.js';

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

export const CLI_MESSAGES = defineMessages({
  'cli-not-evaluated': message<{ file: string; errors: number }>({
    it: (p) => `${p.file}: ${n(p.errors, 'errore', 'errori')}; nulla è stato valutato`,
    en: (p) => `${p.file}: ${n(p.errors, 'error', 'errors')}; nothing was evaluated`,
  }),
  'cli-import-summary': message<{ file: string; objectives: number; indicators: number; errors: number; warnings: number; outcome: 'refused' | 'dry-run' | 'no-output' | 'written'; output?: string }>({
    it: (p) =>
      `${p.file}: ${n(p.objectives, 'obiettivo', 'obiettivi')}, ${n(p.indicators, 'indicatore', 'indicatori')}; ${n(p.errors, 'errore', 'errori')}, ${n(p.warnings, 'avviso', 'avvisi')}; ` +
      { refused: 'nulla è stato importato', 'dry-run': 'prova, nulla è stato importato', 'no-output': 'indicare --output piano.json per scrivere il piano', written: `scritto in ${p.output ?? ''}` }[
        p.outcome
      ],
    en: (p) =>
      `${p.file}: ${n(p.objectives, 'objective', 'objectives')}, ${n(p.indicators, 'indicator', 'indicators')}; ${n(p.errors, 'error', 'errors')}, ${n(p.warnings, 'warning', 'warnings')}; ` +
      { refused: 'nothing was imported', 'dry-run': 'dry run, nothing was imported', 'no-output': 'give --output plan.json to write the plan', written: `written to ${p.output ?? ''}` }[p.outcome],
  }),
  'cli-unknown-objective': message<{ file: string; code: string; known: readonly string[]; more: boolean }>({
    it: (p) => `${p.file}: nessun obiettivo con il codice "${p.code}" (i codici sono ${p.known.join(', ')}${p.more ? ', …' : ''})`,
    en: (p) => `${p.file}: no objective with the code "${p.code}" (the codes are ${p.known.join(', ')}${p.more ? ', …' : ''})`,
  }),
});
