import { DEFAULT_LEGEND } from './legend.js';
import type { PlanSettings } from './model.js';

/**
 * The defaults of a new plan, as in the 2024 fixture: ordinary indicators on/off, the fixture's
 * legend, indicators not measured yet left out of the mean.
 */
export const DEFAULT_SETTINGS: PlanSettings = {
  defaultScoring: { kind: 'on_off' },
  legend: DEFAULT_LEGEND,
  notMeasured: 'skip',
};
