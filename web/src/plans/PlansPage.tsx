import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { api } from '../api/client.js';
import type { PlanSummary } from '../api/types.js';
import { PLAN_YEARS } from '../../../src/core/model.js';
import { Field, focusFirstError, useRefusal } from '../ui/Form.js';
import { can, useSession } from '../session.js';
import { staleSaveOf, staleSaveWords } from '../ui/stale-save.js';
import { useLang } from '../ui/format.js';
import { usePlanLang } from '../ui/PlanText.js';
import { useInLanguage, useKept, useReadError, type Kept } from '../ui/server-words.js';
import { DeletePlanDialog } from './DeletePlanDialog.js';
import { ImportPanel } from './ImportPanel.js';
import { WorkDue } from './WorkDue.js';
import { useArchivedPlans, usePlans, usePlansChanged } from './queries.js';

export function PlansPage({ onOpen }: { onOpen: (id: PlanSummary['id']) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const planLang = usePlanLang();
  const { user } = useSession();
  const plansRead = usePlans();
  const plans = plansRead.data ?? null;
  const changed = usePlansChanged();
  // A refusal kept as the server's answer (with the plan it was about: a stale publication names it),
  // said on each render: after a change of language, in the new one.
  // `create`: the new plan's, said as its form says it; `title`: the plan a stale publication was about.
  const [refused, setError] = useState<{ error: unknown; create?: true; title?: string } | null>(null);
  const [notice, setNotice] = useState<Kept | null>(null);
  const [title, setTitle] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  // The body the plan belongs to, which the Relazione, the reports and the transparency pages name:
  // offered as the latest plan's (the list comes newest first), else typed (before, every plan of
  // the web app was the server's placeholder «Ente», and no screen could change it). null: not typed.
  const [organisation, setOrganisation] = useState<string | null>(null);
  const body = organisation ?? plans?.[0]?.organisation ?? '';
  // What the new plan's fields cannot take, by field (`title`, `year`), said beside each.
  // Kept as what they are (keys, the refusal of the new plan), said on each render too.
  const [kept, setProblems] = useState<Record<string, Kept> | { refusedNew: unknown }>({});
  const refusal = useRefusal('plans.errors');
  const say = useKept();
  const said = useInLanguage();
  // A refusal in its words; a fault of the app (no refusal) in the app's, its raw text in the console.
  const readError = useReadError();
  const refusedNew = 'refusedNew' in kept ? refusal(said(kept.refusedNew)) : null;
  const problems: Record<string, string> = refusedNew?.fields ?? Object.fromEntries(Object.entries(kept as Record<string, Kept>).map(([field, problem]) => [field, say(problem)]));
  const error = ((): string | null => {
    if (refused === null) return null;
    const clash = staleSaveOf(refused.error);
    if (clash !== null) return t('plans.stale', { title: refused.title ?? '', ...staleSaveWords(clash, lang, t('common.someoneElse')) });
    return 'create' in refused ? (refusal(said(refused.error)).general ?? null) : readError(refused.error);
  })();
  const manage = can.managePlans(user?.role);

  /** The new plan's fields as typed, or what each cannot take, in the screen's words (not the browser's). */
  function newPlanProblems(): Record<string, Kept> {
    const found: Record<string, Kept> = {};
    if (title.trim() === '') found.title = { key: 'plans.errors.title' };
    if (body.trim() === '') found.organisation = { key: 'plans.errors.organisation' };
    const typed = year.trim();
    if (!/^\d{4}$/.test(typed)) found.year = { key: 'years.invalidYear' };
    else if (Number(typed) < PLAN_YEARS.first || Number(typed) > PLAN_YEARS.last) found.year = { key: 'years.range', values: { ...PLAN_YEARS } };
    return found;
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const found = newPlanProblems();
    setProblems(found);
    // The focus goes to the first field at fault: only which fields are, not their words, matter to it.
    if (Object.keys(found).length > 0) return focusFirstError({ fields: Object.fromEntries(Object.keys(found).map((field) => [field, ''])), general: null }, 'plan-');
    try {
      const plan = await api.createPlan({ title: title.trim(), year: Number(year), organisation: body.trim() });
      setNotice({ key: 'plans.created' });
      setTitle('');
      void changed();
      onOpen(plan.id);
    } catch (err) {
      // A refusal naming a field (the server checks the same and more) is said there too.
      const refused = refusal(err);
      setProblems({ refusedNew: err });
      if (refused.general !== null) setError({ error: err, create: true });
      else focusFirstError(refused, 'plan-');
    }
  }

  // The plan whose deletion is being asked (its dialog open), null when none.
  const [deleting, setDeleting] = useState<PlanSummary | null>(null);

  async function toggleArchived(p: PlanSummary) {
    try {
      await api.archivePlan(p.id, p.archived !== true);
      await changed();
    } catch (err) {
      setError({ error: err });
    }
  }

  const [showArchived, setShowArchived] = useState(false);
  const archivedRead = useArchivedPlans(showArchived);
  const archived = archivedRead.data ?? null;
  // A failed read says so where an action's refusal would.
  const shown = error ?? (plansRead.error !== null ? readError(plansRead.error) : archivedRead.error !== null ? readError(archivedRead.error) : null);

  async function togglePublished(p: PlanSummary) {
    setError(null);
    try {
      // Named by the version read: a plan another desk published, unpublished or renamed since is not flipped back blind.
      await api.updatePlan(p.id, { published: !p.published, editVersion: p.editVersion });
      await changed();
    } catch (err) {
      const clash = staleSaveOf(err);
      if (clash !== null) {
        setError({ error: err, title: p.title });
        await changed();
      } else setError({ error: err });
    }
  }

  const years = [...new Set((plans ?? []).map((p) => p.year))].sort((a, b) => b - a);

  return (
    <div>
      <h1 className="h3">{t('plans.title')}</h1>
      <WorkDue />
      {shown !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: shown })}
        </Alert>
      )}
      {notice !== null && (
        <Alert color="success" role="status">
          {say(notice)}
        </Alert>
      )}
      {deleting !== null && (
        <DeletePlanDialog
          plan={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            void changed();
          }}
        />
      )}
      {plans === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : plans.length === 0 ? (
        <p>{t('plans.empty')}</p>
      ) : (
        years.map((y) => (
          <section key={y} aria-labelledby={`year-${y}`} className="mb-4">
            <h2 id={`year-${y}`} className="h5">
              {t('plans.year')} {y}
            </h2>
            <ul className="list-unstyled plan-list">
              {plans
                .filter((p) => p.year === y)
                .map((p) => (
                  <li key={String(p.id)} className="plan-item d-flex flex-wrap align-items-center gap-2" data-plan-title={p.title}>
                    {/* The title and the body are the plan's Italian texts (ui/PlanText); the aria-labels quoting the title cannot be marked. */}
                    <a href={`#/plans/${encodeURIComponent(String(p.id))}`} className="fw-semibold" lang={planLang}>
                      {p.title}
                    </a>
                    <span className="text-muted small">
                      <span lang={planLang}>{p.organisation ?? ''}</span> · {t(`plans.version.${p.version}`)} · {p.published ? t('plans.published') : t('plans.draft')}
                    </span>
                    {/* The year's art. 20 page of Amministrazione trasparente (server HTML, no sign-in): where a citizen looks for the bonuses. */}
                    {p.published && (
                      <a
                        href={`/trasparenza/${encodeURIComponent(String(p.id))}/premi.html?lang=${lang}`}
                        className="small"
                        data-testid="plan-rewards"
                        aria-label={t('plans.rewardsOf', { title: p.title })}
                      >
                        {t('plans.rewards')}
                      </a>
                    )}
                    {manage && (
                      <span className="ms-auto d-flex gap-2">
                        <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => void togglePublished(p)}>
                          {p.published ? t('plans.unpublish') : t('plans.publish')}
                        </button>
                        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void toggleArchived(p)} aria-label={`${t('revisions.archive')}: ${p.title}`}>
                          {t('revisions.archive')}
                        </button>
                        <button
                          type="button"
                          className="btn btn-sm btn-outline-danger"
                          onClick={() => {
                            // A refusal said before (the last plan of a body holding HR's records) is not the answer to this one.
                            setError(null);
                            setDeleting(p);
                          }}
                          aria-label={`${t('plans.delete')}: ${p.title}`}
                        >
                          {t('plans.delete')}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))
      )}
      <p className="mt-2">
        <button type="button" className="btn btn-sm btn-link p-0" aria-expanded={showArchived} onClick={() => setShowArchived((v) => !v)} data-testid="archived-toggle">
          {showArchived ? t('revisions.hideArchived') : t('revisions.showArchived')}
        </button>
      </p>
      {showArchived && archived !== null && (
        <section aria-labelledby="archived-title" data-testid="archived-plans">
          <h2 id="archived-title" className="h5">
            {t('revisions.archivedList')}
          </h2>
          {/* No deletion is offered here: the API refuses an archived plan's (409 plan-archived); the way is said. */}
          {manage && archived.length > 0 && (
            <p className="small text-muted" data-testid="archived-no-delete">
              {t('revisions.archivedNoDelete')}
            </p>
          )}
          {archived.length === 0 ? (
            <p className="small">{t('plans.empty')}</p>
          ) : (
            <ul className="list-unstyled plan-list">
              {archived.map((p) => (
                <li key={String(p.id)} className="plan-item d-flex flex-wrap align-items-center gap-2" data-plan-title={p.title}>
                  <a href={`#/plans/${encodeURIComponent(String(p.id))}`} className="fw-semibold" lang={planLang}>
                    {p.title}
                  </a>
                  <span className="text-muted small">{p.year}</span>
                  {manage && (
                    <button type="button" className="btn btn-sm btn-outline-secondary ms-auto" onClick={() => void toggleArchived(p)} aria-label={`${t('revisions.unarchive')}: ${p.title}`}>
                      {t('revisions.unarchive')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {manage && (
        <div className="row g-4 mt-2">
          <section className="col-12 col-lg-5" aria-labelledby="create-title">
            <h2 id="create-title" className="h5">
              {t('plans.create')}
            </h2>
            {/* noValidate: the browser's own bubbles speak its language, not the screen's; the fields say it here. */}
            <form onSubmit={(e) => void create(e)} className="albero-form" noValidate data-testid="new-plan">
              <Field id="plan-title" label={t('plans.planTitle')} error={problems.title}>
                {(aria) => <input {...aria} type="text" className="form-control" required value={title} onChange={(e) => setTitle(e.target.value)} />}
              </Field>
              <Field id="plan-year" label={t('plans.year')} error={problems.year}>
                {(aria) => <input {...aria} className="form-control" type="number" min={PLAN_YEARS.first} max={PLAN_YEARS.last} required value={year} onChange={(e) => setYear(e.target.value)} />}
              </Field>
              <Field id="plan-organisation" label={t('plans.organisation')} hint={t('plans.organisationHint')} error={problems.organisation}>
                {(aria) => <input {...aria} type="text" className="form-control" required autoComplete="organization" value={body} onChange={(e) => setOrganisation(e.target.value)} />}
              </Field>
              <Button color="primary" type="submit">
                {t('plans.create')}
              </Button>
            </form>
          </section>
          <section className="col-12 col-lg-7" aria-labelledby="import-title">
            <ImportPanel
              organisation={body}
              onOrganisation={setOrganisation}
              onImported={(id) => {
                setNotice({ key: 'import.done' });
                void changed();
                onOpen(id);
              }}
            />
          </section>
        </div>
      )}
    </div>
  );
}
