/**
 * The life of a monitoring period: open → collecting → closed (locked) → validated by the OIV.
 * Reopening a closed or validated period goes back to collecting and needs a reason. Who may make
 * which move is the server's business (roles); which moves exist is decided here.
 */
import { english } from '../messages/index.js';
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

/** Whether a period in `from` can ever become `to`, whoever asks (who may is the server's roles). */
export function isMove(from: PeriodState, to: PeriodState): boolean {
  return MOVES[from].includes(to);
}

/**
 * Why a period cannot be moved, as the refusal's parameters: a move that does not exist from its
 * state (`invalid-transition`, 409), or a reopening without its reason — a field left empty, said at
 * that field as every other (`invalid`, 422). null when the move can be made.
 */
export type TransitionProblem =
  { readonly kind: 'move'; readonly from: PeriodState; readonly to: PeriodState; readonly allowed: readonly PeriodState[] } | { readonly kind: 'reason'; readonly from: PeriodState };

export function transitionProblem(from: PeriodState, to: PeriodState, reason: string | null): TransitionProblem | null {
  if (!isMove(from, to)) return { kind: 'move', ...transitionParams(from, to) };
  if (isReopening(from, to) && (reason === null || reason.trim() === '')) return { kind: 'reason', from };
  return null;
}

/** A period a plan is created with or given later: its end date (also its id) and its label. */
export interface NewPeriod {
  /** ISO date `YYYY-MM-DD`. */
  readonly endsOn: string;
  /** Default: the date the Italian way, `30/04/2024`. */
  readonly label?: string;
}

/** A real calendar date written `YYYY-MM-DD` (no 2024-02-30, no 2024-13-01). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `2024-04-30` → `30/04/2024`, the label a period gets when none is given. */
export function italianDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** Why periods' dates are refused: the parameters of the catalogue's `invalid` (messages/api.ts). */
export type PeriodDateProblem =
  | { reason: 'date'; date: string }
  | { reason: 'date-year'; date: string; year: number }
  | { reason: 'date-twice'; date: string }
  | { reason: 'no-periods' }
  | { reason: 'deadline-year'; date: string; year: number }
  | { reason: 'deadline-before-end'; date: string; end: string };

/**
 * A period-date problem in English (the refusal's `message`, for logs and scripts): the catalogue's
 * own words (messages/api.ts `invalid`), the date quoted “…” as the reader's answer quotes it, never
 * a second English wording of its own.
 */
export function periodProblemText(p: PeriodDateProblem): string {
  return english('invalid', p);
}

/** null when `endsOn` can end a monitoring period of a plan of `year`, otherwise why not. */
export function periodDateProblem(endsOn: string, year: number): PeriodDateProblem | null {
  if (!isIsoDate(endsOn)) return { reason: 'date', date: endsOn.slice(0, 40) };
  if (Number(endsOn.slice(0, 4)) !== year) return { reason: 'date-year', date: endsOn, year };
  return null;
}

/**
 * null when `deadline` can be the data-entry deadline of the period ending on `endsOn` of a plan of
 * `year`, otherwise why not. Values are entered during the plan's year and, for its last periods,
 * early the next (the year end's actuals come in before the Relazione, by 30 June): a deadline
 * outside those two years is a typing slip (1999, 2031), which reminders and "late" would otherwise
 * take at its word. A period's values are measured once it has ended, so a deadline before its end
 * (the period's own day is allowed: a value known that day) would call them late before they exist.
 */
export function deadlineProblem(deadline: string, year: number, endsOn: string): PeriodDateProblem | null {
  if (!isIsoDate(deadline)) return { reason: 'date', date: deadline.slice(0, 40) };
  const at = Number(deadline.slice(0, 4));
  if (at !== year && at !== year + 1) return { reason: 'deadline-year', date: deadline, year };
  // ISO dates compare as text.
  if (deadline < endsOn) return { reason: 'deadline-before-end', date: deadline, end: endsOn };
  return null;
}

/** null when every period can belong to a plan of `year` and no date repeats, otherwise why not and where. */
export function periodsProblem(periods: readonly NewPeriod[], year: number): { problem: PeriodDateProblem; index: number } | null {
  const seen = new Set<string>();
  for (const [index, p] of periods.entries()) {
    const problem = periodDateProblem(p.endsOn, year);
    if (problem !== null) return { problem, index };
    if (seen.has(p.endsOn)) return { problem: { reason: 'date-twice', date: p.endsOn }, index };
    seen.add(p.endsOn);
  }
  if (periods.length === 0) return { problem: { reason: 'no-periods' }, index: -1 };
  return null;
}

/** The parameters of an `invalid-transition` refusal (the message catalogue says it with them). */
export function transitionParams(from: PeriodState, to: PeriodState): { from: PeriodState; to: PeriodState; allowed: readonly PeriodState[] } {
  return { from, to, allowed: MOVES[from] };
}
