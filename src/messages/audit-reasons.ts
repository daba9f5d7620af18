/**
 * The reasons the program writes on the audit trail itself, not a person: stored by their Italian
 * words (as the databases that have them already hold them), recognised when the trail is read and
 * said in the reader's language (`auditReasonText`). Any other reason is a person's and stays as
 * typed. Each has its writer here, so what is stored is always what is recognised.
 */
import type { Language } from '../core/messages/catalogue.js';

interface SystemReason {
  /** The stored Italian words, whole; its groups are the parameters. */
  readonly stored: RegExp;
  readonly words: Readonly<Record<Language, (groups: readonly string[]) => string>>;
}

/** A reason whose every parameter matches `param`: recognised by its own Italian words, written once. */
function systemReason(words: SystemReason['words'], param: string): SystemReason {
  const SLOT = '\u0000';
  const escaped = words.it([SLOT, SLOT, SLOT]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { stored: new RegExp(`^${escaped.split(SLOT).join(`(${param})`)}$`), words };
}

const SAME_PLAN_RENAMED = systemReason(
  {
    it: ([year]) => `un piano ${year} dello stesso ente, fatto prima, ha lo stesso titolo e la stessa versione: il titolo di questo ha preso un numero, perché ogni piano sia uno solo`,
    en: ([year]) => `an earlier ${year} plan of the same body has the same title and version: this one's title took a number, so that each plan is one`,
  },
  '\\d{4}',
);

const SYSTEM_REASONS: readonly SystemReason[] = [SAME_PLAN_RENAMED];

/** Migration 78's reason for a plan renamed because an earlier plan of its body, year and version had its title. */
export function samePlanRenamedReason(year: number): string {
  return SAME_PLAN_RENAMED.words.it([String(year)]);
}

/**
 * A stored audit reason in `language`: one the program wrote in the reader's words, any other as
 * the person typed it, to the letter.
 *
 * @example auditReasonText(samePlanRenamedReason(2024), 'en') // 'an earlier 2024 plan of the same body has the same title and version: …'
 */
export function auditReasonText(reason: string, language: Language): string {
  for (const r of SYSTEM_REASONS) {
    const m = r.stored.exec(reason);
    if (m !== null) return r.words[language](m.slice(1));
  }
  return reason;
}
