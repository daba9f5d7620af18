/**
 * The three bands of the traffic light and how they are named and marked: plain words without
 * decimal.js, so the web app's first screen can draw a band without loading the engine's
 * arithmetic (issue 15 §4). The legend that decides a band is legend.ts.
 */
export type Band = 'green' | 'yellow' | 'red';
export const BANDS: readonly Band[] = ['green', 'yellow', 'red'];
/** A band's name as the Relazione writes it. */
export const BAND_WORD: Readonly<Record<Band, string>> = { green: 'verde', yellow: 'giallo', red: 'rosso' };
/** A band's name in either language (the Italian is the Relazione's). */
export const BAND_WORDS: Readonly<Record<'it' | 'en', Readonly<Record<Band, string>>>> = { it: BAND_WORD, en: { green: 'green', yellow: 'yellow', red: 'red' } };

/**
 * A band's shape beside its colour and word, the same on screen, in the reports and on the command
 * line (full circle, triangle, square; an empty circle for no performance): shapes that differ in
 * print and for colour-blind readers.
 */
export const BAND_MARK: Readonly<Record<Band | 'none', string>> = { green: '●', yellow: '▲', red: '■', none: '○' };
