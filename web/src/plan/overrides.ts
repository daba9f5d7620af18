/** What-if's local, unsaved changes, apart from the engine (whatif.ts), which is loaded on first use. */
import type { IndicatorDocument } from '../../../src/io/json.js';

type Value = number | string | boolean | null;

/** Local, unsaved changes to the plan's inputs. */
export interface Overrides {
  indicators: Record<string, { actual?: Value; target?: Value; weight?: number; state?: IndicatorDocument['state']; reason?: string }>;
  nodes: Record<string, { weight?: number | null }>;
}

export const NO_OVERRIDES: Overrides = { indicators: {}, nodes: {} };

export function hasOverrides(o: Overrides): boolean {
  return Object.keys(o.indicators).length > 0 || Object.keys(o.nodes).length > 0;
}
