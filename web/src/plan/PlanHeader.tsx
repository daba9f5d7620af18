/** The plan view's head: back, title, status (draft or adopted) and body (corrected in place by the plan's editors), exports, summary, the Relazione and next year. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api } from '../api/client.js';
import type { ExportFormat, PlanSummary, TreeDocument } from '../api/types.js';
import { ORGANISATION_MAX, PLAN_TITLE_MAX } from '../../../src/core/model.js';
import { dayText } from '../../../src/messages/changes.js';
import { RenameForm } from '../ui/RenameForm.js';
import { focusSoon } from '../ui/Form.js';
import type { Kept } from '../ui/server-words.js';
import { can, useSession } from '../session.js';
import { NextYearButton } from '../years/NextYear.js';
import { useLang } from '../ui/format.js';
import { ExportButton } from './ExportButton.js';
import { usePlanLang, WithPlanText } from '../ui/PlanText.js';

interface Props {
  planId: string;
  tree: TreeDocument;
  /** The plan's summary (its title and `editVersion` as read): null while it is read. */
  plan: PlanSummary | null;
  onBack: () => void;
  /** The public reading a period still taking values (`publicTargetsOnly`): no summary of performances it was not given. */
  targetsOnly: boolean;
  /** After a rename: the plan read again, the message said. */
  onRenamed: (notice: Kept) => void;
  /** Reads the plan again (after a rename refused as stale). */
  onReload: () => void;
}

export function PlanHeader({ planId, tree, plan, onBack, targetsOnly, onRenamed, onReload }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const lang = useLang();
  const planLang = usePlanLang();
  const role = user?.role;
  // Which name is being corrected in place: the plan's title or its body's (one form at a time).
  const [renaming, setRenaming] = useState<'title' | 'organisation' | null>(null);
  // Archived, the plan is read, not changed; adopted, its title changes inside a revision (the server says so at the field).
  const mayRename = can.managePlans(role) && plan !== null && !plan.archived;
  const period = tree.period;
  // The plan's own year (its record's; its periods' while the record is read): next year's plan is made for the one after.
  const nextYearFrom = plan?.year ?? planYear(tree);
  // The counts by band follow the OIV's validated figures where the validation applies (the year end read with its values), as the public plan page's.
  const validatedSummary = tree.validation?.summary ?? null;
  const summaryWords = (summary: TreeDocument['summary']): string =>
    t('tree.summary', {
      objectives: t('tree.summaryObjectives', { count: summary.objectives }),
      green: t('tree.summaryGreen', { count: summary.green }),
      yellow: t('tree.summaryYellow', { count: summary.yellow }),
      red: t('tree.summaryRed', { count: summary.red }),
      none: t('tree.summaryNone', { count: summary.none }),
    });
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
        <div className="d-flex flex-wrap align-items-end gap-2">
          <h1 className="h3 mb-0" lang={planLang}>
            {tree.title}
          </h1>
          {mayRename && renaming === null && (
            <Button size="sm" color="primary" outline onClick={() => setRenaming('title')} id="rename-plan" data-testid="rename-plan">
              {t('plans.rename')}
            </Button>
          )}
        </div>
        <div className="d-flex flex-wrap gap-2 align-items-center" role="group" aria-label={t('export.title')}>
          <span className="small fw-semibold">{t('export.title')}:</span>
          {(['pdf', 'xlsx', 'csv'] as const).map(exportLink)}
        </div>
      </div>
      {plan !== null && (
        <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
          {/* Draft or adopted decides how the plan changes (freely, or inside a revision): said up front, not only in the Variazioni panel. */}
          <p className="small mb-0" data-testid="plan-status-head">
            <span className="visually-hidden">{t('plans.status.label')}: </span>
            <span className={`badge ${plan.status === 'adopted' ? 'bg-success' : 'bg-secondary'}`}>{t(`plans.status.${plan.status}`)}</span>
            {plan.adoption !== null && ` ${t('plans.status.act', { kind: plan.adoption.act.kind, number: plan.adoption.act.number, date: dayText(plan.adoption.act.date) })}`}
          </p>
          <p className="small mb-0" data-testid="plan-body">
            <WithPlanText sentence={t('plans.body', { organisation: plan.organisation })} quoted={plan.organisation} />
          </p>
          {mayRename && renaming === null && (
            <Button size="sm" color="primary" outline onClick={() => setRenaming('organisation')} id="correct-plan-body" data-testid="correct-plan-body">
              {t('plans.correctBody')}
            </Button>
          )}
        </div>
      )}
      {mayRename && renaming !== null && (
        <div className="mb-2" data-testid={renaming === 'title' ? 'plan-rename' : 'plan-body-correction'}>
          {/* One form for either name, keyed so a switch starts from the stored one. */}
          <RenameForm
            key={renaming}
            id={`plan-${renaming}`}
            field={renaming}
            label={t(renaming === 'title' ? 'plans.newTitle' : 'plans.newBody')}
            stored={plan[renaming]}
            version={plan.editVersion}
            maxLength={renaming === 'title' ? PLAN_TITLE_MAX : ORGANISATION_MAX}
            onSave={async (name, editVersion) => {
              const saved = await api.updatePlan(planId, { [renaming]: name, editVersion });
              setRenaming(null);
              onRenamed(renaming === 'title' ? { key: 'plans.renamed', values: { title: saved.title } } : { key: 'plans.bodyCorrected', values: { organisation: saved.organisation } });
            }}
            onCancel={() => {
              setRenaming(null);
              // The form goes with the focus in it: the button that opened it is back, and takes it.
              focusSoon(renaming === 'title' ? 'rename-plan' : 'correct-plan-body');
            }}
            onReload={onReload}
          />
        </div>
      )}
      {!targetsOnly && (
        <p className="small mb-2" data-testid="summary">
          {validatedSummary === null ? summaryWords(tree.summary) : t('tree.summaryValidated', { summary: summaryWords(validatedSummary) })}
        </p>
      )}
      {(can.managePlans(role) || user !== null) && (
        <div className="mb-2 d-flex flex-wrap gap-2 align-items-start">
          {user !== null && (
            <a className="btn btn-sm btn-outline-primary" href={`#/plans/${encodeURIComponent(planId)}/relazione`} data-testid="open-relazione">
              {t('relazione.open')}
            </a>
          )}
          {can.managePlans(role) && nextYearFrom !== null && <NextYearButton planId={planId} year={nextYearFrom} />}
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
