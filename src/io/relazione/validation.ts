/**
 * The OIV's validation of the year's Relazione (art. 14 d.lgs. 150/2009), as data: its states and
 * moves, the default checklist (the points of the DFP guidelines), and what a decision records.
 * Pure: the store keeps it, the server decides who may move it, the renderers print it.
 */
import type { Decimal } from '../../core/index.js';
import {
  canMove,
  CHECKLIST_OUTCOMES,
  DEFAULT_CHECKLIST,
  isFrozen,
  RELAZIONE_DECISIONS,
  RELAZIONE_STATES as CONTRACT_STATES,
  type ChecklistOutcome,
  type ChecklistPoint,
  type RelazioneState,
  type ValidatedValueOf,
  type ValidationRecordOf,
} from '../../contract/relazione-states.js';
import { RELAZIONE_STATE_WORDS } from '../../messages/relazione.js';

// The states cross the wire: the contract declares them (src/contract/relazione.ts).
export type { RelazioneState };
export const RELAZIONE_STATES: readonly RelazioneState[] = CONTRACT_STATES;

/** The states in the Relazione's words (the catalogue's, so refusals say them alike). */
export const STATE_WORDS: Readonly<Record<RelazioneState, { readonly it: string; readonly en: string }>> = RELAZIONE_STATE_WORDS;

/** The OIV's decisions: the states a transmitted Relazione may reach. */
export const DECISIONS: readonly RelazioneState[] = RELAZIONE_DECISIONS;

// The state machine and the checklist are the contract's (zod-free), where the store reads them too.
export { canMove, CHECKLIST_OUTCOMES, DEFAULT_CHECKLIST, isFrozen, type ChecklistOutcome, type ChecklistPoint };
export const OUTCOME_WORDS: Readonly<Record<ChecklistOutcome, string>> = { yes: 'sì', partly: 'in parte', no: 'no' };

export type ValidatedValue = ValidatedValueOf<Decimal>;
export type ValidationRecord = ValidationRecordOf<Decimal>;

export const NEW_VALIDATION: ValidationRecord = { state: 'draft', note: '', reservations: '', checklist: DEFAULT_CHECKLIST, values: [], transmittedAt: null, decidedAt: null, decidedBy: null };
