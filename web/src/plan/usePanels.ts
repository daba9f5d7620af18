/** Which of the plan view's panels are open (each toggled by its button in the period bar). */
import { useCallback, useState } from 'react';

export type PanelName = 'periods' | 'revisions' | 'worklist' | 'dashboard' | 'changes' | 'variances' | 'charts';

export function usePanels() {
  const [open, setOpen] = useState<ReadonlySet<PanelName>>(new Set());
  const toggle = useCallback((name: PanelName) => {
    setOpen((o) => {
      const next = new Set(o);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  }, []);
  const show = useCallback((name: PanelName) => setOpen((o) => (o.has(name) ? o : new Set(o).add(name))), []);
  return { isOpen: (name: PanelName) => open.has(name), toggle, show };
}

export type Panels = ReturnType<typeof usePanels>;
