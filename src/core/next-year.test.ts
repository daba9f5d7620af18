import { describe, expect, it } from 'vitest';
import { dec } from './decimal.js';
import { evaluatePlan } from './evaluation.js';
import { rollForward } from './next-year.js';
import type { Amount } from './model.js';
import { indicatorOf as ind, objectiveOf as node, planOf as plan } from '../../test/support/plans.js';

const date = (value: string): Amount => ({ kind: 'date', value });
const deadline = (id: string, value: string): ReturnType<typeof ind> => ind(id, 25, '<=', 0, { state: 'measured', actual: date(value) }, { unit: 'date', target: date(value) });

describe('next year’s plan', () => {
  it('moves a date target and a rule’s dates to the same day a year later, 29 February to 28', () => {
    const p = plan([
      node('A', null, [
        deadline('a', '2024-09-30'),
        deadline('b', '2024-02-29'),
        { ...deadline('c', '2024-06-30'), scoring: { kind: 'threshold', floor: date('2024-12-31') } },
        {
          ...deadline('d', '2023-02-28'),
          scoring: {
            kind: 'bands',
            mode: 'fixed',
            points: [
              { at: date('2023-03-31'), score: dec(50) },
              { at: date('2023-02-28'), score: dec(100) },
            ],
          },
        },
      ]),
    ]);
    const next = rollForward(evaluatePlan(p), { fromYear: 2024 }).nodes[0]!.indicators;
    expect(next.map((i) => i.target)).toEqual([date('2025-09-30'), date('2025-02-28'), date('2025-06-30'), date('2024-02-28')]);
    expect(next[2]!.scoring).toEqual({ kind: 'threshold', floor: date('2025-12-31') });
    expect(next[3]!.scoring).toEqual({
      kind: 'bands',
      mode: 'fixed',
      points: [
        { at: date('2024-03-31'), score: dec(50) },
        { at: date('2024-02-28'), score: dec(100) },
      ],
    });
  });

  it('keeps a number target as it is', () => {
    const next = rollForward(evaluatePlan(plan([node('A', null, [ind('a', 100, '>=', 12, { state: 'not_measured' })])])), { fromYear: 2024 });
    expect(next.nodes[0]!.indicators[0]!.target).toEqual({ kind: 'number', value: dec(12) });
  });
});
