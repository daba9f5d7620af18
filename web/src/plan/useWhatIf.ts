/** What-if: the overrides typed into the tree, the engine's simulation in the browser, and what it changed. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TreeDocument } from '../api/types.js';
import { ownValue } from '../../../src/core/text-keys.js';
import { loadWhatIf, type WhatIfEngine } from './lazy.js';
import { hasOverrides, NO_OVERRIDES, type Overrides } from './overrides.js';

export type OverrideField = 'actual' | 'target' | 'weight';

export function useWhatIf(tree: TreeDocument | null) {
  const [on, setOn] = useState(false);
  const [overrides, setOverrides] = useState<Overrides>(NO_OVERRIDES);
  // The engine (src/core with decimal.js) is its own script, loaded when what-if is first switched
  // on: a plain read of the tree never needs it (issue 15 §4). Until it is in, nothing is simulated.
  const [engine, setEngine] = useState<WhatIfEngine | null>(null);
  useEffect(() => {
    if (on && engine === null) void loadWhatIf().then(setEngine);
  }, [on, engine]);
  const simulation = useMemo(() => (engine !== null && tree !== null && on && hasOverrides(overrides) ? engine.simulate(tree, overrides) : null), [engine, tree, on, overrides]);
  /** The tree on screen: the simulated one in what-if, else the server's. */
  const shown = useMemo(
    () => (tree === null ? null : simulation === null || engine === null ? tree : engine.mergeSimulation(tree, simulation.document, simulation.evaluation)),
    [engine, tree, simulation],
  );
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
    () => (simulation === null || engine === null ? null : (code: string, lang: 'it' | 'en') => engine.explainSimulated(simulation.evaluation, code, lang, tree ?? undefined)),
    [engine, simulation, tree],
  );
  const onOverride = useCallback((id: string, field: OverrideField, value: number | string | boolean | null) => {
    setOverrides((o) => {
      const prev = ownValue(o.indicators, id) ?? {};
      // A weight is a number as `parseInput` reads it (its exact text when a double would round it); an emptied one weighs nothing.
      const weight = typeof value === 'number' || typeof value === 'string' ? value : 0;
      const change = field === 'weight' ? { weight } : field === 'actual' ? { actual: value, state: 'measured' as const } : { target: value };
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
