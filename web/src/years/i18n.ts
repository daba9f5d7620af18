/**
 * The words of the plan across years (three-year horizon, next year, year over year), Italian
 * first, added to the app's one translation namespace under `years.*`.
 */
import type { FeatureWords } from '../words.js';

const it = {
  baseline: 'Baseline',
  baselineYear: 'Anno della baseline',
  baselineTarget: 'Baseline → target',
  baselineArrow: '{{baseline}} ({{year}}) → {{target}}',
  noBaseline: 'nessuna baseline',
  laterTargets: 'Target degli anni successivi',
  targetOf: 'Target {{year}}',
  horizon: 'Orizzonte triennale (PIAO)',
  horizonHint: 'Baseline: l’ultimo valore noto prima del piano, con il suo anno. Target degli anni successivi: facoltativi, nella stessa unità del target.',
  invalidYear: 'Scrivere un anno come 2023.',
  /** The years a plan may have (`PLAN_YEARS`), said wherever a plan's year is typed. */
  range: 'Scrivere un anno dal {{first}} al {{last}}.',
  previousFromPredecessor: 'Valore dell’anno precedente {{value}} ({{year}}): preso dal piano {{year}} perché non inserito.',
  title: 'Anno per anno',
  empty: 'Nessun anno collegato: questo piano non ha predecessori né successori per questa voce.',
  year: 'Anno',
  plan: 'Piano',
  target: 'Target',
  actual: 'Consuntivo',
  performance: 'Performance',
  current: 'questo piano',
  /** A figure read at a period before the year end (the latest closed), e.g. «12,00% al 30/06/2025». */
  atPeriod: '{{value}} al {{period}}',
  chart: 'Performance anno per anno',
  baselineChanged: 'Baseline {{baseline}} → {{current}}: consuntivo {{year}} corretto dopo la creazione del piano',
  baselineWithdrawn: 'Baseline {{baseline}}: il consuntivo {{year}} non c’è più',
  baselines: {
    title_one: '{{count}} baseline da aggiornare',
    title_other: '{{count}} baseline da aggiornare',
    intro: 'Il consuntivo dell’anno precedente da cui sono state prese è stato corretto dopo la creazione di questo piano. Le baseline inserite a mano restano come sono.',
    changed: 'baseline {{baseline}} ({{baselineYear}}), consuntivo {{year}} ora {{current}}',
    withdrawn: 'baseline {{baseline}}, il consuntivo {{year}} non c’è più',
    refresh: 'Aggiorna',
    refreshOne: 'Aggiorna la baseline di {{code}} {{name}}',
    refreshAll: 'Aggiorna tutte ({{count}})',
  },
  next: {
    open: 'Piano dell’anno successivo',
    intro:
      'Crea il piano dell’anno indicato da questo: stessa struttura, codici, pesi, regole e responsabili; target riportati in avanti; i consuntivi di fine anno diventano baseline; nessuna misurazione.',
    year: 'Anno del nuovo piano',
    create: 'Crea il piano',
    creating: 'Creazione…',
    created: 'Creato il piano «{{title}}».',
    duplicate: 'Esiste già un piano {{year}} con questo titolo.',
    openExisting: 'Apri quel piano',
    notAfter: 'L’anno deve essere successivo a quello del piano.',
    cancel: 'Annulla',
  },
};

const en: typeof it = {
  baseline: 'Baseline',
  baselineYear: 'Baseline year',
  baselineTarget: 'Baseline → target',
  baselineArrow: '{{baseline}} ({{year}}) → {{target}}',
  noBaseline: 'no baseline',
  laterTargets: 'Targets of the following years',
  targetOf: 'Target {{year}}',
  horizon: 'Three-year horizon (PIAO)',
  horizonHint: 'Baseline: the last known value before the plan, with its year. Targets of the following years: optional, in the target’s unit.',
  invalidYear: 'Write a year such as 2023.',
  range: 'Write a year from {{first}} to {{last}}.',
  previousFromPredecessor: 'Previous year’s value {{value}} ({{year}}): taken from the {{year}} plan because it was not entered.',
  title: 'Year over year',
  empty: 'No linked year: this plan has no predecessor or successor for this item.',
  year: 'Year',
  plan: 'Plan',
  target: 'Target',
  actual: 'Actual',
  performance: 'Performance',
  current: 'this plan',
  atPeriod: '{{value}} at {{period}}',
  chart: 'Performance year over year',
  baselineChanged: 'Baseline {{baseline}} → {{current}}: the {{year}} actual was corrected after this plan was made',
  baselineWithdrawn: 'Baseline {{baseline}}: the {{year}} actual is gone',
  baselines: {
    title_one: '{{count}} baseline to update',
    title_other: '{{count}} baselines to update',
    intro: 'The previous year’s actual they were taken from was corrected after this plan was made. Baselines typed by hand stay as they are.',
    changed: 'baseline {{baseline}} ({{baselineYear}}), {{year}} actual now {{current}}',
    withdrawn: 'baseline {{baseline}}, the {{year}} actual is gone',
    refresh: 'Update',
    refreshOne: 'Update the baseline of {{code}} {{name}}',
    refreshAll: 'Update all ({{count}})',
  },
  next: {
    open: 'Next year’s plan',
    intro: 'Creates the plan of the given year from this one: same structure, codes, weights, rules and owners; targets rolled forward; year-end actuals become baselines; no values.',
    year: 'Year of the new plan',
    create: 'Create the plan',
    creating: 'Creating…',
    created: 'Plan “{{title}}” created.',
    duplicate: 'There is already a {{year}} plan with this title.',
    openExisting: 'Open that plan',
    notAfter: 'The year must come after the plan’s.',
    cancel: 'Cancel',
  },
};

/** Merged into the app's one namespace by ../i18n.ts (under `years`). */
export const words = { it: { years: it }, en: { years: en } } satisfies FeatureWords;
