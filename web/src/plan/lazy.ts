/**
 * The parts of a plan's screen that the first view of the tree does not show: the period bar's
 * panels, the open row's detail, the closing dialog, the what-if engine and its inputs in the tree. Each is its own
 * script, so a cold open parses only what draws the tree (issue 15 §4); `prefetchPlanParts` asks
 * for them all once the tree is on screen and the page is idle, so a click rarely waits for one.
 */
import { lazy } from 'react';

const loaders = {
  campaign: () => import('../campaign/CampaignPanels.js'),
  variances: () => import('../campaign/VariancesPanel.js'),
  changes: () => import('../changes/ChangesPanel.js'),
  periods: () => import('../periods/PeriodsPanel.js'),
  reminders: () => import('../reminders/RemindersPanel.js'),
  revisions: () => import('../revisions/RevisionsPanel.js'),
  detail: () => import('../detail/ObjectiveDetail.js'),
  whatIfTools: () => import('./WhatIfTools.js'),
  whatIf: () => import('./whatif.js'),
  whatIfInput: () => import('../tree/WhatIfInput.js'),
};

export const loadWhatIf = loaders.whatIf;
export type WhatIfEngine = Awaited<ReturnType<typeof loadWhatIf>>;

export const DashboardPanel = lazy(() => loaders.campaign().then((m) => ({ default: m.DashboardPanel })));
export const WorklistPanel = lazy(() => loaders.campaign().then((m) => ({ default: m.WorklistPanel })));
export const ClosingDialog = lazy(() => loaders.campaign().then((m) => ({ default: m.ClosingDialog })));
export const VariancesPanel = lazy(() => loaders.variances().then((m) => ({ default: m.VariancesPanel })));
export const ChangesPanel = lazy(() => loaders.changes().then((m) => ({ default: m.ChangesPanel })));
export const PeriodsPanel = lazy(() => loaders.periods().then((m) => ({ default: m.PeriodsPanel })));
export const RemindersPanel = lazy(() => loaders.reminders().then((m) => ({ default: m.RemindersPanel })));
export const RevisionsPanel = lazy(() => loaders.revisions().then((m) => ({ default: m.RevisionsPanel })));
export const ObjectiveDetail = lazy(() => loaders.detail().then((m) => ({ default: m.ObjectiveDetail })));
export const WhatIfTools = lazy(() => loaders.whatIfTools().then((m) => ({ default: m.WhatIfTools })));
/** The tree's what-if inputs, which read what is typed with the core's parser (decimal.js). */
export const WhatIfInput = lazy(() => loaders.whatIfInput().then((m) => ({ default: m.WhatIfInput })));
export const WhatIfBanner = lazy(() => loaders.whatIfTools().then((m) => ({ default: m.WhatIfBanner })));

let prefetched = false;

/** Loads every part above once, when the page is next idle (a failed load is retried on use). */
export function prefetchPlanParts(): void {
  if (prefetched) return;
  prefetched = true;
  const all = () => Object.values(loaders).forEach((load) => void load().catch(() => undefined));
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(all, { timeout: 2000 });
  else setTimeout(all, 200);
}
