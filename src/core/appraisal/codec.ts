/**
 * The SMVP to JSON and back: the one codec the API, the JSON file and the XLSX import share.
 * Reading checks every field's kind and says where a value is wrong (`schemes.0.components.unit`),
 * then `smvpProblems` checks the rules between fields (weights summing to 100, bands without gaps).
 */
import { Decimal } from '../decimal.js';
import { problem, type Issue, type Outcome } from '../issues.js';
import type { SmvpFieldProblem } from '../messages/appraisal.js';
import type { NotMeasuredPolicy } from '../model.js';
import {
  COMPONENT_KINDS,
  STAFF_CATEGORIES,
  smvpProblems,
  type ComponentKind,
  type NotEvaluablePolicy,
  type RatingBand,
  type Scheme,
  type Smvp,
  type StaffCategory,
  type WeightPolicy,
} from './smvp.js';

type Json = Record<string, unknown>;

/** A decimal from a JSON number or a string written either way (`"93,5"`, `"93.5"`). */
export function readDecimal(value: unknown): Decimal | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/%$/, '').trim();
  const normal = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(text) ? text.replace(/\./g, '').replace(',', '.') : text.replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(normal) ? new Decimal(normal) : null;
}

class Reader {
  readonly issues: Issue[] = [];
  fail(field: string, problem_: Omit<SmvpFieldProblem, 'field'>): void {
    this.issues.push(problem('error', 'smvp-field', { field, ...problem_ }, { field }));
  }
  object(value: unknown, field: string): Json | null {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Json;
    this.fail(field, { expected: 'object' });
    return null;
  }
  array(value: unknown, field: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.fail(field, { expected: 'list' });
    return [];
  }
  text(value: unknown, field: string, max = 2000, optional = false): string {
    if (optional && (value === undefined || value === null)) return '';
    if (typeof value === 'string' && value.length <= max && (optional || value.trim() !== '')) return value.trim();
    this.fail(field, { expected: 'text', max });
    return '';
  }
  decimal(value: unknown, field: string): Decimal {
    const d = readDecimal(value);
    if (d === null) this.fail(field, { expected: 'number' });
    return d ?? new Decimal(0);
  }
  integer(value: unknown, field: string, min: number, max: number): number {
    const d = readDecimal(value);
    if (d === null || !d.isInteger() || d.lessThan(min) || d.greaterThan(max)) {
      this.fail(field, { expected: 'whole-number', min, max });
      return min;
    }
    return d.toNumber();
  }
  bool(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(field, { expected: 'boolean' });
    return fallback;
  }
  oneOf<T extends string>(value: unknown, field: string, values: readonly T[], fallback?: T): T {
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
    this.fail(field, { expected: 'one-of', values });
    return values[0]!;
  }
}

/** Reads an SMVP document; `value` is null when any error was found (structure or rules). */
export function smvpFromJson(raw: unknown): Outcome<Smvp | null> {
  const r = new Reader();
  const root = r.object(raw, '(document)');
  if (root === null) return { value: null, issues: r.issues };
  const legendRaw = r.object(root.legend, 'legend') ?? {};
  const legend = {
    green: r.decimal(legendRaw.green, 'legend.green'),
    yellow: r.decimal(legendRaw.yellow, 'legend.yellow'),
    greenInclusive: r.bool(legendRaw.greenInclusive, 'legend.greenInclusive', false),
    yellowInclusive: r.bool(legendRaw.yellowInclusive, 'legend.yellowInclusive', true),
  };
  const indicatorThresholds = r.array(root.indicatorThresholds ?? [], 'indicatorThresholds').map((t, i) => {
    const o = r.object(t, `indicatorThresholds.${i}`) ?? {};
    const f = `indicatorThresholds.${i}`;
    return { code: r.text(o.code, `${f}.code`, 100), indicator: r.text(o.indicator, `${f}.indicator`, 500), green: r.decimal(o.green, `${f}.green`), yellow: r.decimal(o.yellow, `${f}.yellow`) };
  });
  const ratingScale = r.array(root.ratingScale, 'ratingScale').map((l, i) => {
    const o = r.object(l, `ratingScale.${i}`) ?? {};
    const f = `ratingScale.${i}`;
    return {
      value: r.integer(o.value, `${f}.value`, 0, 100),
      label: r.text(o.label, `${f}.label`, 200),
      description: r.text(o.description, `${f}.description`, 2000, true),
      score: r.decimal(o.score, `${f}.score`),
    };
  });
  const behaviours = r.array(root.behaviours, 'behaviours').map((b, i) => {
    const o = r.object(b, `behaviours.${i}`) ?? {};
    const f = `behaviours.${i}`;
    return { code: r.text(o.code, `${f}.code`, 40), title: r.text(o.title, `${f}.title`, 300), description: r.text(o.description, `${f}.description`, 2000, true) };
  });
  const schemes: Scheme[] = r.array(root.schemes, 'schemes').map((s, i) => {
    const o = r.object(s, `schemes.${i}`) ?? {};
    const f = `schemes.${i}`;
    const comps = r.object(o.components, `${f}.components`) ?? {};
    const components = Object.fromEntries(COMPONENT_KINDS.map((k) => [k, comps[k] === undefined ? new Decimal(0) : r.decimal(comps[k], `${f}.components.${k}`)])) as Record<ComponentKind, Decimal>;
    for (const key of Object.keys(comps)) {
      const field = `${f}.components.${key}`;
      if (!(COMPONENT_KINDS as readonly string[]).includes(key)) r.issues.push(problem('error', 'smvp-unknown-component', { field, known: COMPONENT_KINDS }, { field }));
    }
    const bands: RatingBand[] = r.array(o.bands, `${f}.bands`).map((b, j) => {
      const bo = r.object(b, `${f}.bands.${j}`) ?? {};
      const g = `${f}.bands.${j}`;
      return { label: r.text(bo.label, `${g}.label`, 200), min: r.decimal(bo.min, `${g}.min`), max: r.decimal(bo.max, `${g}.max`), share: r.decimal(bo.share, `${g}.share`) };
    });
    return {
      category: r.oneOf<StaffCategory>(o.category, `${f}.category`, STAFF_CATEGORIES),
      components,
      behaviours: r.array(o.behaviours ?? [], `${f}.behaviours`).map((b, j) => {
        const bo = r.object(b, `${f}.behaviours.${j}`) ?? {};
        return { code: r.text(bo.code, `${f}.behaviours.${j}.code`, 40), weight: r.decimal(bo.weight, `${f}.behaviours.${j}.weight`) };
      }),
      bands,
    };
  });
  const smvp: Smvp = {
    organisation: r.text(root.organisation, 'organisation', 300),
    year: r.integer(root.year, 'year', 2000, 2100),
    legend,
    indicatorThresholds,
    defaultScoring: r.oneOf(root.defaultScoring, 'defaultScoring', ['on_off', 'proportional'] as const, 'on_off'),
    notEvaluable: r.oneOf<NotEvaluablePolicy>(root.notEvaluable, 'notEvaluable', ['exclude', 'achieved'], 'exclude'),
    notMeasured: r.oneOf<NotMeasuredPolicy>(root.notMeasured, 'notMeasured', ['skip', 'zero', 'block'], 'zero'),
    weightPolicy: r.oneOf<WeightPolicy>(root.weightPolicy, 'weightPolicy', ['strict', 'normalise'], 'strict'),
    ratingScale,
    behaviours,
    schemes,
  };
  if (r.issues.length > 0) return { value: null, issues: r.issues };
  const problems = smvpProblems(smvp);
  return { value: problems.some((p) => p.severity === 'error') ? null : smvp, issues: problems };
}

const n = (d: Decimal): number => d.toNumber();

/** The SMVP as plain JSON (numbers as JSON numbers: they have at most a few decimals). */
export function smvpToJson(smvp: Smvp): Record<string, unknown> {
  return {
    organisation: smvp.organisation,
    year: smvp.year,
    legend: { green: n(smvp.legend.green), yellow: n(smvp.legend.yellow), greenInclusive: smvp.legend.greenInclusive, yellowInclusive: smvp.legend.yellowInclusive },
    indicatorThresholds: smvp.indicatorThresholds.map((t) => ({ code: t.code, indicator: t.indicator, green: n(t.green), yellow: n(t.yellow) })),
    defaultScoring: smvp.defaultScoring,
    notEvaluable: smvp.notEvaluable,
    notMeasured: smvp.notMeasured,
    weightPolicy: smvp.weightPolicy,
    ratingScale: smvp.ratingScale.map((l) => ({ value: l.value, label: l.label, description: l.description, score: n(l.score) })),
    behaviours: smvp.behaviours.map((b) => ({ code: b.code, title: b.title, description: b.description })),
    schemes: smvp.schemes.map((s) => ({
      category: s.category,
      components: Object.fromEntries(COMPONENT_KINDS.map((k) => [k, n(s.components[k])])),
      behaviours: s.behaviours.map((b) => ({ code: b.code, weight: n(b.weight) })),
      bands: s.bands.map((b) => ({ label: b.label, min: n(b.min), max: n(b.max), share: n(b.share) })),
    })),
  };
}

/**
 * A starting SMVP in the shape guideline n. 5/2019 describes: managers weighted on the body's and
 * the unit's results, staff mostly on behaviours; a 1–5 scale; four bands. A body edits it.
 */
export function exampleSmvpJson(organisation: string, year: number): Record<string, unknown> {
  const bands = [
    { label: 'Eccellente', min: 90.01, max: 100, share: 100 },
    { label: 'Buono', min: 75.01, max: 90, share: 80 },
    { label: 'Adeguato', min: 60, max: 75, share: 50 },
    { label: 'Non adeguato', min: 0, max: 59.99, share: 0 },
  ];
  const copy = (): typeof bands => bands.map((b) => ({ ...b }));
  return {
    organisation,
    year,
    legend: { green: 80, yellow: 60, greenInclusive: false, yellowInclusive: true },
    indicatorThresholds: [],
    defaultScoring: 'on_off',
    notEvaluable: 'exclude',
    notMeasured: 'zero',
    weightPolicy: 'strict',
    ratingScale: [
      { value: 1, label: 'Inadeguato', description: 'Comportamento non osservato o contrario alle attese', score: 0 },
      { value: 2, label: 'Parzialmente adeguato', description: 'Osservato solo in parte', score: 40 },
      { value: 3, label: 'Adeguato', description: 'In linea con le attese del ruolo', score: 70 },
      { value: 4, label: 'Buono', description: 'Superiore alle attese in più occasioni', score: 90 },
      { value: 5, label: 'Eccellente', description: 'Costantemente superiore alle attese; punto di riferimento', score: 100 },
    ],
    behaviours: [
      { code: 'C1', title: 'Orientamento al risultato', description: 'Organizza il lavoro per raggiungere gli obiettivi nei tempi' },
      { code: 'C2', title: 'Collaborazione', description: 'Lavora con i colleghi e con le altre strutture' },
      { code: 'C3', title: "Orientamento all'utenza", description: 'Ascolta le imprese e i cittadini e risponde con cura' },
      { code: 'C4', title: 'Capacità di valutazione dei collaboratori', description: 'Differenzia i giudizi dei propri collaboratori' },
    ],
    schemes: [
      {
        category: 'dirigente',
        components: { body: 10, unit: 30, objectives: 30, behaviours: 30 },
        behaviours: [
          { code: 'C1', weight: 30 },
          { code: 'C2', weight: 20 },
          { code: 'C3', weight: 20 },
          { code: 'C4', weight: 30 },
        ],
        bands: copy(),
      },
      {
        category: 'eq',
        components: { body: 10, unit: 30, objectives: 30, behaviours: 30 },
        behaviours: [
          { code: 'C1', weight: 40 },
          { code: 'C2', weight: 30 },
          { code: 'C3', weight: 30 },
        ],
        bands: copy(),
      },
      {
        category: 'personale',
        components: { body: 0, unit: 30, objectives: 20, behaviours: 50 },
        behaviours: [
          { code: 'C1', weight: 40 },
          { code: 'C2', weight: 30 },
          { code: 'C3', weight: 30 },
        ],
        bands: copy(),
      },
    ],
  };
}
