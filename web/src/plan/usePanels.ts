/** Which of the plan view's panels are open (each toggled by its button in the period bar). */
import { useCallback, useState } from 'react';

export type PanelName = 'periods' | 'revisions' | 'worklist' | 'dashboard' | 'changes' | 'variances' | 'charts';

/** `initial`: the panels the address asks to open (a reminder's link opens the worklist). */
export function usePanels(initial: readonly PanelName[] = []) {
  const [open, setOpen] = useState<ReadonlySet<PanelName>>(() => new Set(initial));
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
