/**
 * The address of a worklist filtered to one plan's period (and a unit, for a unit's head): what a
 * deadline reminder links to and what the web app opens. Written in one place and read in one, so
 * the e-mail's link and the screen it opens cannot drift apart. The path is the plan's screen with
 * `?period=` (the period its tree shows, as any shared link) and `open=worklist` (the worklist
 * panel opened on that period); a reader not signed in is asked to sign in first, at the same
 * address, so the link survives the sign-in.
 */
import type { WorklistStateFilter } from './campaign-states.js';

export interface WorklistLink {
  readonly planId: string;
  readonly periodId: string;
  /** The unit a head's message is about; absent: the reader's own worklist. */
  readonly unitId?: string | null;
  /** Only the values in this state: `todo` (to enter and sent back) for those who enter them, `entered` for the controller's review. */
  readonly state?: WorklistStateFilter;
  /**
   * Only the values assigned to the reader (by person or by a unit they belong to or head): what
   * the controller or the administrator has to enter themselves; a referente's list is always theirs.
   */
  readonly mine?: boolean;
}

/** The path (and query) of the worklist of `link`, to put after the app's address. */
export function worklistPath(link: WorklistLink): string {
  const query = new URLSearchParams({ period: link.periodId, open: 'worklist' });
  if (link.unitId !== undefined && link.unitId !== null) query.set('unit', link.unitId);
  if (link.state !== undefined) query.set('state', link.state);
  if (link.mine === true) query.set('mine', '1');
  return `/plans/${encodeURIComponent(link.planId)}?${query.toString()}`;
}

/** The worklist filters a plan's address asks for (`search`, its query), or null when it opens no worklist. */
export function worklistAsked(search: string): WorklistAsked | null {
  const query = new URLSearchParams(search);
  if (query.get('open') !== 'worklist') return null;
  const period = query.get('period');
  const unit = query.get('unit');
  const state = query.get('state');
  return { ...(period ? { period } : {}), ...(unit ? { unit } : {}), ...(state ? { state } : {}), ...(query.get('mine') === '1' ? { mine: true } : {}) };
}

/** A worklist's filters as an address asks them (typed by hand, it may ask a state that is none). */
export interface WorklistAsked {
  period?: string;
  unit?: string;
  state?: string;
  mine?: boolean;
}
