/** What-if's local, unsaved changes, apart from the engine (whatif.ts), which is loaded on first use. */
import type { MeasurementState } from '../../../src/contract/index.js';

type Value = number | string | boolean | null;

/**
 * Local, unsaved changes to the plan's inputs. A number is held as the tree's document holds one
 * (`decimalJson`): a JSON number, or the exact decimal text a double would round
 * (`'0.12345678901234567891'`), so the simulation scores the very decimal typed.
 */
export interface Overrides {
  indicators: Record<
    string,
    {
      actual?: Value;
      target?: Value;
      weight?: number | string;
      /** A state one may enter (never `pending`, which only a reading of withheld values gives). */ state?: MeasurementState;
      reason?: string;
    }
  >;
  nodes: Record<string, { weight?: number | string | null }>;
}

export const NO_OVERRIDES: Overrides = { indicators: {}, nodes: {} };

export function hasOverrides(o: Overrides): boolean {
  return Object.keys(o.indicators).length > 0 || Object.keys(o.nodes).length > 0;
}
