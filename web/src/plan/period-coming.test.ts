import { describe, expect, it } from 'vitest';
import type { TreeDocument } from '../api/types.js';
import { periodComing } from './period-coming.js';

type Period = TreeDocument['periods'][number];
type Tree = Pick<TreeDocument, 'period' | 'periods' | 'objectives'>;

const period = (endsOn: string, state: Period['state']): Period => ({
  id: endsOn,
  label: endsOn.split('-').reverse().join('/'),
  endsOn,
  state,
  updatedAt: '2024-01-30T00:00:00Z',
  deadline: null,
  version: 1,
});

/** A tree of `shown`, among `periods`, whose one indicator is in `state`. */
function tree(shown: string, periods: Period[], state: TreeDocument['objectives'][number]['indicators'][number]['state'] = 'measured'): Tree {
  return {
    period: periods.find((p) => p.id === shown)!,
    periods,
    objectives: [{ indicators: [{ state }] }] as unknown as TreeDocument['objectives'],
  };
}

const COLLECTING = [period('2024-06-30', 'collecting'), period('2024-09-30', 'open'), period('2024-12-31', 'open')];
const BETWEEN = [period('2024-06-30', 'closed'), period('2024-09-30', 'validated'), period('2024-12-31', 'open')];

describe('the period a plan screen is moving to', () => {
  it('is none before a tree is in, and none once the tree shown is the one asked for', () => {
    expect(periodComing(null, '2024-06-30', true)).toBeNull();
    expect(periodComing(tree('2024-06-30', COLLECTING), '2024-06-30', true)).toBeNull();
  });

  it('is the period picked while the tree shown is still the one before it, named by its label', () => {
    expect(periodComing(tree('2024-12-31', COLLECTING), '2024-06-30', true)).toEqual({ id: '2024-06-30', label: '30/06/2024' });
    // The public's pick waits alike: a pick is a pick.
    expect(periodComing(tree('2024-12-31', COLLECTING), '2024-09-30', false)).toEqual({ id: '2024-09-30', label: '30/09/2024' });
  });

  it('has no label when the tree shown does not list the period asked for (a link naming another)', () => {
    expect(periodComing(tree('2024-12-31', COLLECTING), '2024-03-31', true)).toEqual({ id: '2024-03-31', label: null });
  });

  it("is, for the office opening without a period, the one collecting instead of the server's default", () => {
    expect(periodComing(tree('2024-12-31', COLLECTING, 'not_measured'), null, true)).toEqual({ id: '2024-06-30', label: '30/06/2024' });
    // The public reads what the server gives: nothing coming.
    expect(periodComing(tree('2024-12-31', COLLECTING, 'not_measured'), null, false)).toBeNull();
    // The default already the one collecting: nothing coming.
    expect(periodComing(tree('2024-06-30', COLLECTING), null, true)).toBeNull();
  });

  it('is, between campaigns, the latest closed or validated when the year end shown is open and empty; none when it holds values', () => {
    expect(periodComing(tree('2024-12-31', BETWEEN, 'not_measured'), null, true)).toEqual({ id: '2024-09-30', label: '30/09/2024' });
    expect(periodComing(tree('2024-12-31', BETWEEN, 'measured'), null, true)).toBeNull();
    const noneClosed = [period('2024-06-30', 'open'), period('2024-12-31', 'open')];
    expect(periodComing(tree('2024-12-31', noneClosed, 'not_measured'), null, true)).toBeNull();
  });
});
