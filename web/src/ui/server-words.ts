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
import { ApiError, noAnswerWords } from '../api/client.js';
import { dateTextProblem } from './dates.js';
import { unexpectedError } from './refusal.js';
import { useLang, type Lang } from './format.js';
import { staleSaveWords, type StaleSave } from './stale-save.js';

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
  // The client's own words (the server unreachable, a proxy's page): by their key, no catalogue to wait for.
  if (error instanceof ApiError && error.noAnswer !== null && error.said !== lang) {
    return new ApiError(error.status, error.code, noAnswerWords(error.noAnswer, lang), error.body, lang, error.noAnswer);
  }
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

/**
 * Words of the product's catalogue (src/messages) the server answered with, kept as its code and
 * parameters, with the words as said then (`message`, in `said`): an answer that is no refusal (the
 * records assigned) or a refusal the screen says before asking (a file too large) is said again so.
 */
export interface Coded {
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly message: string;
  readonly said: Lang;
}

/** `coded` in `lang`: its words when said so already, or while the catalogue is not loaded yet (then it is asked for). */
export function codedIn(coded: Coded, lang: Lang): string {
  if (coded.said === lang) return coded.message;
  if (render === null) {
    load();
    return coded.message;
  }
  return render({ code: coded.code, message: coded.message, params: coded.params }, lang);
}

/** `inLanguage` in the screen's language, the screen drawn again when the catalogue comes. */
export function useInLanguage(): (error: unknown) => unknown {
  // The same snapshot for a render outside the browser (the screens' tests render to markup).
  useSyncExternalStore(subscribe, loaded, loaded);
  const lang = useLang();
  return (error) => inLanguage(error, lang);
}

/** A failed read's words in the screen's language: a refusal said again by its code (`inLanguage`), another error by its message. */
export function useReadError(): (error: unknown) => string {
  const { t } = useTranslation();
  const said = useInLanguage();
  return (error) => {
    const e = said(error);
    return e instanceof ApiError ? e.message : unexpectedError(e, t);
  };
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
 * (`error`), the screen's own words by catalogue key and values (`terms`: values that are words of the
 * catalogue themselves, by key: a state, a list's name; `who`: who saved meanwhile and when, said as
 * `staleSaveWords`), the server's words by code (`coded`), what a
 * date field held that is no date (`typedDate`: its problem said from that text, whatever the field
 * holds since), or words the screen says as they are.
 */
export type Kept =
  { error: unknown } | { key: string; values?: Record<string, unknown>; terms?: Record<string, string>; who?: StaleSave } | { coded: Coded } | { typedDate: string } | { words: string };

/**
 * `values` with `terms` added, each said by its key now: what a kept sentence names in words of the
 * catalogue follows the language too.
 *
 * @example withTerms({ count: 2 }, { state: 'relazione.state.validated' }, t) // → { count: 2, state: 'Validata' }
 */
export function withTerms(values: Readonly<Record<string, unknown>> | undefined, terms: Readonly<Record<string, string>> | undefined, t: (key: string) => string): Record<string, unknown> {
  return { ...values, ...Object.fromEntries(Object.entries(terms ?? {}).map(([name, key]) => [name, t(key)])) };
}

/** The problem of a date typed as `text` in `lang` ('' when it is a date after all). */
export function typedDateWords(text: string, lang: Lang, t: (key: string, values?: Record<string, unknown>) => string): string {
  const problem = dateTextProblem(text, lang);
  return problem === null ? '' : t(`common.${problem.key}`, problem.values);
}

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
  const lang = useLang();
  return (kept, refusal = wordsOf) => {
    if ('error' in kept) {
      // Whatever words the screen has for a refusal, a bug's raw message is not for the reader.
      const e = said(kept.error);
      return e instanceof ApiError ? refusal(e) : unexpectedError(e, t);
    }
    if ('key' in kept) {
      const values = kept.terms === undefined ? kept.values : withTerms(kept.values, kept.terms, t);
      return t(kept.key, kept.who === undefined ? values : { ...values, ...staleSaveWords(kept.who, lang, t('common.someoneElse')) });
    }
    if ('coded' in kept) return codedIn(kept.coded, lang);
    if ('typedDate' in kept) return typedDateWords(kept.typedDate, lang, t);
    return kept.words;
  };
}
