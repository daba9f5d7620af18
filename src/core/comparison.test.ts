import { describe, expect, it } from 'vitest';
import { comparePlans, type PlanChange } from './comparison.js';
import { comparisonSide, renderComparison } from './messages/comparison.js';
import { dec } from './decimal.js';
import { evaluatePlan } from './evaluation.js';
import { legendFromThresholds } from './legend.js';
import type { Indicator, Measurement, Plan, Objective } from './model.js';
import { DEFAULT_SETTINGS } from './settings.js';
import { indicatorOf, measuredNumber as measured, objectiveOf } from '../../test/support/plans.js';

const ind = (name: string, weight: number, target: number, measurement: Measurement, extra: Partial<Indicator> = {}): Indicator => indicatorOf(name, weight, '>=', target, measurement, extra);
const node = (code: string, parent: string | null, indicators: Indicator[], weight: number | null = null): Objective => objectiveOf(code, parent, indicators, weight, `Obiettivo ${code}`);
const plan = (nodes: Objective[], settings = DEFAULT_SETTINGS): Plan => ({ title: 'p', nodes, settings });
const base = (): Objective[] => [
  node('A', null, []),
  node('A.1', 'A', [ind('Pratiche evase', 60, 10, measured(12)), ind('Tempi medi', 40, 5, measured(4))]),
  node('A.2', 'A', [ind('Eventi', 100, 3, measured(2))]),
];
const compare = (before: Plan, after: Plan): PlanChange[] => comparePlans(evaluatePlan(before), evaluatePlan(after));
const side = (c: PlanChange, s: 'before' | 'after'): string => comparisonSide(c.said.code, c.said.params, s, 'it') ?? '∅';
const brief = (changes: PlanChange[]): string[] => changes.map((c) => `${c.kind} ${c.code}${c.indicator === undefined ? '' : ` "${c.indicator}"`}: ${side(c, 'before')} → ${side(c, 'after')}`);

describe('comparePlans', () => {
  it('finds nothing between a plan and itself', () => {
    expect(compare(plan(base()), plan(base()))).toEqual([]);
  });

  it('lists a target change, a measurement change and the performances that moved, in plan order', () => {
    const after = base();
    after[2] = node('A.2', 'A', [ind('Eventi', 100, 2, measured(3))]);
    const changes = compare(plan(base()), plan(after));
    expect(brief(changes)).toEqual([
      'performance A: 30,00% (rosso) → 80,00% (giallo)', // mean of A.1 (60) and A.2
      'target A.2 "Eventi": 3 → 2',
      'measurement A.2 "Eventi": 2 → 3',
      'performance A.2: 0,00% (rosso) → 100,00% (verde)',
    ]);
    expect(changes.map((c) => c.group)).toEqual(['result', 'plan', 'measurement', 'result']);
    expect(changes[0]!.numbers).toEqual({ before: dec(30), after: dec(80) });
  });

  it('tells added, removed, moved and renamed objectives and indicators apart', () => {
    const after: Objective[] = [
      node('A', null, []),
      node('A.1', 'A', [ind('Pratiche evase nei termini', 60, 10, measured(12)), ind('Tempi medi', 40, 5, measured(4)), ind('Soddisfazione', 0, 80, { state: 'not_measured' })]),
      node('B', null, []),
      node('A.3', 'B', [ind('Bandi', 100, 1, measured(1))]),
    ];
    const before = [...base(), node('A.3', 'A', [ind('Bandi', 100, 1, measured(1))])];
    expect(brief(compare(plan(before), plan(after)).filter((c) => c.group === 'structure'))).toEqual([
      'indicator-name A.1 "Pratiche evase nei termini": Pratiche evase → Pratiche evase nei termini',
      'indicator-added A.1 "Soddisfazione": ∅ → Soddisfazione (0%, >= 80)',
      'objective-added B: ∅ → Obiettivo B',
      'objective-parent A.3: A → B',
      'objective-removed A.2: Obiettivo A.2 → ∅',
      // As an added objective's: what went out with it, not only its title.
      'indicator-removed A.2 "Eventi": Eventi (100%, >= 3) → ∅',
    ]);
  });

  it('says an objective removed as it says one added: its line, each indicator, its performance', () => {
    const added = compare(plan(base()), plan([...base(), node('A.3', 'A', [ind('Bandi', 100, 1, measured(1))])])).filter((c) => c.code === 'A.3');
    const removed = compare(plan([...base(), node('A.3', 'A', [ind('Bandi', 100, 1, measured(1))])]), plan(base())).filter((c) => c.code === 'A.3');
    expect(brief(added)).toEqual(['objective-added A.3: ∅ → Obiettivo A.3', 'indicator-added A.3 "Bandi": ∅ → Bandi (100%, >= 1)', 'performance A.3: ∅ → 100,00% (verde)']);
    expect(brief(removed)).toEqual(['objective-removed A.3: Obiettivo A.3 → ∅', 'indicator-removed A.3 "Bandi": Bandi (100%, >= 1) → ∅', 'performance A.3: 100,00% (verde) → ∅']);
    expect(removed.map((c) => c.numbers)).toEqual([undefined, undefined, { before: dec(100), after: null }]);
  });

  it('matches indicators by name before position, so a reordering is no change', () => {
    const after = base();
    after[1] = node('A.1', 'A', [...after[1]!.indicators].reverse());
    expect(compare(plan(base()), plan(after))).toEqual([]);
  });

  it('reports weights, states, rules and the settings in words', () => {
    const after = base();
    after[1] = node(
      'A.1',
      'A',
      [ind('Pratiche evase', 50, 10, { state: 'not_evaluable', reason: 'dato non disponibile' }), ind('Tempi medi', 50, 5, measured(4), { scoring: { kind: 'proportional' } })],
      30,
    );
    const changes = compare(plan(base()), plan(after, { ...DEFAULT_SETTINGS, legend: legendFromThresholds(dec(90), dec(70)), notMeasured: 'zero' }));
    expect(brief(changes.filter((c) => c.group !== 'result'))).toEqual([
      'settings : legenda: verde > 80%, giallo ≥ 60%, rosso → legenda: verde > 90%, giallo ≥ 70%, rosso',
      'settings : non misurati: esclusi dal calcolo → non misurati: contano 0',
      'objective-weight A.1: — → 30%',
      'weight A.1 "Pratiche evase": 60% → 50%',
      'measurement A.1 "Pratiche evase": 12 → N.V. (dato non disponibile)',
      'weight A.1 "Tempi medi": 40% → 50%',
      'scoring A.1 "Tempi medi": regola del piano → proporzionale',
    ]);
  });

  it('gives each change a stable code and raw parameters, said word for word in Italian and in English', () => {
    const after = base();
    after[1] = node('A.1', 'A', [
      ind('Pratiche evase', 50.5, 10.25, { state: 'not_evaluable', reason: 'dato non disponibile' }),
      ind('Tempi medi', 49.5, 5, measured(4.5), {
        comparator: '=',
        tolerance: dec('0.5'),
        scoring: {
          kind: 'bands',
          mode: 'fixed',
          points: [
            { at: { kind: 'number', value: dec('2.5') }, score: dec(0) },
            { at: { kind: 'number', value: dec(5) }, score: dec(100) },
          ],
        },
      }),
    ]);
    const changes = compare(plan(base()), plan(after, { ...DEFAULT_SETTINGS, legend: legendFromThresholds(dec('90.5'), dec(70)) }));
    const said = changes.map((c) => c.said);
    expect(said.find((s) => s.code === 'diff-target')).toEqual({
      code: 'diff-target',
      params: { objective: 'A.1', indicator: 'Pratiche evase', before: '10', beforeUnit: 'number', after: '10.25', afterUnit: 'number' },
    });
    expect(said.find((s) => s.code === 'diff-measurement' && s.params.indicator === 'Pratiche evase')!.params).toEqual({
      objective: 'A.1',
      indicator: 'Pratiche evase',
      before: 'measured',
      beforeActual: '12',
      beforeUnit: 'number',
      beforeInputs: [],
      beforeInputValues: [],
      after: 'not_evaluable',
      afterReason: 'dato non disponibile',
    });
    expect(said.find((s) => s.code === 'diff-performance')!.params).toEqual({ objective: 'A', indicator: null, before: '30.00', beforeBand: 'red', after: '0.00', afterBand: 'red' });
    const words = (language: 'it' | 'en'): string[] => said.map((s) => renderComparison(s.code, s.params, language)!);
    expect(words('it')).toEqual([
      'Impostazioni del piano — legenda: verde > 80%, giallo ≥ 60%, rosso → verde > 90,5%, giallo ≥ 70%, rosso',
      'A — performance dell’obiettivo: 30,00% (rosso) → 0,00% (rosso)',
      'A.1 «Pratiche evase» — peso dell’indicatore: 60% → 50,5%',
      'A.1 «Pratiche evase» — target: 10 → 10,25',
      'A.1 «Pratiche evase» — consuntivo: 12 → N.V. (dato non disponibile)',
      'A.1 «Tempi medi» — peso dell’indicatore: 40% → 49,5%',
      'A.1 «Tempi medi» — confronto: >= → = ± 0,5',
      // The band points in the indicator's unit, as the table prints its numbers (`2,50`, never one decimal).
      'A.1 «Tempi medi» — regola di punteggio: regola del piano → a scaglioni fissi: 2,50 → 0, 5 → 100',
      'A.1 «Tempi medi» — consuntivo: 4 → 4,50',
      'A.1 — performance dell’obiettivo: 60,00% (giallo) → 0,00% (rosso)', // 4,5 on fixed bands at 2,5 → 0 and 5 → 100: 0
    ]);
    expect(words('en')).toEqual([
      'Plan settings — legend: green > 80%, yellow ≥ 60%, red → green > 90.5%, yellow ≥ 70%, red',
      'A — objective performance: 30.00% (red) → 0.00% (red)',
      'A.1 “Pratiche evase” — indicator weight: 60% → 50.5%',
      'A.1 “Pratiche evase” — target: 10 → 10.25',
      'A.1 “Pratiche evase” — actual: 12 → N.E. (dato non disponibile)',
      'A.1 “Tempi medi” — indicator weight: 40% → 49.5%',
      'A.1 “Tempi medi” — comparator: >= → = ± 0.5',
      "A.1 “Tempi medi” — scoring rule: the plan's rule → fixed bands: 2.50 → 0, 5 → 100",
      'A.1 “Tempi medi” — actual: 4 → 4.50',
      'A.1 — objective performance: 60.00% (yellow) → 0.00% (red)',
    ]);
    // The table's two columns: a setting with its name; an absent side is null.
    const legend = said[0]!;
    expect([comparisonSide(legend.code, legend.params, 'before', 'en'), comparisonSide(legend.code, legend.params, 'after', 'en')]).toEqual([
      'legend: green > 80%, yellow ≥ 60%, red',
      'legend: green > 90.5%, yellow ≥ 70%, red',
    ]);
    const added = compare(plan(base()), plan([...base(), node('B', null, [])])).find((c) => c.kind === 'objective-added')!;
    expect([comparisonSide(added.said.code, added.said.params, 'before', 'en'), renderComparison(added.said.code, added.said.params, 'en')]).toEqual([null, 'B — objective added: Obiettivo B']);
  });
});
