/**
 * What a screen keeps to say (`Kept`) is said in the screen's language on each render: its own
 * problem by key, the server's refusal by its code and parameters. Kept as words (what the screens
 * did), a refusal stayed in the language it was first shown in after the reader changed it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import type { IssueDocument } from '../api/types.js';

const { default: i18next } = await import('../i18n.js');
const { inLanguage, useKept } = await import('./server-words.js');

/** HR's new form refused in Italian: the part-time above 100 at the assignment of one office. */
function refusedInItalian(): ApiError {
  const issue = {
    severity: 'error',
    code: 'part-time',
    message: 'Ufficio Transizione: la percentuale di part-time deve essere sopra 0 e al più 100',
    params: { unit: 'Ufficio Transizione' },
    location: { field: 'assignments.0.partTime' },
  } as unknown as IssueDocument;
  return new ApiError(422, 'invalid-body', 'richiesta non valida', { error: { code: 'invalid-body', message: 'richiesta non valida', issues: [issue] } }, 'it');
}

/** What a screen shows of `kept`: a refusal by the words of its first issue. */
function Said({ kept }: { kept: Parameters<ReturnType<typeof useKept>>[0] }) {
  const say = useKept();
  return <p>{say(kept, (e) => (e instanceof ApiError ? (e.body?.error.issues?.[0]?.message ?? e.message) : String(e)))}</p>;
}

describe('what a screen keeps to say, said in its language', () => {
  afterAll(async () => {
    await i18next.changeLanguage('it');
  });

  it.each([
    ['it', 'Scegliere un file.'],
    ['en', 'Choose a file.'],
  ] as const)('says its own problem by key in the screen’s language (%s)', async (lang, words) => {
    await i18next.changeLanguage(lang);
    expect(renderToStaticMarkup(<Said kept={{ key: 'units.noFile' }} />)).toBe(`<p>${words}</p>`);
  });

  it('says a refusal kept as the server’s answer again by its code and parameters, once the catalogue came', async () => {
    const refused = refusedInItalian();
    // The catalogue is its own chunk: asked for on the first change of language over a refusal.
    await vi.waitFor(() => expect(inLanguage(refused, 'en')).not.toBe(refused));
    const english = inLanguage(refused, 'en') as ApiError;
    expect(english.said).toBe('en');
    expect(english.body?.error.issues?.[0]?.message).toBe('Ufficio Transizione: the part-time percentage must be above 0 and at most 100');
    // Said in the language it came in, it is itself.
    expect(inLanguage(refused, 'it')).toBe(refused);

    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<Said kept={{ error: refused }} />)).toBe('<p>Ufficio Transizione: the part-time percentage must be above 0 and at most 100</p>');
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<Said kept={{ error: refused }} />)).toBe('<p>Ufficio Transizione: la percentuale di part-time deve essere sopra 0 e al più 100</p>');
  });

  it('says the words the screen says again itself as they are', () => {
    expect(renderToStaticMarkup(<Said kept={{ words: 'Data incompleta' }} />)).toBe('<p>Data incompleta</p>');
  });
});
