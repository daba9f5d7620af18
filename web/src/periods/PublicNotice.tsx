/**
 * What a reader without an account needs beside the table (d.lgs. 33/2013): the act that adopted
 * the plan, and why a period shows no result. A period still open or collecting reaches the public
 * only when the controller published it, and then as the adopted plan without any value (the
 * server sends none, server/public-periods.ts): said plainly, as the transparency pages and the
 * exports say "risultati non ancora disponibili: il periodo è in corso" (of a plan archived before
 * the period was closed, that it never was).
 */
import { useTranslation } from 'react-i18next';
import { dayText } from '../../../src/messages/changes.js';
import type { Period, PlanSummary } from '../api/types.js';

/** `targetsOnly`: the period is read as its targets (`publicTargetsOnly`). */
export function PublicNotice({ plan, period, targetsOnly }: { plan: PlanSummary | null; period: Period | null; targetsOnly: boolean }) {
  const { t } = useTranslation();
  const act = plan?.adoption?.act ?? null;
  if (act === null && !targetsOnly) return null;
  return (
    <div className="mb-2" data-testid="public-notice">
      {act !== null && (
        <p className="small mb-1" data-testid="public-act">
          {t('revisions.status.adopted', { kind: act.kind, number: act.number, date: dayText(act.date) })}
        </p>
      )}
      {targetsOnly && period !== null && (
        <p className="alert alert-warning small mb-0" role="note" data-testid="targets-only">
          {/* The indicators' state in the table, named here with what it means. */}
          {/* An archived plan collects nothing: "in progress" would be false (the server's pages say it so too). */}
          {t(plan?.archived === true ? 'period.notClosedArchived' : 'period.targetsOnly', { label: period.label, state: t('state.pending').toLowerCase() })}
        </p>
      )}
    </div>
  );
}
