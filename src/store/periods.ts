/**
 * The life of a monitoring period: open → collecting → closed (locked) → validated by the OIV.
 * Reopening a closed or validated period goes back to collecting and needs a reason. Who may make
 * which move is the server's business (roles); which moves exist is decided here.
 */
import type { PeriodState } from './types.js';

const MOVES: Record<PeriodState, readonly PeriodState[]> = {
  open: ['collecting'],
  collecting: ['closed'],
  closed: ['validated', 'collecting'],
  validated: ['collecting'],
};

/** Closed and validated periods refuse new values. */
export function isLocked(state: PeriodState): boolean {
  return state === 'closed' || state === 'validated';
}

export function isReopening(from: PeriodState, to: PeriodState): boolean {
  return isLocked(from) && to === 'collecting';
}

/** null when the move is allowed, otherwise why not, in plain words. */
export function canTransition(from: PeriodState, to: PeriodState, reason: string | null): string | null {
  if (!MOVES[from].includes(to)) {
    const allowed = MOVES[from];
    return `a period that is ${from} cannot become ${to} (it can become ${allowed.join(' or ')})`;
  }
  if (isReopening(from, to) && (reason === null || reason.trim() === '')) return `reopening a ${from} period needs a reason`;
  return null;
}
