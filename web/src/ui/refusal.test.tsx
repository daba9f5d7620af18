/**
 * A form says what a save's failure was: the server's refusal or the client's own words for a
 * missing answer, in the screen's language. Anything else thrown is a bug of the app's: before, its
 * raw English words («Cannot read properties of undefined») were put above the form.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';

const { default: i18next } = await import('../i18n.js');
const { useRefusal } = await import('./refusal.js');

/** What a form shows above itself for `error`. */
function Above({ error }: { error: unknown }) {
  const refusal = useRefusal('edit.errors');
  return <p>{refusal(error).general}</p>;
}

describe('a failed save said above its form', () => {
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await i18next.changeLanguage('it');
  });

  it.each([
    ['it', 'Errore imprevisto nell’applicazione: ricaricare la pagina; se si ripete, segnalarlo.'],
    ['en', 'Unexpected error in the application: reload the page; if it happens again, report it.'],
  ] as const)('says a bug in translated words, its raw text only in the console (%s)', async (lang, words) => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    await i18next.changeLanguage(lang);
    let bug: unknown;
    try {
      (undefined as unknown as { version: number }).version;
    } catch (e) {
      bug = e;
    }
    expect(bug).toBeInstanceOf(TypeError);
    const shown = renderToStaticMarkup(<Above error={bug} />);
    expect(shown).toBe(`<p>${words}</p>`);
    expect(shown).not.toContain('Cannot read properties');
    expect(console).toHaveBeenCalledWith(bug);
    // Said again on the next render (a language switch), written to the console once.
    renderToStaticMarkup(<Above error={bug} />);
    expect(console).toHaveBeenCalledTimes(1);
  });

  it("keeps saying the server's refusals and the client's own words as they are", async () => {
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    await i18next.changeLanguage('en');
    const missing = new ApiError(0, 'network', 'The server cannot be reached: check the connection and try again.', null, 'en', { key: 'unreachable', status: 0 });
    expect(renderToStaticMarkup(<Above error={missing} />)).toBe('<p>The server cannot be reached: check the connection and try again.</p>');
    const refused = new ApiError(422, 'period-locked', 'the period is closed', null, 'en');
    expect(renderToStaticMarkup(<Above error={refused} />)).not.toContain('Unexpected');
    expect(console).not.toHaveBeenCalled();
  });
});
