/**
 * What a person typed in an entry form and did not save, and the evidence file they chose and did
 * not send, kept by reader, plan, period and indicator (`draftKey`).
 *
 * Leaving the form (another indicator, another period, another screen) dropped both without a word,
 * and a reload or a closed tab dropped the fields too. The fields are kept in the browser's
 * localStorage, so they come back after a reload or on another day; the file cannot be (a `File` is
 * not text, and a page may not choose a file from the disk by itself): it is kept in memory while
 * the page lives, and only its name is written down, so that after a reload the referente is told
 * which file to choose again. Before the page unloads with either unsent, the browser asks
 * (`useUnsentWarning`).
 *
 * Every key begins with the reader's id and username: another account signed in on the same browser
 * never reads them, and signing out forgets the reader's own (`forgetReader`).
 *
 * An office's PC is often shared, and a session that expired (the browser closed, the day over)
 * leaves the drafts on its disk with no one signed out to forget them. So a draft carries the moment
 * it was last typed in and lasts `DRAFT_LIFETIME_MS` (four days: a long weekend) from it: older, it
 * is removed when the app starts (`forgetStale`) and never read again; and an account signing in on
 * the browser removes every other account's drafts (`keepOnlyReader`). The person whose session
 * expired, signing in again within those days, finds their own drafts: that is why they are kept.
 */
import { useEffect } from 'react';
import { MEASUREMENT_STATES, type MeasurementState } from '../../../src/core/model.js';
import type { User } from '../api/types.js';
import type { Lang } from '../ui/format.js';

/** The fields a person types in the entry form, as the form holds them. */
export interface Typed {
  state: MeasurementState;
  actual: string;
  measures: Record<string, string>;
  reason: string;
  evidence: string;
  source: string;
  notes: string;
  autoMeasured: boolean;
}

/**
 * A draft as kept: the fields, the language whose notation their numbers are in and the version of
 * the stored value they were typed on (a save of the draft names it, so another desk's save made
 * since is a conflict the person is told of, not an overwrite); the name of the file chosen and not sent.
 */
interface Kept {
  fields: (Typed & { lang: Lang; version?: number }) | null;
  file: string | null;
  /** When it was last written (ms since the epoch): a draft is forgotten `DRAFT_LIFETIME_MS` after it. */
  at: number;
}

const PREFIX = 'albero.draft.';

/** How long a draft is kept after it was last typed in: four days, so Friday's draft is there after a long weekend, and no longer on a shared PC. */
export const DRAFT_LIFETIME_MS = 4 * 24 * 60 * 60 * 1000;

/** Past its lifetime (or dated in the future by more than a lifetime: a clock put right, or a hand edit). */
const stale = (kept: Kept, now: number): boolean => now - kept.at > DRAFT_LIFETIME_MS || kept.at - now > DRAFT_LIFETIME_MS;

/** The reader part of a key: the username too, so a database made again, whose ids start over, never hands one account's drafts to another. */
function owner(user: Pick<User, 'id' | 'username'>): string {
  return `${PREFIX}${encodeURIComponent(user.id)}:${encodeURIComponent(user.username)}|`;
}

/** Where the draft of one value is kept. */
export function draftKey(user: Pick<User, 'id' | 'username'>, { planId, periodId, indicatorId }: { planId: string | number; periodId: string; indicatorId: string }): string {
  return `${owner(user)}${encodeURIComponent(String(planId))}|${encodeURIComponent(periodId)}|${encodeURIComponent(indicatorId)}`;
}

/**
 * The page's copy of what is kept. localStorage may refuse (full, or disabled by the browser's
 * privacy settings): the draft then still lives as long as the page, as it did before.
 */
const memory = new Map<string, Kept>();
/** The files chosen and not sent, by key: the page's alone. */
const files = new Map<string, File>();
/** The keys whose fields were typed on this page and are still unsaved: what the warning on leaving is about. */
const typedHere = new Set<string>();

const STATES: ReadonlySet<string> = new Set(MEASUREMENT_STATES);
const TEXTS = ['actual', 'reason', 'evidence', 'source', 'notes'] as const;

/** A draft read back from storage, or null if it is not one (written by another version of the app, or edited by hand). */
function parse(text: string | null): Kept | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { fields, file, at } = value as Record<string, unknown>;
  if (file !== null && typeof file !== 'string') return null;
  // A draft written before drafts were dated has no time: it cannot be told fresh, and is not kept.
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (fields === null) return { fields: null, file, at };
  if (typeof fields !== 'object') return null;
  const f = fields as Record<string, unknown>;
  const measures = f.measures;
  const wellFormed =
    typeof f.state === 'string' &&
    STATES.has(f.state) &&
    TEXTS.every((name) => typeof f[name] === 'string') &&
    typeof f.autoMeasured === 'boolean' &&
    (f.lang === 'it' || f.lang === 'en') &&
    (f.version === undefined || (typeof f.version === 'number' && Number.isInteger(f.version) && f.version >= 0)) &&
    typeof measures === 'object' &&
    measures !== null &&
    Object.values(measures).every((m) => typeof m === 'string');
  return wellFormed ? { fields: f as unknown as Typed & { lang: Lang; version?: number }, file, at } : null;
}

/** The draft kept for `key`, if it is still fresh: a stale one is removed as it is met (a page left open for days). */
function read(key: string): Kept | null {
  let found = memory.get(key) ?? null;
  if (found === null) {
    try {
      found = parse(window.localStorage.getItem(key));
    } catch {
      // Storage refused: nothing kept from before this page.
    }
  }
  if (found !== null && stale(found, Date.now())) {
    forget(key);
    return null;
  }
  if (found !== null) memory.set(key, found);
  return found;
}

/** `key`'s draft gone, from the page and from storage. */
function forget(key: string): void {
  memory.delete(key);
  files.delete(key);
  typedHere.delete(key);
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage refused: nothing was written there.
  }
}

/** The draft keys in storage. */
function storedKeys(): string[] {
  const keys: string[] = [];
  try {
    for (let k = 0; k < window.localStorage.length; k++) {
      const key = window.localStorage.key(k);
      if (key?.startsWith(PREFIX) === true) keys.push(key);
    }
  } catch {
    // Storage refused: nothing of ours is there.
  }
  return keys;
}

function write(key: string, fresh: Omit<Kept, 'at'>): void {
  const kept: Kept = { ...fresh, at: Date.now() };
  const empty = kept.fields === null && kept.file === null;
  if (empty) memory.delete(key);
  else memory.set(key, kept);
  try {
    if (empty) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // Full or refused: the page's copy above still holds it while the page lives.
  }
}

/**
 * The fields kept for `key`, with the language whose notation their numbers were typed in and the
 * version of the stored value they were typed on (null: a draft kept before versions were); null when none.
 */
export function keptFields(key: string): { typed: Typed; lang: Lang; version: number | null } | null {
  const fields = read(key)?.fields ?? null;
  if (fields === null) return null;
  const { lang, version, ...typed } = fields;
  return { typed, lang, version: version ?? null };
}

/** The fields typed and not saved, in `lang`'s notation, on version `version` of the stored value. */
export function keepFields(key: string, typed: Typed, lang: Lang, version: number): void {
  typedHere.add(key);
  write(key, { fields: { ...typed, lang, version }, file: read(key)?.file ?? null });
}

/** Saved, or typed back to the stored value: nothing to keep. */
export function forgetFields(key: string): void {
  typedHere.delete(key);
  const kept = read(key);
  if (kept !== null && kept.fields !== null) write(key, { ...kept, fields: null });
}

/** The file chosen for `key` and not sent, while this page lives. */
export function keptFile(key: string): File | null {
  return files.get(key) ?? null;
}

/** The name of a file chosen for `key` before the page was loaded again and not sent: it must be chosen again. */
export function fileToChooseAgain(key: string): string | null {
  return files.has(key) ? null : (read(key)?.file ?? null);
}

export function keepFile(key: string, file: File): void {
  files.set(key, file);
  write(key, { fields: read(key)?.fields ?? null, file: file.name });
}

/** Sent, or taken away: no file waits for `key` any more (nor one to choose again). */
export function forgetFile(key: string): void {
  files.delete(key);
  const kept = read(key);
  if (kept !== null && kept.file !== null) write(key, { ...kept, file: null });
}

/** Every draft key, on this page and in storage. */
const allKeys = (): Set<string> => new Set([...memory.keys(), ...files.keys(), ...typedHere, ...storedKeys()]);

/** Signing out: the reader's drafts go, on this page and in storage. */
export function forgetReader(user: Pick<User, 'id' | 'username'>): void {
  const prefix = owner(user);
  for (const key of allKeys()) if (key.startsWith(prefix)) forget(key);
}

/**
 * `user` signed in on this browser: every other account's drafts go, on this page and in storage
 * (a shared PC's previous person, whose session expired without signing out). The reader's own stay.
 */
export function keepOnlyReader(user: Pick<User, 'id' | 'username'>): void {
  const prefix = owner(user);
  for (const key of allKeys()) if (!key.startsWith(prefix)) forget(key);
}

/**
 * The app starting: drafts past their lifetime, and any that cannot be read as one (another
 * version's, a hand edit), are removed from storage before anyone signs in.
 */
export function forgetStale(now: number = Date.now()): void {
  for (const key of storedKeys()) {
    let kept: Kept | null = null;
    try {
      kept = parse(window.localStorage.getItem(key));
    } catch {
      // Storage refused: read as nothing, removed below if it can be.
    }
    if (kept === null || stale(kept, now)) forget(key);
  }
}

/** Would leaving the page now lose something of the reader's: a file chosen and not sent, fields typed here and not saved? */
export function unsent(user: Pick<User, 'id' | 'username'>): boolean {
  const prefix = owner(user);
  return [...files.keys(), ...typedHere].some((key) => key.startsWith(prefix));
}

/**
 * While `user` is signed in, the browser asks before the page unloads (a reload, the tab closed,
 * another address) with a file chosen and not sent (it cannot be kept) or fields typed and not
 * saved. Browsers say their own words in that dialog; the form says which file to choose again
 * once the page is back.
 */
export function useUnsentWarning(user: Pick<User, 'id' | 'username'> | null): void {
  const id = user?.id ?? null;
  const username = user?.username ?? null;
  useEffect(() => {
    if (id === null || username === null) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (!unsent({ id, username })) return;
      e.preventDefault();
      // Older browsers ask only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [id, username]);
}
