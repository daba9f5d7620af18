/**
 * The Relazione's states as plain values, without zod: the command line's `albero relazione` and
 * io/relazione read them, and the command line loads no schema library at start
 * (test/cli-start.test.ts). contract/relazione.ts builds its schemas on them.
 */
export const RELAZIONE_STATES = ['draft', 'transmitted', 'validated', 'validated_with_reservations', 'not_validated'] as const;
export type RelazioneState = (typeof RELAZIONE_STATES)[number];

/** The OIV's decisions: the states a transmitted Relazione may reach. */
export const RELAZIONE_DECISIONS: readonly RelazioneState[] = ['validated', 'validated_with_reservations', 'not_validated'];

/** A validated Relazione (with or without reservations) is frozen: texts and figures. */
export function isFrozen(state: RelazioneState): state is 'validated' | 'validated_with_reservations' {
  return state === 'validated' || state === 'validated_with_reservations';
}

/**
 * Who moves what: the office transmits a draft (`transmitted`) and may take it back while the
 * OIV has not decided (`draft`); the OIV decides on a transmitted Relazione; a non-validated one
 * goes back to draft for the office to correct. A validated one does not move.
 */
export function canMove(from: RelazioneState, to: RelazioneState): 'office' | 'oiv' | null {
  if (from === 'draft' && to === 'transmitted') return 'office';
  if (from === 'transmitted' && to === 'draft') return 'office';
  if (from === 'not_validated' && to === 'draft') return 'office';
  if (from === 'transmitted' && RELAZIONE_DECISIONS.includes(to)) return 'oiv';
  return null;
}

/**
 * What refuses a validation when it differs from what the route froze, or from what the OIV's
 * screen showed (409 `conflict`, `details.changed` each one that differs, in this order;
 * `details.reason` the first of them, or `changed-since-shown` for the screen's): a revision approved
 * or corrected in what the Relazione prints of it (naming its number), the year end's figures or the
 * plan's title and body, the variances' explanations, the objectives' units, last year's figures.
 * The parts of what a validation freezes that the OIV reads (server/relazione.ts `freezeParts`). A
 * change that leaves all of them as they were (a value saved in another period, a draft renamed after
 * the year end was closed, the deciding account renamed) does not refuse it. The screen reads the
 * Relazione again on any of them.
 */
export const CHANGED_SINCE = ['revision-approved-since', 'plan-changed-since', 'variances-changed-since', 'units-changed-since', 'previous-year-changed-since'] as const;
export type ChangedSince = (typeof CHANGED_SINCE)[number];

export const CHECKLIST_OUTCOMES = ['yes', 'partly', 'no'] as const;
export type ChecklistOutcome = (typeof CHECKLIST_OUTCOMES)[number];

export interface ChecklistPoint {
  readonly label: string;
  /** null: not yet assessed. */
  readonly outcome: ChecklistOutcome | null;
  readonly note: string;
}

/** The points the DFP guidelines ask the OIV to check; the OIV may edit, add and remove them. */
export const DEFAULT_CHECKLIST: readonly ChecklistPoint[] = [
  { label: 'Coerenza della Relazione con il Piano (obiettivi, indicatori, target)', outcome: null, note: '' },
  { label: 'Attendibilità dei dati e delle informazioni', outcome: null, note: '' },
  { label: 'Evidenze documentali a supporto dei valori rendicontati', outcome: null, note: '' },
  { label: 'Chiarezza e comprensibilità della Relazione per i cittadini', outcome: null, note: '' },
];

/**
 * An objective's performance as the OIV validated it, when it differs from the reported one.
 * `N` is the number: the core's Decimal where it is kept and printed (the store, io/relazione),
 * a plain number on the wire (relazione.ts `ValidatedValueSchema`). Generic because this file
 * imports nothing, and both the store and io take these records from here.
 */
export interface ValidatedValueOf<N> {
  readonly code: string;
  /** The performance validated, in percent. */
  readonly validated: N;
  readonly note: string;
  /**
   * The OIV confirmed that the value differs, on purpose, from what the objective's children give
   * by the plan's rules (core/validated-values.ts): without it such a value is refused; with it the
   * Relazione and the documento di validazione state the difference beside the note.
   */
  readonly deliberate: boolean;
}

export interface ValidationRecordOf<N> {
  readonly state: RelazioneState;
  readonly note: string;
  readonly reservations: string;
  readonly checklist: readonly ChecklistPoint[];
  readonly values: readonly ValidatedValueOf<N>[];
  /** ISO times and who moved it last. */
  readonly transmittedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
}

/**
 * The sections nothing but the office writes (keys of io/relazione/build.ts's `TEXT_KEYS`): left
 * empty, the document says «Sezione non ancora compilata» there, where the others fall back to the
 * text written from the data or the register's. A Relazione is transmitted with any of them empty
 * only when the office confirms it (`confirmEmpty`).
 */
export const OFFICE_KEYS = ['presentazione', 'contesto-esterno', 'contesto-interno', 'risorse', 'performance-individuale', 'processo'] as const;

/** The sections of `OFFICE_KEYS` the office has not written in `texts`, in the document's order. */
export function emptyOfficeSections(texts: Readonly<Record<string, string>>): (typeof OFFICE_KEYS)[number][] {
  return OFFICE_KEYS.filter((k) => (texts[k] ?? '').trim() === '');
}
