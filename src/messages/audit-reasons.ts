/**
 * The reasons the program writes on the audit trail itself, not a person: a migration's, a step it
 * takes on its own, the revision an edit was made in. Stored as a code with its parameters
 * (core/reason-codes.ts) and said in the reader's language when the trail is read
 * (`auditReasonText`); a person's words inside one (a revision's reason) stay as typed, and so does
 * any reason a person gave, whatever its words. Databases made before stored the Italian words (and
 * some older wordings): migration 80 turns exactly those into codes (`auditReasonCodeOfWords`).
 */
import type { Language } from '../core/messages/catalogue.js';
import { readReasonCode, storedReasonCode, type ReasonParams } from '../core/reason-codes.js';

/** A reason's parameters as its words use them: a revision's (number and reason) when it was made in one. */
interface Params {
  readonly year: number;
  readonly number: number;
  readonly reason: string;
}

type Words = (p: Params) => string;

interface SystemReason {
  readonly code: string;
  /** The parameters it carries, in the order its stored words had them. */
  readonly params: readonly (keyof Params)[];
  readonly words: Readonly<Record<Language, Words>>;
  /** Older wordings some databases hold (recognised by migration 80 only). */
  readonly older?: readonly Words[];
}

const SAME_PLAN_RENAMED: SystemReason = {
  code: 'same-plan-renamed',
  params: ['year'],
  words: {
    it: (p) => `un piano ${p.year} dello stesso ente, fatto prima, ha lo stesso titolo e la stessa versione: il titolo di questo ha preso un numero, perché ogni piano sia uno solo`,
    en: (p) => `an earlier ${p.year} plan of the same body has the same title and version: this one's title took a number, so that each plan is one`,
  },
};

const RELAZIONE_VALIDATED: SystemReason = { code: 'relazione-validated', params: [], words: { it: () => 'validazione della Relazione', en: () => 'validation of the Relazione' } };

const BASELINE_IN_REVISION: SystemReason = {
  code: 'baseline-refreshed-in-revision',
  params: ['number', 'reason', 'year'],
  words: {
    it: (p) => `variazione n. ${p.number}: ${p.reason}; baseline aggiornata al consuntivo ${p.year} corretto nel piano precedente`,
    en: (p) => `revision n. ${p.number}: ${p.reason}; baseline updated to the ${p.year} actual corrected in the previous plan`,
  },
};

const BASELINE: SystemReason = {
  code: 'baseline-refreshed',
  params: ['year'],
  words: { it: (p) => `baseline aggiornata al consuntivo ${p.year} corretto nel piano precedente`, en: (p) => `baseline updated to the ${p.year} actual corrected in the previous plan` },
};

// Written in English before (`reassignment, variazione n. 1: …`).
const REASSIGNED_IN_REVISION: SystemReason = {
  code: 'reassigned-in-revision',
  params: ['number', 'reason'],
  words: { it: (p) => `riassegnazione, variazione n. ${p.number}: ${p.reason}`, en: (p) => `reassignment, revision n. ${p.number}: ${p.reason}` },
  older: [(p) => `reassignment, variazione n. ${p.number}: ${p.reason}`],
};

const REASSIGNED: SystemReason = { code: 'reassigned', params: [], words: { it: () => 'riassegnazione', en: () => 'reassignment' }, older: [() => 'reassignment'] };

const IN_REVISION: SystemReason = {
  code: 'in-revision',
  params: ['number', 'reason'],
  words: { it: (p) => `variazione n. ${p.number}: ${p.reason}`, en: (p) => `revision n. ${p.number}: ${p.reason}` },
};

// A migration's rewrite of the program's reasons into codes, the migration by its number.
const REASONS_CODED: SystemReason = {
  code: 'reasons-coded',
  params: ['number'],
  words: {
    it: (p) => `motivazioni del programma registrate come codici, per dirle nella lingua di chi legge (migrazione ${p.number})`,
    en: (p) => `the program's reasons stored as codes, to say them in the reader's language (migration ${p.number})`,
  },
};

// The more particular first: an edit's revision prefix would match the others' beginnings (migration 80 reads them in this order).
/** An objective's or indicator's unit and person as the imported file's Struttura and Referente cells gave them. */
const IMPORTED_ASSIGNMENT: SystemReason = {
  code: 'assigned-by-import',
  params: [],
  words: { it: () => 'assegnazione dal file importato (Struttura, Referente)', en: () => 'assignment from the imported file (Struttura, Referente)' },
};

const SYSTEM_REASONS: readonly SystemReason[] = [SAME_PLAN_RENAMED, RELAZIONE_VALIDATED, BASELINE_IN_REVISION, BASELINE, REASSIGNED_IN_REVISION, REASSIGNED, IN_REVISION];
// REASONS_CODED is written as a code from the start: no database holds its words for migration 80 to match.
// IMPORTED_ASSIGNMENT too, written as a code from the start.
const BY_CODE = new Map([...SYSTEM_REASONS, REASONS_CODED, IMPORTED_ASSIGNMENT].map((r) => [r.code, r]));

const stored = (r: SystemReason, p: Partial<Params>): string => storedReasonCode(r.code, Object.fromEntries(r.params.map((name) => [name, p[name]!])) as ReasonParams);

/** The revision an edit was made in (its number and the reason a person gave it). */
export interface RevisionOfEdit {
  readonly number: number;
  readonly reason: string;
}

/** Migration 78's reason for a plan renamed because an earlier plan of its body, year and version had its title. */
export function samePlanRenamedReason(year: number): string {
  return stored(SAME_PLAN_RENAMED, { year });
}

/** Migration `migration`'s reason for the program's reasons it rewrote as codes (store/reason-migration.ts). */
export function reasonsCodedReason(migration: number): string {
  return stored(REASONS_CODED, { number: migration });
}

/** The validation of a period that came with the Relazione's. */
export function relazioneValidatedReason(): string {
  return stored(RELAZIONE_VALIDATED, {});
}

/** An edit's reason: the revision it was made in, or none (a draft plan). */
export function revisionEditReason(revision: RevisionOfEdit | null): string | null {
  return revision === null ? null : stored(IN_REVISION, revision);
}

/** A baseline taken over from the predecessor's corrected year-end actual of `year`, in `revision` if any. */
export function baselineRefreshedReason(year: number, revision: RevisionOfEdit | null): string {
  return revision === null ? stored(BASELINE, { year }) : stored(BASELINE_IN_REVISION, { ...revision, year });
}

/** The unit and person an imported plan's file gave an objective or indicator (a new plan is a draft: no revision). */
export function importedAssignmentReason(): string {
  return stored(IMPORTED_ASSIGNMENT, {});
}

/** A bulk reassignment of objectives or indicators, in `revision` if any. */
export function reassignedReason(revision: RevisionOfEdit | null): string {
  return revision === null ? stored(REASSIGNED, {}) : stored(REASSIGNED_IN_REVISION, revision);
}

/**
 * A stored audit reason in `language`: one the program wrote in the reader's words (a person's
 * words inside it as typed), any other as the person typed it, to the letter.
 *
 * @example auditReasonText(samePlanRenamedReason(2024), 'en') // 'an earlier 2024 plan of the same body has the same title and version: …'
 * @example auditReasonText(revisionEditReason({ number: 2, reason: 'nuovo target' })!, 'en') // 'revision n. 2: nuovo target'
 * @example auditReasonText('variazione n. 2: nuovo target', 'en') // 'variazione n. 2: nuovo target' (a person's)
 */
export function auditReasonText(reason: string, language: Language): string {
  const coded = readReasonCode(reason);
  const r = coded === null ? undefined : BY_CODE.get(coded.code);
  if (coded === null || r === undefined) return reason;
  const p = coded.params;
  return r.words[language]({ year: Number(p['year']), number: Number(p['number']), reason: String(p['reason'] ?? '') });
}

/** The slot a parameter takes in a pattern of stored words: a person's words inside a reason as typed, digits otherwise. */
const SLOT: Readonly<Record<keyof Params, string>> = { reason: '[\\s\\S]*', number: '\\d+', year: '\\d{4}' };

/** A pattern of a reason's stored words, its parameters' slots as groups, and the parameters in their order. */
interface Pattern {
  readonly regex: RegExp;
  readonly order: readonly (keyof Params)[];
}

function patterns(r: SystemReason): Pattern[] {
  // Each parameter written as its name between private-use marks, found again after the words are escaped.
  const marks = { year: '\uE000year\uE000', number: '\uE000number\uE000', reason: '\uE000reason\uE000' } as unknown as Params;
  return [r.words.it, ...(r.older ?? [])].map((write) => {
    const pieces = write(marks)
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .split(/\uE000(year|number|reason)\uE000/);
    const order = pieces.filter((_, k) => k % 2 === 1) as (keyof Params)[];
    return { regex: new RegExp(`^${pieces.map((piece, k) => (k % 2 === 0 ? piece : `(${SLOT[piece as keyof Params]})`)).join('')}$`), order };
  });
}

const WORDED = SYSTEM_REASONS.map((r) => ({ r, patterns: patterns(r) }));

/** The words every stored wording of a reason began with, up to its first parameter (none has LIKE's `%` or `_`). */
export const AUDIT_REASON_BEGINNINGS: readonly string[] = [
  ...new Set(SYSTEM_REASONS.flatMap((r) => [r.words.it, ...(r.older ?? [])].map((write) => write({ year: 0, number: 0, reason: '\uE000' } as Params).split(/\d|\uE000/)[0]!))),
];

/**
 * The code of a reason stored by its words before migration 80: exactly the program's Italian
 * words (or an older wording it wrote), else null (a person's reason, kept as typed).
 *
 * @example auditReasonCodeOfWords('riassegnazione') // storedReasonCode('reassigned', {})
 */
export function auditReasonCodeOfWords(words: string): string | null {
  for (const { r, patterns: all } of WORDED) {
    for (const { regex, order } of all) {
      const m = regex.exec(words);
      if (m === null) continue;
      const p = Object.fromEntries(order.map((name, k) => [name, name === 'reason' ? m[k + 1]! : Number(m[k + 1])]));
      return stored(r, p as Partial<Params>);
    }
  }
  return null;
}
