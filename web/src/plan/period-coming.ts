/**
 * The period a plan's screen is about to show, while the tree on screen is still another period's.
 *
 * The screen keeps the tree it has while it reads the next one (`usePlanData`): a period picked, a
 * shared link's, or the switch made on opening from the server's default to the period collecting (or
 * the latest closed). Whatever is written meanwhile from that tree's forms (a value, a file, a
 * forecast, a comment) is written for the period the screen is leaving: a referente who opened an
 * indicator during the read typed the 30/06 value into the year end's form, and found it kept as a
 * draft of the year end. So the forms wait for the period coming, and say so.
 */
import type { TreeDocument } from '../api/types.js';

type Periods = TreeDocument['periods'];

/** The period coming: its id, and its label when the tree on screen lists it (a link may name one it does not). */
export interface PeriodComing {
  id: string;
  label: string | null;
}

/**
 * The period the screen will show instead of `tree`'s, or null when `tree` is the one it stays on.
 *
 * `requested`: the period asked for (null: the server's default, not yet replaced). `signedIn`: the
 * office's screen, which opened without a period moves from the server's default to the period
 * collecting or, between campaigns, to the latest closed (the public reads what the server gives).
 * A read of the same period again (after a save, in the other language) is not a period coming: the
 * forms stay usable, what is typed there is for the period shown.
 *
 * @example
 * periodComing(yearEndTree, '2024-06-30', true) // { id: '2024-06-30', label: '30/06/2024' }
 */
export function periodComing(tree: Pick<TreeDocument, 'period' | 'periods' | 'objectives'> | null, requested: string | null, signedIn: boolean): PeriodComing | null {
  if (tree === null) return null;
  const shown = tree.period.id;
  if (requested !== null) return shown === requested ? null : { id: requested, label: tree.periods.find((p) => p.id === requested)?.label ?? null };
  if (!signedIn) return null;
  const opening = openingPeriod(tree);
  return opening === null || opening.id === shown ? null : { id: opening.id, label: opening.label };
}

/**
 * Opened without a period, the office's screen shows the one whose values are being collected (the
 * campaign's, as the worklist and the reminders name it), not the year end the server reads by
 * default: a referente reminded of the 30/06 values landed on 31/12 and entered them there.
 * Between two campaigns (none collecting) the year end is still open and empty: after the 30/06
 * monitoring was closed, the controller and the OIV opening the year's plan read «0 verdi, 0 gialli,
 * 0 rossi» and nothing measured, as if the year had no result yet. They are shown the latest period
 * closed (or validated) instead; a year end that holds values, or is itself collecting or closed, stays.
 */
function openingPeriod(tree: Pick<TreeDocument, 'period' | 'periods' | 'objectives'>): Periods[number] | null {
  return tree.periods.find((p) => p.state === 'collecting') ?? (emptyOpenPeriod(tree) ? latestClosed(tree.periods) : null);
}

/** The tree read is of a period not yet collecting, with no value in it: nothing to read there. */
function emptyOpenPeriod(tree: Pick<TreeDocument, 'period' | 'objectives'>): boolean {
  return tree.period.state === 'open' && tree.objectives.every((o) => o.indicators.every((i) => i.state === 'not_measured'));
}

/** The period closed (or validated) last in the year, by its end: the latest monitoring with results. */
function latestClosed(periods: Periods): Periods[number] | null {
  return periods.filter((p) => p.state === 'closed' || p.state === 'validated').reduce<Periods[number] | null>((last, p) => (last === null || p.endsOn > last.endsOn ? p : last), null);
}
