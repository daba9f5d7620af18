/**
 * The OIV's validation of the year's Relazione (art. 14 d.lgs. 150/2009), as data: its states and
 * moves, the default checklist (the points of the DFP guidelines), and what a decision records.
 * Pure: the store keeps it, the server decides who may move it, the renderers print it.
 */
import type { Decimal, PublicValidation } from '../../core/index.js';
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

/**
 * The OIV's decision as the open data state it (`PublicValidation`, read from a dati.json) in the
 * Relazione's record, so that the Relazione made from the file prints section 7 as the server's does:
 * the state and day, each value the OIV gave that differs from the reported one, the objectives
 * following it and the body's figure. The open data carry neither the checklist, the note nor the
 * reservations, nor the values that confirm a reported one: the section says none. A value given to an
 * objective apart from its children was published only as the OIV's deliberate choice (the server
 * refuses it otherwise), so it is said as one.
 */
export function publishedValidationRecord(v: PublicValidation): ValidationRecord {
  const values = [...v.objectives.values()].flatMap((o) => (o.direct && o.validated !== null ? [{ code: o.code, validated: o.validated, note: o.note ?? '', deliberate: true }] : []));
  return {
    state: v.reservations ? 'validated_with_reservations' : 'validated',
    note: '',
    reservations: '',
    checklist: [],
    values,
    transmittedAt: null,
    decidedAt: v.decidedAt,
    decidedBy: null,
  };
}
