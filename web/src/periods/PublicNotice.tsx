/**
 * What a reader without an account needs beside the table (d.lgs. 33/2013): the act that adopted
 * the plan, and whether the values are final. A period still open or collecting reaches the public
 * only when the controller published it, and its values may yet change: said plainly, as the
 * transparency pages and the exports say "valori provvisori".
 */
import { useTranslation } from 'react-i18next';
import { dayText } from '../../../src/messages/changes.js';
import type { Period, PlanSummary } from '../api/types.js';
import { isLocked } from './PeriodBar.js';

export function PublicNotice({ plan, period }: { plan: PlanSummary | null; period: Period | null }) {
  const { t } = useTranslation();
  const act = plan?.adoption?.act ?? null;
  const provisional = period !== null && !isLocked(period);
  if (act === null && !provisional) return null;
  return (
    <div className="mb-2" data-testid="public-notice">
      {act !== null && (
        <p className="small mb-1" data-testid="public-act">
          {t('revisions.status.adopted', { kind: act.kind, number: act.number, date: dayText(act.date) })}
        </p>
      )}
      {provisional && (
        <p className="alert alert-warning small mb-0" role="note" data-testid="provisional">
          {t('period.provisional', { label: period.label })}
        </p>
      )}
    </div>
  );
}
