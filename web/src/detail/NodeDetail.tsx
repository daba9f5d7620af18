import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import type { MeasurementState } from '../../../src/core/index.js';
import { api, ApiError } from '../api/client.js';
import type { AuditEntry, Explanation, Period, TreeChanges, TreeDocument, TreeIndicator, TreeObjective } from '../api/types.js';
import { actualPreview, baseMeasures, isMeasuredFormula, measureTexts, readMeasures, type MeasuredFormula } from './base-measures.js';
import { formErrors } from '../ui/form-errors.js';
import { implausibleValue, inputText, numberProblem, parseInput, percent, weight } from '../ui/format.js';
import { can, useSession } from '../session.js';
import type { Selection } from '../tree/TreeTable.js';
import { Performance } from '../ui/Band.js';
import { Field } from '../ui/Form.js';
import { TreeEditTools } from '../tree/TreeEditor.js';
import { CommentsPanel } from '../campaign/CommentsPanel.js';
import { EvidencePanel } from '../campaign/EvidencePanel.js';
import { ForecastPanel } from '../campaign/ForecastPanel.js';
import { HorizonFacts } from '../years/HorizonFacts.js';
import { YearsPanel } from '../years/YearsPanel.js';

const HistoryChart = lazy(() => import('../plan/Charts.js').then((m) => ({ default: m.HistoryChart })));

interface Props {
  planId: string;
  doc: TreeDocument;
  selection: NonNullable<Selection>;
  /** Set in what-if: the explanation comes from the simulated evaluation, not the server. */
  localExplanation: ((code: string, lang: 'it' | 'en') => Explanation | null) | null;
  locked: boolean;
  /**
   * May the plan's definition be changed from this view? Not on a closed or validated period (read
   * as frozen at its closing), an archived plan, or an adopted plan without an open revision.
   */
  definitionEditable?: boolean;
  /** In what-if nothing is saved: the entry form is hidden. */
  whatIf: boolean;
  onClose: () => void;
  /** After a change: a value's save passes what it changed and the indicator saved; else the tree is read again. */
  onSaved: (changes: TreeChanges | undefined, savedId?: string) => void;
  whatIfTools: React.ReactNode;
  /** Changed (> 0) when the detail is opened from the keyboard or moves on after a save: the focus goes into it; 0 leaves it. */
  focusEntry?: number;
  /** A what-if value carried into the entry form of that indicator ("usa il valore simulato"). */
  prefill?: { id: string; actual: number | string | boolean | null } | null;
  /** Said at the top of the entry form (the value just saved, when the form moved to the next indicator). */
  savedNote?: string | null;
}

/** The first field of the entry form, else the detail's heading: where the focus goes when the detail opens from the keyboard. */
function focusDetail(): void {
  const field = document.querySelector<HTMLElement>('#entry-actual, #entry-measure-0, #entry-state');
  if (field !== null && !field.closest('fieldset:disabled')) field.focus();
  else document.getElementById('detail-title')?.focus();
}

export function NodeDetail(props: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const objective = props.doc.objectives.find((o) => o.code === props.selection.code);
  const indicator = props.selection.kind === 'indicator' ? objective?.indicators.find((i) => i.id === (props.selection as { id: string }).id) : undefined;
  if (objective === undefined) return null;
  const heading = indicator ? indicator.name : `${objective.code} ${objective.title}`;
  return <DetailFrame {...props} objective={objective} indicator={indicator} heading={heading} />;
}

function DetailFrame(props: Props & { objective: TreeObjective; indicator: TreeIndicator | undefined; heading: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { objective, indicator, heading } = props;
  const focusEntry = props.focusEntry ?? 0;
  useEffect(() => {
    // Only when asked (opened from the keyboard, moved on after a save): a click leaves the focus where it is.
    if (focusEntry > 0) requestAnimationFrame(focusDetail);
  }, [focusEntry]);
  // The plan's editors change the tree from here; never in what-if, where nothing is saved.
  const editTools = can.managePlans(user?.role) && !props.whatIf && !props.locked && props.definitionEditable !== false && (
    <TreeEditTools planId={props.planId} doc={props.doc} objective={objective} indicator={indicator} onChanged={() => props.onSaved(undefined)} onDeleted={props.onClose} />
  );
  return (
    <aside
      className="node-detail"
      aria-labelledby="detail-title"
      data-testid="detail"
      onKeyDown={(e) => {
        // Escape closes the detail (the tree gives the focus back to the row); a dialog's Escape is its own.
        if (e.key !== 'Escape' || e.defaultPrevented || (e.target as HTMLElement).closest('dialog') !== null) return;
        e.preventDefault();
        props.onClose();
      }}
    >
      <div className="d-flex justify-content-between align-items-start gap-2">
        <h2 id="detail-title" className="h5 mb-2" tabIndex={-1}>
          {heading}
        </h2>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={props.onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </div>
      {indicator ? (
        <>
          <IndicatorPanel {...props} objective={objective} indicator={indicator} />
          {editTools}
        </>
      ) : (
        <>
          <p className="mb-2">
            <Performance value={objective.performance} band={objective.band} />
          </p>
          {(objective.owner || objective.unit) && (
            <p className="small mb-2">
              {objective.owner && (
                <>
                  {t('detail.owner')}: {objective.owner}{' '}
                </>
              )}
              {objective.unit && (
                <>
                  · {t('detail.unit')}: {objective.unit}
                </>
              )}
            </p>
          )}
          {editTools}
          <ExplanationPanel planId={props.planId} code={objective.code} period={props.doc.period?.id ?? null} local={props.localExplanation} doc={props.doc} />
          <HistoryPanel planId={props.planId} doc={props.doc} code={objective.code} indicator={null} />
          {!props.whatIf && <YearsPanel planId={props.planId} code={objective.code} indicator={null} doc={props.doc} />}
          <AuditPanel planId={props.planId} node={objective.code} indicator={undefined} doc={props.doc} />
        </>
      )}
    </aside>
  );
}

function ExplanationPanel({ planId, code, period, local, doc }: { planId: string; code: string; period: string | null; local: Props['localExplanation']; doc: TreeDocument }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const [explanation, setExplanation] = useState<Explanation | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (local !== null) {
      setExplanation(local(code, lang));
      return;
    }
    let live = true;
    api
      .explanation(planId, code, period, lang)
      .then((e) => live && setExplanation(e))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
    // The document changes after a save: the explanation follows it.
  }, [planId, code, period, local, doc, lang]);
  if (error !== null) return <p className="text-danger">{t('detail.failed', { message: error })}</p>;
  if (explanation === null) return <p role="status">{t('common.loading')}</p>;
  return (
    <section aria-labelledby="explanation-title" className="mb-3" data-testid="explanation">
      <h3 id="explanation-title" className="h6">
        {t('detail.explanation')}
      </h3>
      <p className="formula">
        <code>{explanation.formula}</code>
      </p>
      {explanation.contributions.length > 0 && (
        <div className="table-responsive">
        <table className="table table-sm small">
          <caption className="visually-hidden">{t('detail.contributions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('detail.contributions')}</th>
              <th scope="col" className="num">
                {t('tree.weight')}
              </th>
              <th scope="col" className="num">
                {t('detail.share')}
              </th>
              <th scope="col" className="num">
                {t('detail.score')}
              </th>
              <th scope="col" className="num">
                {t('detail.points')}
              </th>
            </tr>
          </thead>
          <tbody>
            {explanation.contributions.map((c) => (
              <tr key={c.ref}>
                <td>
                  {c.label}
                  {c.excluded ? <span className="d-block muted">({t('detail.excluded')}: {String(c.excluded)})</span> : null}
                </td>
                <td className="num">{weight(c.weight)}</td>
                <td className="num">{c.share === null ? '—' : percent(Math.round(c.share * 1e6) / 1e4)}</td>
                <td className="num">{c.score === null ? '—' : percent(c.score)}</td>
                <td className="num">{c.points === null ? '—' : percent(c.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <p className="small">{t('detail.mean')}</p>
      {explanation.indicators.length > 0 && (
        <>
          <h4 className="h6">{t('detail.indicators')}</h4>
          <ul className="small">
            {explanation.indicators.map((i) => (
              <li key={i.id}>
                <strong>{i.name}</strong> — {t(`state.${i.state}`)}: {i.scoring}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface HistoryPoint {
  period: Period;
  actual: number | null;
  target: number | null;
  performance: number | null;
}

/** An objective's or indicator's numbers in every period of the plan (one tree per period). */
function HistoryPanel({ planId, doc, code, indicator }: { planId: string; doc: TreeDocument; code: string; indicator: TreeIndicator | null }) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<HistoryPoint[] | null>(null);
  useEffect(() => {
    let live = true;
    const periods = doc.periods;
    Promise.all(
      periods.map(async (p): Promise<HistoryPoint> => {
        const tree = p.id === doc.period?.id ? doc : await api.tree(planId, p.id).catch(() => null);
        const o = tree?.objectives.find((x) => x.code === code);
        const i = indicator ? o?.indicators.find((x) => x.id === indicator.id) : undefined;
        const num = (v: unknown) => (typeof v === 'number' ? v : null);
        return { period: p, actual: i ? num(i.actual) : null, target: i ? num(i.target) : null, performance: indicator ? i?.performance ?? null : o?.performance ?? null };
      }),
    ).then((r) => live && setPoints(r));
    return () => {
      live = false;
    };
  }, [planId, doc, code, indicator]);
  if (doc.periods.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="mb-3">
      <h3 id="history-title" className="h6">
        {indicator ? t('charts.history') : t('detail.history')}
      </h3>
      {points === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <>
          <table className="table table-sm small" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t('period.label')}</th>
                {indicator && (
                  <>
                    <th scope="col" className="num">
                      {t('tree.actual')}
                    </th>
                    <th scope="col" className="num">
                      {t('tree.target')}
                    </th>
                  </>
                )}
                <th scope="col" className="num">
                  {indicator ? t('tree.kpi') : t('tree.performance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period.id}>
                  <th scope="row">
                    {p.period.label} <span className="muted">({t(`period.${p.period.state}`)})</span>
                  </th>
                  {indicator && (
                    <>
                      <td className="num">{p.actual === null ? '—' : inputText(p.actual, 'number')}</td>
                      <td className="num">{p.target === null ? '—' : inputText(p.target, 'number')}</td>
                    </>
                  )}
                  <td className="num">{percent(p.performance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {indicator && points.length > 1 && (
            <Suspense fallback={null}>
              <HistoryChart points={points.map((p) => ({ label: p.period.label, actual: p.actual, target: p.target }))} />
            </Suspense>
          )}
        </>
      )}
    </section>
  );
}

function AuditPanel({ planId, node, indicator, doc }: { planId: string; node: string | undefined; indicator: string | undefined; doc: TreeDocument }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api
      .audit({ planId, ...(indicator ? { indicator } : { node }), limit: 50 })
      .then((e) => live && setEntries(e))
      .catch((e: unknown) => live && setError(e instanceof ApiError && e.status === 401 ? '' : e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
    // A new tree (after a save or a transition) may mean new entries.
  }, [planId, node, indicator, doc]);
  if (error === '') return null;
  return (
    <section aria-labelledby="audit-title" className="mb-3">
      <h3 id="audit-title" className="h6">
        {t('detail.audit')}
      </h3>
      {error !== null ? (
        <p className="text-danger small">{t('detail.failed', { message: error })}</p>
      ) : entries === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="small">{t('detail.noAudit')}</p>
      ) : (
        <ul className="small audit-list" data-testid="audit">
          {entries.map((e) => (
            <li key={String(e.id)}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> — <strong>{e.user ?? '—'}</strong>: {e.action} {e.entityId}
              {e.reason ? ` (${e.reason})` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The value someone else saved, from a 409's `details.current`, in the indicator's notation. */
function describeCurrent(current: unknown, i: TreeIndicator): string {
  if (current === null || typeof current !== 'object') return '?';
  const c = current as Record<string, unknown>;
  if (typeof c.actualText === 'string' && c.actualText !== '') return c.actualText;
  let actual = c.actual;
  if (actual !== null && typeof actual === 'object' && 'value' in actual) actual = (actual as { value: unknown }).value;
  const text = typeof actual === 'number' || typeof actual === 'string' || typeof actual === 'boolean' ? inputText(actual, i.unit) : '—';
  const who = typeof c.enteredBy === 'string' ? ` (${c.enteredBy})` : '';
  return `${text}${typeof c.state === 'string' && c.state !== 'measured' ? ` [${c.state}]` : ''}${who}`;
}

const STATES: MeasurementState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];

function IndicatorPanel(props: Props & { objective: TreeObjective; indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { indicator: i } = props;
  const ruleText = t(`detail.rule.${i.scoring}`, { comparator: i.comparator === '>=' ? '≥' : i.comparator === '<=' ? '≤' : '=', target: i.targetText });
  return (
    <>
      <dl className="row small mb-2 indicator-facts">
        <dt className="col-5">{t('tree.objective')}</dt>
        <dd className="col-7">
          {props.objective.code} {props.objective.title}
        </dd>
        <dt className="col-5">{t('tree.weight')}</dt>
        <dd className="col-7">{weight(i.weight)}</dd>
        <dt className="col-5">{t('tree.target')}</dt>
        <dd className="col-7">
          {i.comparator === '>=' ? '≥' : i.comparator === '<=' ? '≤' : '='} {i.targetText}
        </dd>
        <HorizonFacts indicator={i} />
        <dt className="col-5">{t('tree.actual')}</dt>
        <dd className="col-7">{i.actualText || '—'}</dd>
        <dt className="col-5">{t('entry.state')}</dt>
        <dd className="col-7">
          {t(`state.${i.state}`)}
          {i.reason ? ` — ${i.reason}` : ''}
        </dd>
        <dt className="col-5">{t('tree.kpi')}</dt>
        <dd className="col-7">{percent(i.performance)}</dd>
        <dt className="col-5">{t('detail.scoring')}</dt>
        <dd className="col-7">
          {ruleText}
          {i.derived && <span className="d-block">{t('detail.derived')}</span>}
        </dd>
        {isMeasuredFormula(i.formula) && (
          <>
            <dt className="col-5">{t('edit.formula')}</dt>
            <dd className="col-7" data-testid="formula-text">
              {formulaText(i.formula)}
            </dd>
          </>
        )}
        {i.owner && (
          <>
            <dt className="col-5">{t('detail.owner')}</dt>
            <dd className="col-7">{i.owner}</dd>
          </>
        )}
        <dt className="col-5">{t('detail.evidence')}</dt>
        <dd className="col-7" data-testid="evidence">
          {i.evidence || '—'}
        </dd>
        <dt className="col-5">{t('campaign.source.label')}</dt>
        <dd className="col-7" data-testid="source">{i.source || '—'}</dd>
        <dt className="col-5">{t('detail.notes')}</dt>
        <dd className="col-7">{i.notes || '—'}</dd>
      </dl>
      {props.whatIfTools}
      {(!i.derived || isMeasuredFormula(i.formula)) && i.editable && !props.whatIf && <EntryForm {...props} />}
      {!i.editable && props.doc.period !== null && <p className="small muted" data-testid="read-only">{t('entry.readOnly')}</p>}
      {user !== null && props.doc.period !== null && !props.whatIf && (
        <>
          <EvidencePanel planId={props.planId} indicatorId={i.id} periodId={props.doc.period.id} editable={i.editable} locked={props.locked} />
          <ForecastPanel planId={props.planId} indicatorId={i.id} periodId={props.doc.period.id} editable={i.editable} />
          <CommentsPanel planId={props.planId} indicatorId={i.id} periodId={props.doc.period.id} />
        </>
      )}
      <HistoryPanel planId={props.planId} doc={props.doc} code={props.objective.code} indicator={i} />
      {!props.whatIf && <YearsPanel planId={props.planId} code={props.objective.code} indicator={i.id} doc={props.doc} />}
      <AuditPanel planId={props.planId} node={undefined} indicator={i.id} doc={props.doc} />
    </>
  );
}

/** A ratio or trend as the plan writes it, with the names of its base measures. */
function formulaText(f: MeasuredFormula): string {
  return f.kind === 'ratio' ? `${f.numerator} / ${f.denominator} × ${String(f.scale).replace('.', ',')}` : `(${f.current} − ${f.previous}) / ${f.previous} × 100`;
}

/**
 * Data entry for a referente: saved with the version read, so a concurrent save is a conflict, never
 * an overwrite. A ratio or trend indicator takes its base measures instead of an actual.
 */
function EntryForm(props: Props & { indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const i = props.indicator;
  const carried = props.prefill?.id === i.id ? props.prefill : null;
  const [state, setState] = useState<MeasurementState>(carried !== null ? 'measured' : i.state);
  const [actual, setActual] = useState(inputText(carried !== null ? carried.actual : i.actual, i.unit));
  const formula = isMeasuredFormula(i.formula) ? i.formula : null;
  const [measures, setMeasures] = useState(() => (formula === null ? {} : measureTexts(formula, i.inputs)));
  // Problems are said once a save was tried (not while the first number is being typed); the server's after a refusal.
  const [tried, setTried] = useState(false);
  const [serverMeasureError, setServerMeasureError] = useState<string | null>(null);
  const [reason, setReason] = useState(i.reason ?? '');
  const [evidence, setEvidence] = useState(i.evidence ?? '');
  const [source, setSource] = useState(i.source ?? '');
  const [notes, setNotes] = useState(i.notes ?? '');
  const [message, setMessage] = useState<{ kind: 'success' | 'danger' | 'warning' | 'info'; text: string } | null>(
    carried !== null ? { kind: 'info', text: t('entry.carried') } : props.savedNote ? { kind: 'success', text: props.savedNote } : null,
  );
  const [busy, setBusy] = useState(false);
  /** The state became "measured" by typing a value (not chosen): emptying the value goes back. */
  const [autoMeasured, setAutoMeasured] = useState(false);
  const period = props.doc.period;

  const mounted = useRef(false);
  useEffect(() => {
    // The first render already has them (a carried value, a note of the save that moved here).
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    setState(carried !== null ? 'measured' : i.state);
    setActual(inputText(carried !== null ? carried.actual : i.actual, i.unit));
    setMeasures(formula === null ? {} : measureTexts(formula, i.inputs));
    setTried(false);
    setAutoMeasured(false);
    setServerMeasureError(null);
    setReason(i.reason ?? '');
    setEvidence(i.evidence ?? '');
    setSource(i.source ?? '');
    setNotes(i.notes ?? '');
    setMessage(carried !== null ? { kind: 'info', text: t('entry.carried') } : props.savedNote ? { kind: 'success', text: props.savedNote } : null);
  }, [i.id, carried]); // eslint-disable-line react-hooks/exhaustive-deps

  if (user === null) return null;
  if (period === null) return <p className="small">{t('entry.noPeriod')}</p>;
  // Not disabled while saving: a disabled field drops the keyboard's focus to the page; a second submit is ignored instead.
  const disabled = props.locked;
  // The value is asked at once for an indicator not yet measured: typing one means "measured".
  const valueShown = state === 'measured' || state === 'not_measured';
  function typed(something: boolean): void {
    if (something && state === 'not_measured') {
      setState('measured');
      setAutoMeasured(true);
    } else if (!something && state === 'measured' && autoMeasured) {
      setState('not_measured');
      setAutoMeasured(false);
    }
  }
  const read = formula === null ? null : readMeasures(formula, measures);
  const implausible = state === 'measured' ? implausibleValue(actual, i.unit) : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setMessage(null);
    setServerMeasureError(null);
    const measured = state === 'measured' && read !== null;
    if (measured && read.inputs === null) {
      setTried(true);
      setMessage({ kind: 'danger', text: t('entry.fixMeasures') });
      const first = baseMeasures(formula!).findIndex((m) => read.problems[m.name] !== undefined);
      requestAnimationFrame(() => document.getElementById(`entry-measure-${first}`)?.focus());
      return;
    }
    const value = state === 'measured' && !measured ? parseInput(actual, i.unit) : null;
    if (state === 'measured' && !measured && (value === undefined || value === null)) {
      const why = i.unit === 'number' || i.unit === 'percent' ? numberProblem(actual, i.unit) : null;
      setMessage({ kind: 'danger', text: t(i.unit === 'date' ? 'entry.invalidDate' : why !== null ? `entry.${why}` : 'entry.invalidNumber') });
      return;
    }
    if (state === 'not_evaluable' && reason.trim() === '') {
      setMessage({ kind: 'danger', text: t('entry.reasonRequired') });
      return;
    }
    setBusy(true);
    try {
      const r = await api.saveMeasurement(props.planId, i.id, period!.id, {
        state,
        actual: value ?? null,
        ...(measured ? { inputs: read.inputs } : {}),
        reason: state === 'not_evaluable' ? reason.trim() : null,
        evidence: evidence.trim() || null,
        source: source.trim() || null,
        notes: notes.trim() || null,
        version: i.version,
      });
      setMessage({ kind: 'success', text: t('entry.saved') });
      setTried(false);
      props.onSaved(r.changes, i.id);
    } catch (err) {
      const inputsError = err instanceof ApiError ? formErrors(err, () => null).fields.inputs : undefined;
      if (inputsError !== undefined) {
        // The server's word on the base measures goes next to them.
        setServerMeasureError(inputsError);
        setMessage({ kind: 'danger', text: t('entry.fixMeasures') });
        requestAnimationFrame(() => document.getElementById('entry-measure-0')?.focus());
      } else if (err instanceof ApiError && err.code === 'conflict') {
        setMessage({ kind: 'warning', text: t('entry.conflict', { current: describeCurrent(err.body?.error.details?.current, i) }) });
      } else if (err instanceof ApiError && err.code === 'period-locked') {
        setMessage({ kind: 'danger', text: t('entry.locked', { message: err.message }) });
      } else if (err instanceof ApiError && err.status === 403) {
        setMessage({ kind: 'danger', text: t('entry.forbidden') });
      } else {
        setMessage({ kind: 'danger', text: t('common.error', { message: err instanceof Error ? err.message : String(err) }) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="entry-title" className="entry mb-3">
      <h3 id="entry-title" className="h6">
        {t('entry.title')} — {period.label}
      </h3>
      {message !== null && (
        <Alert color={message.kind} role={message.kind === 'success' || message.kind === 'info' ? 'status' : 'alert'} data-testid="entry-message">
          {message.text}
          {message.kind === 'warning' && (
            <button type="button" className="btn btn-link btn-sm" onClick={() => props.onSaved(undefined)}>
              {t('entry.reload')}
            </button>
          )}
        </Alert>
      )}
      <form onSubmit={(e) => void save(e)} className="albero-form">
        <fieldset disabled={disabled} aria-busy={busy}>
          {valueShown && formula !== null && read !== null && (
            <fieldset className="mb-2" aria-describedby={`entry-measures-hint${serverMeasureError === null ? '' : ' entry-measures-error'}`} data-testid="entry-measures">
              <legend className="form-label fs-6 mb-1">{t('entry.measures')}</legend>
              <small id="entry-measures-hint" className="form-text d-block mb-1">
                {t('entry.measuresHint', { formula: formulaText(formula) })}
              </small>
              {baseMeasures(formula).map((m, k) => {
                const problem = tried ? read.problems[m.name] : read.problems[m.name] === 'zero' ? 'zero' : undefined;
                const id = `entry-measure-${k}`;
                return (
                  <Field key={m.name} id={id} label={`${t(`entry.roles.${m.role}`)}: ${m.name}`} hint="1.587,10" error={problem === undefined ? undefined : t(`entry.problems.${problem}`)}>
                    {(aria) => (
                      <input
                        {...aria}
                        {...(serverMeasureError !== null && problem === undefined ? { 'aria-invalid': true as const } : {})}
                        type="text"
                        inputMode="decimal"
                        className="form-control"
                        data-measure={m.name}
                        value={measures[m.name] ?? ''}
                        onChange={(e) => {
                          const next = { ...measures, [m.name]: e.target.value };
                          setMeasures(next);
                          typed(Object.values(next).some((v) => v.trim() !== ''));
                        }}
                      />
                    )}
                  </Field>
                );
              })}
              <div id="entry-measures-error" className="field-error" aria-live="polite" data-testid="entry-measures-error">
                {serverMeasureError}
              </div>
              <p className="mb-0">
                <span className="fw-semibold">{t('entry.computed')}: </span>
                <output htmlFor={baseMeasures(formula).map((_, k) => `entry-measure-${k}`).join(' ')} data-testid="entry-computed">
                  {read.actual === null ? t('entry.computedNone') : actualPreview(read.actual, i.unit)}
                </output>
              </p>
            </fieldset>
          )}
          {valueShown && formula === null && (
            <div className="mb-2">
              <label htmlFor="entry-actual" className="form-label">
                {t('entry.actual')} ({i.unit === 'percent' ? '%' : i.unit === 'date' ? 'gg/mm/aaaa' : i.unit === 'boolean' ? 'sì/no' : '1.587,10'})
              </label>
              <input
                id="entry-actual"
                type="text"
                className="form-control"
                value={actual}
                onChange={(e) => {
                  setActual(e.target.value);
                  typed(e.target.value.trim() !== '');
                }}
                inputMode={i.unit === 'number' || i.unit === 'percent' ? 'decimal' : undefined}
                aria-describedby={['entry-actual-hint', ...(implausible !== null ? ['entry-actual-warning'] : [])].join(' ')}
              />
              <small id="entry-actual-hint" className="form-text d-block">
                {t('entry.valueHint')}
              </small>
              {implausible !== null && (
                <div id="entry-actual-warning" className="form-text text-warning-emphasis" role="status">
                  {t('entry.implausiblePercent', { value: implausible.value })}
                </div>
              )}
            </div>
          )}
          <div className="mb-2">
            <label htmlFor="entry-state" className="form-label">
              {t('entry.state')}
            </label>
            <select
              id="entry-state"
              className="form-select"
              value={state}
              onChange={(e) => {
                setState(e.target.value as MeasurementState);
                setAutoMeasured(false);
              }}
            >
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`state.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {state === 'not_evaluable' && (
            <div className="mb-2">
              <label htmlFor="entry-reason" className="form-label">
                {t('entry.reason')}
              </label>
              <input id="entry-reason" type="text" className="form-control" value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          <div className="mb-2">
            <label htmlFor="entry-evidence" className="form-label">
              {t('entry.evidence')}
            </label>
            <input id="entry-evidence" type="text" className="form-control" value={evidence} onChange={(e) => setEvidence(e.target.value)} />
          </div>
          <div className="mb-2">
            <label htmlFor="entry-source" className="form-label">
              {t('campaign.source.label')}
            </label>
            <input id="entry-source" type="text" className="form-control" value={source} onChange={(e) => setSource(e.target.value)} aria-describedby="entry-source-hint" />
            <small id="entry-source-hint" className="form-text d-block">
              {t('campaign.source.hint')}
            </small>
          </div>
          <div className="mb-2">
            <label htmlFor="entry-notes" className="form-label">
              {t('entry.notes')}
            </label>
            <textarea id="entry-notes" className="form-control" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </div>
          <Button color="primary" type="submit" data-testid="entry-save">
            {t('entry.save')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}
