import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { keptFile, movedBy, say, unsavedSections } from './kept.js';
import { words } from './i18n.js';

const SECTIONS = ['presentazione', 'contesto-esterno', 'contesto-interno', 'obiettivi'];

describe('texts typed in the Relazione and not saved, kept when it can no longer take them', () => {
  it('keeps only the sections typed differently from the stored text, in the document’s order, leaving out the emptied ones', () => {
    const stored = { presentazione: 'Bozza.', 'contesto-esterno': 'Esterno.', 'contesto-interno': 'Interno.' };
    const typed = { obiettivi: 'Obiettivi nuovi.', presentazione: 'Bozza rivista.', 'contesto-esterno': 'Esterno.', 'contesto-interno': '' };
    expect(unsavedSections(SECTIONS, typed, stored)).toEqual([
      { key: 'presentazione', text: 'Bozza rivista.' },
      { key: 'obiettivi', text: 'Obiettivi nuovi.' },
    ]);
  });

  it('writes them as one plain text, each under its title', () => {
    expect(
      keptFile([
        { title: 'Presentazione', text: 'Bozza rivista.' },
        { title: 'Obiettivi', text: 'Riga una.\nRiga due.' },
      ]),
    ).toBe('Presentazione\n\nBozza rivista.\n\n\nObiettivi\n\nRiga una.\nRiga due.\n');
  });

  it('names who decided for a decision, who transmitted only when the last save is the transmission', () => {
    const base = { decidedAt: null, decidedBy: null, decidedByName: null, transmittedAt: '2026-03-02T09:00:00Z', updatedAt: '2026-03-02T09:00:00Z', updatedBy: 'admin', updatedByName: 'Anna Rossi' };
    expect(movedBy({ ...base, state: 'transmitted' })).toEqual({ by: 'Anna Rossi', at: '2026-03-02T09:00:00Z' });
    // The OIV saved its review since: the last save is not the transmission.
    expect(movedBy({ ...base, state: 'transmitted', updatedAt: '2026-03-03T10:00:00Z', updatedByName: 'OIV' })).toEqual({ by: null, at: '2026-03-02T09:00:00Z' });
    expect(movedBy({ ...base, state: 'validated', decidedAt: '2026-04-01T08:00:00Z', decidedBy: 'oiv', decidedByName: 'Paolo Verdi' })).toEqual({ by: 'Paolo Verdi', at: '2026-04-01T08:00:00Z' });
  });
});

describe('who saved the Relazione and when, said again in the language chosen after it was said', () => {
  it('says the same key and moment in Italian, then in English with the English notation', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'it',
      interpolation: { escapeValue: false },
      resources: { it: { translation: { ...words.it, common: { someoneElse: 'qualcun altro' } } }, en: { translation: { ...words.en, common: { someoneElse: 'someone else' } } } },
    });
    const said = { key: 'relazione.carried.theirsHere', who: { by: 'Anna Rossi', at: '2026-03-02T16:05:00Z' } };
    expect(say(said, i18n.t, 'it')).toBe('Cambiata da Anna Rossi il 02/03/2026 alle 17:05: è mostrato il suo testo.');
    await i18n.changeLanguage('en');
    expect(say(said, i18n.t, 'en')).toBe('Changed by Anna Rossi on 02/03/2026 at 17:05: their text is shown.');
    expect(say({ key: 'relazione.carried.theirsHere', who: { by: null, at: null } }, i18n.t, 'en')).toBe('Changed by someone else on — at —: their text is shown.');
  });
});

describe('the OIV’s decision said again in the language chosen after it was said', () => {
  it('names the state decided by its key, so that a change of language names it in the new one', async () => {
    // Before, the state was put in the sentence as words: «Validata» stayed on an English screen.
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'it', interpolation: { escapeValue: false }, resources: { it: { translation: words.it }, en: { translation: words.en } } });
    const decided = { key: 'relazione.review.decided', terms: { state: 'relazione.state.validated_with_reservations' } };
    expect(say(decided, i18n.t, 'it')).toBe('Decisione registrata: Validata con riserva.');
    await i18n.changeLanguage('en');
    expect(say(decided, i18n.t, 'en')).toBe(`Decision recorded: ${i18n.t('relazione.state.validated_with_reservations')}.`);
    expect(say(decided, i18n.t, 'en')).not.toContain('Validata');
  });
});
