/**
 * The plan's own texts (its title, body, objectives, indicators, the notes the office and the OIV
 * type) are Italian (core's PLAN_TEXT_LANGUAGE): on an English screen they carry `lang="it"`, so that a
 * screen reader says them as Italian, not as English words (WCAG 2.1 SC 3.1.2, language of parts).
 * Nothing is marked on an Italian screen, whose own language holds.
 *
 * An attribute cannot carry a language of its own: an `aria-label` or a `title` quoting a plan's text
 * is read in the screen's language. Where it matters the visible text, marked, is what names the control.
 */
import { planTextLanguage } from '../../../src/core/words.js';
import { useLang } from './format.js';

/** The `lang` to give an element holding a plan's text on this screen: undefined on an Italian one. */
export function usePlanLang(): 'it' | 'en' | undefined {
  return planTextLanguage(useLang());
}

/**
 * `sentence` (the catalogue's words) split around the first `quoted` plan text in it, for that text
 * alone to be marked: the words around it stay in the screen's language.
 *
 * @example quotedParts('Body: Comune di Prova', 'Comune di Prova') // → ['Body: ', 'Comune di Prova', '']
 */
export function quotedParts(sentence: string, quoted: string): [string, string, string] | null {
  const at = quoted === '' ? -1 : sentence.indexOf(quoted);
  return at < 0 ? null : [sentence.slice(0, at), quoted, sentence.slice(at + quoted.length)];
}

/** `sentence` with the plan's text it quotes marked as the plan's language on an English screen. */
export function WithPlanText({ sentence, quoted }: { sentence: string; quoted: string }) {
  const lang = usePlanLang();
  const parts = lang === undefined ? null : quotedParts(sentence, quoted);
  if (parts === null) return <>{sentence}</>;
  return (
    <>
      {parts[0]}
      <span lang={lang}>{parts[1]}</span>
      {parts[2]}
    </>
  );
}
