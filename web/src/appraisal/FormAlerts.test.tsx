/**
 * The clash of versions above an appraisal form says when the form changed meanwhile in the
 * screen's language: the moment was formatted with the Italian locale whatever the screen's. It
 * says no one: the form records no editor, and the change may be the reader's own other window.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The languages the moments were asked in: Italian and English write 04/12/2026 and 23:21 alike,
// so the words alone cannot tell which locale formatted them.
const asked = vi.hoisted(() => [] as string[]);
vi.mock('../ui/format.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../ui/format.js')>();
  return {
    ...real,
    momentParts: (iso: string, lang: string) => {
      asked.push(lang);
      return real.momentParts(iso, lang);
    },
  };
});

const { default: i18next } = await import('../i18n.js');
const { FormAlerts } = await import('./FormAlerts.js');

describe('the clash above an appraisal form', () => {
  afterAll(async () => {
    await i18next.changeLanguage('it');
  });

  it.each([
    ['en', 'The form was changed on 04/12/2026 at 23:21, after you opened it (the form does not record who changes it)'],
    ['it', 'La scheda è stata modificata il 04/12/2026 alle 23:21, dopo che l’hai aperta (la scheda non registra chi la modifica)'],
  ] as const)('says when the form changed in the screen’s language (%s)', async (lang, said) => {
    await i18next.changeLanguage(lang);
    asked.length = 0;
    const html = renderToStaticMarkup(<FormAlerts error={null} clashAt="2026-12-04T22:21:05Z" onReload={() => undefined} />);
    expect(html).toContain(said);
    expect(asked).toEqual([lang]);
  });
});
