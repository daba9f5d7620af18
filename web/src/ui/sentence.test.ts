import { describe, expect, it } from 'vitest';
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
  it("says a refusal's words, or a failure's, alone as a sentence", () => {
    expect(refusalSentence(new Error('la variazione n. 1 non contiene modifiche: apportale prima, oppure annullala'))).toBe(
      'La variazione n. 1 non contiene modifiche: apportale prima, oppure annullala.',
    );
    expect(refusalSentence('failed to fetch')).toBe('Failed to fetch.');
  });
});
