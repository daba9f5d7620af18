import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../../src/core/index.js';
import { evaluationDocument } from '../../../src/io/json.js';
import { loadTable } from '../../../src/io/load.js';
import { FIXTURE } from '../../../test/helpers.js';
import type { TreeObjective } from '../api/types.js';
import { nextToFill, NO_FILTERS, visibleRows } from './rows.js';

async function objectives(): Promise<TreeObjective[]> {
  const loaded = await loadTable(FIXTURE);
  const doc = evaluationDocument(evaluatePlan(loaded.value!.plan));
  return doc.objectives.map((o) => ({
    ...o,
    owner: o.code.startsWith('B') ? 'Ufficio B' : null,
    unit: null,
    unitId: null,
    personId: null,
    person: null,
    version: 1,
    indicators: o.indicators.map((i) => ({
      ...i,
      version: 1,
      definitionVersion: 1,
      evidence: null,
      source: null,
      notes: null,
      enteredBy: null,
      enteredByName: null,
      enteredAt: null,
      unitId: null,
      unitName: null,
      personId: null,
      person: null,
      editable: false,
      tolerance: null,
      formula: null,
      inputs: null,
      rule: null,
      baseline: null,
      baselineText: '',
      baselineYear: null,
      nextTargets: [],
      previousValue: null,
      baselineChange: null,
      ownRange: null,
    })),
  }));
}

const codes = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => (r.kind === 'objective' ? r.objective.code : r.indicator.id));

describe('rows of the tree table', () => {
  it('lists every objective and indicator in tree order when nothing is filtered', async () => {
    const objs = await objectives();
    const rows = visibleRows(objs, NO_FILTERS, new Set());
    expect(rows.filter((r) => r.kind === 'objective')).toHaveLength(objs.length);
    expect(rows.filter((r) => r.kind === 'indicator')).toHaveLength(objs.reduce((n, o) => n + o.indicators.length, 0));
    const list = codes(rows);
    expect(list.indexOf('A.2')).toBeLessThan(list.indexOf('A.2:1'));
    expect(list.indexOf('A.2:1')).toBeLessThan(list.indexOf('A.2.1'));
  });

  it('hides a collapsed branch', async () => {
    const rows = visibleRows(await objectives(), NO_FILTERS, new Set(['A']));
    expect(codes(rows).some((c) => c.startsWith('A.'))).toBe(false);
    expect(codes(rows)).toContain('A');
    expect(codes(rows)).toContain('B.1');
  });

  it('filters by band keeping the ancestors for context', async () => {
    const rows = visibleRows(await objectives(), { ...NO_FILTERS, band: 'red' }, new Set());
    const objs = rows.filter((r) => r.kind === 'objective').map((r) => r.objective);
    expect(objs.map((o) => o.code)).toContain('B.1');
    expect(objs.map((o) => o.code)).toContain('B');
    expect(objs.map((o) => o.code)).not.toContain('A.2');
  });

  it('filters by area, owner, state and search', async () => {
    const objs = await objectives();
    expect(codes(visibleRows(objs, { ...NO_FILTERS, area: 'B' }, new Set())).every((c) => c.startsWith('B'))).toBe(true);
    expect(codes(visibleRows(objs, { ...NO_FILTERS, owner: 'Ufficio B' }, new Set())).every((c) => c.startsWith('B'))).toBe(true);
    const nv = visibleRows(objs, { ...NO_FILTERS, state: 'not_evaluable' }, new Set()).filter((r) => r.kind === 'indicator');
    expect(nv).toHaveLength(1);
    const found = codes(visibleRows(objs, { ...NO_FILTERS, search: 'turistic' }, new Set()));
    expect(found).toContain('A.1.1:2');
    expect(found).not.toContain('B.1');
  });

  it('after a save, goes to the next editable indicator without a value, wrapping around, else the next editable row', async () => {
    const objs = await objectives();
    const mark = (ids: string[], empty: string[]) =>
      objs.map((o) => ({
        ...o,
        indicators: o.indicators.map((i) => ({
          ...i,
          editable: ids.includes(i.id),
          ...(empty.includes(i.id) ? { state: 'not_measured' as const, actual: null } : { state: 'measured' as const, actual: i.actual ?? 1 }),
        })),
      }));
    const rows = visibleRows(mark(['A.2:1', 'A.2:2', 'B.1.1:5', 'B.2.2:3'], ['B.2.2:3', 'A.2:1']), NO_FILTERS, new Set());
    // A.2:2 has a value: skipped for B.2.2:3, the next without one.
    expect(nextToFill(rows, 'i:A.2:1')?.indicator.id).toBe('B.2.2:3');
    // After the last one, around to the first without a value.
    expect(nextToFill(rows, 'i:B.2.2:3')?.indicator.id).toBe('A.2:1');
    // Every editable one filled: the next editable row, none after the last.
    const full = visibleRows(mark(['A.2:1', 'A.2:2', 'B.1.1:5'], []), NO_FILTERS, new Set());
    expect(nextToFill(full, 'i:A.2:1')?.indicator.id).toBe('A.2:2');
    expect(nextToFill(full, 'i:B.1.1:5')).toBeNull();
  });
});

describe('filters by unit, person and "my indicators"', () => {
  // Area B belongs to unit u-b; A.2 to unit u-a2 with Rita as its person; one indicator of A.2 is moved to unit u-x.
  async function assigned(): Promise<TreeObjective[]> {
    return (await objectives()).map((o) => ({
      ...o,
      unitId: o.code === 'B' ? 'u-b' : o.code === 'A.2' ? 'u-a2' : null,
      personId: o.code === 'A.2' ? 'rita' : null,
      indicators: o.indicators.map((i) => (i.id === 'A.2:1' ? { ...i, unitId: 'u-x' } : i)),
    }));
  }

  it('by unit: an item takes the nearest unit above it unless it has its own', async () => {
    const objs = await assigned();
    const b = codes(visibleRows(objs, { ...NO_FILTERS, unit: 'u-b' }, new Set()));
    expect(b).toContain('B.1');
    expect(b.every((c) => c.startsWith('B'))).toBe(true);
    const a2 = codes(visibleRows(objs, { ...NO_FILTERS, unit: 'u-a2' }, new Set()));
    expect(a2).toContain('A.2');
    expect(a2).not.toContain('A.2:1');
    expect(a2.filter((c) => c.includes(':')).every((c) => c.startsWith('A.2'))).toBe(true);
    expect(codes(visibleRows(objs, { ...NO_FILTERS, unit: 'u-x' }, new Set())).filter((c) => c.includes(':'))).toEqual(['A.2:1']);
    const none = codes(visibleRows(objs, { ...NO_FILTERS, unit: 'none' }, new Set()));
    expect(none.some((c) => c.startsWith('B') || c.startsWith('A.2'))).toBe(false);
    expect(none).toContain('C');
  });

  it('by person, and "my indicators" as the server reads them (any unit or person on the way up)', async () => {
    const objs = await assigned();
    const rita = codes(visibleRows(objs, { ...NO_FILTERS, person: 'rita' }, new Set())).filter((c) => c.includes(':'));
    expect(rita.length).toBeGreaterThan(0);
    expect(rita.every((c) => c.startsWith('A.2'))).toBe(true);
    expect(rita).toContain('A.2:1');
    const mine = codes(visibleRows(objs, { ...NO_FILTERS, mine: { id: 'mario', username: 'mario', unitIds: ['u-x'] } }, new Set())).filter((c) => c.includes(':'));
    expect(mine).toEqual(['A.2:1']);
    const head = codes(visibleRows(objs, { ...NO_FILTERS, mine: { id: 'ugo', username: 'ugo', unitIds: ['u-a2'] } }, new Set())).filter((c) => c.includes(':'));
    expect(head).toContain('A.2:1');
    expect(codes(visibleRows(objs, { ...NO_FILTERS, mine: { id: 'nessuno', username: 'nessuno', unitIds: [] } }, new Set()))).toEqual([]);
  });
});
