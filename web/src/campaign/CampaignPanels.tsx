/**
 * The monitoring campaign in a plan's view: the worklist ("Le mie misurazioni" for a referente,
 * every value with its review for the controller), the completion dashboard per unit and period
 * (a row opens its list), and the confirmation before closing a period with what is still missing.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { ApiError } from '../api/client.js';
import { usePlanWritten } from '../api/queries.js';
import { WORK_STATES, WORKLIST_STATE_FILTERS } from '../../../src/contract/campaign-states.js';
import type { WorklistAsked } from '../../../src/contract/worklist-link.js';
import { amountText, momentText, useLang } from '../ui/format.js';
import { usePlanLang, WithPlanText } from '../ui/PlanText.js';
import { Dialog, FIRST_FOCUS, focusSoon } from '../ui/Form.js';
import { DateInput, typedDateKept } from '../ui/DateInput.js';
import { pageOf, Pager } from '../ui/Pager.js';
import { formErrors } from '../ui/form-errors.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { staleSaveOf, staleSaveWords, type StaleSave } from '../ui/stale-save.js';
import type { Period } from '../api/types.js';
import { isLocked } from '../periods/PeriodBar.js';
import { campaign, type WorkItem, type WorklistStateFilter } from './campaign-api.js';
import { closingAcknowledgement, closingSummary, worklistCounts } from './closing-summary.js';
import { useClosingPreview, useDashboard, useWorklist } from './queries.js';
import { WorklistValue } from './WorklistValue.js';
import { useKept, useReadError, type Kept } from '../ui/server-words.js';

interface WorklistProps {
  planId: string;
  /** The signed-in role: the controller reviews, the referente enters and answers. */
  role: string;
  /** Filters set from outside (a dashboard row, the address of a link to the values due). */
  initial?: WorklistAsked;
  /** Opens the indicator in the tree (its detail has the entry form). */
  onOpen: (indicatorId: string, periodId: string) => void;
}

/**
 * The rows drawn at once: a page of the list, and the page the server reads and sends. The
 * controller's list of a big plan's period holds a row per indicator (≈19,000 in
 * bench/review-list.ts): all of them drawn, every click on the list (a request opened, a key typed
 * in it) waited seconds for the next frame; all of them sent, opening the list waited seconds for
 * the server to read and send them. A page of 200 answers in well under 200 ms.
 */
const WORKLIST_PAGE_ROWS = 200;

/** A state filter a link asks for, if it is one (an address typed by hand may ask anything). */
const stateAsked = (state: string | undefined): WorklistStateFilter | '' => ((WORKLIST_STATE_FILTERS as readonly string[]).includes(state ?? '') ? (state as WorklistStateFilter) : '');

export function WorklistPanel({ planId, role, initial, onOpen }: WorklistProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const planLang = usePlanLang();
  const [period, setPeriod] = useState<string>(initial?.period ?? '');
  const [unit, setUnit] = useState<string>(initial?.unit ?? '');
  const [state, setState] = useState<WorklistStateFilter | ''>(() => stateAsked(initial?.state));
  const [mine, setMine] = useState<boolean>(initial?.mine === true);
  // The page shown, for the filters it was chosen under: other filters make another list, read from its first page.
  const filters = [period, unit, state, String(mine)].join('\n');
  const [paged, setPaged] = useState<{ filters: string; page: number }>({ filters, page: 0 });
  const page = paged.filters === filters ? paged.page : 0;
  // Refusals kept as the server's answer, said on each render: after a change of language, in the new one.
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  // A refusal in its words, a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const error = refused === null ? null : say(refused);
  const [notice, setNotice] = useState<Kept | null>(null);
  // The value a request or an answer is being written for: indicator and period, so a change of the
  // list's period does not carry the text over to the same indicator's value of another period.
  // The text typed stays with it, so the form coming back to its value brings it back.
  const [writing, setWriting] = useState<{ id: string; periodId: string; action: 'return' | 'answer'; note: string } | null>(null);
  /**
   * A request for more or an answer refused as stale (someone decided first): its form is closed, as
   * the row now offers what the value's state allows, and the text typed is kept here, shown under
   * the refusal with a «copy», so nothing typed is lost silently. Until the next review sent.
   */
  const [unsent, setUnsent] = useState<Unsent | null>(null);
  const [deadlineRefused, setDeadlineError] = useState<Kept | null>(null);
  const [deadlineClash, setDeadlineClash] = useState<StaleSave | null>(null);
  const reviewer = role === 'admin' || role === 'controller';

  useEffect(() => {
    setPeriod(initial?.period ?? '');
    setUnit(initial?.unit ?? '');
    setState(stateAsked(initial?.state));
    setMine(initial?.mine === true);
  }, [initial?.period, initial?.unit, initial?.state, initial?.mine]);

  // Any write to the plan's data (a value, a review, a transition) marks the list stale (`usePlanWritten`).
  // The server sends the page asked for, with the counts and the total of the whole filtered list.
  const read = useWorklist(planId, { period, unit, state, mine: reviewer && mine }, { offset: page * WORKLIST_PAGE_ROWS, limit: WORKLIST_PAGE_ROWS });
  const list = read.data ?? null;
  // A draft (not in force) or an archived plan (put away) has no value due: nothing to filter or count.
  const nothingDue = list !== null && (list.notAdopted || list.archived);
  const shown = list?.items ?? [];
  // A page the list no longer reaches (its last rows approved under «compilato», say): its last page.
  const last = list === null ? 0 : pageOf(list.total, page, WORKLIST_PAGE_ROWS).page;
  useEffect(() => {
    if (!read.isPlaceholderData && list !== null && list.items.length === 0 && last !== page) setPaged({ filters, page: last });
  }, [read.isPlaceholderData, list, last, page, filters]);
  const written = usePlanWritten(planId);
  const shownError = error ?? (read.error === null ? null : readError(read.error));
  // A stale save with who and when; a date refused in the server's words at the field.
  const deadlineError =
    deadlineRefused === null
      ? null
      : say(deadlineRefused, (e) => {
          const clash = staleSaveOf(e);
          if (clash !== null) return t('common.staleSave', staleSaveWords(clash, lang, t('common.someoneElse')));
          return (e instanceof ApiError ? formErrors(e, () => null).fields.deadline : undefined) ?? readError(e);
        });

  async function act(item: WorkItem, action: 'approve' | 'return' | 'answer', text?: string) {
    setError(null);
    setUnsent(null);
    try {
      await campaign.review(planId, item.indicatorId, item.periodId, action, item.version, item.state, text);
      setNotice({ key: action === 'approve' ? 'campaign.approved' : action === 'return' ? 'campaign.sent' : 'campaign.answered' });
      setWriting(null);
      // The list, the dashboard and the value's audit follow; the tree does not show reviews.
      await written({ trees: false });
    } catch (e) {
      setError({ error: e });
      // Refused as stale (another desk reviewed or changed the value since the list was read): the list
      // is read again, so the row shows the state it is in now beside the message, which stays.
      if (e instanceof ApiError && e.code === 'conflict') {
        if (action !== 'approve' && text !== undefined) {
          setUnsent({ indicator: item.indicator, action, note: text });
          setWriting(null);
        }
        await written({ trees: false });
      }
    }
  }

  /** Whether it was saved: if not, the form keeps the date typed. */
  async function saveDeadline(deadline: string, version: number): Promise<boolean> {
    if (list === null) return false;
    setError(null);
    setNotice(null);
    setDeadlineError(null);
    setDeadlineClash(null);
    try {
      await campaign.setDeadline(planId, list.period.id, deadline === '' ? null : deadline, version);
      setNotice({ key: 'campaign.deadlineSaved' });
      await written({ trees: false });
      return true;
    } catch (e) {
      // Another desk changed the period after this list was read: said at the field, nothing saved.
      const clash = staleSaveOf(e);
      if (clash !== null) {
        setDeadlineClash(clash);
        setDeadlineError({ error: e });
        focusSoon('wl-deadline');
        return false;
      }
      // A date the server refuses (not a day of the plan's year or the next) is said at the field, in its words.
      const atField = e instanceof ApiError ? formErrors(e, () => null).fields.deadline : undefined;
      if (atField !== undefined) setDeadlineError({ error: e });
      else setError({ error: e });
      return false;
    }
  }

  return (
    <section className="border rounded p-2 mb-2" aria-labelledby="worklist-title" data-testid="worklist">
      <h2 id="worklist-title" className="h6">
        {reviewer ? t('campaign.worklistAll') : t('campaign.worklist')}
      </h2>
      {list !== null && (
        <div className="d-flex flex-wrap gap-3 align-items-end mb-2 small">
          <div>
            <label htmlFor="wl-period" className="form-label mb-0">
              {t('campaign.period')}
            </label>
            <select id="wl-period" className="form-select form-select-sm" value={list.period.id} onChange={(e) => (setPeriod(e.target.value), setDeadlineError(null), setDeadlineClash(null))}>
              {list.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          {/* A plan with no values due: nothing to filter or count, only the period and its deadline. */}
          {!nothingDue && (
            <div>
              <label htmlFor="wl-state" className="form-label mb-0">
                {t('campaign.stateFilter')}
              </label>
              <select id="wl-state" className="form-select form-select-sm" value={state} onChange={(e) => setState(e.target.value as WorklistStateFilter | '')}>
                <option value="">{t('campaign.all')}</option>
                <option value="todo">{t('campaign.todo')}</option>
                {WORK_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`campaign.states.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {/* The controller and the administrator see every value; those assigned to them are theirs to enter. A referente's list is theirs alone. */}
          {reviewer && !nothingDue && (
            <div className="form-check mb-1">
              <input id="wl-mine" type="checkbox" className="form-check-input" checked={mine} onChange={(e) => setMine(e.target.checked)} />
              <label htmlFor="wl-mine" className="form-check-label">
                {t('campaign.mine')}
              </label>
            </div>
          )}
          <p className="mb-0" data-testid="worklist-deadline">
            {t('campaign.deadline')}: <strong>{list.period.deadline ? amountText(list.period.deadline, 'date', lang) : t('campaign.noDeadline')}</strong>
          </p>
          {/* Keyed by the period: a date typed stays through a new read of the list (a refusal keeps it).
              An archived plan's deadlines are read, not set (the API refuses, 409 plan-archived): the line above says it.
              Nor is a closed or validated period's (409 deadline-locked): it collects nothing any more. */}
          {reviewer && !list.archived && !isLocked(list.period) && (
            <DeadlineForm
              key={list.period.id}
              period={list.period}
              error={deadlineError}
              clash={deadlineClash !== null}
              onSave={saveDeadline}
              onReload={() => {
                setDeadlineClash(null);
                setDeadlineError(null);
                void read.refetch();
              }}
            />
          )}
          {!nothingDue && (
            <p className="mb-0" role="status" data-testid="worklist-counts">
              {worklistCounts(t, list.counts)}
            </p>
          )}
        </div>
      )}
      {shownError !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: shownError })}
        </Alert>
      )}
      {unsent !== null && <UnsentNote unsent={unsent} />}
      {notice !== null && (
        <p className="small text-success" role="status">
          {say(notice)}
        </p>
      )}
      {/* An archived plan is put away: nothing is collected in it any more, whether it was adopted or not, as the home page has it. */}
      {list !== null && list.archived && (
        <p className="small" role="status" data-testid="worklist-archived">
          {t('campaign.archived')}
        </p>
      )}
      {/* A draft is not in force: no value is collected before its adoption, as the home page and the reminders have it. */}
      {list !== null && list.notAdopted && !list.archived && (
        <p className="small" role="status" data-testid="worklist-not-adopted">
          {t('campaign.notAdopted')}
        </p>
      )}
      {list !== null && !nothingDue && list.total === 0 && <p className="small">{t('campaign.empty')}</p>}
      {list !== null && list.items.length > 0 && <WorklistPages total={list.total} page={page} onPage={(p) => setPaged({ filters, page: p })} position="top" />}
      {list !== null && list.items.length > 0 && (
        // The columns are wider than a phone: they scroll inside their region (reachable by the keyboard), not the page.
        <div className="table-responsive" role="region" aria-label={t('campaign.worklistTable')} tabIndex={0}>
          <table id="wl-table" tabIndex={-1} className="table table-sm small mb-0" data-testid="worklist-table">
            <thead>
              <tr>
                <th scope="col">{t('campaign.objective')}</th>
                <th scope="col">{t('campaign.indicator')}</th>
                <th scope="col">{t('tree.actual')}</th>
                <th scope="col">{t('campaign.unit')}</th>
                <th scope="col">{t('campaign.state')}</th>
                <th scope="col">{t('campaign.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((item) => (
                <tr key={item.indicatorId} data-indicator={item.indicatorId} data-state={item.state}>
                  <td lang={planLang}>{item.node}</td>
                  <td>
                    <button type="button" className="btn btn-link btn-sm p-0 text-start" onClick={() => onOpen(item.indicatorId, item.periodId)} lang={planLang}>
                      {item.indicator}
                    </button>
                    {item.review?.action === 'return' && (
                      <span className="d-block text-danger" data-testid="request-note">
                        <WithPlanText sentence={t('campaign.requestBy', { by: item.review.byName, note: item.review.note ?? '' })} quoted={item.review.note ?? ''} />
                      </span>
                    )}
                    {item.correctedRequest !== null && (
                      <span className="d-block text-muted" data-testid="corrected-request">
                        <WithPlanText sentence={t('campaign.correctedAfter', { by: item.correctedRequest.byName, note: item.correctedRequest.note ?? '' })} quoted={item.correctedRequest.note ?? ''} />
                      </span>
                    )}
                    {item.supersededApproval !== null && (
                      <span className="d-block text-muted" data-testid="superseded-approval">
                        {t('campaign.changedAfterApproval', { by: item.supersededApproval.byName, at: momentText(item.supersededApproval.at, lang, 'short') })}
                      </span>
                    )}
                    {item.review?.action === 'answer' && (
                      <span className="d-block text-muted" data-testid="answer-note">
                        <WithPlanText sentence={t('campaign.answerBy', { by: item.review.byName, note: item.review.note ?? '' })} quoted={item.review.note ?? ''} />
                      </span>
                    )}
                  </td>
                  <td>
                    <WorklistValue planId={planId} item={item} />
                  </td>
                  <td>
                    {item.unit === null ? t('campaign.noUnit') : <span lang={planLang}>{item.unit}</span>}
                    {item.person ? ` · ${item.person}` : ''}
                  </td>
                  <td>
                    <span className={`badge ${item.state === 'approved' ? 'bg-success' : item.state === 'returned' ? 'bg-danger' : item.state === 'entered' ? 'bg-primary' : 'bg-secondary'}`}>
                      {item.supersededApproval !== null ? t('campaign.toBeReviewed') : t(`campaign.states.${item.state}`)}
                    </span>
                    {item.late && <span className="badge bg-warning text-dark ms-1">{t('campaign.late')}</span>}
                  </td>
                  <td>
                    {writing?.id === item.indicatorId && writing.periodId === item.periodId ? (
                      <ReviewNoteForm
                        id={`note-${item.indicatorId}`}
                        action={writing.action}
                        note={writing.note}
                        onNote={(note) => setWriting({ ...writing, note })}
                        onSend={(text) => act(item, writing.action, text)}
                      />
                    ) : (
                      <span className="d-flex gap-1">
                        {reviewer && item.state === 'entered' && (
                          <>
                            <Button size="sm" color="success" outline onClick={() => void act(item, 'approve')} data-testid="approve">
                              {t('campaign.approve')}
                            </Button>
                            <Button size="sm" color="danger" outline onClick={() => setWriting({ id: item.indicatorId, periodId: item.periodId, action: 'return', note: '' })} data-testid="send-back">
                              {t('campaign.sendBack')}
                            </Button>
                          </>
                        )}
                        {/* A value corrected after a request may still be answered once: the referente says why. */}
                        {(item.state === 'returned' || item.correctedRequest !== null) && (role === 'referente' || reviewer) && (
                          <Button size="sm" color="primary" outline onClick={() => setWriting({ id: item.indicatorId, periodId: item.periodId, action: 'answer', note: '' })} data-testid="answer">
                            {t('campaign.reply')}
                          </Button>
                        )}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list !== null && list.items.length > 0 && (
        <WorklistPages
          total={list.total}
          page={page}
          onPage={(p) => {
            setPaged({ filters, page: p });
            // From below the rows, the reader goes on reading the new page from its top.
            focusSoon('wl-table');
          }}
          position="bottom"
        />
      )}
    </section>
  );
}

/** A request for more or an answer not sent (refused as stale): the indicator's name and the text typed. */
type Unsent = { indicator: string; action: 'return' | 'answer'; note: string };

/** A request for more or an answer not sent (refused as stale): the text typed, to read and copy. */
function UnsentNote({ unsent }: { unsent: Unsent }) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  // What «Copia» did, said in a live region (the clipboard may be refused: then copied by hand).
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => setCopied(null), [unsent]);
  const copy = (): void => {
    // No clipboard outside a secure context: said, the text is there to select.
    if (navigator.clipboard === undefined) setCopied(false);
    else
      navigator.clipboard.writeText(unsent.note).then(
        () => setCopied(true),
        () => setCopied(false),
      );
  };
  return (
    <div className="alert alert-warning small" data-testid="unsent-note">
      <p className="mb-1">
        <WithPlanText sentence={t(unsent.action === 'return' ? 'campaign.unsentRequest' : 'campaign.unsentAnswer', { indicator: unsent.indicator })} quoted={unsent.indicator} />
      </p>
      {/* The note typed is the office's, in the plan's language. */}
      <p className="mb-1 border rounded p-1 bg-white" style={{ whiteSpace: 'pre-wrap', userSelect: 'text' }} data-testid="unsent-note-text" lang={planLang}>
        {unsent.note}
      </p>
      <Button size="sm" color="primary" outline onClick={copy} data-testid="unsent-note-copy">
        {t('campaign.copyNote')}
      </Button>
      <span className="ms-2" role="status">
        {copied === null ? '' : t(copied ? 'campaign.noteCopied' : 'campaign.noteNotCopied')}
      </span>
    </div>
  );
}

/** The worklist's pager, above its rows and below them. */
function WorklistPages({ position, ...props }: { total: number; page: number; onPage: (page: number) => void; position: 'top' | 'bottom' }) {
  return <Pager id={`wl-pages-${position}`} size={WORKLIST_PAGE_ROWS} {...props} />;
}

/**
 * The text of a request for more or of an answer, in the row of its value. It takes the focus when
 * it opens (the button pressed is gone: the keyboard would be left on the page), and an empty text
 * is said at the field, which keeps the focus.
 */
function ReviewNoteForm(props: { id: string; action: 'return' | 'answer'; note: string; onNote: (note: string) => void; onSend: (text: string) => Promise<void> }) {
  const { id, action, note, onSend } = props;
  const { t } = useTranslation();
  // By its key: said again after a change of language.
  const [problemKey, setProblem] = useState<string | null>(null);
  const problem = problemKey === null ? null : t(problemKey);
  useEffect(() => void focusSoon(id), [id]);
  return (
    <form
      className="d-flex flex-wrap gap-1"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim() === '') {
          setProblem(action === 'return' ? 'campaign.requestRequired' : 'campaign.answerRequired');
          focusSoon(id);
          return;
        }
        setProblem(null);
        void onSend(note.trim());
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        {action === 'return' ? t('campaign.request') : t('campaign.answer')}
      </label>
      <input
        type="text"
        id={id}
        className={`form-control form-control-sm${problem === null ? '' : ' is-invalid'}`}
        value={note}
        onChange={(e) => props.onNote(e.target.value)}
        data-testid="review-note"
        {...invalidIf(id, problem)}
      />
      <Button size="sm" color="primary" type="submit">
        {t('campaign.send')}
      </Button>
      <FieldProblem id={id} message={problem} />
    </form>
  );
}

/**
 * The campaign's deadline for the period, set by the controllo di gestione. Untouched, it shows the
 * stored one (and follows a new read); once typed in, it keeps the date typed and the period's
 * version it was typed over, which the save names: another desk's change since is refused, not
 * overwritten, and the date typed stays until the reader reloads.
 */
function DeadlineForm(props: {
  period: Period;
  error: string | null;
  /** The last save was refused as stale: the form offers to read the period again. */
  clash: boolean;
  onSave: (deadline: string, version: number) => Promise<boolean>;
  onReload: () => void;
}) {
  const { period, error, clash, onSave, onReload } = props;
  const { t } = useTranslation();
  const [typed, setTyped] = useState<{ value: string; version: number } | null>(null);
  const deadline = typed?.value ?? period.deadline ?? '';
  const setDeadline = (value: string) => setTyped({ value, version: typed?.version ?? period.version });
  // A date half typed (or none at all) is refused here, before it could be sent as '' (no deadline); the server's refusals come in `error`.
  // Kept as the text typed, its problem said on each render: after a change of language, in the new one.
  const [typedProblem, setTypedProblem] = useState<Kept | null>(null);
  const say = useKept();
  const problem = typedProblem === null ? error : say(typedProblem);
  return (
    <form
      className="d-flex gap-1 align-items-end"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const notDate = typedDateKept('wl-deadline');
        setTypedProblem(notDate);
        if (notDate !== null) return focusSoon('wl-deadline');
        void onSave(deadline, typed?.version ?? period.version).then((saved) => saved && setTyped(null));
      }}
    >
      <div>
        <label htmlFor="wl-deadline" className="form-label mb-0">
          {t('campaign.setDeadline')}
        </label>
        <DateInput id="wl-deadline" className={`form-control form-control-sm${problem === null ? '' : ' is-invalid'}`} value={deadline} onChange={setDeadline} {...invalidIf('wl-deadline', problem)} />
        <FieldProblem id="wl-deadline" message={problem} />
      </div>
      <Button size="sm" color="secondary" outline type="submit">
        {t('common.save')}
      </Button>
      {clash && (
        <Button
          size="sm"
          color="primary"
          outline
          type="button"
          data-testid="deadline-reload"
          onClick={() => {
            setTyped(null);
            onReload();
          }}
        >
          {t('common.reload')}
        </Button>
      )}
    </form>
  );
}

interface DashboardProps {
  planId: string;
  /** A row clicked: the list of that unit and period. */
  onShow: (periodId: string, unitId: string | null) => void;
}

export function DashboardPanel({ planId, onShow }: DashboardProps) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  // Any write to the plan's data (a value, a review, a transition) marks it stale (`usePlanWritten`).
  const read = useDashboard(planId);
  const board = read.data ?? null;
  const readError = useReadError();
  const error = read.error === null ? null : readError(read.error);
  const label = (id: string) => board?.periods.find((p) => p.id === id)?.label ?? id;
  return (
    <section className="border rounded p-2 mb-2" aria-labelledby="dashboard-title" data-testid="dashboard">
      <div className="d-flex justify-content-between align-items-center">
        <h2 id="dashboard-title" className="h6 mb-1">
          {t('campaign.dashboard')}
        </h2>
        <a className="btn btn-sm btn-outline-primary" href={campaign.dashboardExportUrl(planId)} download data-testid="dashboard-export">
          {t('campaign.export')}
        </a>
      </div>
      {error !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: error })}
        </Alert>
      )}
      {/* An archived plan's counts are the record as it was put away: nothing more is collected, as its worklist says.
          Said of a draft put away too: without it, an archived draft looked like one still being prepared. */}
      {board !== null && board.archived && (
        <p className="small" role="status" data-testid="dashboard-archived">
          {t('campaign.dashboardArchived')}
        </p>
      )}
      {/* A draft is not in force: nothing was due in it, so no count to show, as its worklist says (put away too, it still had none). */}
      {board !== null && board.notAdopted && (
        <p className="small" role="status" data-testid="dashboard-not-adopted">
          {t('campaign.notAdopted')}
        </p>
      )}
      {board !== null && !board.notAdopted && (
        // Nine columns are wider than a phone: they scroll inside their region (reachable by the keyboard), not the page.
        <div className="table-responsive" role="region" aria-label={t('campaign.dashboardTable')} tabIndex={0}>
          <table className="table table-sm small mb-0" data-testid="dashboard-table">
            <thead>
              <tr>
                <th scope="col">{t('campaign.period')}</th>
                <th scope="col">{t('campaign.unit')}</th>
                <th scope="col">{t('campaign.expected')}</th>
                <th scope="col">{t('campaign.entered')}</th>
                <th scope="col">{t('campaign.toReview')}</th>
                <th scope="col">{t('campaign.returned')}</th>
                <th scope="col">{t('campaign.approvedCol')}</th>
                <th scope="col">{t('campaign.missing')}</th>
                {/* An archived plan has no work due: nothing in it is late (the server counts none), what was never entered is missing. */}
                {!board.archived && <th scope="col">{t('campaign.lateCol')}</th>}
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <tr key={`${r.periodId}:${r.unitId ?? ''}`} data-period={r.periodId} data-unit={r.unit ?? ''}>
                  <td>{label(r.periodId)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-link btn-sm p-0 text-start"
                      onClick={() => onShow(r.periodId, r.unitId)}
                      aria-label={t('campaign.showList', { unit: r.unit ?? t('campaign.noUnit'), period: label(r.periodId) })}
                    >
                      {r.unit === null ? t('campaign.noUnit') : <span lang={planLang}>{r.unit}</span>}
                    </button>
                  </td>
                  <td>{r.expected}</td>
                  <td data-col="entered">{r.entered}</td>
                  <td data-col="toReview">{r.toReview}</td>
                  <td data-col="returned">{r.returned}</td>
                  <td data-col="approved">{r.approved}</td>
                  <td data-col="missing">{r.missing}</td>
                  {!board.archived && <td data-col="late">{r.late}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

interface ClosingProps {
  planId: string;
  periodId: string;
  label: string;
  /** Closing confirmed; `acknowledgeUnreviewed`: how many values still to review the dialog listed, the closing made knowingly with them. */
  onConfirm: (acknowledgeUnreviewed: number) => void;
  onCancel: () => void;
  /**
   * The closing just refused: more values to review came in since the list was read (the server's
   * answer, said in the screen's language, again after a change of it); the list is read again.
   */
  refused?: unknown;
}

/**
 * Before closing: what is missing, waiting for review and sent back; closing needs a second click.
 * A modal `<dialog>` (ui/Form's Dialog): it opens on «Annulla», the focus stays in it, Esc cancels,
 * the focus goes back.
 */
export function ClosingDialog({ planId, periodId, label, onConfirm, onCancel, refused = null }: ClosingProps) {
  const { t } = useTranslation();
  const lang = useLang();
  // A refusal in its words, a fault of the app in the app's (its raw text in the console).
  const readError = useReadError();
  const planLang = usePlanLang();
  const read = useClosingPreview(planId, periodId);
  // While the list is read again (after a refusal, or a dialog opened anew) the one on screen may be old: confirming waits for it.
  const preview = read.data ?? null;
  const fresh = preview !== null && !read.isFetching;
  const error = read.error === null ? null : readError(read.error);
  const clean = preview !== null && preview.missing.length + preview.toReview.length + preview.returned.length === 0;
  const acknowledgement = closingAcknowledgement(t, { toReview: preview?.toReview.length ?? 0 });
  const list = (title: string, items: WorkItem[], testid: string) =>
    items.length > 0 && (
      <div>
        <h3 className="h6 mt-2">
          {title} ({items.length})
        </h3>
        <ul className="small mb-0" data-testid={testid} style={{ maxHeight: '12rem', overflow: 'auto' }} tabIndex={0} aria-label={title}>
          {items.map((i) => (
            <li key={i.indicatorId}>
              {/* The "no unit" words carry their own brackets. */}
              <span lang={planLang}>
                {i.node} — {i.indicator}
              </span>{' '}
              {i.unit === null ? (
                t('campaign.noUnit')
              ) : (
                <>
                  (<span lang={planLang}>{i.unit}</span>)
                </>
              )}
              {i.supersededApproval !== null && ` — ${t('campaign.changedAfterApproval', { by: i.supersededApproval.byName, at: momentText(i.supersededApproval.at, lang, 'short') })}`}
            </li>
          ))}
        </ul>
      </div>
    );
  return (
    <Dialog title={t('campaign.closeTitle', { label })} onClose={onCancel} testId="closing-dialog">
      {refused !== null && (
        <Alert color="warning" role="alert" data-testid="closing-refused">
          {readError(refused)}
        </Alert>
      )}
      {error !== null && (
        <Alert color="danger" role="alert">
          {t('common.error', { message: error })}
        </Alert>
      )}
      {preview === null && error === null && <p role="status">{t('common.loading')}</p>}
      {preview !== null && (
        <>
          {/* A draft's period may be closed, but nothing was asked of anyone: nothing missing or late, only the values nobody reviewed. */}
          {preview.notAdopted && (
            <p className="small" role="status" data-testid="closing-not-adopted">
              {t('campaign.notAdopted')}
            </p>
          )}
          <p data-testid="closing-summary">
            {closingSummary(t, { missing: preview.missing.length, toReview: preview.toReview.length, returned: preview.returned.length, notAdopted: preview.notAdopted })}
          </p>
          {list(t('campaign.missingList'), preview.missing, 'closing-missing')}
          {list(t('campaign.toReviewList'), preview.toReview, 'closing-to-review')}
          {list(t('campaign.returnedList'), preview.returned, 'closing-returned')}
          {acknowledgement.note !== null && (
            <p className="small mt-2 mb-0" data-testid="closing-unreviewed">
              {acknowledgement.note}
            </p>
          )}
        </>
      )}
      <div className="d-flex gap-2 justify-content-end mt-3">
        {/* Closing locks the period's values: the dialog opens on «Annulla», as the app's other dialogs that ask before an action do. */}
        <Button color="secondary" outline onClick={onCancel} {...FIRST_FOCUS} data-testid="closing-cancel">
          {t('common.cancel')}
        </Button>
        <Button color={clean ? 'primary' : 'danger'} disabled={!fresh} onClick={() => onConfirm(acknowledgement.acknowledgeUnreviewed)} data-testid="confirm-close">
          {clean ? t('campaign.confirmCloseClean') : t('campaign.confirmClose')}
        </Button>
      </div>
    </Dialog>
  );
}
