/**
 * How a band looks in the Relazione, for every renderer (HTML and PDF): a fill, a darker stroke,
 * a word and a shape, so colour is never the only signal.
 */
import type { Band } from '../../core/index.js';

export const BAND_COLOUR: Record<Band, string> = { green: '#9fd67f', yellow: '#ffe45c', red: '#ff9a8f' };
/** Darker tones for bars and swatch borders, readable on white. */
export const BAND_STROKE: Record<Band, string> = { green: '#2e7d32', yellow: '#9a7d00', red: '#c62828' };
export { BAND_WORD } from '../../core/index.js';
/** Shapes that differ in print and for colour-blind readers: the screen's and the command line's. */
export { BAND_MARK as BAND_ICON } from '../../core/index.js';

/** The page's other colours: ink, muted text, table rules, headings, the objective rows' fill, the chart's cut lines. */
export const REPORT_COLOUR = { ink: '#1a1a1a', muted: '#5c5c5c', rule: '#b9c2cc', head: '#1f4e79', objective: '#e4ebf3', cut: '#777' } as const;
