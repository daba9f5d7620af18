/**
 * A save refused because another desk's came first is said with who saved and when on every screen
 * that has its own words for it (the unit dialog, the tree's edit form, the forecast and variance
 * panels), in the screen's language and its way of writing days; "someone else" only when the
 * refusal names no one. They all used to say «qualcun altro» whoever had saved.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import i18next from '../i18n.js';
import { staleSaid } from './stale-save.js';

const stale = (current: Record<string, unknown>) =>
  new ApiError(409, 'conflict', 'changed by admin', { error: { code: 'conflict', message: 'changed by admin', details: { current: { version: 2, ...current } } } });
const BY_GIULIA = stale({ updatedBy: 'admin', updatedByName: 'Giulia Ferri', updatedAt: '2024-07-01T08:30:00Z' });
const SCREENS = ['units.errors', 'edit.errors', 'campaign.forecast', 'campaign.variances'] as const;
const said = (e: unknown, lang: 'it' | 'en', screen: string) => staleSaid(e, lang, i18next.getFixedT(lang), { named: `${screen}.conflictBy`, anonymous: `${screen}.conflict` });

describe('a stale save, said on each screen', () => {
  it('names who saved meanwhile and when, in Italian and in English', () => {
    expect(SCREENS.map((screen) => said(BY_GIULIA, 'it', screen))).toEqual([
      'Struttura modificata da Giulia Ferri il 01/07/2024 alle 10:30, dopo che l’hai aperta: le tue modifiche NON sono state salvate. Ricarica.',
      'Elemento modificato da Giulia Ferri il 01/07/2024 alle 10:30, dopo che lo hai aperto: le tue modifiche NON sono state salvate. Ricarica per vedere la versione attuale.',
      'Nel frattempo Giulia Ferri ha salvato questa previsione il 01/07/2024 alle 10:30. La tua è rimasta nel modulo: salva di nuovo per sostituirla.',
      'Nel frattempo Giulia Ferri ha salvato questo scostamento il 01/07/2024 alle 10:30. Il tuo testo è rimasto nel modulo: salva di nuovo per sostituirlo.',
    ]);
    expect(SCREENS.map((screen) => said(BY_GIULIA, 'en', screen))).toEqual([
      'Unit changed by Giulia Ferri on 01/07/2024 at 10:30, after you opened it: your changes were NOT saved. Reload.',
      'Item changed by Giulia Ferri on 01/07/2024 at 10:30, after you opened it: your changes were NOT saved. Reload to see the current version.',
      'This forecast was saved meanwhile by Giulia Ferri on 01/07/2024 at 10:30. Yours is still in the form: save again to replace it.',
      'This variance was saved meanwhile by Giulia Ferri on 01/07/2024 at 10:30. Your text is still in the form: save again to replace it.',
    ]);
  });

  it('says the login of a server that gives no name, and "someone else" at a moment said without anyone', () => {
    expect(said(stale({ updatedBy: 'controller', updatedAt: '2024-12-31T23:15:00Z' }), 'it', 'units.errors')).toBe(
      'Struttura modificata da controller il 01/01/2025 alle 00:15, dopo che l’hai aperta: le tue modifiche NON sono state salvate. Ricarica.',
    );
    expect(said(stale({ updatedBy: null, updatedAt: '2024-07-01T08:30:00Z' }), 'en', 'campaign.forecast')).toBe(
      'This forecast was saved meanwhile by someone else on 01/07/2024 at 10:30. Yours is still in the form: save again to replace it.',
    );
  });

  it('falls back to «qualcun altro» only when the refusal names no one and no moment', () => {
    const nobody = new ApiError(409, 'conflict', 'indicator A.1:1 was changed by someone else', { error: { code: 'conflict', message: '…' } });
    expect(said(nobody, 'it', 'edit.errors')).toBe(
      'Qualcun altro ha modificato questo elemento dopo che lo hai aperto: le tue modifiche NON sono state salvate. Ricarica per vedere la versione attuale.',
    );
    expect(said(stale({ updatedBy: null, updatedAt: null }), 'en', 'campaign.variances')).toBe(
      'Someone else saved this variance meanwhile. Your text is still in the form: save again to replace theirs.',
    );
  });

  it('is no one’s words for any other refusal', () => {
    expect(said(new ApiError(423, 'period-locked', 'validated', null), 'it', 'campaign.variances')).toBeNull();
    expect(said(new Error('rete assente'), 'it', 'units.errors')).toBeNull();
  });
});
