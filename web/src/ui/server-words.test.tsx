/**
 * What a screen keeps to say (`Kept`) is said in the screen's language on each render: its own
 * problem by key, the server's refusal by its code and parameters. Kept as words (what the screens
 * did), a refusal stayed in the language it was first shown in after the reader changed it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApiError, request } from '../api/client.js';
import type { IssueDocument } from '../api/types.js';

const { default: i18next } = await import('../i18n.js');
const { codedIn, inLanguage, useKept, useReadError, withTerms } = await import('./server-words.js');

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

  it('says a date typed that is no date from the text typed, in the screen’s language', async () => {
    // Before, its words were made again from what the field held at the change: a field corrected
    // since (or emptied) left them in the language they were first shown in.
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<Said kept={{ typedDate: '31/02/2024' }} />)).toBe('<p>La data 31/02/2024 non esiste: febbraio 2024 ha 29 giorni.</p>');
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<Said kept={{ typedDate: '31/02/2024' }} />)).toBe('<p>The date 31/02/2024 does not exist: February 2024 has 29 days.</p>');
    expect(renderToStaticMarkup(<Said kept={{ typedDate: '12/03' }} />)).toBe('<p>Incomplete date: write the day, month and year (dd/mm/yyyy), or clear it.</p>');
  });

  it('says a key’s values that are words of the catalogue by their own keys', async () => {
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(withTerms({ count: 2 }, { state: 'relazione.state.validated' }, t)).toEqual({ count: 2, state: t('relazione.state.validated') });
    expect(renderToStaticMarkup(<Said kept={{ key: 'relazione.review.decided', terms: { state: 'relazione.state.validated' } }} />)).toBe(
      `<p>${t('relazione.review.decided', { state: t('relazione.state.validated') })}</p>`,
    );
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<Said kept={{ key: 'relazione.review.decided', terms: { state: 'relazione.state.validated' } }} />)).toBe('<p>Decisione registrata: Validata.</p>');
  });

  it('says the server’s words kept by their code and parameters in the screen’s language, once the catalogue came', async () => {
    // The records assigned (StrandedRecords), a file too large (EvidencePanel): before, kept as the words first shown.
    const assigned = {
      code: 'stranded-assigned',
      params: { organisation: 'Ufficio Vecchio', year: 2024, to: 'Ufficio Nuovo', moved: 3 },
      message: '3 registrazioni del 2024 di «Ufficio Vecchio» attribuite a «Ufficio Nuovo»',
      said: 'it' as const,
    };
    expect(codedIn(assigned, 'it')).toBe(assigned.message);
    await vi.waitFor(() => expect(codedIn(assigned, 'en')).not.toBe(assigned.message));
    expect(codedIn(assigned, 'en')).toBe('3 records of 2024 under “Ufficio Vecchio” assigned to “Ufficio Nuovo”');
    const tooLarge = { code: 'evidence-too-large', params: { limit: 1048576 }, message: 'too large', said: 'it' as const };
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<Said kept={{ coded: tooLarge }} />)).toBe('<p>the file is larger than the 1 MB limit for evidence: it was not stored</p>');
    await i18next.changeLanguage('it');
  });

  it('says a failed read in the screen’s language: a refusal by its code, a bug in words of the app (its raw text in the console)', async () => {
    // Before, the panels (audit, explanation, years, changes, the plan's tree) showed the error's message as it came.
    function ReadFailed({ error }: { error: unknown }) {
      const readError = useReadError();
      return <p>{readError(error)}</p>;
    }
    const refused = new ApiError(
      404,
      'not-found',
      "non esiste un piano con l'id 7",
      { error: { code: 'not-found', message: "non esiste un piano con l'id 7", params: { what: 'plan', id: '7' } } },
      'it',
    );
    await vi.waitFor(() => expect(inLanguage(refused, 'en')).not.toBe(refused));
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<ReadFailed error={refused} />)).toBe(`<p>${(inLanguage(refused, 'en') as ApiError).message}</p>`);
    expect(renderToStaticMarkup(<ReadFailed error={refused} />)).not.toContain('non esiste');
    // The client turns the network's own failures into its words (an ApiError): anything else thrown is a bug.
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'code')");
    expect(renderToStaticMarkup(<ReadFailed error={bug} />)).toBe('<p>Unexpected error in the application: reload the page; if it happens again, report it.</p>');
    expect(console).toHaveBeenCalledWith(bug);
    console.mockRestore();
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<ReadFailed error={refused} />)).toBe('<p>non esiste un piano con l&#x27;id 7</p>');
  });

  it('says the client’s own words for no answer (the server unreachable, a proxy’s page) again in the screen’s language', async () => {
    // Before, said once in the language of the moment: an Italian sentence stayed on an English screen.
    const failed = async (fetched: () => Promise<Response>): Promise<unknown> => {
      vi.stubGlobal('fetch', vi.fn(fetched));
      try {
        return await request('PUT', '/api/plans/1/nodes/B.1/variances/2024-06-30', {}).then(
          () => null,
          (e: unknown) => e,
        );
      } finally {
        vi.unstubAllGlobals();
      }
    };
    const unreachable = await failed(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(unreachable).toMatchObject({ status: 0, code: 'network', message: 'Il server non è raggiungibile: controllare la connessione e riprovare.' });
    expect(inLanguage(unreachable, 'en')).toMatchObject({ status: 0, code: 'network', message: 'The server cannot be reached: check the connection and try again.', said: 'en' });
    expect(inLanguage(unreachable, 'it')).toBe(unreachable);
    const proxy = await failed(async () => new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(inLanguage(proxy, 'en')).toMatchObject({ status: 502, code: 'http-502', message: 'The server did not answer (502): try again shortly.' });
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<Said kept={{ error: unreachable }} />)).toBe('<p>The server cannot be reached: check the connection and try again.</p>');
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<Said kept={{ error: inLanguage(unreachable, 'en') }} />)).toBe('<p>Il server non è raggiungibile: controllare la connessione e riprovare.</p>');
  });

  it('says a sentence kept with who saved meanwhile and when in the screen’s language and notation', async () => {
    const kept = { key: 'campaign.forecast.conflictBy', who: { by: 'Giulia Ferri', at: '2024-07-01T08:30:00Z' } };
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<Said kept={kept} />)).toMatch(/^<p>Nel frattempo Giulia Ferri ha salvato questa previsione il 01\/07\/2024 alle \d{2}:30\./);
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<Said kept={kept} />)).toMatch(/^<p>This forecast was saved meanwhile by Giulia Ferri on .*2024 at .*30/);
    expect(renderToStaticMarkup(<Said kept={{ ...kept, who: { by: null, at: null } }} />)).toContain('by someone else on — at —');
    await i18next.changeLanguage('it');
  });
});
