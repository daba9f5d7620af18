/**
 * What the entry form says after a save: a value sent again as it stands was said «Salvato» though
 * nothing was recorded (and, sent back, it seemed to answer the request for more); a save refused
 * because another desk's came first opened with «Qualcun altro» though the refusal names who and when;
 * a save that changed nothing, with an evidence file chosen and not sent, did not say the file was
 * not attached.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import i18next from '../i18n.js';
import { messageNow, refusalMessage, savedMessage } from './save-said.js';

/** The value's refusal as the server sends it: the stored value, with who saved it and when. */
const stale = (current: Record<string, unknown>): ApiError =>
  new ApiError(409, 'conflict', 'this value was changed by controller in the meantime', {
    error: { code: 'conflict', message: '…', details: { current: { state: 'measured', actual: { kind: 'number', value: '6' }, version: 3, ...current } } },
  });

describe('the entry form after a save', () => {
  afterAll(async () => {
    await i18next.changeLanguage('it');
  });

  it.each([
    ['it', 'Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla.', '«Rispondi» in «Le mie misurazioni»'],
    ['en', 'Nothing changed: the value was already saved as it is, and nothing was recorded.', '“Answer” in “My measurements”'],
  ] as const)('says that a value sent again as it stands changed nothing and recorded nothing (%s)', async (lang, nothing, where) => {
    await i18next.changeLanguage(lang);
    const t = i18next.t.bind(i18next);
    const worklist = 'campaign.worklist';
    expect(savedMessage({ unchanged: true }, false, worklist, t)).toMatchObject({ kind: 'info', text: nothing });
    // Sent back: saving it unchanged is no answer to the request, which is answered in the worklist.
    const returned = savedMessage({ unchanged: true }, true, worklist, t).text;
    expect(returned.startsWith(`${nothing} `)).toBe(true);
    expect(returned).toContain(lang === 'it' ? 'non risponde alla richiesta di integrazione' : 'does not answer the request for more');
    expect(returned).toContain(where);
    // A save that changed the value is still said saved.
    expect(savedMessage({ unchanged: false }, true, worklist, t)).toEqual({ kind: 'success', text: t('entry.saved'), key: 'entry.saved' });
  });

  it.each([
    [
      'it',
      'Nessuna modifica: il valore era già salvato così, e non è stato registrato nulla. Il file «verbale.pdf» scelto NON è stato allegato: il salvataggio non invia i file. Premere «Carica» per allegarlo.',
    ],
    ['en', 'Nothing changed: the value was already saved as it is, and nothing was recorded. The file “verbale.pdf” chosen was NOT attached: saving does not send files. Press “Upload” to attach it.'],
  ] as const)('names the evidence file chosen and not sent, and says it was not attached, after a save that changed nothing (%s)', async (lang, said) => {
    await i18next.changeLanguage(lang);
    const t = i18next.t.bind(i18next);
    expect(savedMessage({ unchanged: true }, false, '', t, 'verbale.pdf')).toMatchObject({ kind: 'info', text: said });
    // Sent back too: both the request still waiting and the file not attached are said.
    const returned = savedMessage({ unchanged: true }, true, 'campaign.worklist', t, 'verbale.pdf').text;
    expect(returned.endsWith(said.slice(said.indexOf(lang === 'it' ? 'Il file' : 'The file')))).toBe(true);
    expect(returned).toContain(lang === 'it' ? 'non risponde alla richiesta di integrazione' : 'does not answer the request for more');
  });

  it.each([
    ['it', /^Questo valore è stato salvato da Carla Controllo il 01\/07\/2024 alle 10:30, prima di te: il tuo valore NON è stato salvato\. Valore attuale: 6\. /, 'Qualcun altro'],
    ['en', /^This value was saved by Carla Controllo on 01\/07\/2024 at 10:30, before you: your value was NOT saved\. Current value: 6\. /, 'Someone else'],
  ] as const)('names who saved the value first and when, from the refusal (%s)', async (lang, said, someone) => {
    await i18next.changeLanguage(lang);
    const t = i18next.t.bind(i18next);
    const refused = stale({ enteredBy: 'controller', enteredByName: 'Carla Controllo', updatedBy: 'controller', updatedByName: 'Carla Controllo', updatedAt: '2024-07-01T08:30:00Z' });
    const { message } = refusalMessage(refused, { unit: 'number' }, t, lang);
    expect(message.kind).toBe('warning');
    expect(message.text).toMatch(said);
    expect(message.text).not.toContain(someone);
    // A refusal naming no one (a server before this one): "someone else", the name beside the value, as before.
    const anonymous = refusalMessage(stale({ enteredBy: 'controller', enteredByName: 'Carla Controllo' }), { unit: 'number' }, t, lang).message.text;
    expect(anonymous.startsWith(`${someone} `)).toBe(true);
    expect(anonymous).toContain('6 (Carla Controllo)');
  });

  it('says a refusal and a problem shown again in the language the screen changed to', async () => {
    // Before, the message kept the words it was shown in: Italian on an English screen.
    await i18next.changeLanguage('it');
    const refused = stale({ enteredBy: 'controller', enteredByName: 'Carla Controllo', updatedBy: 'controller', updatedByName: 'Carla Controllo', updatedAt: '2024-07-01T08:30:00Z' });
    const { message } = refusalMessage(refused, { unit: 'number' }, i18next.t.bind(i18next), 'it');
    expect(message.text).toMatch(/^Questo valore è stato salvato da Carla Controllo/);
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(messageNow(message, { unit: 'number' }, t, 'en', (e) => e).text).toMatch(/^This value was saved by Carla Controllo on 01\/07\/2024 at 10:30, before you/);
    const problem = { kind: 'danger' as const, text: 'Per N.V. indicare il motivo.', key: 'entry.reasonRequired' };
    expect(messageNow(problem, { unit: 'number' }, t, 'en', (e) => e).text).toBe('For N.E. give the reason.');
    expect(messageNow({ kind: 'success', text: 'Salvato.' }, { unit: 'number' }, t, 'en', (e) => e).text).toBe('Salvato.');
  });

  it('says «saved» again in the language the screen changed to', async () => {
    // Before, «Salvato» was kept as the words it was first shown in, Italian on an English screen.
    await i18next.changeLanguage('it');
    const saved = savedMessage({ unchanged: false }, false, '', i18next.t.bind(i18next));
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(messageNow(saved, { unit: 'number' }, t, 'en', (e) => e).text).toBe(t('entry.saved'));
    expect(t('entry.saved')).not.toBe(i18next.getFixedT('it')('entry.saved'));
    const pending = { kind: 'success' as const, text: '…', key: 'entry.savedFilePending', values: { saved: 'Pratiche', file: 'verbale.pdf' } };
    expect(messageNow(pending, { unit: 'number' }, t, 'en', (e) => e).text).toBe(t('entry.savedFilePending', pending.values));
  });

  it('says «nothing changed» again in the language the screen changed to, the list and the file named in it', async () => {
    // Before, kept as the words first shown: Italian on an English screen, the list's Italian name in it.
    await i18next.changeLanguage('it');
    const unchanged = savedMessage({ unchanged: true }, true, 'campaign.worklist', i18next.t.bind(i18next), 'verbale.pdf');
    expect(unchanged.text).toContain('«Le mie misurazioni»');
    await i18next.changeLanguage('en');
    const t = i18next.t.bind(i18next);
    expect(messageNow(unchanged, { unit: 'number' }, t, 'en', (e) => e).text).toBe(
      `${t('entry.unchangedSentBack', { worklist: t('campaign.worklist') })} ${t('entry.unchangedFilePending', { file: 'verbale.pdf' })}`,
    );
    expect(messageNow(unchanged, { unit: 'number' }, t, 'en', (e) => e).text).toContain('“Answer” in “My measurements”');
    expect(messageNow(savedMessage({ unchanged: true }, false, '', i18next.getFixedT('it')), { unit: 'number' }, t, 'en', (e) => e).text).toBe(
      'Nothing changed: the value was already saved as it is, and nothing was recorded.',
    );
  });

  it.each([
    ['it', 'Errore imprevisto nell’applicazione: ricaricare la pagina; se si ripete, segnalarlo.'],
    ['en', 'Unexpected error in the application: reload the page; if it happens again, report it.'],
  ] as const)('says a fault of the app in words of the app, its raw English text in the console only (%s)', async (lang, words) => {
    await i18next.changeLanguage(lang);
    const t = i18next.t.bind(i18next);
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'value')");
    // Before, «Errore: Cannot read properties of undefined (reading 'value')» on an Italian screen.
    const { message } = refusalMessage(bug, { unit: 'number' }, t, lang);
    expect(message).toMatchObject({ kind: 'danger', text: words });
    expect(message.text).not.toContain('Cannot read');
    expect(console).toHaveBeenCalledWith(bug);
    console.mockRestore();
    // The server's refusal keeps its words, said in the reader's language by the server.
    const refused = new ApiError(422, 'invalid', 'il valore non è valido', null);
    expect(refusalMessage(refused, { unit: 'number' }, t, lang).message.text).toBe(t('common.error', { message: 'il valore non è valido' }));
  });
});
