/**
 * The OIV's validation of the year's Relazione (art. 14 d.lgs. 150/2009), as data: its states and
 * moves, the default checklist (the points of the DFP guidelines), and what a decision records.
 * Pure: the store keeps it, the server decides who may move it, the renderers print it.
 */
import type { Decimal } from '../../core/index.js';
import { RELAZIONE_DECISIONS, RELAZIONE_STATES as CONTRACT_STATES, type RelazioneState } from '../../contract/relazione-states.js';
import { RELAZIONE_STATE_WORDS } from '../../messages/relazione.js';

// The states cross the wire: the contract declares them (src/contract/relazione.ts).
export type { RelazioneState };
export const RELAZIONE_STATES: readonly RelazioneState[] = CONTRACT_STATES;

/** The states in the Relazione's words (the catalogue's, so refusals say them alike). */
export const STATE_WORDS: Readonly<Record<RelazioneState, { readonly it: string; readonly en: string }>> = RELAZIONE_STATE_WORDS;

/** The OIV's decisions: the states a transmitted Relazione may reach. */
export const DECISIONS: readonly RelazioneState[] = RELAZIONE_DECISIONS;

/** A validated Relazione (with or without reservations) is frozen: texts and figures. */
export function isFrozen(state: RelazioneState): boolean {
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
  if (from === 'transmitted' && DECISIONS.includes(to)) return 'oiv';
  return null;
}

export type ChecklistOutcome = 'yes' | 'partly' | 'no';
export const CHECKLIST_OUTCOMES: readonly ChecklistOutcome[] = ['yes', 'partly', 'no'];
export const OUTCOME_WORDS: Readonly<Record<ChecklistOutcome, string>> = { yes: 'sì', partly: 'in parte', no: 'no' };

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

/** An objective's performance as the OIV validated it, when it differs from the reported one. */
export interface ValidatedValue {
  readonly code: string;
  /** The performance validated, in percent. */
  readonly validated: Decimal;
  readonly note: string;
}

export interface ValidationRecord {
  readonly state: RelazioneState;
  readonly note: string;
  readonly reservations: string;
  readonly checklist: readonly ChecklistPoint[];
  readonly values: readonly ValidatedValue[];
  /** ISO times and who moved it last. */
  readonly transmittedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
}

export const NEW_VALIDATION: ValidationRecord = { state: 'draft', note: '', reservations: '', checklist: DEFAULT_CHECKLIST, values: [], transmittedAt: null, decidedAt: null, decidedBy: null };
