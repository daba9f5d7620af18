/** What-if: the overrides typed into the tree, the engine's simulation in the browser, and what it changed. */
import { useCallback, useMemo, useState } from 'react';
import type { TreeDocument } from '../api/types.js';
import { explainSimulated, hasOverrides, mergeSimulation, NO_OVERRIDES, simulate, type Overrides } from './whatif.js';

export type OverrideField = 'actual' | 'target' | 'weight';

export function useWhatIf(tree: TreeDocument | null) {
  const [on, setOn] = useState(false);
  const [overrides, setOverrides] = useState<Overrides>(NO_OVERRIDES);
  const simulation = useMemo(() => (tree !== null && on && hasOverrides(overrides) ? simulate(tree, overrides) : null), [tree, on, overrides]);
  /** The tree on screen: the simulated one in what-if, else the server's. */
  const shown = useMemo(() => (tree === null ? null : simulation === null ? tree : mergeSimulation(tree, simulation.document, simulation.evaluation)), [tree, simulation]);
  /** Objective codes and indicator ids whose figures the simulation changed (highlighted in the tree). */
  const changed = useMemo(() => {
    const set = new Set<string>();
    if (tree === null || shown === null || shown === tree) return set;
    tree.objectives.forEach((o, n) => {
      const s = shown.objectives[n]!;
      if (s.performance !== o.performance) set.add(o.code);
      o.indicators.forEach((i, k) => {
        if (s.indicators[k]?.performance !== i.performance || s.indicators[k]?.actual !== i.actual) set.add(i.id);
      });
    });
    return set;
  }, [tree, shown]);
  const localExplanation = useMemo(
    () => (simulation === null ? null : (code: string, lang: 'it' | 'en') => explainSimulated(simulation.evaluation, code, lang, tree ?? undefined)),
    [simulation, tree],
  );
  const onOverride = useCallback((id: string, field: OverrideField, value: number | string | boolean | null) => {
    setOverrides((o) => {
      const prev = o.indicators[id] ?? {};
      const change = field === 'weight' ? { weight: typeof value === 'number' ? value : 0 } : field === 'actual' ? { actual: value, state: 'measured' as const } : { target: value };
      return { ...o, indicators: { ...o.indicators, [id]: { ...prev, ...change } } };
    });
  }, []);
  const reset = useCallback(() => setOverrides(NO_OVERRIDES), []);
  /** In or out of what-if; either way the overrides start empty. */
  const toggle = useCallback(() => {
    setOn((w) => !w);
    setOverrides(NO_OVERRIDES);
  }, []);
  const stop = useCallback(() => {
    setOn(false);
    setOverrides(NO_OVERRIDES);
  }, []);
  return { on, overrides, shown, changed, localExplanation, onOverride, reset, toggle, stop };
}

export type WhatIf = ReturnType<typeof useWhatIf>;
