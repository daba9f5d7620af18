/**
 * "Variazioni": the plan's adoption (its act) and the register of its revisions, each change before
 * → after. The plan's editors adopt a draft, open a revision with its reason, approve it with its
 * act (or add the act later) and discard one opened by mistake. Everyone who reads the plan reads
 * the register (the Relazione discloses it).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import { keys, markStale } from '../api/queries.js';
import type { Act, PlanSummary, Revision, RevisionChange, RevisionEntry } from '../api/types.js';
import { changeText, changeWords, dayText, shortName } from '../../../src/messages/changes.js';
import { isFrozen } from '../../../src/contract/relazione-states.js';
import { useRelazione } from '../relazione/queries.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { focusSoon } from '../ui/Form.js';
import { sentence } from '../ui/sentence.js';
import { DateInput, typedDateKept } from '../ui/DateInput.js';
import { staleSaveOf } from '../ui/stale-save.js';
import { editRefusal } from '../ui/edit-refusal.js';
import { useInLanguage, useKept, type Kept } from '../ui/server-words.js';
import { officeToday, useLang } from '../ui/format.js';
import { usePlanLang, WithPlanText } from '../ui/PlanText.js';

/** A change in a sentence, old → new, in the app's language: the catalogue's words, the same the reports print. */
function ChangeLine({ change }: { change: RevisionChange }) {
  const { i18n } = useTranslation();
  // A long name is cut in the sentence: the whole of it on hover.
  const cut = change.name !== undefined && shortName(change.name) !== change.name.trim();
  // The name (an objective's title, an indicator's name) is the plan's Italian text inside the catalogue's words.
  return (
    <li {...(cut ? { title: change.name } : {})}>
      <WithPlanText sentence={changeText(change, i18n.language === 'en' ? 'en' : 'it')} quoted={change.name === undefined ? '' : shortName(change.name)} />
    </li>
  );
}

type ActField = keyof Act;
/** Each problem kept as what it is (a key, the server's refusal, a date typed), said on each render: again after a change of language. */
type ActProblems = Partial<Record<ActField, Kept>>;

/** A refusal said at a field: the server's clause as a sentence. */
const atField = (e: unknown): string => sentence(e instanceof Error ? e.message : String(e));

/**
 * The act's empty parts (the server takes an act only whole), by field, in the screen's words. A date
 * half typed (or no date at all) reaches here as '' (the date field hands it over so): said as what it
 * is, as every date field of the app says it, not missing.
 */
function actProblems(prefix: string, act: Act): ActProblems {
  const found: ActProblems = {};
  for (const field of ['kind', 'number', 'date'] as const) {
    if (act[field].trim() !== '') continue;
    const typed = field === 'date' ? typedDateKept(`${prefix}-date`) : null;
    found[field] = typed ?? { key: `revisions.actMissing.${field}` };
  }
  return found;
}

function ActFields({ prefix, act, onChange, required, problems }: { prefix: string; act: Act; onChange: (a: Act) => void; required: boolean; problems: ActProblems }) {
  const { t } = useTranslation();
  const say = useKept();
  const said = (field: ActField) => {
    const kept = problems[field];
    return kept === undefined ? null : say(kept, atField);
  };
  const at = (field: ActField) => invalidIf(`${prefix}-${field}`, said(field));
  const problem = (field: ActField) => <FieldProblem id={`${prefix}-${field}`} message={said(field)} />;
  return (
    <div className="d-flex flex-wrap gap-2 align-items-end">
      <div>
        <label htmlFor={`${prefix}-kind`} className="form-label small mb-0">
          {t('revisions.actKind')}
        </label>
        <input
          type="text"
          id={`${prefix}-kind`}
          className="form-control form-control-sm"
          placeholder={t('revisions.actKindPlaceholder')}
          value={act.kind}
          required={required}
          onChange={(e) => onChange({ ...act, kind: e.target.value })}
          {...at('kind')}
        />
        {problem('kind')}
      </div>
      <div>
        <label htmlFor={`${prefix}-number`} className="form-label small mb-0">
          {t('revisions.actNumber')}
        </label>
        <input
          type="text"
          id={`${prefix}-number`}
          className="form-control form-control-sm"
          size={6}
          value={act.number}
          required={required}
          onChange={(e) => onChange({ ...act, number: e.target.value })}
          {...at('number')}
        />
        {problem('number')}
      </div>
      <div>
        <label htmlFor={`${prefix}-date`} className="form-label small mb-0">
          {t('revisions.actDate')}
        </label>
        <DateInput id={`${prefix}-date`} className="form-control form-control-sm" value={act.date} required={required} onChange={(date) => onChange({ ...act, date })} {...at('date')} />
        {problem('date')}
      </div>
    </div>
  );
}

const NO_ACT: Act = { kind: '', number: '', date: '' };
const filled = (a: Act): Act | null => (a.kind.trim() === '' && a.number.trim() === '' && a.date === '' ? null : a);

/**
 * The refusal in the app's words when it is one of ours, else the server's (already in the reader's
 * language), said alone above the forms, so as a sentence.
 */
function refusal(e: unknown, t: (k: string) => string): string {
  if (e instanceof ApiError) return e.code === 'revision-reason-required' ? t('revisions.reasonRequired') : sentence(e.message);
  return sentence(String(e));
}

/** A revision's reason and date (`${prefix}-reason`, `${prefix}-date`), each with its problem beside it: opening a revision, or correcting the open one. */
function ReasonAndDate(props: {
  prefix: string;
  reason: string;
  date: string;
  problems: { reason: string | null; date: string | null };
  onReason: (reason: string) => void;
  onDate: (date: string) => void;
}) {
  const { prefix, reason, date, problems, onReason, onDate } = props;
  const { t } = useTranslation();
  return (
    <>
      <div className="flex-grow-1">
        <label htmlFor={`${prefix}-reason`} className="form-label small mb-0">
          {t('revisions.reason')}
        </label>
        <input
          type="text"
          id={`${prefix}-reason`}
          className="form-control form-control-sm"
          maxLength={5000}
          value={reason}
          onChange={(e) => onReason(e.target.value)}
          {...invalidIf(`${prefix}-reason`, problems.reason)}
        />
        <FieldProblem id={`${prefix}-reason`} message={problems.reason} />
      </div>
      <div>
        <label htmlFor={`${prefix}-date`} className="form-label small mb-0">
          {t('revisions.date')}
        </label>
        <DateInput id={`${prefix}-date`} className="form-control form-control-sm" value={date} onChange={onDate} {...invalidIf(`${prefix}-date`, problems.date)} />
        <FieldProblem id={`${prefix}-date`} message={problems.date} />
      </div>
    </>
  );
}

/**
 * An open revision's reason and date corrected in its row of the register, naming the version read:
 * a refusal is said at its field in the server's words (a reason left empty, a date before the
 * adoption or the previous revision, outside the plan's year), a correction another desk saved
 * first at the form, with who and when; what was typed stays until the reader reloads.
 */
function RevisionCorrection({
  planId,
  revision,
  onSaved,
  onCancel,
  onReload,
}: {
  planId: PlanSummary['id'];
  revision: RevisionEntry;
  onSaved: (r: Revision) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [typed, setTyped] = useState<{ reason: string; date: string; version: number } | null>(null);
  const shown = typed ?? { reason: revision.reason, date: revision.date, version: revision.version };
  const type = (change: Partial<{ reason: string; date: string }>) => setTyped({ ...shown, ...change });
  // Kept as what they are (the refusal, a date typed), said on each render: after a change of language, in the new one.
  const [problems, setProblems] = useState<{ reason?: Kept; date?: Kept }>({});
  const [refused, setGeneral] = useState<{ error: unknown } | null>(null);
  const say = useKept();
  const refusalAt = (e: unknown) => editRefusal(e, ['reason', 'date'], t, lang).message;
  const general = refused === null ? null : { message: say(refused, refusalAt), stale: staleSaveOf(refused.error) !== null };
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblems({});
    setGeneral(null);
    // A date half typed (or no date at all) is said here, before it could be sent as none.
    const dateSaid = typedDateKept('revision-edit-date');
    if (dateSaid !== null) {
      setProblems({ date: dateSaid });
      return focusSoon('revision-edit-date');
    }
    setBusy(true);
    try {
      onSaved(await api.updateRevision(planId, revision.number, { reason: shown.reason, date: shown.date, version: shown.version }));
    } catch (err) {
      const refused = editRefusal(err, ['reason', 'date'], t, lang);
      if (refused.field === 'reason' || refused.field === 'date') {
        setProblems({ [refused.field]: { error: err } });
        focusSoon(`revision-edit-${refused.field}`);
      } else {
        setGeneral({ error: err });
        focusSoon(refused.stale ? 'revision-edit-reload' : 'revision-edit-reason');
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label={t('revisions.correctTitle', { number: revision.number })} data-testid="revision-correction">
      <div className="d-flex flex-wrap gap-2 align-items-end">
        <ReasonAndDate
          prefix="revision-edit"
          reason={shown.reason}
          date={shown.date}
          problems={{ reason: problems.reason === undefined ? null : say(problems.reason, refusalAt), date: problems.date === undefined ? null : say(problems.date, refusalAt) }}
          onReason={(reason) => type({ reason })}
          onDate={(date) => type({ date })}
        />
        <Button size="sm" color="primary" type="submit" disabled={busy} data-testid="revision-edit-save">
          {t('common.save')}
        </Button>
        <Button size="sm" color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
      {general !== null && (
        <div className="alert alert-warning mt-2 mb-0" role="alert" data-testid="revision-edit-problem">
          <p className="mb-2">{general.message}</p>
          {general.stale && (
            <Button
              size="sm"
              color="primary"
              outline
              type="button"
              id="revision-edit-reload"
              onClick={() => {
                setTyped(null);
                setGeneral(null);
                onReload();
              }}
            >
              {t('common.reload')}
            </Button>
          )}
        </div>
      )}
    </form>
  );
}

export function RevisionsPanel({ plan, canManage, onChanged }: { plan: PlanSummary; canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'it';
  const planLang = usePlanLang();
  const planId = plan.id;
  const client = useQueryClient();
  const read = useQuery({ queryKey: keys.revisions(planId, plan.status, plan.openRevision), queryFn: () => api.revisions(planId) });
  // A validated year's Relazione stays as validated: the form to open a revision says so before it is opened.
  const relazione = useRelazione(planId, canManage && plan.status === 'adopted').data;
  const validated = relazione !== undefined && isFrozen(relazione.state) && relazione.decidedAt !== null ? { at: relazione.decidedAt, state: relazione.state } : null;
  const revisions: RevisionEntry[] | null = read.data ?? null;
  // Each refusal and problem below is kept as what it is (the refusal, a key, a date typed) and
  // said on each render: a change of language says it again in the new one, not only the forms around it.
  const say = useKept();
  const said = useInLanguage();
  const refusalOf = (e: unknown) => refusal(e, t);
  const [actionError, setError] = useState<Kept | null>(null);
  const error = actionError !== null ? say(actionError, refusalOf) : read.error === null ? null : refusal(said(read.error), t);
  const [notice, setNotice] = useState<Kept | null>(null);
  const [adoptAct, setAdoptAct] = useState<Act>(NO_ACT);
  const [kind, setKind] = useState<Revision['kind']>('variazione');
  const [reason, setReason] = useState('');
  /** A revision asked for without its reason (found here or by the server): said at the reason field. */
  const [reasonProblem, setReasonProblem] = useState<Kept | null>(null);
  // Today (Rome's day) within the plan's year, as the server dates a revision sent without one: a revision changes
  // the plan during its year, so for a past plan (the 2024 one, read in 2026) its year's last day.
  const [date, setDate] = useState(() => {
    const today = officeToday();
    return today > `${plan.year}-12-31` ? `${plan.year}-12-31` : today;
  });
  /** The revision's date half typed (or cleared): said at its field, not sent. */
  const [dateProblem, setDateProblem] = useState<Kept | null>(null);
  const [approveAct, setApproveAct] = useState<Act>(NO_ACT);
  /** Why the open revision is discarded (optional): kept with it in the register. */
  const [discardReason, setDiscardReason] = useState('');
  /** An act's empty parts, found here before sending: said at each field, the first focused. */
  const [adoptProblems, setAdoptProblems] = useState<ActProblems>({});
  const [approveProblems, setApproveProblems] = useState<ActProblems>({});
  /** The open revision whose reason and date are being corrected in its row. */
  const [correcting, setCorrecting] = useState<number | null>(null);
  /** The approval refused because another desk corrected the revision after it was read: said at its form, the act typed kept. */
  const [approveClash, setApproveClash] = useState<Kept | null>(null);
  const refuseAct = (prefix: string, found: ActProblems) => {
    setNotice(null);
    setError(null);
    const first = Object.keys(found)[0];
    if (first !== undefined) document.getElementById(`${prefix}-${first}`)?.focus();
  };

  /** At the field, as the period bar's reopening does: the field described by it and focused. */
  const sayReasonMissing = () => {
    setReasonProblem({ key: 'revisions.reasonRequired' });
    document.getElementById('revision-reason')?.focus();
  };
  /**
   * A date before the plan's adoption, or outside the days of the plan's year (the server's words): at
   * the adopting act's date, the revision's, or the approving act's.
   */
  const sayBeforeAdoption = (e: ApiError) => {
    if (e.body?.error.details?.field === 'act.date' && plan.status !== 'adopted') {
      setAdoptProblems({ date: { error: e } });
      return void document.getElementById('adopt-date')?.focus();
    }
    if (e.body?.error.details?.field === 'act.date') {
      setApproveProblems({ date: { error: e } });
      return void document.getElementById('approve-date')?.focus();
    }
    setDateProblem({ error: e });
    document.getElementById('revision-date')?.focus();
  };
  /** A refusal said where it belongs: the reason's field, a date's, or above the forms. */
  const failed = (e: unknown) => {
    setNotice(null);
    if (e instanceof ApiError && e.code === 'revision-reason-required') sayReasonMissing();
    else if (e instanceof ApiError && (e.code === 'revision-before-adoption' || e.code === 'revision-before-previous' || e.code === 'date-outside-plan')) sayBeforeAdoption(e);
    else {
      setError({ error: e });
      // The button pressed stays, but what it did is said above the forms: the message takes the
      // focus, as a done action's does, so that it is read and the reader starts from it.
      focusSoon('revisions-refused');
    }
  };
  const run = async (work: () => Promise<Kept>) => {
    setError(null);
    try {
      setNotice(await work());
      // The form pressed goes once the plan is read again (adopted, a revision opened, approved or
      // discarded), its button with it: the message saying what happened takes the focus.
      focusSoon('revisions-notice');
      onChanged();
      void markStale(client, { queryKey: keys.revisionsOf(planId) });
    } catch (e) {
      if (staleSaveOf(e) === null) return failed(e);
      // Another desk corrected the revision after it was read: said at the approval's form, the act typed kept.
      setNotice(null);
      setApproveClash({ error: e });
      focusSoon('approve-reload');
    }
  };

  const adopt = (e: FormEvent) => {
    e.preventDefault();
    const found = actProblems('adopt', adoptAct);
    setAdoptProblems(found);
    if (Object.keys(found).length > 0) return refuseAct('adopt', found);
    void run(async () => {
      await api.adoptPlan(planId, adoptAct);
      return { key: 'revisions.adopted' };
    });
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    setReasonProblem(null);
    const dateSaid: Kept | null = typedDateKept('revision-date') ?? (date === '' ? { key: 'revisions.dateMissing' } : null);
    setDateProblem(dateSaid);
    if (reason.trim() === '' || dateSaid !== null) {
      setNotice(null);
      setError(null);
      if (reason.trim() === '') return sayReasonMissing();
      return void document.getElementById('revision-date')?.focus();
    }
    void run(async () => {
      const r = await api.openRevision(planId, { reason: reason.trim(), kind, date });
      setReason('');
      return { key: 'revisions.opened', values: { number: r.number } };
    });
  };
  const current = revisions?.find((r) => r.status === 'open') ?? null;
  const approve = (e: FormEvent) => {
    e.preventDefault();
    if (current === null) return;
    // The act may come later: none at all is fine, a part of one is not (a date half typed is a part).
    const found = filled(approveAct) === null && typedDateKept('approve-date') === null ? {} : actProblems('approve', approveAct);
    setApproveProblems(found);
    if (Object.keys(found).length > 0) return refuseAct('approve', found);
    setApproveClash(null);
    void run(async () => {
      // Named by the version read: a reason or date another desk corrected since is read before approving.
      const r = await api.approveRevision(planId, current.number, filled(approveAct), current.version);
      setApproveAct(NO_ACT);
      return { key: 'revisions.approved', values: { number: r.number } };
    });
  };

  const adoption = plan.adoption ?? null;
  return (
    <section className="revisions-panel border rounded p-3 mb-3" aria-labelledby="revisions-title" data-testid="revisions-panel">
      <h2 id="revisions-title" className="h5">
        {t('revisions.title')}
      </h2>
      <p data-testid="plan-status">
        {adoption !== null ? t('revisions.status.adopted', { kind: adoption.act.kind, number: adoption.act.number, date: dayText(adoption.act.date) }) : t('revisions.status.draft')}
        {plan.archived ? ` ${t('revisions.archived')}` : ''}
      </p>
      {error !== null && (
        <Alert color="danger" role="alert" id="revisions-refused" tabIndex={-1} data-testid="revisions-refused">
          {error}
        </Alert>
      )}
      {notice !== null && (
        <Alert color="success" role="status" id="revisions-notice" tabIndex={-1}>
          {say(notice)}
        </Alert>
      )}

      {canManage && !plan.archived && plan.status !== 'adopted' && (
        <form onSubmit={adopt} className="mb-3" aria-labelledby="adopt-title" noValidate>
          <h3 id="adopt-title" className="h6">
            {t('revisions.adoptTitle')}
          </h3>
          <ActFields prefix="adopt" act={adoptAct} onChange={setAdoptAct} required problems={adoptProblems} />
          <Button size="sm" color="primary" type="submit" className="mt-2" data-testid="adopt">
            {t('revisions.adopt')}
          </Button>
        </form>
      )}

      {canManage && !plan.archived && plan.status === 'adopted' && current === null && revisions !== null && (
        <form onSubmit={open} className="mb-3" aria-labelledby="open-revision-title" noValidate>
          <h3 id="open-revision-title" className="h6">
            {t('revisions.openTitle')}
          </h3>
          <div className="d-flex flex-wrap gap-2 align-items-end">
            <div>
              <label htmlFor="revision-kind" className="form-label small mb-0">
                {t('revisions.kind')}
              </label>
              <select id="revision-kind" className="form-select form-select-sm" value={kind} onChange={(e) => setKind(e.target.value as Revision['kind'])}>
                <option value="variazione">{t('revisions.kinds.variazione')}</option>
                <option value="rimodulazione">{t('revisions.kinds.rimodulazione')}</option>
              </select>
            </div>
            <ReasonAndDate
              prefix="revision"
              reason={reason}
              date={date}
              problems={{ reason: reasonProblem === null ? null : say(reasonProblem, atField), date: dateProblem === null ? null : say(dateProblem, atField) }}
              onReason={(typed) => {
                setReason(typed);
                setReasonProblem(null);
              }}
              onDate={(typed) => {
                setDate(typed);
                setDateProblem(null);
              }}
            />
            <Button size="sm" color="primary" type="submit" data-testid="open-revision" aria-describedby={validated === null ? undefined : 'open-after-validation'}>
              {t('revisions.openButton')}
            </Button>
          </div>
          {validated !== null && (
            <p id="open-after-validation" className="small mt-2 mb-0" data-testid="open-after-validation">
              {changeWords('revision-open-after-validation', { year: plan.year, validatedAt: validated.at, reservations: validated.state === 'validated_with_reservations' }, language)}
            </p>
          )}
        </form>
      )}

      {current !== null && (
        <div className="mb-3" data-testid="current-revision">
          <p className="fw-semibold">{t('revisions.current', { number: current.number, reason: current.reason })}</p>
          {canManage && !plan.archived && (
            <form onSubmit={approve} aria-labelledby="approve-title" noValidate>
              <h3 id="approve-title" className="h6">
                {t('revisions.approveTitle')}
              </h3>
              <p className="small mb-1">{t('revisions.approveHelp')}</p>
              <ActFields prefix="approve" act={approveAct} onChange={setApproveAct} required={false} problems={approveProblems} />
              {approveClash !== null && (
                <div className="alert alert-warning mt-2 mb-0" role="alert" data-testid="approve-clash">
                  <p className="mb-2">{say(approveClash, (e) => editRefusal(e, [], t, language).message)}</p>
                  <Button
                    size="sm"
                    color="primary"
                    outline
                    type="button"
                    id="approve-reload"
                    onClick={() => {
                      setApproveClash(null);
                      void read.refetch();
                    }}
                  >
                    {t('common.reload')}
                  </Button>
                </div>
              )}
              <div className="d-flex gap-2 mt-2">
                <Button size="sm" color="primary" type="submit" data-testid="approve-revision">
                  {t('revisions.approve')}
                </Button>
                {current.changes.length === 0 && (
                  <input
                    type="text"
                    id="discard-reason"
                    className="form-control form-control-sm w-auto"
                    aria-label={t('revisions.discardReason')}
                    placeholder={t('revisions.discardReason')}
                    maxLength={5000}
                    value={discardReason}
                    onChange={(e) => setDiscardReason(e.target.value)}
                  />
                )}
                {current.changes.length === 0 && (
                  <Button
                    size="sm"
                    color="secondary"
                    outline
                    type="button"
                    onClick={() => {
                      setApproveClash(null);
                      void run(async () => {
                        // Named by the version read: a revision another desk corrected since is read before it goes.
                        await api.discardRevision(planId, current.number, current.version, discardReason);
                        setDiscardReason('');
                        return { key: 'revisions.discarded' };
                      });
                    }}
                  >
                    {t('revisions.discard')}
                  </Button>
                )}
              </div>
            </form>
          )}
        </div>
      )}

      <h3 className="h6">{t('revisions.register')}</h3>
      {revisions === null ? (
        <p role="status">…</p>
      ) : revisions.length === 0 ? (
        <p className="small">{t('revisions.none')}</p>
      ) : (
        <table className="table table-sm small" data-testid="revisions-register">
          <caption className="visually-hidden">{t('revisions.register')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('revisions.number')}</th>
              <th scope="col">{t('revisions.kind')}</th>
              <th scope="col">{t('revisions.date')}</th>
              <th scope="col">{t('revisions.reason')}</th>
              <th scope="col">{t('revisions.act')}</th>
              <th scope="col">{t('revisions.state')}</th>
              <th scope="col">{t('revisions.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.number} data-revision={r.number}>
                <th scope="row">{r.number}</th>
                <td>{t(`revisions.kinds.${r.kind}`)}</td>
                {correcting === r.number && r.status === 'open' ? (
                  <td colSpan={2}>
                    <RevisionCorrection
                      planId={planId}
                      revision={r}
                      onSaved={(saved) => {
                        setCorrecting(null);
                        setError(null);
                        setNotice({ key: 'revisions.corrected', values: { number: saved.number } });
                        // The form went with its button: the message saying so takes the focus.
                        focusSoon('revisions-notice');
                        onChanged();
                        void markStale(client, { queryKey: keys.revisionsOf(planId) });
                      }}
                      onCancel={() => setCorrecting(null)}
                      onReload={() => void read.refetch()}
                    />
                  </td>
                ) : (
                  <>
                    <td>{dayText(r.date)}</td>
                    <td>
                      <span lang={planLang}>{r.reason}</span>
                      {/* Reason and date are corrected while the revision is open; approved, they are what was approved. */}
                      {canManage && !plan.archived && r.status === 'open' && (
                        <Button
                          size="sm"
                          color="primary"
                          outline
                          className="ms-2"
                          onClick={() => setCorrecting(r.number)}
                          aria-label={t('revisions.correctTitle', { number: r.number })}
                          data-testid="revision-correct"
                        >
                          {t('revisions.correct')}
                        </Button>
                      )}
                    </td>
                  </>
                )}
                <td>{r.act === null ? <span className="muted">{t('revisions.noAct')}</span> : changeWords('revision-act', { ...r.act }, language)}</td>
                <td>{t(`revisions.states.${r.status}`)}</td>
                <td>
                  {/* A discarded one changed nothing in the plan: when, by whom and why, then each of its steps, as the reports print them. */}
                  {r.discarded !== null && (
                    <p className="mb-0" data-testid="revision-discarded">
                      {changeWords(
                        'revision-discarded',
                        {
                          at: r.discarded.at,
                          steps: r.discarded.steps.length,
                          ...(r.discarded.by === null ? {} : { by: r.discarded.by }),
                          ...(r.discarded.reason === null ? {} : { reason: r.discarded.reason }),
                        },
                        language,
                      )}
                    </p>
                  )}
                  <ul className="mb-0 ps-3">
                    {r.discarded === null
                      ? r.changes.map((c) => <ChangeLine key={c.seq} change={c} />)
                      : r.discarded.steps.map((c, i) => <li key={c.seq}>{changeWords('revision-discarded-step', { step: i + 1, change: changeText(c, language) }, language)}</li>)}
                  </ul>
                  {/* The net change of each record is listed; every step recorded is on the audit trail. */}
                  {r.discarded === null && r.steps > r.changes.length && (
                    <p className="mb-0 muted" data-testid="revision-steps">
                      {changeWords('revision-steps', { steps: r.steps, changes: r.changes.length }, language)}
                    </p>
                  )}
                  {r.afterClosingOf.length > 0 && <p className="mb-0 muted">{t('revisions.afterClosing', { periods: r.afterClosingOf.map((p) => p.label).join(', ') })}</p>}
                  {r.afterValidation !== null && (
                    <p className="mb-0 muted" data-testid="after-validation">
                      {changeWords('revision-after-validation', { status: r.status, validatedAt: r.afterValidation.validatedAt }, language)}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
