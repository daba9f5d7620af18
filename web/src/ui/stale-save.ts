/**
 * A save refused because another desk saved the same thing after this screen read it (409
 * `conflict` with `details.current: {version, updatedBy, updatedByName, updatedAt}`: a plan's own fields, a period,
 * a revision): who saved it and when, in the screen's words. Nothing was saved; the form keeps what
 * was typed until the reader reads the record again.
 */
import { ApiError } from '../api/client.js';
import { momentParts, type Lang } from './format.js';
import type { Kept } from './server-words.js';

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

/**
 * What a screen says of a save refused because another desk's came first: its `named` words with who
 * and when (`staleSaveWords`), or its `anonymous` words ("someone else") when the refusal names no one
 * and no moment; null when `e` is no such refusal (the screen says it as any other).
 *
 * @example staleSaid(<409 conflict, current {version: 2, updatedByName: 'Giulia Ferri', updatedAt: '2024-07-01T08:30:00Z'}>, 'it', t, { named: 'units.errors.conflictBy', anonymous: 'units.errors.conflict' })
 *   // → t('units.errors.conflictBy', { by: 'Giulia Ferri', day: '01/07/2024', time: '10:30' })
 */
export function staleSaid(e: unknown, lang: Lang, t: (key: string, params?: Record<string, string>) => string, keys: { named: string; anonymous: string }): string | null {
  if (!(e instanceof ApiError) || e.code !== 'conflict') return null;
  const clash = staleSaveOf(e);
  if (clash === null || (clash.by === null && clash.at === null)) return t(keys.anonymous);
  return t(keys.named, staleSaveWords(clash, lang, t('common.someoneElse')));
}

/**
 * `staleSaid` kept to be said on each render (`useKept`): the key with who and when (`who`), so a
 * change of language says the sentence again, the moment in the new notation; null as `staleSaid`.
 */
export function staleKept(e: unknown, keys: { named: string; anonymous: string }): Kept | null {
  if (!(e instanceof ApiError) || e.code !== 'conflict') return null;
  const clash = staleSaveOf(e);
  return clash === null || (clash.by === null && clash.at === null) ? { key: keys.anonymous } : { key: keys.named, who: clash };
}
