/**
 * Defaults both sides of the wire apply. This file imports nothing (not even zod), so the web app
 * takes its values without bringing the schemas into its bundle.
 */

/** A ratio's scale when none is given: a percentage (numerator / denominator × 100), in the API and the web form alike. */
export const DEFAULT_RATIO_SCALE = '100';
