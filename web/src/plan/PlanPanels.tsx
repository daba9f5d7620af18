/** The panels the period bar's buttons open, between the bar and the tree. */
import type { WorklistAsked } from '../../../src/contract/worklist-link.js';
import { Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary, TreeDocument } from '../api/types.js';
import { can, useSession } from '../session.js';
import type { Selection } from '../tree/TreeTable.js';
import { ChangesPanel, DashboardPanel, PeriodsPanel, RemindersPanel, RevisionsPanel, VariancesPanel, WorklistPanel } from './lazy.js';
import type { Panels } from './usePanels.js';
import type { Kept } from '../ui/server-words.js';

interface Props {
  planId: string;
  tree: TreeDocument;
  plan: PlanSummary | null;
  panels: Panels;
  /** Shows a period (null: the server's default) and reads the plan's trees again. */
  reload: (period: string | null) => void;
  reloadPlan: () => void;
  onPeriodsChanged: (periodId: string | null, message: Kept) => void;
  /** Opens an objective's or indicator's detail and scrolls to it. */
  select: (selection: NonNullable<Selection>) => void;
  /** The worklist's filters the address asked for (a reminder's link), null: none. */
  worklistAsked?: WorklistAsked | null;
  /** The plan is archived: its periods are not managed, its variances read (409 plan-archived for both). */
  archived?: boolean;
}

const scrollTo = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: 'nearest' }));

export function PlanPanels({ planId, tree, plan, panels, reload, reloadPlan, onPeriodsChanged, select, worklistAsked = null, archived = false }: Props) {
  const { user } = useSession();
  const role = user?.role;
  const period = tree.period;
  // The monitoring campaign: the worklist (with a dashboard row's filters) and the dashboard; both
  // read through the cache, which every write to the plan's data marks stale (`usePlanWritten`).
  const [worklistFilter, setWorklistFilter] = useState<WorklistAsked>(worklistAsked ?? {});
  return (
    <>
      {panels.isOpen('periods') && can.managePlans(role) && !archived && (
        <div id="periods-panel">
          <Loading>
            <PeriodsPanel planId={planId} periods={tree.periods} shownId={period?.id ?? null} onChanged={onPeriodsChanged} onReload={() => reload(period?.id ?? null)} validation={tree.validation} />
          </Loading>
        </div>
      )}
      {panels.isOpen('dashboard') && (
        <div id="dashboard-region">
          <Loading>
            <DashboardPanel
              planId={planId}
              onShow={(p, unit) => {
                setWorklistFilter({ period: p, unit: unit ?? 'none' });
                panels.show('worklist');
                scrollTo('worklist-title');
              }}
            />
            {(role === 'admin' || role === 'controller') && <RemindersPanel planId={planId} />}
          </Loading>
        </div>
      )}
      {panels.isOpen('worklist') && user != null && (
        <div id="worklist-region">
          <Loading>
            <WorklistPanel
              planId={planId}
              role={user.role}
              initial={worklistFilter}
              onOpen={(indicatorId, p) => {
                if (p !== period?.id) reload(p);
                select({ kind: 'indicator', id: indicatorId, code: tree.objectives.find((o) => o.indicators.some((i) => i.id === indicatorId))?.code ?? '' });
                scrollTo('detail-title');
              }}
            />
          </Loading>
        </div>
      )}
      {panels.isOpen('revisions') && plan !== null && (
        <div id="revisions-region">
          <Loading>
            <RevisionsPanel
              plan={plan}
              canManage={can.managePlans(role)}
              onChanged={() => {
                reloadPlan();
                reload(period?.id ?? null);
              }}
            />
          </Loading>
        </div>
      )}
      {panels.isOpen('changes') && (
        <div id="changes-region">
          <Loading>
            <ChangesPanel
              planId={planId}
              periodId={period?.id ?? null}
              periods={tree.periods}
              inTree={(code) => tree.objectives.some((o) => o.code === code)}
              onSelectObjective={(code) => {
                select({ kind: 'objective', code });
                scrollTo('detail-title');
              }}
            />
          </Loading>
        </div>
      )}
      {panels.isOpen('variances') && role !== undefined && period && (
        <div id="variances-region">
          <Loading>
            <VariancesPanel planId={planId} periodId={period.id} archived={archived} />
          </Loading>
        </div>
      )}
    </>
  );
}

/** A panel's own wait for its script, so opening one never hides another that is already open. */
function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>;
}
