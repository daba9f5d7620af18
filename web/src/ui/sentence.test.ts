import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import i18next from '../i18n.js';
import { refusalSentence, sentence } from './sentence.js';

describe('sentence', () => {
  it('capitalises a clause of the server and ends it with a full stop, in Italian and English', () => {
    expect(sentence('nessuno valuta sé stesso: scegliere un altro valutatore')).toBe('Nessuno valuta sé stesso: scegliere un altro valutatore.');
    expect(sentence('nobody evaluates themselves: choose another evaluator')).toBe('Nobody evaluates themselves: choose another evaluator.');
    expect(sentence("è la tua scheda (l'OIV: le schede dei dirigenti)")).toBe("È la tua scheda (l'OIV: le schede dei dirigenti).");
  });

  it('leaves a sentence as it is: said twice, it is said the same', () => {
    expect(sentence('Già una frase.')).toBe('Già una frase.');
    expect(sentence(sentence('a weight from 0 to 100'))).toBe('A weight from 0 to 100.');
    expect(sentence('«A.1» non esiste?')).toBe('«A.1» non esiste?');
    expect(sentence('')).toBe('');
  });
});

describe('refusalSentence', () => {
  it("says a refusal's words, or a screen's own, alone as a sentence", () => {
    expect(refusalSentence(new ApiError(409, 'revision-state', 'la variazione n. 1 non contiene modifiche: apportale prima, oppure annullala', null))).toBe(
      'La variazione n. 1 non contiene modifiche: apportale prima, oppure annullala.',
    );
    expect(refusalSentence('failed to fetch')).toBe('Failed to fetch.');
  });

  it.each([
    ['it', 'Errore imprevisto nell’applicazione: ricaricare la pagina; se si ripete, segnalarlo.'],
    ['en', 'Unexpected error in the application: reload the page; if it happens again, report it.'],
  ] as const)('says a fault of the app in the screen’s language, its raw English in the console only (%s)', async (lang, words) => {
    // Before, «Cannot read properties of undefined (reading 'state')» as a sentence on the screen
    // (the SMVP page, the periods, the Relazione, an edit refused).
    await i18next.changeLanguage(lang);
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'state')");
    expect(refusalSentence(bug)).toBe(words);
    expect(console).toHaveBeenCalledWith(bug);
    console.mockRestore();
    await i18next.changeLanguage('it');
  });
});
