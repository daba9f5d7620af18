/**
 * What the office typed in the Relazione and could not save, kept on screen: a save refused as stale
 * when the Relazione was meanwhile moved where its texts are no longer written (sent to the OIV,
 * decided) cannot be carried over (merge.ts), so the typed sections stay below it, to copy or download.
 * And the screen's sentences naming who saved or moved it and when, kept as key and parameters so
 * that a change of language says them again in the new one (the moment written in its notation).
 */
import type { TFunction } from 'i18next';
import { withTerms } from '../ui/server-words.js';
import { staleSaveWords, type StaleSave } from '../ui/stale-save.js';
import type { Lang } from '../ui/format.js';
import { DECISIONS, type Relazione } from './api.js';

/**
 * A sentence of the screen as a catalogue key, its parameters (`terms`: those that are words of the
 * catalogue, by key: the state decided) and, when it names one, who did something and when.
 */
export interface Said {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly terms?: Readonly<Record<string, string>>;
  readonly who?: StaleSave;
}

/** `said` in the screen's words now: its terms, who (or "someone else"), the day and the time in the notation of `lang`. */
export function say(said: Said, t: TFunction, lang: Lang): string {
  return t(said.key, { ...withTerms(said.params, said.terms, (key) => t(key)), ...(said.who === undefined ? {} : staleSaveWords(said.who, lang, t('common.someoneElse'))) });
}

/** A section typed and not saved: its key (its title is the screen's) and the text. */
export interface KeptSection {
  readonly key: string;
  readonly text: string;
}

/**
 * The sections of `typed` that differ from the Relazione's `stored` texts, in the document's order:
 * what would be lost. A section emptied is left out: there is nothing in it to copy.
 *
 * @example unsavedSections(['a', 'b', 'c'], { a: 'Mia.', b: 'Uguale.', c: '' }, { a: 'Sua.', b: 'Uguale.', c: 'Sua.' })
 *   // → [{ key: 'a', text: 'Mia.' }]
 */
export function unsavedSections(sections: readonly string[], typed: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>): KeptSection[] {
  return sections.flatMap((key) => {
    const text = typed[key] ?? '';
    return text.trim() === '' || text === (stored[key] ?? '') ? [] : [{ key, text }];
  });
}

/**
 * Who moved the Relazione out of the states its texts are written in, and when: who decided, for a
 * decision; for a transmission the last save's author only when that save is the transmission (the
 * OIV may have saved its review since: then no one is named).
 */
export function movedBy(r: Pick<Relazione, 'state' | 'decidedAt' | 'decidedBy' | 'decidedByName' | 'transmittedAt' | 'updatedAt' | 'updatedBy' | 'updatedByName'>): StaleSave {
  if (DECISIONS.includes(r.state)) return { by: r.decidedByName ?? r.decidedBy, at: r.decidedAt };
  const at = r.transmittedAt ?? r.updatedAt;
  return { by: at !== null && at === r.updatedAt ? (r.updatedByName ?? r.updatedBy) : null, at };
}

/**
 * The kept sections as one plain text, each under its title, for a .txt file the browser writes.
 *
 * @example keptFile([{ title: 'Presentazione', text: 'Mia.' }, { title: 'Obiettivi', text: 'Righe\ndue.' }])
 *   // → 'Presentazione\n\nMia.\n\n\nObiettivi\n\nRighe\ndue.\n'
 */
export function keptFile(sections: readonly { title: string; text: string }[]): string {
  return `${sections.map((s) => `${s.title}\n\n${s.text}`).join('\n\n\n')}\n`;
}
