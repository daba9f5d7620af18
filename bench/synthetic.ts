/**
 * Synthetic plans shaped like the fixture: areas → strategic objectives (a "media ponderata"
 * indicator plus one of their own) → operational objectives with four indicators each, mixing
 * on/off and proportional rules, dates, percentages, N.V. and not-measured states.
 * Deterministic (a seeded generator), so two runs measure the same plan.
 */
import { DEFAULT_SETTINGS, Decimal, type Indicator, type Plan, type Objective } from '../src/core/index.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A template literal as one flat string. Plain template literals leave V8 rope ("cons") strings of
 * three or four parts, 90 MB more on a million indicators than the flat strings an importer reads
 * from a file; the plan should weigh what a real one weighs.
 */
function flat(strings: TemplateStringsArray, ...values: unknown[]): string {
  const parts: unknown[] = [strings[0]];
  for (let i = 0; i < values.length; i++) parts.push(values[i], strings[i + 1]);
  return parts.join('');
}

const WEIGHTS = [new Decimal(40), new Decimal(30), new Decimal(20), new Decimal(10)];
const HUNDRED = new Decimal(100);

/**
 * A plan with about `indicators` indicators. `publishable`: only the rules the published layout
 * can carry (ordinary indicators on/off), so the plan survives a round trip through the text layout.
 */
export function syntheticPlan(indicators: number, seed = 1, publishable = false): Plan {
  const rnd = random(seed);
  const nodes: Objective[] = [];
  const perOperational = 4;
  const operationalPerStrategic = 5;
  const strategicCount = Math.max(1, Math.ceil(indicators / (operationalPerStrategic * perOperational + 2)));
  // Fan-out stays at most 10 at every level, as in real plans: bigger plans get deeper trees
  // (areas → programmes → … → strategic → operational), never a node with thousands of children.
  let levels = 0;
  while (3 * 10 ** levels < strategicCount) levels++;
  let made = 0;

  const strategic = (code: string, parent: string): void => {
    const own: Indicator[] = [
      {
        id: flat`${code}:1`,
        name: flat`Media ponderata di performance degli obiettivi operativi associati all'obiettivo strategico ${code}`,
        weight: new Decimal(70),
        comparator: '>=',
        tolerance: null,
        target: { kind: 'number', value: HUNDRED },
        unit: 'percent',
        scoring: { kind: 'proportional' },
        formula: { kind: 'children_mean' },
        measurement: { state: 'measured' },
      },
      {
        id: flat`${code}:2`,
        name: flat`Trend ${code}`,
        weight: new Decimal(30),
        comparator: '>=',
        tolerance: null,
        target: { kind: 'number', value: new Decimal(10) },
        unit: 'percent',
        scoring: null,
        formula: null,
        measurement: { state: 'measured', actual: { kind: 'number', value: new Decimal(Math.round(rnd() * 4000) / 100) } },
      },
    ];
    made += 2;
    nodes.push({ code, title: flat`Strategico ${code}`, parent, weight: null, indicators: own });
    for (let o = 1; o <= operationalPerStrategic && made < indicators; o++) {
      const op = flat`${code}.${o}`;
      const list: Indicator[] = [];
      for (let k = 0; k < perOperational && made < indicators; k++, made++) {
        const r = rnd();
        const target = new Decimal(Math.round(rnd() * 100) + 1);
        const isDate = k === 3;
        list.push({
          id: flat`${op}:${k + 1}`,
          name: flat`Indicatore ${op}.${k + 1}`,
          weight: WEIGHTS[k]!,
          comparator: isDate || k === 2 ? '<=' : '>=',
          tolerance: null,
          target: isDate ? { kind: 'date', value: '2024-09-30' } : { kind: 'number', value: target },
          unit: isDate ? 'date' : k === 1 ? 'percent' : 'number',
          scoring: k === 1 && !publishable ? { kind: 'proportional' } : null,
          formula: null,
          measurement:
            r < 0.02
              ? { state: 'not_evaluable', reason: 'N.V.' }
              : r < 0.04
                ? { state: 'not_measured' }
                : r < 0.06
                  ? { state: 'not_achieved' }
                  : isDate
                    ? { state: 'measured', actual: { kind: 'date', value: rnd() < 0.8 ? '2024-09-27' : '2024-10-15' } }
                    : { state: 'measured', actual: { kind: 'number', value: target.times(Math.round(rnd() * 150)).div(100) } },
        });
      }
      nodes.push({ code: op, title: flat`Operativo ${op}`, parent: code, weight: null, indicators: list });
    }
  };

  const grow = (code: string, parent: string | null, depth: number): void => {
    if (depth === levels) {
      if (parent === null) nodes.push({ code, title: flat`Area ${code}`, parent: null, weight: null, indicators: [] });
      strategic(parent === null ? flat`${code}.1` : code, parent ?? code);
      return;
    }
    nodes.push({ code, title: depth === 0 ? flat`Area ${code}` : flat`Programma ${code}`, parent, weight: null, indicators: [] });
    for (let c = 1; c <= 10 && made < indicators; c++) grow(flat`${code}.${c}`, code, depth + 1);
  };
  for (const area of ['A', 'B', 'C']) if (made < indicators) grow(area, null, 0);
  return { title: `Synthetic ${indicators}`, nodes, settings: DEFAULT_SETTINGS };
}

export function countIndicators(plan: Plan): number {
  return plan.nodes.reduce((n, node) => n + node.indicators.length, 0);
}
