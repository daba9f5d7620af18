/**
 * A screen's settled marker (`data-ready` on its root, as the plan's screen has): its own read is in
 * and nothing else is being read on the page, so a script or a test acts on what stays on screen,
 * not on a screen still filling in (a list about to be replaced, a panel whose answer moves the rest).
 */
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * `own`: the screen's own read is in (its data or its refusal) and not under way again. True once
 * that holds and no read at all is under way in the query cache, in `lang`, the screen's language:
 * the root says it beside the marker (`data-lang`), so a script switching language waits for the
 * screen in the new one (e2e's `chooseLanguage`).
 *
 * Decided after the render is committed, not while rendering: the parts drawn with the screen's data
 * start their reads in their own effects, which React runs before this one (children first), so they
 * are counted; read during the render, the count missed them and the marker said «settled» for a frame.
 * The decision names the language it was made in: the first render in another language is not settled
 * (before the effect decides again, the marker said «settled» in the new language for a frame, the
 * screen still the old language's).
 *
 * @example
 * const ready = useSettled(list.data !== undefined && !list.isFetching, lang);
 * return <section data-testid="appraisals-page" data-lang={lang} data-ready={ready}>…</section>;
 */
export function useSettled(own: boolean, lang: string): boolean {
  const client = useQueryClient();
  // The count as rendered changes as reads start and end, so the screen decides again; the decision reads the count now.
  const fetching = useIsFetching();
  // The language the screen was last found settled in; null: not settled.
  const [settledIn, setSettledIn] = useState<string | null>(null);
  useEffect(() => {
    setSettledIn(own && client.isFetching() === 0 ? lang : null);
  }, [own, client, fetching, lang]);
  return settledIn === lang;
}
