/**
 * The reasons the program writes on the audit trail itself, not a person: a migration's, a step it
 * takes on its own, the revision an edit was made in. Stored by their Italian words (as the
 * databases that have them already hold them), recognised when the trail is read and said in the
 * reader's language (`auditReasonText`); a person's words inside one (a revision's reason) and any
 * other reason stay as typed. Each has its writer here, so what is stored is what is recognised.
 */
import type { Language } from '../core/messages/catalogue.js';

type Words = (groups: readonly string[]) => string;

interface SystemReason {
  /** The stored words, whole (the Italian, and any older wording databases hold); the groups are the parameters. */
  readonly stored: readonly RegExp[];
  readonly words: Readonly<Record<Language, Words>>;
}

/** A person's words inside a reason (a revision's), kept as typed. */
const TYPED = '[\\s\\S]*';
const NUMBER = '\\d+';
const YEAR = '\\d{4}';

/** A reason recognised by its own Italian words (and `older` wordings), its slots matching `params` in order. */
function systemReason(words: SystemReason['words'], params: readonly string[], older: readonly Words[] = []): SystemReason {
  const SLOT = '\u0000';
  const pattern = (write: Words): RegExp => {
    const escaped = write(params.map(() => SLOT)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pieces = escaped.split(SLOT);
    return new RegExp(`^${pieces.map((piece, k) => (k === 0 ? piece : `(${params[k - 1]})${piece}`)).join('')}$`);
  };
  return { stored: [words.it, ...older].map(pattern), words };
}

const SAME_PLAN_RENAMED = systemReason(
  {
    it: ([year]) => `un piano ${year} dello stesso ente, fatto prima, ha lo stesso titolo e la stessa versione: il titolo di questo ha preso un numero, perché ogni piano sia uno solo`,
    en: ([year]) => `an earlier ${year} plan of the same body has the same title and version: this one's title took a number, so that each plan is one`,
  },
  [YEAR],
);

const RELAZIONE_VALIDATED = systemReason({ it: () => 'validazione della Relazione', en: () => 'validation of the Relazione' }, []);

const BASELINE_IN_REVISION = systemReason(
  {
    it: ([n, reason, year]) => `variazione n. ${n}: ${reason}; baseline aggiornata al consuntivo ${year} corretto nel piano precedente`,
    en: ([n, reason, year]) => `revision n. ${n}: ${reason}; baseline updated to the ${year} actual corrected in the previous plan`,
  },
  [NUMBER, TYPED, YEAR],
);

const BASELINE = systemReason(
  { it: ([year]) => `baseline aggiornata al consuntivo ${year} corretto nel piano precedente`, en: ([year]) => `baseline updated to the ${year} actual corrected in the previous plan` },
  [YEAR],
);

// Written in English before (`reassignment, variazione n. 1: …`): recognised too.
const REASSIGNED_IN_REVISION = systemReason(
  { it: ([n, reason]) => `riassegnazione, variazione n. ${n}: ${reason}`, en: ([n, reason]) => `reassignment, revision n. ${n}: ${reason}` },
  [NUMBER, TYPED],
  [([n, reason]) => `reassignment, variazione n. ${n}: ${reason}`],
);

const REASSIGNED = systemReason({ it: () => 'riassegnazione', en: () => 'reassignment' }, [], [() => 'reassignment']);

const IN_REVISION = systemReason({ it: ([n, reason]) => `variazione n. ${n}: ${reason}`, en: ([n, reason]) => `revision n. ${n}: ${reason}` }, [NUMBER, TYPED]);

// The more particular first: an edit's revision prefix would match the others' beginnings.
const SYSTEM_REASONS: readonly SystemReason[] = [SAME_PLAN_RENAMED, RELAZIONE_VALIDATED, BASELINE_IN_REVISION, BASELINE, REASSIGNED_IN_REVISION, REASSIGNED, IN_REVISION];

/** The revision an edit was made in (its number and the reason a person gave it). */
export interface RevisionOfEdit {
  readonly number: number;
  readonly reason: string;
}

/** Migration 78's reason for a plan renamed because an earlier plan of its body, year and version had its title. */
export function samePlanRenamedReason(year: number): string {
  return SAME_PLAN_RENAMED.words.it([String(year)]);
}

/** The validation of a period that came with the Relazione's. */
export function relazioneValidatedReason(): string {
  return RELAZIONE_VALIDATED.words.it([]);
}

/** An edit's reason: the revision it was made in, or none (a draft plan). */
export function revisionEditReason(revision: RevisionOfEdit | null): string | null {
  return revision === null ? null : IN_REVISION.words.it([String(revision.number), revision.reason]);
}

/** A baseline taken over from the predecessor's corrected year-end actual of `year`, in `revision` if any. */
export function baselineRefreshedReason(year: number, revision: RevisionOfEdit | null): string {
  return revision === null ? BASELINE.words.it([String(year)]) : BASELINE_IN_REVISION.words.it([String(revision.number), revision.reason, String(year)]);
}

/** A bulk reassignment of objectives or indicators, in `revision` if any. */
export function reassignedReason(revision: RevisionOfEdit | null): string {
  return revision === null ? REASSIGNED.words.it([]) : REASSIGNED_IN_REVISION.words.it([String(revision.number), revision.reason]);
}

/**
 * A stored audit reason in `language`: one the program wrote in the reader's words (a person's
 * words inside it as typed), any other as the person typed it, to the letter.
 *
 * @example auditReasonText(samePlanRenamedReason(2024), 'en') // 'an earlier 2024 plan of the same body has the same title and version: …'
 * @example auditReasonText('variazione n. 2: nuovo target', 'en') // 'revision n. 2: nuovo target'
 */
export function auditReasonText(reason: string, language: Language): string {
  for (const r of SYSTEM_REASONS) {
    for (const stored of r.stored) {
      const m = stored.exec(reason);
      if (m !== null) return r.words[language](m.slice(1));
    }
  }
  return reason;
}
