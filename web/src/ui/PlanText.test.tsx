/**
 * A sentence of the app's quoting a plan's text: on an English screen the quoted text alone is
 * marked Italian, the words around it the screen's; on an Italian screen nothing is marked.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it } from 'vitest';

const { default: i18next } = await import('../i18n.js');
const { quotedParts, WithPlanText } = await import('./PlanText.js');

describe('a plan text quoted in a sentence', () => {
  afterAll(async () => {
    await i18next.changeLanguage('it');
  });

  it('splits the sentence around the first quote, or not at all', () => {
    expect(quotedParts('Body: Comune di Prova', 'Comune di Prova')).toEqual(['Body: ', 'Comune di Prova', '']);
    expect(quotedParts('Body: —', 'Comune di Prova')).toBeNull();
    expect(quotedParts('Body: —', '')).toBeNull();
  });

  it('marks the quote alone on an English screen', async () => {
    await i18next.changeLanguage('en');
    expect(renderToStaticMarkup(<WithPlanText sentence="Returned by Carla: manca il verbale" quoted="manca il verbale" />)).toBe('Returned by Carla: <span lang="it">manca il verbale</span>');
  });

  it('marks nothing on an Italian screen', async () => {
    await i18next.changeLanguage('it');
    expect(renderToStaticMarkup(<WithPlanText sentence="Rinviato da Carla: manca il verbale" quoted="manca il verbale" />)).toBe('Rinviato da Carla: manca il verbale');
  });
});
