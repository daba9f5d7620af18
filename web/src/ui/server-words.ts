/**
 * A refusal of the server said in the screen's language, whatever language it was asked in. The
 * server says its refusals in the language the request asked (`Accept-Language`: the screen's then),
 * so a refusal kept on screen (in a dialog, whose own selector changes the language) stayed in that
 * language while everything around it changed. Its code and parameters (`error.params`, and each
 * issue's) are kept with it; said again here with the product's one catalogue (src/messages), loaded
 * on the first change of language that needs it (its own chunk: most readers never change language
 * over a refusal), the screen drawn again once it came.
 */
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useLang, type Lang } from './format.js';

type Renderer = (coded: { code: string; message: string; params?: Record<string, unknown> | null }, language: Lang) => string;

let render: Renderer | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function load(): void {
  loading ??= import('../../../src/messages/index.js').then(
    (catalogue) => {
      render = catalogue.renderCoded as Renderer;
      for (const listener of listeners) listener();
    },
    () => {
      // Not loaded (the network gone): the refusal stays in the words it came with; another try later.
      loading = null;
    },
  );
}

/**
 * `error` said in `lang`: itself when it is no `ApiError`, when it was said in `lang` already, or
 * when the catalogue is not loaded yet (then it is asked for); else a copy with its message and its
 * issues' said again by code and parameters (those without parameters keep their words).
 */
export function inLanguage(error: unknown, lang: Lang): unknown {
  if (!(error instanceof ApiError) || error.said === null || error.said === lang || error.body === null) return error;
  if (render === null) {
    load();
    return error;
  }
  const say = render;
  const { body } = error;
  const message = say({ code: error.code, message: error.message, params: body.error.params ?? null }, lang);
  const issues = body.error.issues?.map((issue) => ({ ...issue, message: say({ code: issue.code, message: issue.message, params: (issue.params ?? null) as Record<string, unknown> | null }, lang) }));
  return new ApiError(error.status, error.code, message, { error: { ...body.error, message, ...(issues === undefined ? {} : { issues }) } }, lang);
}

/** `inLanguage` in the screen's language, the screen drawn again when the catalogue comes. */
export function useInLanguage(): (error: unknown) => unknown {
  // The same snapshot for a render outside the browser (the screens' tests render to markup).
  useSyncExternalStore(subscribe, loaded, loaded);
  const lang = useLang();
  return (error) => inLanguage(error, lang);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const loaded = (): boolean => render !== null;

/** A refusal's own words, for a screen that has none of its own to put around them. */
const wordsOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * What a screen keeps to say, to be said on each render in its language: a refusal as it was thrown
 * (`error`), the screen's own words by catalogue key and values, or words the screen says again
 * itself on a change of language (a typed date's problem, `useTypedDatesInLanguage`).
 */
export type Kept = { error: unknown } | { key: string; values?: Record<string, unknown> } | { words: string };

/**
 * `Kept` said now: a refusal by the screen's own `refusal` words (its message when none), given it
 * said in the screen's language (`inLanguage`), a key by the catalogue. A notice (saved, closed,
 * approved) is kept as its key and values, so a change of language says it again.
 *
 * @example const say = useKept(); … {kept !== null && say(kept, (e) => sentence(messageOf(e)))}
 */
export function useKept(): (kept: Kept, refusal?: (error: unknown) => string) => string {
  const { t } = useTranslation();
  const said = useInLanguage();
  return (kept, refusal = wordsOf) => ('error' in kept ? refusal(said(kept.error)) : 'key' in kept ? t(kept.key, kept.values) : kept.words);
}
