import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import type { Band } from '../../../src/core/index.js';
import { api, ApiError } from '../api/client.js';
import type { AuditEntry, ExportFormat, PeriodState, PlanSummary, TreeChanges, TreeDocument } from '../api/types.js';
import { inputText, percent } from '../ui/format.js';
import { areas, nextToFill, NO_FILTERS, visibleRows, type Filters } from '../tree/rows.js';
import { applyChanges } from '../tree/tree-changes.js';
import { AssignmentFilters } from '../units/AssignmentFilters.js';
import { BulkReassignButton } from '../units/BulkReassign.js';
import { can, useSession } from '../session.js';
import { explainSimulated, hasOverrides, mergeSimulation, NO_OVERRIDES, requirement, simulate, type Overrides, type Requirement } from './whatif.js';
import { Legend } from '../ui/Band.js';
import { ChangesPanel } from '../changes/ChangesPanel.js';
import { ExportButton } from './ExportButton.js';
import { NodeDetail } from '../detail/NodeDetail.js';
import { PeriodsPanel } from '../periods/PeriodsPanel.js';
import { RevisionsPanel } from '../revisions/RevisionsPanel.js';
import { VariancesPanel } from '../campaign/VariancesPanel.js';
import { ClosingDialog, DashboardPanel, WorklistPanel } from '../campaign/CampaignPanels.js';
import { NextYearButton } from '../years/NextYear.js';
import { BaselinesNotice } from '../years/Baselines.js';
import { selectionKey, TreeTable, type Selection, type SelectHow, type TreeHandle } from '../tree/TreeTable.js';
import { PrintTree, usePrinting } from './PrintTree.js';
import { createPortal } from 'react-dom';
import { AddAreaButton } from '../tree/TreeEditor.js';
import { RemindersPanel } from '../reminders/RemindersPanel.js';
import '../relazione/i18n.js';

const PlanCharts = lazy(() => import('./Charts.js').then((m) => ({ default: m.PlanCharts })));

const LOCKED: PeriodState[] = ['closed', 'validated'];

/** "chiuso", "validato dall'OIV"… from the audit entry's after-state, else its action name. */
function transitionWords(entry: AuditEntry, t: (key: string) => string): string {
  const after = entry.after as { state?: unknown } | null;
  return after !== null && typeof after === 'object' && typeof after.state === 'string' ? t(`period.${after.state}`).toLowerCase() : entry.action;
}

export function PlanView({ planId, onBack }: { planId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [tree, setTree] = useState<TreeDocument | null>(null);
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selection, setSelection] = useState<Selection>(null);
  // Keyboard data entry: the focus goes into the detail when asked (Enter, a save), back to the row on Escape.
  const treeHandle = useRef<TreeHandle | null>(null);
  const [focusEntry, setFocusEntry] = useState(0);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const [prefill, setPrefill] = useState<{ id: string; actual: number | string | boolean | null } | null>(null);
  const onSelect = useCallback((s: Selection, how?: SelectHow) => {
    setSelection(s);
    setSavedNote(null);
    setPrefill(null);
    setFocusEntry((n) => (how === 'keyboard' ? n + 1 : 0));
  }, []);
  const [whatIf, setWhatIf] = useState(false);
  const [overrides, setOverrides] = useState<Overrides>(NO_OVERRIDES);
  const [showCharts, setShowCharts] = useState(false);
  const [reopenReason, setReopenReason] = useState('');
  const [lockedBy, setLockedBy] = useState<AuditEntry | null>(null);
  const [managePeriods, setManagePeriods] = useState(false);
  const [showChanges, setShowChanges] = useState(false);
  const [showRevisions, setShowRevisions] = useState(false);
  const [plan, setPlan] = useState<PlanSummary | null>(null);
  const loadPlan = useCallback(() => {
    api
      .plan(planId)
      .then(setPlan)
      .catch(() => setPlan(null));
  }, [planId]);
  useEffect(loadPlan, [loadPlan]);
  const [showVariances, setShowVariances] = useState(false);
  // The monitoring campaign: the worklist (with a dashboard row's filters), the dashboard, the closing confirmation.
  const [showWorklist, setShowWorklist] = useState(false);
  const [worklistFilter, setWorklistFilter] = useState<{ period?: string; unit?: string }>({});
  const [showDashboard, setShowDashboard] = useState(false);
  const [closing, setClosing] = useState(false);
  const [reviews, setReviews] = useState(0);

  const load = useCallback(
    (period: string | null) => {
      api
        .tree(planId, period)
        .then((doc) => {
          setTree(doc);
          setError(null);
          setPeriodId(doc.period?.id ?? null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    },
    [planId],
  );
  useEffect(() => load(null), [load]);

  // Who locked the period, when and why: the last transition in the audit trail.
  const lockedPeriod = tree?.period && LOCKED.includes(tree.period.state) ? tree.period.id : null;
  useEffect(() => {
    setLockedBy(null);
    if (lockedPeriod === null || user === null) return;
    let live = true;
    api
      .audit({ planId, limit: 200 })
      .then((entries) => {
        const last = entries
          .filter((e) => /period/i.test(e.entity) && String(e.entityId).includes(lockedPeriod))
          .sort((a, b) => b.at.localeCompare(a.at))[0];
        if (live && last) setLockedBy(last);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [planId, lockedPeriod, user]);

  const simulation = useMemo(() => (tree !== null && whatIf && hasOverrides(overrides) ? simulate(tree, overrides) : null), [tree, whatIf, overrides]);
  const shown = useMemo(() => (tree === null ? null : simulation === null ? tree : mergeSimulation(tree, simulation.document)), [tree, simulation]);
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
  const rows = useMemo(() => (shown === null ? [] : visibleRows(shown.objectives, filters, collapsed)), [shown, filters, collapsed]);
  const [printing, print] = usePrinting();
  const localExplanation = useMemo(() => (simulation === null ? null : (code: string, lang: 'it' | 'en') => explainSimulated(simulation.evaluation, code, lang)), [simulation]);

  const onToggle = useCallback((code: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }, []);
  const onOverride = useCallback((id: string, field: 'actual' | 'target' | 'weight', value: number | string | boolean | null) => {
    setOverrides((o) => {
      const prev = o.indicators[id] ?? {};
      const change = field === 'weight' ? { weight: typeof value === 'number' ? value : 0 } : field === 'actual' ? { actual: value, state: 'measured' as const } : { target: value };
      return { ...o, indicators: { ...o.indicators, [id]: { ...prev, ...change } } };
    });
  }, []);

  if (error !== null && tree === null)
    return (
      <Alert color="danger" role="alert">
        {t('common.error', { message: error })}
      </Alert>
    );
  if (tree === null || shown === null) return <p role="status">{t('common.loading')}</p>;

  const period = tree.period;
  const locked = period !== null && LOCKED.includes(period.state);
  const role = user?.role;
  // The banner and the edit buttons agree: no change to the plan from a locked period (read as
  // frozen at its closing), an archived plan, or an adopted plan with no open revision.
  const adoptedWithoutRevision = plan?.status === 'adopted' && (plan.openRevision ?? null) === null;
  const definitionEditable = can.managePlans(role) && !locked && plan?.archived !== true && !adoptedWithoutRevision;

  async function transition(to: PeriodState, reason?: string) {
    if (period === null) return;
    try {
      await api.transition(planId, period.id, to, reason);
      setNotice(t('period.done'));
      setReopenReason('');
      load(period.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  // Signed in, the PDF and the workbook are drawn as jobs with their progress shown (a big plan
  // takes seconds); the public and the CSV keep a plain download link.
  const exportLink = (format: ExportFormat) =>
    user != null && (format === 'pdf' || format === 'xlsx') ? (
      <ExportButton key={format} planId={String(planId)} format={format} period={period?.id} />
    ) : (
      <a key={format} className="btn btn-sm btn-outline-primary" href={api.exportUrl(planId, format, period?.id)} download data-testid={`export-${format}`}>
        {t(`export.${format}`)}
      </a>
    );

  /** A value's save: the changes applied in place (the tree read again when they do not follow), then on to the next indicator to fill. */
  function onSaved(changes: TreeChanges | undefined, savedId?: string): void {
    const next = changes !== undefined && tree !== null ? applyChanges(tree, changes) : null;
    if (next !== null) setTree(next);
    else load(period?.id ?? null);
    setPrefill(null);
    if (savedId === undefined) return;
    const to = nextToFill(rows, `i:${savedId}`);
    // Nothing left to fill: the focus stays in this indicator's form.
    if (to === null) return setFocusEntry((n) => n + 1);
    const saved = rows.find((r) => r.kind === 'indicator' && r.indicator.id === savedId);
    setSelection({ kind: 'indicator', id: to.indicator.id, code: to.objective.code });
    setSavedNote(t('entry.savedNext', { saved: saved?.kind === 'indicator' ? saved.indicator.name : savedId, next: to.indicator.name }));
    setFocusEntry((n) => n + 1);
    treeHandle.current?.scrollToRow(to.key);
  }

  function onClose(): void {
    const key = selection === null ? null : selectionKey(selection);
    setSelection(null);
    setSavedNote(null);
    if (key !== null) requestAnimationFrame(() => treeHandle.current?.focusRow(key));
  }

  const simulatedActual = whatIf && selection?.kind === 'indicator' ? overrides.indicators[selection.id] : undefined;
  const selectedIndicator = selection?.kind === 'indicator' ? tree.objectives.find((o) => o.code === selection.code)?.indicators.find((i) => i.id === selection.id) : undefined;
  const whatIfTools =
    whatIf && selection?.kind === 'indicator' ? (
      <>
        {simulatedActual !== undefined && 'actual' in simulatedActual && selectedIndicator?.editable === true && !locked && (
          <p className="mb-2">
            <Button
              size="sm"
              color="primary"
              data-testid="use-simulated"
              aria-describedby="use-simulated-hint"
              onClick={() => {
                // Out of the simulation with the value in the entry form; nothing is saved until "Salva".
                setPrefill({ id: selection.id, actual: simulatedActual.actual ?? null });
                setWhatIf(false);
                setOverrides(NO_OVERRIDES);
                setFocusEntry((n) => n + 1);
              }}
            >
              {t('whatif.useSimulated')}
            </Button>{' '}
            <small id="use-simulated-hint" className="text-muted">
              {t('whatif.useSimulatedHint', { value: inputText(simulatedActual.actual ?? null, selectedIndicator.unit) || '—' })}
            </small>
          </p>
        )}
        <RequirementTool doc={tree} overrides={overrides} indicatorId={selection.id} onApply={(v) => onOverride(selection.id, 'actual', v)} />
      </>
    ) : null;

  return (
    <div>
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
      <p className="small mb-2" data-testid="summary">
        {t('tree.summary', tree.summary)}
      </p>
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

      {user !== null && <BaselinesNotice planId={planId} dataVersion={(tree as { dataVersion?: number }).dataVersion ?? 0} canRefresh={can.managePlans(role)} onRefreshed={() => load(periodId)} />}

      <section className="period-bar d-flex flex-wrap align-items-end gap-3 mb-2" aria-label={t('period.label')}>
        {tree.periods.length === 0 ? (
          <span className="small">{t('period.none')}</span>
        ) : (
          <div>
            <label htmlFor="period" className="form-label small mb-0">
              {t('period.label')}
            </label>
            <select id="period" className="form-select form-select-sm" value={periodId ?? ''} onChange={(e) => load(e.target.value)}>
              {tree.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} — {t(`period.${p.state}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {period !== null && (
          <span className={`period-state state-${period.state}`} data-testid="period-state">
            {t('period.state')}: <strong>{t(`period.${period.state}`)}</strong>
          </span>
        )}
        {period !== null && can.closePeriods(role) && period.state === 'open' && (
          <Button size="sm" color="primary" outline onClick={() => void transition('collecting')}>
            {t('period.to.collecting')}
          </Button>
        )}
        {period !== null && can.closePeriods(role) && period.state === 'collecting' && (
          <Button size="sm" color="primary" onClick={() => setClosing(true)} data-testid="close-period">
            {t('period.to.closed')}
          </Button>
        )}
        {period !== null && can.validatePeriods(role) && period.state === 'closed' && (
          <Button size="sm" color="primary" onClick={() => void transition('validated')}>
            {t('period.to.validated')}
          </Button>
        )}
        {period !== null && can.closePeriods(role) && locked && (
          <form
            className="d-flex gap-2 align-items-end"
            onSubmit={(e) => {
              e.preventDefault();
              if (reopenReason.trim() === '') return setError(t('period.reasonRequired'));
              void transition('collecting', reopenReason.trim());
            }}
          >
            <div>
              <label htmlFor="reopen-reason" className="form-label small mb-0">
                {t('period.reason')}
              </label>
              <input id="reopen-reason" type="text" className="form-control form-control-sm" value={reopenReason} onChange={(e) => setReopenReason(e.target.value)} />
            </div>
            <Button size="sm" color="secondary" outline type="submit">
              {t('period.to.reopen')}
            </Button>
          </form>
        )}
        <span className="ms-auto d-flex gap-2">
          {can.managePlans(role) && (
            <Button size="sm" color="secondary" outline onClick={() => setManagePeriods((m) => !m)} aria-expanded={managePeriods} aria-controls="periods-panel" data-testid="periods-toggle">
              {managePeriods ? t('periods.hide') : t('periods.manage')}
            </Button>
          )}
          <Button size="sm" color="secondary" outline onClick={() => setShowRevisions((s) => !s)} aria-expanded={showRevisions} aria-controls="revisions-region" data-testid="revisions-toggle">
            {showRevisions ? t('revisions.hide') : t('revisions.open')}
          </Button>
          {user != null && (
            <Button size="sm" color="primary" outline onClick={() => setShowWorklist((s) => !s)} aria-expanded={showWorklist} aria-controls="worklist-region" data-testid="worklist-toggle">
              {showWorklist ? t('campaign.hideWorklist') : role === 'referente' ? t('campaign.worklist') : t('campaign.worklistAll')}
            </Button>
          )}
          {(role === 'admin' || role === 'controller' || role === 'oiv') && (
            <Button size="sm" color="primary" outline onClick={() => setShowDashboard((s) => !s)} aria-expanded={showDashboard} aria-controls="dashboard-region" data-testid="dashboard-toggle">
              {showDashboard ? t('campaign.hideDashboard') : t('campaign.dashboard')}
            </Button>
          )}
          <Button size="sm" color="secondary" outline onClick={() => setShowChanges((s) => !s)} aria-expanded={showChanges} aria-controls="changes-region" data-testid="changes-toggle">
            {showChanges ? t('changes.hide') : t('changes.open')}
          </Button>
          {role !== undefined && (
            <Button size="sm" color="secondary" outline onClick={() => setShowVariances((s) => !s)} aria-expanded={showVariances} aria-controls="variances-region" data-testid="variances-toggle">
              {showVariances ? t('campaign.variances.hide') : t('campaign.variances.show')}
            </Button>
          )}
          <Button size="sm" color="secondary" outline onClick={() => setShowCharts((s) => !s)} aria-expanded={showCharts}>
            {showCharts ? t('charts.hide') : t('charts.show')}
          </Button>
          {can.simulate(role) && (
            <Button
              size="sm"
              color={whatIf ? 'danger' : 'secondary'}
              outline={!whatIf}
              aria-pressed={whatIf}
              onClick={() => {
                setWhatIf((w) => !w);
                setOverrides(NO_OVERRIDES);
              }}
              data-testid="whatif-toggle"
            >
              {whatIf ? t('whatif.stop') : t('whatif.start')}
            </Button>
          )}
        </span>
      </section>
      {managePeriods && can.managePlans(role) && (
        <div id="periods-panel">
          <PeriodsPanel
            planId={planId}
            periods={tree.periods}
            onChanged={(id, message) => {
              setError(null);
              setNotice(message);
              load(id);
            }}
          />
        </div>
      )}
      {closing && period !== null && (
        <ClosingDialog
          planId={planId}
          periodId={period.id}
          label={period.label}
          onCancel={() => setClosing(false)}
          onConfirm={() => {
            setClosing(false);
            void transition('closed');
          }}
        />
      )}
      {showDashboard && (
        <div id="dashboard-region">
          <DashboardPanel
            planId={planId}
            dataVersion={`${(tree as { dataVersion?: number }).dataVersion ?? 0}:${reviews}`}
            onShow={(p, unit) => {
              setWorklistFilter({ period: p, unit: unit ?? 'none' });
              setShowWorklist(true);
              requestAnimationFrame(() => document.getElementById('worklist-title')?.scrollIntoView({ block: 'nearest' }));
            }}
          />
          {(user?.role === 'admin' || user?.role === 'controller') && <RemindersPanel planId={planId} />}
        </div>
      )}
      {showWorklist && user != null && (
        <div id="worklist-region">
          <WorklistPanel
            planId={planId}
            role={user.role}
            dataVersion={(tree as { dataVersion?: number }).dataVersion ?? 0}
            onReviewed={() => setReviews((n) => n + 1)}
            initial={worklistFilter}
            onOpen={(indicatorId, p) => {
              if (p !== period?.id) load(p);
              setSelection({ kind: 'indicator', id: indicatorId, code: tree.objectives.find((o) => o.indicators.some((i) => i.id === indicatorId))?.code ?? '' });
              requestAnimationFrame(() => document.getElementById('detail-title')?.scrollIntoView({ block: 'nearest' }));
            }}
          />
        </div>
      )}
      {showRevisions && plan !== null && (
        <div id="revisions-region">
          <RevisionsPanel
            plan={plan}
            canManage={can.managePlans(role)}
            onChanged={() => {
              loadPlan();
              load(period?.id ?? null);
            }}
          />
        </div>
      )}
      {showChanges && (
        <div id="changes-region">
          <ChangesPanel
            planId={planId}
            periodId={period?.id ?? null}
            periods={tree.periods}
            inTree={(code) => tree.objectives.some((o) => o.code === code)}
            onSelectObjective={(code) => {
              setSelection({ kind: 'objective', code });
              requestAnimationFrame(() => document.getElementById('detail-title')?.scrollIntoView({ block: 'nearest' }));
            }}
          />
        </div>
      )}

      {showVariances && role !== undefined && period && (
        <div id="variances-region">
          <VariancesPanel planId={planId} periodId={period.id} />
        </div>
      )}

      {locked && (
        <Alert color="warning" role="status" data-testid="locked-banner">
          {t('period.locked', { state: t(`period.${period.state}`).toLowerCase() })}
          {lockedBy !== null && (
            <span className="d-block small">
              {t('period.lockedBy', { user: lockedBy.user ?? '—', at: new Date(lockedBy.at).toLocaleString(), action: transitionWords(lockedBy, t) })}
              {lockedBy.reason ? ` — ${t('period.lockedReason', { reason: lockedBy.reason })}` : ''}
            </span>
          )}
          {tree.closing != null && (
            <span className="d-block small" data-testid="frozen-note">
              {t('revisions.frozen', { at: new Date(tree.closing.closedAt).toLocaleString() })}
              {tree.closing.changedAfter.length > 0 &&
                ` ${t('revisions.changedAfter', { list: tree.closing.changedAfter.map((r) => `${t(`revisions.kinds.${r.kind}`).toLowerCase()} n. ${r.number} (${r.reason})`).join(', ') })}`}
            </span>
          )}
          {can.managePlans(role) && <span className="d-block small">{t('revisions.editFromOpen')}</span>}
        </Alert>
      )}
      {!locked && can.managePlans(role) && plan?.archived !== true && adoptedWithoutRevision && (
        <p className="small alert alert-info py-1" role="status" data-testid="definition-locked">
          {t('revisions.definitionLocked')}
        </p>
      )}
      {!locked && plan?.archived !== true && plan?.status === 'adopted' && plan.openRevision != null && can.managePlans(role) && (
        <p className="small alert alert-info py-1" role="status" data-testid="revision-banner">
          {t('revisions.opened', { number: plan.openRevision })}
        </p>
      )}
      {error !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: error })}
        </Alert>
      )}
      {notice !== null && (
        <Alert color="success" role="status">
          {notice}
        </Alert>
      )}
      {whatIf && (
        <div className="whatif-banner" role="status" data-testid="whatif-banner">
          <strong>{t('whatif.title')}.</strong> {t('whatif.banner')} {hasOverrides(overrides) && t('whatif.changed', { count: Object.keys(overrides.indicators).length + Object.keys(overrides.nodes).length })}
          {hasOverrides(overrides) && (
            <button type="button" className="btn btn-sm btn-link" onClick={() => setOverrides(NO_OVERRIDES)}>
              {t('whatif.reset')}
            </button>
          )}
        </div>
      )}

      {showCharts && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <PlanCharts doc={shown} />
        </Suspense>
      )}

      <FilterBar filters={filters} onChange={setFilters} doc={tree} />
      <div className="d-flex flex-wrap gap-2 mb-2 small align-items-center">
        <button type="button" className="btn btn-sm btn-link p-0" onClick={() => setCollapsed(new Set())}>
          {t('tree.expandAll')}
        </button>
        <button type="button" className="btn btn-sm btn-link p-0" onClick={() => setCollapsed(new Set(tree.objectives.map((o) => o.code)))}>
          {t('tree.collapseAll')}
        </button>
        <button type="button" className="btn btn-sm btn-link p-0" onClick={print} data-testid="print">
          {t('tree.print')}
        </button>
        {definitionEditable && !whatIf && <AddAreaButton planId={planId} doc={tree} onChanged={() => load(period?.id ?? null)} />}
        {/* Shown on an adopted plan too: without an open revision the server's 409 says to open one. */}
        {can.managePlans(role) && !locked && plan?.archived !== true && !whatIf && <BulkReassignButton planId={planId} doc={tree} rows={rows} onChanged={() => load(period?.id ?? null)} />}
        <span className="ms-auto" aria-live="polite">
          {t('tree.rows', { count: rows.length })}
        </span>
      </div>
      {printing &&
        createPortal(
          <PrintTree doc={shown} rows={visibleRows(shown.objectives, filters, new Set())} periodText={period === null ? '' : `${t('period.label')} ${period.label} — ${t('period.state')}: ${t(`period.${period.state}`)}`} />,
          document.body,
        )}
      <div className="plan-layout">
        <TreeTable rows={rows} selection={selection} onSelect={onSelect} handle={treeHandle} onToggle={onToggle} whatIf={whatIf} overrides={overrides} onOverride={onOverride} changed={changed} />
        {selection !== null && (
          <NodeDetail
            planId={planId}
            doc={shown}
            selection={selection}
            localExplanation={localExplanation}
            locked={locked}
            definitionEditable={definitionEditable}
            whatIf={whatIf}
            onClose={onClose}
            onSaved={onSaved}
            whatIfTools={whatIfTools}
            focusEntry={focusEntry}
            prefill={prefill}
            savedNote={savedNote}
          />
        )}
      </div>
      <Legend legend={tree.legend} />
    </div>
  );
}

function FilterBar({ filters, onChange, doc }: { filters: Filters; onChange: (f: Filters) => void; doc: TreeDocument }) {
  const { t } = useTranslation();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filter-bar row g-2 mb-2" role="search" aria-label={t('filter.title')} onSubmit={(e) => e.preventDefault()}>
      <div className="col-12 col-md-3">
        <label htmlFor="f-search" className="form-label small mb-0">
          {t('filter.search')}
        </label>
        <input id="f-search" type="search" className="form-control form-control-sm" value={filters.search} onChange={(e) => set({ search: e.target.value })} />
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor="f-area" className="form-label small mb-0">
          {t('filter.area')}
        </label>
        <select id="f-area" className="form-select form-select-sm" value={filters.area} onChange={(e) => set({ area: e.target.value })}>
          <option value="">{t('filter.all')}</option>
          {areas(doc.objectives).map((a) => (
            <option key={a.code} value={a.code}>
              {a.code} {a.title.length > 40 ? `${a.title.slice(0, 40)}…` : a.title}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor="f-band" className="form-label small mb-0">
          {t('filter.band')}
        </label>
        <select id="f-band" className="form-select form-select-sm" value={filters.band} onChange={(e) => set({ band: e.target.value as Band | 'none' | '' })}>
          <option value="">{t('filter.all')}</option>
          {(['green', 'yellow', 'red', 'none'] as const).map((b) => (
            <option key={b} value={b}>
              {t(`band.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <AssignmentFilters filters={filters} onChange={set} doc={doc} />
      <div className="col-6 col-md-2">
        <label htmlFor="f-state" className="form-label small mb-0">
          {t('filter.state')}
        </label>
        <select id="f-state" className="form-select form-select-sm" value={filters.state} onChange={(e) => set({ state: e.target.value as Filters['state'] })}>
          <option value="">{t('filter.all')}</option>
          {(['measured', 'not_achieved', 'not_evaluable', 'not_measured'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="col-12 col-md-1 d-flex align-items-end">
        <button type="button" className="btn btn-sm btn-link p-0" onClick={() => onChange(NO_FILTERS)}>
          {t('filter.clear')}
        </button>
      </div>
    </form>
  );
}

/** "What does this indicator need to bring that objective to that band?", answered by the engine in the browser. */
function RequirementTool({ doc, overrides, indicatorId, onApply }: { doc: TreeDocument; overrides: Overrides; indicatorId: string; onApply: (v: number | string | boolean | null) => void }) {
  const { t } = useTranslation();
  const ancestors = useMemo(() => {
    const o = doc.objectives.find((x) => x.indicators.some((i) => i.id === indicatorId));
    const list: string[] = [];
    const parents = new Map(doc.objectives.map((x) => [x.code, x.parent]));
    for (let c: string | null | undefined = o?.code; c; c = parents.get(c)) list.push(c);
    return list;
  }, [doc, indicatorId]);
  const [node, setNode] = useState(ancestors[1] ?? ancestors[0] ?? '');
  const [band, setBand] = useState<Band>('green');
  const [answer, setAnswer] = useState<Requirement | null>(null);
  useEffect(() => {
    setNode(ancestors[1] ?? ancestors[0] ?? '');
    setAnswer(null);
  }, [ancestors]);
  const bandText = (b: Band | null) => t(`band.${b ?? 'none'}`);
  return (
    <section className="requirement mb-3" aria-labelledby="need-title">
      <h3 id="need-title" className="h6">
        {t('whatif.need')}
      </h3>
      <div className="d-flex gap-2 align-items-end flex-wrap">
        <div>
          <label htmlFor="need-node" className="form-label small mb-0">
            {t('whatif.node')}
          </label>
          <select id="need-node" className="form-select form-select-sm" value={node} onChange={(e) => setNode(e.target.value)}>
            {ancestors.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="need-band" className="form-label small mb-0">
            {t('whatif.band')}
          </label>
          <select id="need-band" className="form-select form-select-sm" value={band} onChange={(e) => setBand(e.target.value as Band)}>
            <option value="green">{t('band.green')}</option>
            <option value="yellow">{t('band.yellow')}</option>
          </select>
        </div>
        <Button size="sm" color="primary" outline onClick={() => setAnswer(requirement(doc, overrides, indicatorId, node, band))}>
          {t('whatif.compute')}
        </Button>
      </div>
      {answer !== null && (
        <p className="mt-2 small" role="status" data-testid="requirement">
          {t(`whatif.${answer.outcome}`, {
            node,
            band: bandText(answer.outcome === 'already' ? answer.band : answer.band),
            performance: percent(answer.performance),
            actual: answer.actual === null ? '—' : String(answer.actual).replace('.', ','),
          })}
          {answer.outcome === 'reachable' && (
            <button type="button" className="btn btn-link btn-sm" onClick={() => onApply(answer.actual)}>
              {t('whatif.apply')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}

/** The plan's year, read from its periods (each a day of its year). */
function planYear(tree: TreeDocument): number | null {
  const first = tree.periods[0]?.endsOn ?? tree.periods[0]?.id ?? null;
  return first === null || !/^\d{4}/.test(first) ? null : Number(first.slice(0, 4));
}
