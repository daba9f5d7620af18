/**
 * A plan's screen: head, period bar, panels, banners, filters, the tree and the open row's detail.
 * State lives in hooks beside this file: the data (`usePlanData`, through the query cache),
 * what-if (`useWhatIf`), the selection and keyboard focus (`useSelection`), the open panels
 * (`usePanels`); each part of the screen is its own component.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Alert } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import type { PeriodState, TreeChanges } from '../api/types.js';
import { isLocked, PeriodBar, publicTargetsOnly, type MoveClash } from '../periods/PeriodBar.js';
import { LockedBanner } from '../periods/LockedBanner.js';
import { periodWordKey, validatedByCode, ValidationNotice } from '../periods/Validation.js';
import { PublicNotice } from '../periods/PublicNotice.js';
import { can, useSession } from '../session.js';
import { FilterBar } from '../tree/FilterBar.js';
import { nextToFill, NO_FILTERS, visibleRows, type Filters } from '../tree/rows.js';
import { TreeTable } from '../tree/TreeTable.js';
import { TreeToolbar } from '../tree/TreeToolbar.js';
import { Legend } from '../ui/Band.js';
import { useLang } from '../ui/format.js';
import { focusSoon } from '../ui/Form.js';
import { useKept, type Kept } from '../ui/server-words.js';
import { staleSaveOf } from '../ui/stale-save.js';
import { PanelToggles } from './PanelToggles.js';
import { PlanHeader } from './PlanHeader.js';
import { ClosingDialog, ObjectiveDetail, prefetchPlanParts, WhatIfBanner, WhatIfTools } from './lazy.js';
import { PlanPanels } from './PlanPanels.js';
import { PrintTree, usePrinting } from './PrintTree.js';
import { usePanels } from './usePanels.js';
import { worklistAsked } from '../../../src/contract/worklist-link.js';
import { usePlanData } from './usePlanData.js';
import { useSelection } from './useSelection.js';
import { useWhatIf } from './useWhatIf.js';
import { BaselinesNotice } from '../years/Baselines.js';

const PlanCharts = lazy(() => import('./Charts.js').then((m) => ({ default: m.PlanCharts })));

export function PlanView({ planId, onBack }: { planId: string; onBack: () => void }) {
  const { t } = useTranslation();
  const say = useKept();
  const lang = useLang();
  const { user } = useSession();
  const data = usePlanData(planId);
  const { tree, plan, error, setError, reload } = data;
  const whatIf = useWhatIf(tree);
  const { shown } = whatIf;
  const sel = useSelection();
  // A reminder's link (`?open=worklist`) opens the plan on its worklist, filtered to the period it is about.
  const [asked] = useState(() => worklistAsked(window.location.search));
  const panels = usePanels(asked === null ? [] : ['worklist']);
  const [notice, setNotice] = useState<Kept | null>(null);
  // A transition's buttons go with the state it leaves (the one pressed too): its message takes the focus.
  const focusNotice = useRef(false);
  useEffect(() => {
    if (notice === null || !focusNotice.current) return;
    focusNotice.current = false;
    // On a later frame too: a dialog that asked for the move may still hold the focus (the page outside it cannot take it).
    focusSoon('plan-notice');
  }, [notice]);
  const [closing, setClosing] = useState(false);
  /** A closing refused because more values to review came in since the dialog's list: the dialog opens again saying so. */
  // The server's answer, said by the dialog in the screen's language.
  const [closingRefused, setClosingRefused] = useState<unknown>(null);
  /** A move refused because another desk changed the period after it was read: said at the bar, where it was pressed. */
  const [moveClash, setMoveClash] = useState<MoveClash | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => (shown === null ? [] : visibleRows(shown.objectives, filters, collapsed)), [shown, filters, collapsed]);
  // The OIV's validated figures beside the reported ones; a what-if shows its own figures alone.
  const validated = useMemo(() => (tree === null || whatIf.on ? undefined : validatedByCode(tree)), [tree, whatIf.on]);
  const [printing, print] = usePrinting();
  const onToggle = useCallback((code: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });
  }, []);
  // Once the tree is in, the screen's other parts (panels, detail, what-if) load while the page is idle.
  const treeIn = tree !== null;
  useEffect(() => {
    if (treeIn) prefetchPlanParts();
  }, [treeIn]);

  if (error !== null && tree === null) {
    // A shared link to a period the public may not read (yet): the server says it by its label; the
    // periods it may read are offered instead, so the reader is not left on an error.
    const details = data.loadFailure instanceof ApiError ? data.loadFailure.body?.error.details : undefined;
    const published = Array.isArray(details?.['published']) ? (details['published'] as { id: string; label: string }[]) : [];
    return (
      <Alert color="danger" role="alert">
        {t('common.error', { message: error })}
        {published.length > 0 && (
          <span className="d-flex flex-wrap gap-2 mt-2" data-testid="published-periods">
            {published.map((p) => (
              <button
                key={p.id}
                type="button"
                className="btn btn-outline-primary btn-sm"
                // The address stops naming the unpublished period (usePlanData): a reload opens the one chosen.
                onClick={() => reload(p.id)}
              >
                {t('period.openPublished', { label: p.label })}
              </button>
            ))}
          </span>
        )}
      </Alert>
    );
  }
  if (tree === null || shown === null) return <p role="status">{t('common.loading')}</p>;

  const period = tree.period;
  const targetsOnly = publicTargetsOnly(user, period);
  const locked = isLocked(period);
  const role = user?.role;
  const archived = plan?.archived === true;
  // The banner and the edit buttons agree: no change to the plan from a locked period (read as
  // frozen at its closing), an archived plan, or an adopted plan with no open revision.
  const adoptedWithoutRevision = plan?.status === 'adopted' && (plan.openRevision ?? null) === null;
  const definitionEditable = can.managePlans(role) && !locked && !archived && !adoptedWithoutRevision;
  const reloadShown = () => reload(period?.id ?? null);
  /** The plan's summary (its title, its `editVersion`) and the tree read again. */
  const readPlanAgain = () => {
    data.reloadPlan();
    reloadShown();
  };

  /** A new action on the period: the last one's message, success or error, is stale. */
  function startAction(): void {
    setNotice(null);
    setError(null);
    setMoveClash(null);
    setClosingRefused(null);
  }

  /** Moves the shown period; a refusal is thrown. */
  async function move(to: PeriodState, reason?: string, acknowledgeUnreviewed?: number): Promise<void> {
    if (period === null) return;
    // Named by the version read: a period another desk moved (or renamed) since is not moved blind.
    // A closing acknowledges only the number of values to review its dialog listed: more, come since, are refused, and the dialog asks again.
    const moved = await api.transition(planId, period.id, to, reason, period.version, acknowledgeUnreviewed);
    // A reopening names the values entered before their unit changed: kept as closed, to be entered again.
    const again = moved.enteredInOldUnit ?? [];
    focusNotice.current = true;
    setNotice(again.length === 0 ? { key: 'period.done' } : { key: 'period.reopenedInOldUnit', values: { names: again.map((i) => i.indicator).join(', ') } });
    reload(period.id);
  }

  /** Moves the shown period; a refusal is said on the screen (a stale one at the bar). */
  async function transition(to: PeriodState, reason?: string, acknowledgeUnreviewed?: number): Promise<boolean> {
    if (period === null) return false;
    startAction();
    try {
      await move(to, reason, acknowledgeUnreviewed);
      return true;
    } catch (e) {
      // More values to review than the dialog listed: it opens again on the list as it is now, saying why.
      if (to === 'closed' && e instanceof ApiError && e.code === 'unreviewed-values') {
        setClosingRefused(e);
        setClosing(true);
        return false;
      }
      const clash = staleSaveOf(e);
      if (clash !== null) setMoveClash({ to, from: period.state, who: clash });
      else setError(e);
      return false;
    }
  }

  /** A value's save: the changes applied in place (the tree read again when they do not follow), then on to the next indicator to fill. */
  function onSaved(changes: TreeChanges | undefined, savedId?: string): void {
    data.applySaved(changes);
    sel.setPrefill(null);
    if (savedId === undefined) return;
    const to = nextToFill(rows, `i:${savedId}`);
    // Nothing left to fill: the focus stays in this indicator's form.
    if (to === null) return sel.askFocus();
    const saved = rows.find((r) => r.kind === 'indicator' && r.indicator.id === savedId);
    sel.setSelection({ kind: 'indicator', id: to.indicator.id, code: to.objective.code });
    sel.setSavedNote({ key: 'entry.savedNext', values: { saved: saved?.kind === 'indicator' ? saved.indicator.name : savedId, next: to.indicator.name } });
    sel.askFocus();
    sel.treeHandle.current?.scrollToRow(to.key);
  }

  const selection = sel.selection;
  const whatIfTools =
    whatIf.on && selection?.kind === 'indicator' ? (
      <Suspense fallback={null}>
        <WhatIfTools
          doc={tree}
          whatIf={whatIf}
          indicatorId={selection.id}
          indicator={tree.objectives.find((o) => o.code === selection.code)?.indicators.find((i) => i.id === selection.id)}
          // An archived plan's entry form is not shown (its values are refused, 409 plan-archived): nothing to carry a value into.
          locked={locked || archived}
          onUseSimulated={(actual) => {
            // Out of the simulation with the value in the entry form; nothing is saved until "Salva".
            sel.setPrefill({ id: selection.id, actual });
            whatIf.stop();
            sel.askFocus();
          }}
        />
      </Suspense>
    ) : null;

  return (
    <div data-testid="plan-screen" data-period={period?.id ?? ''} data-lang={lang} data-ready={data.settled}>
      <PlanHeader
        planId={planId}
        tree={tree}
        plan={plan}
        onBack={onBack}
        targetsOnly={targetsOnly}
        onRenamed={(message) => {
          startAction();
          setNotice(message);
          // The form went with its button: the message saying so takes the focus (as a period renamed).
          focusSoon('plan-notice');
          readPlanAgain();
        }}
        onReload={readPlanAgain}
      />
      {user !== null && <BaselinesNotice planId={planId} canRefresh={can.managePlans(role) && !archived} onRefreshed={reloadShown} />}
      {user === null && <PublicNotice plan={plan} period={period} targetsOnly={targetsOnly} />}
      <PeriodBar
        periods={tree.periods}
        period={period}
        periodId={data.periodId}
        onPick={(id) => {
          setMoveClash(null);
          reload(id);
        }}
        onTransition={transition}
        onMove={(to) => {
          startAction();
          return move(to);
        }}
        clash={moveClash}
        onReload={() => {
          setMoveClash(null);
          reloadShown();
        }}
        onClose={() => {
          startAction();
          setClosing(true);
        }}
        onStart={startAction}
        validation={tree.validation}
        archived={archived}
      >
        <PanelToggles panels={panels} whatIf={whatIf} archived={archived} />
      </PeriodBar>
      <PlanPanels
        planId={planId}
        tree={tree}
        plan={plan}
        panels={panels}
        reload={reload}
        reloadPlan={data.reloadPlan}
        onPeriodsChanged={(id, message) => {
          setError(null);
          setNotice(message);
          reload(id);
        }}
        select={sel.setSelection}
        worklistAsked={asked}
        archived={archived}
      />
      {closing && period !== null && (
        <Suspense fallback={null}>
          <ClosingDialog
            planId={planId}
            periodId={period.id}
            label={period.label}
            refused={closingRefused}
            onCancel={() => {
              setClosing(false);
              setClosingRefused(null);
            }}
            onConfirm={(acknowledgeUnreviewed) => {
              setClosing(false);
              setClosingRefused(null);
              void transition('closed', undefined, acknowledgeUnreviewed);
            }}
          />
        </Suspense>
      )}

      {/* Said once above the tree: why no period move, value, file, forecast or variance is offered (the API refuses them, 409 plan-archived). */}
      {archived && user !== null && (
        <p className="small alert alert-secondary" role="status" data-testid="plan-archived">
          {t('revisions.archivedPlan')}
        </p>
      )}
      {locked && <LockedBanner period={period} closing={tree.closing} validation={tree.validation} />}
      {!whatIf.on && <ValidationNotice tree={tree} office={user !== null} />}
      {!locked && can.managePlans(role) && !archived && adoptedWithoutRevision && (
        <p className="small alert alert-info" role="status" data-testid="definition-locked">
          {t('revisions.definitionLocked')}
        </p>
      )}
      {!locked && !archived && plan?.status === 'adopted' && plan.openRevision != null && can.managePlans(role) && (
        <p className="small alert alert-info" role="status" data-testid="revision-banner">
          {t('revisions.opened', { number: plan.openRevision })}
        </p>
      )}
      {error !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: error })}
        </Alert>
      )}
      {notice !== null && (
        <Alert color="success" role="status" id="plan-notice" tabIndex={-1}>
          {say(notice)}
        </Alert>
      )}
      {whatIf.on && (
        <Suspense fallback={null}>
          <WhatIfBanner whatIf={whatIf} />
        </Suspense>
      )}

      {panels.isOpen('charts') && (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <PlanCharts doc={shown} validation={whatIf.on ? null : tree.validation} />
        </Suspense>
      )}

      <FilterBar filters={filters} onChange={setFilters} doc={tree} />
      <TreeToolbar
        planId={planId}
        doc={tree}
        rows={rows}
        onCollapse={setCollapsed}
        onPrint={print}
        canAddArea={definitionEditable && !whatIf.on}
        canReassign={can.managePlans(role) && !locked && !archived && !whatIf.on}
        onChanged={reloadShown}
        coming={data.coming}
      />
      {printing &&
        createPortal(
          <PrintTree
            doc={shown}
            rows={visibleRows(shown.objectives, filters, new Set())}
            periodText={period === null ? '' : `${t('period.label')} ${period.label} — ${t('period.state')}: ${t(periodWordKey(period, tree.validation))}`}
            validated={validated}
          />,
          document.body,
        )}
      <div className="plan-layout">
        <TreeTable
          rows={rows}
          selection={selection}
          onSelect={sel.onSelect}
          handle={sel.treeHandle}
          onToggle={onToggle}
          whatIf={whatIf.on}
          overrides={whatIf.overrides}
          onOverride={whatIf.onOverride}
          changed={whatIf.changed}
          targetsOnly={targetsOnly}
          validated={validated}
        />
        {selection !== null && (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <ObjectiveDetail
              planId={planId}
              doc={shown}
              selection={selection}
              localExplanation={whatIf.localExplanation}
              locked={locked}
              definitionEditable={definitionEditable}
              archived={archived}
              whatIf={whatIf.on}
              onClose={sel.onClose}
              onSaved={onSaved}
              whatIfTools={whatIfTools}
              focusEntry={sel.focusEntry}
              prefill={sel.prefill}
              savedNote={sel.savedNote}
              coming={data.coming}
            />
          </Suspense>
        )}
      </div>
      <Legend legend={tree.legend} />
    </div>
  );
}
