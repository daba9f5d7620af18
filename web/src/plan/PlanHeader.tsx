/** The plan view's head: back, title, exports, summary, the Relazione and next year. */
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { ExportFormat, TreeDocument } from '../api/types.js';
import { can, useSession } from '../session.js';
import { NextYearButton } from '../years/NextYear.js';
import { useLang } from '../ui/format.js';
import { ExportButton } from './ExportButton.js';

/** `targetsOnly`: the public reading a period still taking values (`publicTargetsOnly`): no summary of performances it was not given. */
export function PlanHeader({ planId, tree, onBack, targetsOnly }: { planId: string; tree: TreeDocument; onBack: () => void; targetsOnly: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const lang = useLang();
  const role = user?.role;
  const period = tree.period;
  // Signed in, the PDF and the workbook are drawn as jobs with their progress shown (a big plan
  // takes seconds); the public and the CSV keep a plain download link.
  const exportLink = (format: ExportFormat) =>
    user != null && (format === 'pdf' || format === 'xlsx') ? (
      <ExportButton key={format} planId={String(planId)} format={format} period={period?.id} />
    ) : (
      <a key={format} className="btn btn-sm btn-outline-primary" href={api.exportUrl(planId, format, period?.id, lang)} download data-testid={`export-${format}`}>
        {t(`export.${format}`)}
      </a>
    );
  return (
    <>
      <p className="mb-1">
        <button type="button" className="btn btn-link p-0" onClick={onBack}>
          ← {t('plans.back')}
        </button>
      </p>
      <div className="d-flex flex-wrap align-items-end justify-content-between gap-2 mb-2">
        <h1 className="h3 mb-0">{tree.title}</h1>
        <div className="d-flex flex-wrap gap-2 align-items-center" role="group" aria-label={t('export.title')}>
          <span className="small fw-semibold">{t('export.title')}:</span>
          {(['pdf', 'xlsx', 'csv'] as const).map(exportLink)}
        </div>
      </div>
      {!targetsOnly && (
        <p className="small mb-2" data-testid="summary">
          {t('tree.summary', tree.summary)}
        </p>
      )}
      {(can.managePlans(role) || user !== null) && (
        <div className="mb-2 d-flex flex-wrap gap-2 align-items-start">
          {user !== null && (
            <a className="btn btn-sm btn-outline-primary" href={`#/plans/${encodeURIComponent(planId)}/relazione`} data-testid="open-relazione">
              {t('relazione.open')}
            </a>
          )}
          {can.managePlans(role) && <NextYearButton planId={planId} year={planYear(tree)} />}
        </div>
      )}
    </>
  );
}

/** The plan's year, read from its periods (each a day of its year). */
function planYear(tree: TreeDocument): number | null {
  const first = tree.periods[0]?.endsOn ?? tree.periods[0]?.id ?? null;
  return first === null || !/^\d{4}/.test(first) ? null : Number(first.slice(0, 4));
}
