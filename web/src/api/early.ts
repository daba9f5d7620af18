/**
 * The first screen's reads, started while the app's script is still arriving (issue 15 §4): the
 * session, and a plan's summary and tree when the address is a plan's. This module is its own
 * small entry in index.html, before the app, and imports nothing, so it runs as soon as the page
 * is parsed; without it the session, then the plan and the tree, waited for the whole script to be
 * parsed and run and for the first render.
 *
 * `request` (client.ts) takes an early read in place of its own fetch when the same GET is asked
 * for in the same language, once. Any write forgets them all (a sign-in, a sign-out, a change would
 * make them stale), and so does time: a read not taken within `FRESH_MS` is left alone.
 */

interface EarlyRead {
  lang: 'it' | 'en';
  at: number;
  response: Promise<Response>;
}

const FRESH_MS = 10_000;
const reads = new Map<string, EarlyRead>();

/** The language i18n.ts starts in (its stored choice), which `request` sends as Accept-Language and the tree's `?lang=`. */
function startLanguage(): 'it' | 'en' {
  try {
    return localStorage.getItem('albero.lang') === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

/** The plan a page address opens (App.tsx's routes: `/plans/<id>`, or the older `#/plans/<id>`), as it goes in an API path; or null. */
export function planOfAddress(location: Pick<Location, 'pathname' | 'hash'>): string | null {
  const route = location.hash.startsWith('#/') ? location.hash.slice(1) : location.pathname.replace(/\/+$/, '');
  const match = /^\/plans\/([^/?#]+)$/.exec(route);
  if (match === null) return null;
  try {
    // As App.tsx reads it (decoded) and client.ts writes it in a path (encoded), so the paths match.
    return encodeURIComponent(decodeURIComponent(match[1]!));
  } catch {
    return null;
  }
}

/**
 * The period a page address names (`?period=`, a shared link's), or null: the server's default.
 * early.ts, main.tsx and the plan's screen read it alike, so that the tree asked for early is the
 * one the screen shows (it read the default period's first, and then the one named).
 */
export function periodOfAddress(location: Pick<Location, 'search'>): string | null {
  const period = new URLSearchParams(location.search).get('period');
  return period === null || period === '' ? null : period;
}

function start(path: string, lang: 'it' | 'en'): void {
  const response = fetch(path, { headers: { Accept: 'application/json', 'Accept-Language': lang }, credentials: 'same-origin' });
  // A read nobody takes must not report an unhandled rejection; whoever takes it sees the failure.
  response.catch(() => undefined);
  reads.set(path, { lang, at: performance.now(), response });
}

/** The early read of `GET path` in `lang`, taken once; undefined when there is none (or it is stale). */
export function takeEarly(path: string, lang: string): Promise<Response> | undefined {
  const read = reads.get(path);
  if (read === undefined) return undefined;
  reads.delete(path);
  return read.lang === lang && performance.now() - read.at <= FRESH_MS ? read.response : undefined;
}

/** Forgets every early read (a write may have changed what they say). */
export function forgetEarly(): void {
  reads.clear();
}

if (typeof window !== 'undefined' && typeof fetch === 'function') {
  const lang = startLanguage();
  start('/api/session', lang);
  const plan = planOfAddress(window.location);
  if (plan !== null) {
    start(`/api/plans/${plan}`, lang);
    const period = periodOfAddress(window.location);
    // As client.ts writes the query (`query({ period, lang })`), so that `takeEarly` finds it: the
    // tree in the screen's language, which says the program's reasons and the amounts in it.
    start(`/api/plans/${plan}/tree?${new URLSearchParams({ ...(period === null ? {} : { period }), lang }).toString()}`, lang);
  }
}
