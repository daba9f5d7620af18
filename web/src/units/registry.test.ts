import { describe, expect, it } from 'vitest';
import type { Unit } from '../campaign/campaign-api.js';
import { unitAndBelow, unitLabel, unitTree } from './registry.js';

const unit = (id: string, code: string, parentId: string | null = null): Unit => ({
  id,
  code,
  name: `Unità ${code}`,
  kind: 'Ufficio',
  parentId,
  headId: null,
  members: [],
  version: 1,
  updatedAt: '2024-01-01T00:00:00Z',
});

describe('the registry as a tree', () => {
  const units = [unit('3', 'B'), unit('2', 'A.10', '1'), unit('4', 'A.2', '1'), unit('1', 'A'), unit('5', 'A.2.1', '4'), unit('6', 'X', 'gone')];

  it('puts each unit after its parent, siblings by code (numbers in order), orphans at the top level', () => {
    expect(unitTree(units).map((r) => `${'  '.repeat(r.depth)}${r.unit.code}`)).toEqual(['A', '  A.2', '    A.2.1', '  A.10', 'B', 'X']);
  });

  it('knows a unit and everything under it, which a parent field must not offer', () => {
    expect([...unitAndBelow(units, '1')].sort()).toEqual(['1', '2', '4', '5']);
    expect([...unitAndBelow(units, '5')]).toEqual(['5']);
  });

  it('labels a unit by code and name', () => {
    expect(unitLabel(unit('1', 'UI'))).toBe('UI — Unità UI');
  });
});
