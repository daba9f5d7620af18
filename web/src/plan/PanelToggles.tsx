/** The buttons at the end of the period bar that open the plan view's panels, and what-if. */
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { can, useSession } from '../session.js';
import type { PanelName, Panels } from './usePanels.js';
import type { WhatIf } from './useWhatIf.js';

/** `archived`: the plan is archived, its periods neither added, renamed nor deleted (409 plan-archived): no periods panel. */
export function PanelToggles({ panels, whatIf, archived = false }: { panels: Panels; whatIf: WhatIf; archived?: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const role = user?.role;
  const toggle = (name: PanelName, controls: string | undefined, testId: string | undefined, shown: string, hidden: string, color: 'primary' | 'secondary' = 'secondary') => (
    <Button size="sm" color={color} outline onClick={() => panels.toggle(name)} aria-expanded={panels.isOpen(name)} aria-controls={controls} data-testid={testId}>
      {panels.isOpen(name) ? hidden : shown}
    </Button>
  );
  return (
    <span className="ms-auto d-flex gap-2">
      {can.managePlans(role) && !archived && toggle('periods', 'periods-panel', 'periods-toggle', t('periods.manage'), t('periods.hide'))}
      {toggle('revisions', 'revisions-region', 'revisions-toggle', t('revisions.open'), t('revisions.hide'))}
      {user != null && toggle('worklist', 'worklist-region', 'worklist-toggle', role === 'referente' ? t('campaign.worklist') : t('campaign.worklistAll'), t('campaign.hideWorklist'), 'primary')}
      {(role === 'admin' || role === 'controller' || role === 'oiv') && toggle('dashboard', 'dashboard-region', 'dashboard-toggle', t('campaign.dashboard'), t('campaign.hideDashboard'), 'primary')}
      {toggle('changes', 'changes-region', 'changes-toggle', t('changes.open'), t('changes.hide'))}
      {role !== undefined && toggle('variances', 'variances-region', 'variances-toggle', t('campaign.variances.show'), t('campaign.variances.hide'))}
      {toggle('charts', undefined, undefined, t('charts.show'), t('charts.hide'))}
      {can.simulate(role) && (
        <Button size="sm" color={whatIf.on ? 'danger' : 'secondary'} outline={!whatIf.on} aria-pressed={whatIf.on} onClick={whatIf.toggle} data-testid="whatif-toggle">
          {whatIf.on ? t('whatif.stop') : t('whatif.start')}
        </Button>
      )}
    </span>
  );
}
