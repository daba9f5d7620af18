/**
 * One appraisal form: who, the live (or frozen) score with each component and every step of the
 * explanation, the objectives (set by the evaluator in draft, actuals until the evaluation), the
 * behaviours rated on the SMVP's scale, the steps the reader may take, the documents to sign.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formPersonName } from '../../../src/messages/actor-words.js';
import { appraisalApi, type ObjectiveInput } from './api.js';
import { draftsIn, NEW_OBJECTIVE, objectiveDraft, objectivesBody, type ObjectiveDraft } from './objective-draft.js';
import { useErrorText, useRefusalWords } from './AppraisalsPage.js';
import { useAppraisalForm, useFormWritten } from './queries.js';
import type { AppraisalForm, FormAction, FormState, MeasurementState as ObjectiveState, Unit as ObjectiveUnit } from '../../../src/contract/index.js';
import { STATE_LABEL } from '../../../src/core/appraisal/workflow.js';
import { COMPARATOR_SIGN, formatNumber, momentParts, percent, useLanguageChange } from '../ui/format.js';
import { usePlanLang } from '../ui/PlanText.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { issuesByField } from '../ui/form-errors.js';
import { ApiError } from '../api/client.js';
import { useSettled } from '../api/settled.js';
import { amountInput, parseInput } from '../ui/parse.js';
import { PlanRelink } from './PlanRelink.js';
import { FormAlerts } from './FormAlerts.js';
import { FormTrail } from './FormTrail.js';
import { focusSoon } from '../ui/Form.js';
import { sentence } from '../ui/sentence.js';
import { useInLanguage } from '../ui/server-words.js';

/** A recorded moment as the day it was, dd/mm/yyyy (the form is an Italian document in both languages). */
const day = (iso: string): string => momentParts(iso, 'it').day;
const STATES: ObjectiveState[] = ['measured', 'not_achieved', 'not_evaluable', 'not_measured'];
/** The fields of an objective the reader types, each with its id `objective-<n>-<field>` (n from 0). */
const OBJECTIVE_FIELDS = ['title', 'weight', 'target', 'actual', 'reason'] as const;
type ObjectiveField = (typeof OBJECTIVE_FIELDS)[number];
/** The note or reason a step carries (the interview's notes, why the person contests, why reopened). */
const ACTION_TEXT = 'action-text';
/** The conciliation's outcome (confirmed or revised). */
const ACTION_OUTCOME = 'action-outcome';
/** The message saying what the last save or step did. */
const FORM_MESSAGE = 'form-message';
/** What the last save or step did: its words' key, and for a step the state it brought the form to. */
type Done = { key: 'appraisal.form.saved'; state?: undefined } | { key: 'appraisal.action.done'; state: FormState };
const SAVED: Done = { key: 'appraisal.form.saved' };

/**
 * The server's refusals by the id of the field on this screen they name: `objectives.1.title` →
 * `objective-1-title`, `ratings.C1` → the rating's choice, the step's `note` or `reason` → its text;
 * `others`: the problems of fields not on this screen (the evaluator, the assignments, a behaviour the
 * screen does not show: `rated` says which it shows), said above.
 */
function fieldsOfRefusal(byPath: Record<string, string>, rated: (code: string) => boolean): { fields: Record<string, string>; others: string[] } {
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, message] of Object.entries(byPath)) {
    const objective = /^objectives\.(\d+)\.(\w+)$/.exec(path);
    const rating = /^ratings\.(.+)$/.exec(path);
    if (objective !== null && (OBJECTIVE_FIELDS as readonly string[]).includes(objective[2]!)) fields[`objective-${objective[1]}-${objective[2]}`] ??= message;
    else if (rating !== null && rated(rating[1]!)) fields[ratingId(rating[1]!)] ??= message;
    else if (path === 'note' || path === 'reason') fields[ACTION_TEXT] ??= message;
    else if (path === 'outcome') fields[ACTION_OUTCOME] ??= message;
    else others.push(message);
  }
  return { fields, others };
}
/** A form's problems as kept: its own by field id and catalogue key, or the server's refusal naming its fields. */
type KeptProblems = { keys: Record<string, string> } | { refused: unknown };
const NO_PROBLEMS: KeptProblems = { keys: {} };
/** Ratings as text, in the order of their codes: two sets compared. */
const ratingsText = (r: Record<string, number>): string => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
/** A behaviour's rating choice on this screen. */
const ratingId = (code: string): string => `rating-${code}`;
const UNITS: ObjectiveUnit[] = ['number', 'percent', 'date', 'boolean'];

/**
 * The form's body, year, version and missing plan from a read refused because its plan is missing, and
 * whether the reader may link it to another (the server's `mayChangePlan`); null for any other answer.
 */
function planMissingOf(e: unknown): { organisation: string; year: number; version: number; planId: string | null; mayChangePlan: boolean } | null {
  if (!(e instanceof ApiError) || e.code !== 'conflict' || e.body?.error.params?.appraisal !== 'form-plan-missing') return null;
  const { organisation, year, planId } = e.body.error.params;
  const { version, mayChangePlan } = e.body.error.details ?? {};
  return typeof organisation === 'string' && typeof year === 'number' && typeof version === 'number'
    ? { organisation, year, version, planId: typeof planId === 'string' ? planId : null, mayChangePlan: mayChangePlan === true }
    : null;
}

export function AppraisalFormView({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  // The body's texts (its units', objectives' and behaviours' titles, as the plan's and the SMVP's) are Italian (ui/PlanText).
  const planLang = usePlanLang();
  const errorText = useErrorText();
  const refusalWords = useRefusalWords();
  const read = useAppraisalForm(id, lang);
  const written = useFormWritten();
  const form = read.data ?? null;
  // Settled: this form read in this language (not the other language's kept meanwhile) and nothing else being read (its trail, its plans).
  const ready = useSettled(form !== null && !read.isPlaceholderData && !read.isFetching, lang);
  const [objectives, setObjectives] = useState<ObjectiveDraft[]>([]);
  // What cannot be taken, by field id (`objective-0-weight`, `action-text`): the form's own problems
  // by catalogue key, or the server's refusal naming fields of this screen, kept as what they are and
  // said beside each field on each render (`problems`, below). Kept as words, they were dropped on a
  // change of language rather than said again in the new one.
  const [kept, setKept] = useState<KeptProblems>(NO_PROBLEMS);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'confirmed' | 'revised'>('confirmed');
  // What the last save or step did, kept as what it was (not its words) so that it is said in the
  // screen's language after a switch: before, «Fatto: Contestata (in conciliazione).» stayed on an English screen.
  const [message, setMessage] = useState<Done | null>(null);
  // The last refusal, kept as the server's answer and said on each render (again after a change of
  // language): above the form, its words and the list of its problems not said at a field of the screen.
  const [actionError, setError] = useState<{ error: unknown } | null>(null);
  const said = useInLanguage();
  // A save refused because the form changed meanwhile (409): when, from the refusal's details (never the form itself).
  // What was typed stays on the screen until the reader reloads the form.
  const [clash, setClash] = useState<{ at: string } | null>(null);
  // A refused read stays shown while the same form is read in the other language (as a form read
  // does, `useAppraisalForm`): the screen it draws (the plan control of a form whose plan is
  // missing, with the plan picked and the reason typed) stays mounted meanwhile.
  const [refused, setRefused] = useState<{ id: string; error: Error } | null>(null);
  if (read.error !== null && (refused === null || refused.id !== id || refused.error !== read.error)) setRefused({ id, error: read.error });
  const readError = read.error ?? (read.isPending && refused?.id === id ? refused.error : null);
  /** Whether the screen shows the rating of the behaviour `code`: a refusal of it is said there. */
  const rated = (code: string) => form?.behaviours.some((b) => b.code === code) ?? false;
  /** What a refusal says above the form: all of it, or the problems of fields not on the screen (null: none). */
  const above = (e: unknown): { text: string; list: string[] } | null => {
    const { fields, others } = fieldsOfRefusal(e instanceof ApiError ? issuesByField(e.body) : {}, rated);
    if (Object.keys(fields).length === 0) return refusalWords(e);
    return others.length === 0 ? null : { text: t('appraisal.form.issues'), list: others };
  };
  const problems: Record<string, string> =
    'keys' in kept
      ? Object.fromEntries(Object.entries(kept.keys).map(([field, key]) => [field, t(key)]))
      : (() => {
          const e = said(kept.refused);
          return fieldsOfRefusal(e instanceof ApiError ? issuesByField(e.body) : {}, rated).fields;
        })();
  const actionShown = actionError === null ? null : above(said(actionError.error));
  const error = actionShown?.text ?? (readError === null ? null : errorText(said(readError)));
  // The editable objectives and ratings start from each form the server gives (a read, a write's
  // answer), set while rendering rather than in an effect so no frame shows the old ones: another
  // form, or a newer version of this one. The same version read again in the other language (or an
  // older one, a stale copy cached in it) leaves them as typed: a change of language writes them
  // again in its notation (below), it never drops them. `startedFrom` is the form they started from
  // (null: start again from the form as read, after the reader's own write or a reload).
  // A newer version read while something is typed on the one they started from (another desk saved,
  // read with a change of language) leaves them as typed too: it dropped the evaluator's typing
  // without a word. The saves name the version typed on (`typedOn`), so they are refused as a clash,
  // which says so and offers the reload; nothing is written over the other desk's change.
  const [startedFrom, setStartedFrom] = useState<AppraisalForm | null>(null);
  const typedSince = (from: AppraisalForm): boolean =>
    JSON.stringify(objectives) !== JSON.stringify(from.objectives.map((o) => objectiveDraft(o, lang))) || ratingsText(ratings) !== ratingsText(from.ratings);
  if (form !== null && (startedFrom === null || form.id !== startedFrom.id || (form.version > startedFrom.version && !typedSince(startedFrom)))) {
    setStartedFrom(form);
    setObjectives(form.objectives.map((o) => objectiveDraft(o, lang)));
    setKept(NO_PROBLEMS);
    setRatings(form.ratings);
  }
  /** The version of the form what is on the screen was typed on: the one a save names. */
  const typedOn = startedFrom !== null && form !== null && startedFrom.id === form.id ? startedFrom.version : (form?.version ?? 0);
  /** Reads the form again, what was typed replaced by what is stored now (the reader asked: a clash's reload). */
  const reload = () => {
    setStartedFrom(null);
    void read.refetch();
  };
  // The language changed with the form open: the numbers typed are written again in the new notation
  // (their problems stay, said in the new language).
  useLanguageChange(lang, (to) => setObjectives((list) => draftsIn(list, to)));
  // After a refusal the first field said wrong takes the focus; not again when the same problems are said in another language.
  const firstProblem = Object.keys(problems)[0];
  useEffect(() => {
    if (firstProblem !== undefined) document.getElementById(firstProblem)?.focus();
  }, [kept, firstProblem]);

  /** Sends `work`; once written, says `done` (a step's message taking the focus: `focusMessage`), or the refusal. */
  async function run(work: () => Promise<AppraisalForm>, done: (f: AppraisalForm) => Done, focusMessage = false) {
    setError(null);
    setMessage(null);
    setClash(null);
    try {
      const f = await work();
      // The answer carries what was typed: the screen starts again from it.
      setStartedFrom(null);
      await written(f, lang);
      setText('');
      setMessage(done(f));
      // A step's buttons are the state's: the one pressed is gone with the answer, and the focus went
      // with it to the page's body. The message saying what was done takes it (a save's button stays,
      // and so does the focus on it).
      if (focusMessage) focusSoon(FORM_MESSAGE);
    } catch (e) {
      const changedAt = e instanceof ApiError && e.status === 409 && e.code === 'conflict' ? e.body?.error.details?.updatedAt : undefined;
      if (typeof changedAt === 'string') {
        setClash({ at: changedAt });
        return;
      }
      // A refusal naming fields of this screen (an objective's title, a rating, the interview's note) is
      // said at each of them, the first taking the focus; every other problem goes above the form, listed.
      const shown = new Set(form?.behaviours.map((b) => b.code) ?? []);
      const { fields } = fieldsOfRefusal(e instanceof ApiError ? issuesByField(e.body) : {}, (code) => shown.has(code));
      if (Object.keys(fields).length > 0) setKept({ refused: e });
      // Above the form: the rest of it, or all of it.
      setError({ error: e });
    }
  }

  // A form naming a plan that is not there is refused (409 at `planId`) with its body, year and version: what HR relinks it with.
  const missing = planMissingOf(readError);
  if (form === null)
    return error === null ? (
      <p role="status">{t('common.loading')}</p>
    ) : (
      // A form that cannot be read (not the reader's, gone) keeps the way back to the list.
      <>
        <button type="button" className="btn btn-link px-0" onClick={onBack}>
          ← {t('appraisal.form.back')}
        </button>
        {missing === null ? (
          <p className="alert alert-danger" role="alert" data-testid="form-read-error">
            {error}
          </p>
        ) : (
          // Not an error of the reader's: the form waits for HR to link it to a plan of its body and year.
          <>
            <p className="alert alert-warning" data-testid="form-read-error">
              {error}
            </p>
            {/* Whether the reader may link it is the server's to say (the rule its PATCH applies). */}
            {missing.mayChangePlan && (
              <PlanRelink id={id} organisation={missing.organisation} year={missing.year} version={missing.version} planId={missing.planId} missing onReload={() => void read.refetch()} />
            )}
          </>
        )}
      </>
    );
  const r = form.result;
  const editObjectives = form.may.edit.includes('objectives');
  const editActuals = form.may.edit.includes('measurements');
  const editRatings = form.may.edit.includes('ratings');
  /**
   * The objectives and ratings typed on the screen and not saved, as the API reads them (null when
   * nothing differs from the form as read), or the fields that cannot be read.
   */
  const unsaved = (): { objectives?: ObjectiveInput[]; ratings?: Record<string, number> } | { problems: Record<string, string> } | null => {
    const typedObjectives = (editObjectives || editActuals) && JSON.stringify(objectives) !== JSON.stringify(form.objectives.map((o) => objectiveDraft(o, lang)));
    const typedRatings = editRatings && ratingsText(ratings) !== ratingsText(form.ratings);
    if (!typedObjectives && !typedRatings) return null;
    const body = typedObjectives ? objectivesBody(objectives, lang) : null;
    if (body !== null && 'problems' in body) return body;
    return { ...(body === null ? {} : { objectives: body.objectives }), ...(typedRatings ? { ratings } : {}) };
  };
  const setObjective = (i: number, patch: Partial<ObjectiveDraft>) => setObjectives((list) => list.map((o, k) => (k === i ? { ...o, ...patch } : o)));
  /** A typed field's id and its problem in words (null when none). */
  const fieldOf = (i: number, field: ObjectiveField) => {
    const id = `objective-${i}-${field}`;
    return { id, message: problems[id] ?? null };
  };
  /** The input's id and its problem's wiring (`aria-invalid`, the message read with it). */
  const checked = (i: number, field: ObjectiveField) => {
    const { id, message } = fieldOf(i, field);
    return { id, ...invalidIf(id, message) };
  };
  const problemOf = (i: number, field: ObjectiveField) => <FieldProblem {...fieldOf(i, field)} />;
  const textProblem = problems[ACTION_TEXT] ?? null;
  const outcomeProblem = problems[ACTION_OUTCOME] ?? null;
  // While a component has no score the others' weights are re-normalised: the points are the score times the weight applied, shown beside the SMVP's weight.
  const applied = r !== null && r.components.some((c) => c.share !== c.weight);
  const needsText = (a: FormAction): boolean => a === 'interview' || a === 'contest' || a === 'conciliate' || a === 'reopen';
  // What was done and said at each step (the interview's notes, why contested, the conciliation's outcome, why reopened), in the order taken, as the document to sign lists them.
  const rec = form.record;
  const history = [
    ...(rec.interview === null ? [] : [{ at: rec.interview.at, text: t('appraisal.form.steps.interview', { day: day(rec.interview.at), text: rec.interview.note }) }]),
    ...(rec.evaluation === null ? [] : [{ at: rec.evaluation.at, text: t('appraisal.form.steps.evaluation', { day: day(rec.evaluation.at) }) }]),
    ...(rec.acceptance === null ? [] : [{ at: rec.acceptance.at, text: t('appraisal.form.steps.acceptance', { day: day(rec.acceptance.at) }) }]),
    ...(rec.contest === null ? [] : [{ at: rec.contest.at, text: t('appraisal.form.steps.contest', { day: day(rec.contest.at), text: rec.contest.reason }) }]),
    ...(rec.conciliation === null
      ? []
      : [
          {
            at: rec.conciliation.at,
            text: t('appraisal.form.steps.conciliation', { day: day(rec.conciliation.at), outcome: t(`appraisal.form.${rec.conciliation.outcome}`), text: rec.conciliation.note }),
          },
        ]),
    ...rec.reopenings.map((o) => ({ at: o.at, text: t('appraisal.form.steps.reopening', { day: day(o.at), text: o.reason }) })),
    ...(rec.finalisedAt === null ? [] : [{ at: rec.finalisedAt, text: t('appraisal.form.steps.final', { day: day(rec.finalisedAt) }) }]),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return (
    <article aria-labelledby="form-title" data-testid="appraisal-form" data-lang={lang} data-ready={ready}>
      <button type="button" className="btn btn-link px-0" onClick={onBack}>
        ← {t('appraisal.form.back')}
      </button>
      <h1 id="form-title">
        {t('appraisal.title')} {form.year}: <span data-testid="form-person">{formPersonName(form.person, lang)}</span>
      </h1>
      <p>
        {t('appraisal.form.evaluator')}: <span data-testid="form-evaluator">{formPersonName(form.evaluator, lang)}</span> · {form.categoryLabel} ·{' '}
        <strong data-testid="form-state">{form.stateLabel}</strong>
      </p>
      <div aria-live="polite">
        {message !== null && (
          <p className="alert alert-success" data-testid="form-message" id={FORM_MESSAGE} tabIndex={-1}>
            {message.state === undefined ? t(message.key) : t(message.key, { state: STATE_LABEL[message.state][lang] })}
          </p>
        )}
        <FormAlerts
          error={error}
          list={actionShown?.list ?? []}
          clashAt={clash?.at ?? null}
          onReload={() => {
            setClash(null);
            reload();
          }}
        />
      </div>

      {/* HR and the administrator may link a form not yet evaluated to another plan of its body and year: the server says so (`may.changePlan`). */}
      {form.may.changePlan && (
        <PlanRelink key={form.version} id={form.id} organisation={form.organisation} year={form.year} version={form.version} planId={form.planId} missing={false} onReload={reload} />
      )}
      {r === null ? (
        <p className="alert alert-warning">{t('appraisal.form.noSmvp')}</p>
      ) : (
        <section aria-labelledby="score-title" className="border rounded p-3 mb-3">
          <h2 className="h4" id="score-title">
            {t('appraisal.form.score')}: <span data-testid="form-score">{percent(r.score, lang)}</span> <small>({r.frozen ? t('appraisal.form.frozen') : t('appraisal.form.provisional')})</small>
          </h2>
          {r.band !== null && <p data-testid="form-band">{t('appraisal.form.band', { label: r.band.label, share: percent(r.band.share, lang) })}</p>}
          {/* A form not yet evaluated has no band (the server gives none): said, so its absence is not read as a missing SMVP band. */}
          {!r.frozen && r.score !== null && <p data-testid="form-band-pending">{t('appraisal.form.bandPending')}</p>}
          {/* Whether the body's and units' figures are the OIV's validated ones or still the reported ones, in the server's words (the reader's language). */}
          {r.org !== null && (
            <p className={r.org.source.kind === 'validated' ? 'text-success' : 'text-body-secondary'} data-testid="form-org-source">
              {r.org.text}
            </p>
          )}
          {/* An evaluated form whose plan was deleted since: the figures above are those it froze, said in the server's words. */}
          {form.planDeleted !== null && <p data-testid="form-plan-deleted">{form.planDeleted.text}.</p>}
          {/* With the weight applied beside the SMVP's (a component without a score), its five columns are wider than a phone (5 px): they scroll in their own region, as the tables below. */}
          <div className="table-responsive" role="region" aria-label={t('appraisal.form.components')} tabIndex={0} data-testid="components-region">
            <table className="table table-sm">
              <caption>{t('appraisal.form.components')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appraisal.form.component')}</th>
                  <th scope="col" className="text-end">
                    {t('appraisal.form.weight')}
                  </th>
                  {applied && (
                    <th scope="col" className="text-end">
                      {t('appraisal.form.weightApplied')}
                    </th>
                  )}
                  <th scope="col" className="text-end">
                    {t('appraisal.form.scoreCol')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('appraisal.form.points')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.components.map((c) => (
                  <tr key={c.kind}>
                    <th scope="row">{c.label}</th>
                    <td className="text-end">{percent(c.weight, lang)}</td>
                    {applied && <td className="text-end">{c.share === null ? '—' : percent(c.share, lang)}</td>}
                    <td className="text-end">{percent(c.score, lang)}</td>
                    <td className="text-end">{c.points === null ? '—' : formatNumber(c.points, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {/* Each unit's figure is the mean of these: where the OIV changed one, the server's words say so with the reported value. */}
          {r.units.some((u) => u.objectives.length > 0) && (
            // On a phone its four columns scroll in their own region, reached by the keyboard, not the page sideways.
            <div className="table-responsive" role="region" aria-label={t('appraisal.form.unitObjectives')} tabIndex={0}>
              <table className="table table-sm" data-testid="form-unit-objectives">
                <caption>{t('appraisal.form.unitObjectives')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('appraisal.form.unitCol')}</th>
                    <th scope="col">{t('appraisal.form.objectiveCol')}</th>
                    <th scope="col" className="text-end">
                      {t('appraisal.form.valueUsed')}
                    </th>
                    <th scope="col">{t('appraisal.form.valueSource')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.units.flatMap((u) =>
                    u.objectives.map((o) => (
                      <tr key={`${u.unitId}\u0000${o.code}`} className={o.validated ? 'table-success' : undefined}>
                        <td lang={planLang}>{u.unit}</td>
                        <th scope="row" lang={planLang}>
                          {o.code} {o.title}
                        </th>
                        <td className="text-end">{percent(o.score, lang)}</td>
                        <td>{o.source}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
          <h3 className="h5">{t('appraisal.form.how')}</h3>
          <ol data-testid="form-steps">
            {r.steps.map((s, i) => (
              <li key={i}>{s.text}</li>
            ))}
          </ol>
          {r.issues.length > 0 && (
            <>
              <h3 className="h5">{t('appraisal.form.issues')}</h3>
              <ul data-testid="form-issues">
                {r.issues.map((i, k) => (
                  // Each is the catalogue's clause said alone: a sentence (before, «obiettivi individuali: ancora nessun punteggio…» in lower case).
                  <li key={k} className={i.severity === 'error' ? 'text-danger' : undefined}>
                    {sentence(i.message)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="objectives-title" className="mb-3">
        <h2 className="h4" id="objectives-title">
          {t('appraisal.form.objectives')}
        </h2>
        {/* The individual objectives' eight or nine columns scroll in their own region on a phone; positioned, so the hidden «Remove» heading scrolls with it, not the page. */}
        <div className="table-responsive position-relative" role="region" aria-label={t('appraisal.form.objectivesTable')} tabIndex={0} data-testid="objectives-region">
          <table className="table table-sm" data-testid="objectives">
            <thead>
              <tr>
                <th scope="col">{t('appraisal.form.objective')}</th>
                <th scope="col">{t('appraisal.form.weight')}</th>
                <th scope="col">{t('appraisal.form.comparator')}</th>
                <th scope="col">{t('appraisal.form.target')}</th>
                <th scope="col">{t('appraisal.form.unit')}</th>
                <th scope="col">{t('appraisal.form.stateCol')}</th>
                <th scope="col">{t('appraisal.form.actual')}</th>
                <th scope="col">{t('appraisal.form.scoreCol')}</th>
                {editObjectives && (
                  <th scope="col">
                    <span className="visually-hidden">{t('appraisal.form.remove')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {objectives.map((o, i) => {
                const n = i + 1;
                const scored = r?.objectives.find((x) => x.id === o.id);
                return (
                  <tr key={i}>
                    <td>
                      <input
                        type="text"
                        className="form-control form-control-sm"
                        aria-label={`${t('appraisal.form.objective')} ${n}`}
                        value={o.title}
                        lang={planLang}
                        disabled={!editObjectives}
                        onChange={(e) => setObjective(i, { title: e.target.value })}
                        {...checked(i, 'title')}
                      />
                      {problemOf(i, 'title')}
                    </td>
                    <td>
                      <input
                        type="text"
                        className="form-control form-control-sm"
                        aria-label={`${t('appraisal.form.weight')} ${n}`}
                        inputMode="decimal"
                        value={o.weight}
                        disabled={!editObjectives}
                        onChange={(e) => setObjective(i, { weight: e.target.value })}
                        style={{ width: '5em' }}
                        {...checked(i, 'weight')}
                      />
                      {problemOf(i, 'weight')}
                    </td>
                    <td>
                      {/* A yes/no target is the answer wanted, always "=" (the server refuses another comparator): no choice to offer.
                        A form evaluated with "≥" or "≤" before (forms.ts `documentOf`) shows the one it was scored with. */}
                      {o.unit === 'boolean' ? (
                        <span data-testid={`objective-${i}-comparator`}>{COMPARATOR_SIGN[o.comparator]}</span>
                      ) : (
                        <select
                          className="form-select form-select-sm"
                          aria-label={`${t('appraisal.form.comparator')} ${n}`}
                          value={o.comparator}
                          disabled={!editObjectives}
                          onChange={(e) => setObjective(i, { comparator: e.target.value as ObjectiveDraft['comparator'] })}
                        >
                          {(['>=', '<=', '='] as const).map((c) => (
                            <option key={c} value={c}>
                              {COMPARATOR_SIGN[c]}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td>
                      {o.unit === 'boolean' ? (
                        // The answer wanted, chosen rather than typed: sì/yes or no in the screen's words.
                        <select
                          className="form-select form-select-sm"
                          aria-label={`${t('appraisal.form.target')} ${n}`}
                          value={o.target}
                          disabled={!editObjectives}
                          onChange={(e) => setObjective(i, { target: e.target.value })}
                          {...checked(i, 'target')}
                        >
                          {o.target === '' && <option value="">—</option>}
                          <option value={amountInput(true, lang)}>{amountInput(true, lang)}</option>
                          <option value={amountInput(false, lang)}>{amountInput(false, lang)}</option>
                        </select>
                      ) : (
                        <input
                          type="text"
                          className="form-control form-control-sm"
                          aria-label={`${t('appraisal.form.target')} ${n}`}
                          value={o.target}
                          disabled={!editObjectives}
                          onChange={(e) => setObjective(i, { target: e.target.value })}
                          style={{ width: '8em' }}
                          {...checked(i, 'target')}
                        />
                      )}
                      {problemOf(i, 'target')}
                    </td>
                    <td>
                      <select
                        className="form-select form-select-sm"
                        aria-label={`${t('appraisal.form.unit')} ${n}`}
                        value={o.unit}
                        disabled={!editObjectives}
                        // A yes/no target is the answer wanted: "= sì", not "≥ sì" (and "≥ no" would be met by any answer).
                        onChange={(e) =>
                          setObjective(
                            i,
                            e.target.value === 'boolean'
                              ? { unit: 'boolean', comparator: '=', target: parseInput(o.target, 'boolean', lang) === undefined ? '' : o.target }
                              : { unit: e.target.value as ObjectiveUnit, ...(o.unit === 'boolean' ? { comparator: '>=', target: '' } : {}) },
                          )
                        }
                      >
                        {UNITS.map((u) => (
                          <option key={u} value={u}>
                            {t(`appraisal.form.unitNames.${u}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        className="form-select form-select-sm"
                        aria-label={`${t('appraisal.form.stateCol')} ${n}`}
                        value={o.state}
                        disabled={!editActuals}
                        onChange={(e) => setObjective(i, { state: e.target.value as ObjectiveState })}
                      >
                        {STATES.map((s) => (
                          <option key={s} value={s}>
                            {t(`appraisal.form.states.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {o.state === 'not_evaluable' ? (
                        <>
                          <input
                            type="text"
                            className="form-control form-control-sm"
                            aria-label={`${t('appraisal.form.reason')} ${n}`}
                            value={o.reason ?? ''}
                            disabled={!editActuals}
                            onChange={(e) => setObjective(i, { reason: e.target.value })}
                            {...checked(i, 'reason')}
                          />
                          {problemOf(i, 'reason')}
                        </>
                      ) : (
                        <>
                          <input
                            type="text"
                            className="form-control form-control-sm"
                            aria-label={`${t('appraisal.form.actual')} ${n}`}
                            value={o.actual}
                            disabled={!editActuals || o.state !== 'measured'}
                            onChange={(e) => setObjective(i, { actual: e.target.value })}
                            style={{ width: '8em' }}
                            {...checked(i, 'actual')}
                          />
                          {problemOf(i, 'actual')}
                        </>
                      )}
                    </td>
                    <td>{percent(scored?.score, lang)}</td>
                    {editObjectives && (
                      <td>
                        <button
                          type="button"
                          className="btn btn-sm btn-outline-danger"
                          aria-label={t('appraisal.form.removeLabel', { n })}
                          onClick={() => setObjectives((list) => list.filter((_, k) => k !== i))}
                        >
                          {t('appraisal.form.remove')}
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {editObjectives && (
          <button type="button" className="btn btn-outline-primary btn-sm me-2" data-testid="add-objective" onClick={() => setObjectives((list) => [...list, NEW_OBJECTIVE])}>
            {t('appraisal.form.addObjective')}
          </button>
        )}
        {(editObjectives || editActuals) && (
          <button
            type="button"
            className="btn btn-primary btn-sm"
            data-testid="save-objectives"
            onClick={() => {
              // Read strictly in the screen's notation: what cannot be read is said at its field, nothing is sent.
              const body = objectivesBody(objectives, lang);
              setKept('problems' in body ? { keys: body.problems } : NO_PROBLEMS);
              // The last answer (a refusal, "Saved") no longer stands for what is now on the screen.
              setError(null);
              setMessage(null);
              if ('objectives' in body)
                void run(
                  () => appraisalApi.patch(id, lang, { version: typedOn, objectives: body.objectives }),
                  () => SAVED,
                );
            }}
          >
            {t('appraisal.form.saveObjectives')}
          </button>
        )}
      </section>

      {form.behaviours.length > 0 && (
        <section aria-labelledby="behaviours-title" className="mb-3">
          <h2 className="h4" id="behaviours-title">
            {t('appraisal.form.behaviours')}
          </h2>
          {form.behaviours.map((b) => (
            <div key={b.code} className="mb-2">
              <label htmlFor={`rating-${b.code}`} className="fw-bold">
                <span lang={planLang}>
                  {b.code} {b.title}
                </span>{' '}
                ({percent(b.weight, lang)})
              </label>
              <p className="small mb-1" lang={planLang}>
                {b.description}
              </p>
              <select
                id={ratingId(b.code)}
                className="form-select form-select-sm"
                style={{ maxWidth: '24em' }}
                value={ratings[b.code] ?? ''}
                disabled={!editRatings}
                onChange={(e) => {
                  const value = e.target.value;
                  // "Not rated" takes the rating away: sent as 0 it was refused as outside the scale.
                  setRatings(({ [b.code]: _, ...rest }) => (value === '' ? rest : { ...rest, [b.code]: Number(value) }));
                }}
                data-testid={`rating-${b.code}`}
                {...invalidIf(ratingId(b.code), problems[ratingId(b.code)] ?? null)}
              >
                <option value="">{t('appraisal.form.notRated')}</option>
                {form.scale.map((l) => (
                  <option key={l.value} value={l.value}>
                    {l.value} – {l.label}
                  </option>
                ))}
              </select>
              <FieldProblem id={ratingId(b.code)} message={problems[ratingId(b.code)] ?? null} />
            </div>
          ))}
          {editRatings && (
            <button
              type="button"
              className="btn btn-primary btn-sm"
              data-testid="save-ratings"
              onClick={() =>
                void run(
                  () => appraisalApi.patch(id, lang, { version: typedOn, ratings }),
                  () => SAVED,
                )
              }
            >
              {t('appraisal.form.saveRatings')}
            </button>
          )}
        </section>
      )}

      {form.may.actions.length > 0 && (
        <section aria-labelledby="actions-title" className="border rounded p-3 mb-3">
          <h2 className="h4" id="actions-title">
            {t('appraisal.form.record')}
          </h2>
          {form.may.actions.some(needsText) && (
            <label className="d-block mb-2">
              {form.may.actions.includes('interview') ? t('appraisal.form.note') : form.may.actions.includes('conciliate') ? t('appraisal.form.conciliationNote') : t('appraisal.form.reason')}
              <textarea id={ACTION_TEXT} className="form-control" value={text} onChange={(e) => setText(e.target.value)} data-testid="action-text" {...invalidIf(ACTION_TEXT, textProblem)} />
              <FieldProblem id={ACTION_TEXT} message={textProblem} />
            </label>
          )}
          {form.may.actions.includes('conciliate') && (
            <label className="d-block mb-2">
              {t('appraisal.form.outcome')}
              <select
                id={ACTION_OUTCOME}
                className="form-select"
                value={outcome}
                onChange={(e) => setOutcome(e.target.value as 'confirmed' | 'revised')}
                data-testid="action-outcome"
                {...invalidIf(ACTION_OUTCOME, outcomeProblem)}
              >
                <option value="confirmed">{t('appraisal.form.confirmed')}</option>
                <option value="revised">{t('appraisal.form.revised')}</option>
              </select>
              <FieldProblem id={ACTION_OUTCOME} message={outcomeProblem} />
            </label>
          )}
          <div className="d-flex flex-wrap gap-2">
            {form.may.actions.map((a) => (
              <button
                key={a}
                type="button"
                className="btn btn-outline-primary"
                data-testid={`action-${a}`}
                onClick={() => {
                  const typed = unsaved();
                  if (typed !== null && 'problems' in typed) {
                    setKept({ keys: typed.problems });
                    return;
                  }
                  void run(
                    async () => {
                      let version = typedOn;
                      // What was typed and not saved (the actuals, the ratings) goes with the step, saved
                      // first: before, the step's answer put the saved ones back on the screen and the
                      // evaluator's ratings were lost without a word.
                      if (typed !== null) {
                        const saved = await appraisalApi.patch(id, lang, { version, ...typed });
                        await written(saved, lang);
                        version = saved.version;
                      }
                      return appraisalApi.act(id, lang, {
                        action: a,
                        version,
                        ...(a === 'interview' || a === 'conciliate' ? { note: text } : {}),
                        ...(a === 'contest' || a === 'reopen' ? { reason: text } : {}),
                        ...(a === 'conciliate' ? { outcome } : {}),
                      });
                    },
                    (f) => ({ key: 'appraisal.action.done', state: f.state }),
                    true,
                  );
                }}
              >
                {t(`appraisal.action.${a}`)}
              </button>
            ))}
          </div>
        </section>
      )}

      <p data-testid="acknowledged">
        {t('appraisal.form.acknowledged', {
          person: form.record.acknowledged.person === null ? t('appraisal.form.notYet') : day(form.record.acknowledged.person),
          evaluator: form.record.acknowledged.evaluator === null ? t('appraisal.form.notYet') : day(form.record.acknowledged.evaluator),
        })}
      </p>
      {history.length > 0 && (
        <section aria-labelledby="history-title" className="mb-3">
          <h2 className="h4" id="history-title">
            {t('appraisal.form.history')}
          </h2>
          <ol data-testid="form-history">
            {history.map((s, i) => (
              <li key={i}>{s.text}</li>
            ))}
          </ol>
        </section>
      )}
      {/* Everyone who may read the form may read its trail (the route's rule). */}
      <FormTrail id={form.id} />
      <h2 className="h4">{t('appraisal.form.documents')}</h2>
      <p className="d-flex gap-3">
        <a href={appraisalApi.documentUrl(id, 'pdf', lang)} data-testid="form-pdf">
          {t('appraisal.form.pdf')}
        </a>
        <a href={appraisalApi.documentUrl(id, 'docx', lang)}>{t('appraisal.form.docx')}</a>
      </p>
    </article>
  );
}
