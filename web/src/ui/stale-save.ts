/**
 * A save refused because another desk saved the same thing after this screen read it (409
 * `conflict` with `details.current: {version, updatedBy, updatedByName, updatedAt}`: a plan's own fields, a period,
 * a revision): who saved it and when, in the screen's words. Nothing was saved; the form keeps what
 * was typed until the reader reads the record again.
 */
import { ApiError } from '../api/client.js';
import { momentParts, type Lang } from './format.js';

export interface StaleSave {
  readonly by: string | null;
  readonly at: string | null;
}

/** The refusal's who and when, or null when `e` is any other refusal (or none). */
export function staleSaveOf(e: unknown): StaleSave | null {
  if (!(e instanceof ApiError) || e.status !== 409 || e.code !== 'conflict') return null;
  const current = e.body?.error.details?.current as Record<string, unknown> | undefined;
  if (current === undefined || typeof current.version !== 'number' || !('updatedBy' in current)) return null;
  // By name (`updatedByName`, the server's words for the program and the command line too); the login from a server before it.
  const by = typeof current.updatedByName === 'string' ? current.updatedByName : typeof current.updatedBy === 'string' ? current.updatedBy : null;
  return { by, at: typeof current.updatedAt === 'string' ? current.updatedAt : null };
}

/** The words of `common.staleSave` for it: who (or "someone else"), the day and the time of their save. */
export function staleSaveWords(s: StaleSave, lang: Lang, someone: string): { by: string; day: string; time: string } {
  return { by: s.by ?? someone, ...(s.at === null ? { day: '—', time: '—' } : momentParts(s.at, lang)) };
}
