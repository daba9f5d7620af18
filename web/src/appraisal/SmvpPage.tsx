/**
 * HR's screen for the SMVP of a year: the legend, the weight policy, each category's component
 * weights and rating bands, the indicators' own thresholds, and the versions. A save is always a
 * new version (the server keeps the earlier ones, which forms evaluated under them still name);
 * an earlier version is shown read-only. The server is the judge: every problem it finds is shown
 * next to the field it names (`schemes.0.components`, `schemes.2.bands.1.min`…), in the app's
 * language. The rating scale, the catalogue of behaviours and each category's behaviour weights are
 * edited here too, as rows; the file import (JSON/XLSX) remains for the rest.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { useSession } from '../session.js';
import { useLang, useLanguageChange } from '../ui/format.js';
import { YearInput } from '../ui/YearInput.js';
import { FieldProblem } from '../ui/FieldProblem.js';
import { issuesByField } from '../ui/form-errors.js';
import type { StaffCategory } from '../../../src/contract/index.js';
import { smvpApi } from './api.js';
import { useSmvp, useSmvpSaved } from './queries.js';
import { numberText, totalText, typedIn, wireDocument } from './smvp-numbers.js';
import { useOpeningYear } from './opening-year.js';
import { refusalSentence, sentence } from '../ui/sentence.js';
import { useInLanguage, useKept, type Kept } from '../ui/server-words.js';

type Num = number | string;
interface Band {
  label: string;
  min: Num;
  max: Num;
  share: Num;
}
interface Threshold {
  code: string;
  indicator: string;
  green: Num;
  yellow: Num;
}
interface Scheme {
  category: StaffCategory;
  components: Record<'body' | 'unit' | 'objectives' | 'behaviours', Num>;
  behaviours: SchemeBehaviour[];
  bands: Band[];
}
interface RatingLevel {
  value: Num;
  label: string;
  description: string;
  score: Num;
}
interface Behaviour {
  code: string;
  title: string;
  description: string;
}
interface SchemeBehaviour {
  code: string;
  weight: Num;
}
export interface SmvpDocument {
  organisation: string;
  year: number;
  legend: { green: Num; yellow: Num; greenInclusive?: boolean; yellowInclusive?: boolean };
  indicatorThresholds: Threshold[];
  weightPolicy: 'strict' | 'normalise';
  ratingScale: RatingLevel[];
  behaviours: Behaviour[];
  schemes: Scheme[];
  [other: string]: unknown;
}

const COMPONENTS = ['body', 'unit', 'objectives', 'behaviours'] as const;
/** Each row group's columns: the field → its heading's key under `appraisal.smvp.`. */
const BAND_COLUMNS = { label: 'label', min: 'min', max: 'max', share: 'share' };
const THRESHOLD_COLUMNS = { code: 'objective', indicator: 'indicator', green: 'green', yellow: 'yellow' };
const SCALE_COLUMNS = { value: 'level', label: 'levelLabel', description: 'description', score: 'score' };
const BEHAVIOUR_COLUMNS = { code: 'behaviourCode', title: 'behaviourTitle', description: 'description' };
const WEIGHT_COLUMNS = { code: 'behaviourCode', weight: 'weight' };
const EDITORS = ['admin', 'personale', 'controller'];

/** What a save found wrong: the catalogue keys of the fields that cannot be read, or the server's refusal. */
type Wrong = { keys: Record<string, string> } | { error: unknown };
const NOTHING_WRONG: Wrong = { keys: {} };

export function SmvpPage() {
  const { t } = useTranslation();
  const opening = useOpeningYear();
  if (opening === null) return <p role="status">{t('common.loading')}</p>;
  return <SmvpScreen openingYear={opening} />;
}

function SmvpScreen({ openingYear }: { openingYear: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSession();
  const mayEdit = EDITORS.includes(user?.role ?? '');
  const [year, setYear] = useState(openingYear);
  // The earlier version picked; null for the year's latest.
  const [version, setVersion] = useState<number | null>(null);
  // The year's latest and the version shown (one read when they are the same). A year not read yet
  // has no data: the screen says it is loading, never the previous year's form or "none saved".
  const latestRead = useSmvp(year, null);
  const shownRead = useSmvp(year, version);
  const latest = latestRead.data?.record ?? null;
  const read = shownRead.data;
  // What the user edits: a copy of the version shown (or of the example), taken at the first change.
  // Until then the screen shows the cache's answer, so a version read again is shown as it arrives.
  const [draft, setDraft] = useState<SmvpDocument | null>(null);
  // The version the draft was copied from (0: the example): sent with the save, so one saved by
  // someone else meanwhile is refused rather than silently undone.
  const [base, setBase] = useState<number | null>(null);
  const doc = draft ?? read?.record?.document ?? null;
  const [reason, setReason] = useState('');
  // What was said wrong, kept as what it is (the keys of what cannot be read, the server's refusal) and
  // said on each render: a change of language says it again in the new one.
  const [kept, setKept] = useState<Wrong>(NOTHING_WRONG);
  const said = useInLanguage();
  const refusal = 'error' in kept ? said(kept.error) : null;
  const errors: Record<string, string> =
    'keys' in kept ? Object.fromEntries(Object.entries(kept.keys).map(([field, key]) => [field, t(key)])) : refusal instanceof ApiError ? issuesByField(refusal.body) : {};
  const general = 'keys' in kept ? null : refusal instanceof ApiError ? sentence(refusal.message) : refusalSentence(refusal);
  const [saved, setSaved] = useState<Kept | null>(null);
  const say = useKept();
  const written = useSmvpSaved();
  // A read that failed is said like a refused save (a year without an SMVP is not a failure: `read.example`).
  const failed = shownRead.error ?? latestRead.error;
  const failure = general ?? (failed === null ? null : refusalSentence(said(failed)));

  /** Another year or version: its document replaces the draft, and what was said of the old one goes. */
  const show = (nextYear: number, nextVersion: number | null) => {
    if (nextYear === year && nextVersion === version) return;
    setYear(nextYear);
    setVersion(nextVersion);
    setDraft(null);
    setBase(null);
    setKept(NOTHING_WRONG);
    setSaved(null);
  };
  // After a refusal the first field said wrong takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => {
    // A group's error with no row to mark (no behaviour weighted yet) lands on the group's add button, which it describes.
    if (Object.keys(errors).length > 0) document.querySelector<HTMLElement>('[data-testid=smvp-form] :is([aria-invalid=true], [data-problem])')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per refusal: `errors` is said anew on each render
  }, [kept]);

  // The language changed with a draft open: its typed numbers are written again in the new notation
  // (a document as read holds numbers only, written in the screen's notation as they are drawn).
  useLanguageChange(lang, () => setDraft((d) => (d === null ? d : typedIn(d))));

  const ready = read !== undefined;
  const readOnly = !mayEdit || version !== null;
  const change = (f: (d: SmvpDocument) => void) => {
    setSaved(null);
    if (draft === null) setBase(read?.record?.version ?? 0);
    setDraft((d) => {
      const from = d ?? read?.record?.document ?? null;
      if (from === null) return d;
      const next = structuredClone(from);
      f(next);
      return next;
    });
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    if (doc === null) return;
    setKept(NOTHING_WRONG);
    // Numbers read strictly in the screen's notation: one that cannot be read is said at its field, nothing is sent.
    const wired = wireDocument(doc, lang);
    if (Object.keys(wired.problems).length > 0) {
      setKept({ keys: wired.problems });
      return;
    }
    try {
      const r = await smvpApi.save(year, doc.organisation, {
        document: wired.document,
        version: base ?? read?.record?.version ?? 0,
        ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
      });
      await written(year, r);
      setSaved({ key: 'appraisal.smvp.saved', values: { version: r.version } });
      setReason('');
      setDraft(null);
      setBase(null);
    } catch (err) {
      setKept({ error: err });
    }
  }

  /** A number field at `field` (the API's path), its error beside it. */
  const numberField = (field: string, label: string, value: Num, set: (v: string) => void, group?: string, context?: string) => (
    <SmvpField key={field} field={field} label={label} value={value} set={set} group={group} context={context} errors={errors} readOnly={readOnly} />
  );
  /** What every row group shares: the draft's editor, the server's errors, whether it may change. */
  const editing = { change, errors, readOnly };
  /** An error the server placed on a group (`schemes.0.components`, `schemes.1.bands`). */
  const groupError = (field: string) =>
    errors[field] ? (
      <p className="text-danger small mb-1" role="alert" id={`${fieldId(field)}-error`} data-testid={`${fieldId(field)}-error`}>
        {errors[field]}
      </p>
    ) : null;

  return (
    <section aria-labelledby="smvp-title" data-testid="smvp-page">
      <h1 id="smvp-title">{t('appraisal.smvp.title')}</h1>
      <p className="small">{t('appraisal.smvp.intro')}</p>
      <div className="d-flex flex-wrap gap-3 align-items-end mb-3">
        <label className="d-inline-flex gap-2 align-items-center">
          {t('appraisal.list.year')}
          <YearInput value={year} onCommit={(y) => show(y, null)} className="form-control form-control-sm" style={{ width: '7em' }} data-testid="smvp-year" />
        </label>
        {ready && latest !== null && (
          <label className="d-inline-flex gap-2 align-items-center">
            {t('appraisal.smvp.version')}
            <select
              className="form-select form-select-sm"
              value={version ?? latest.version}
              onChange={(e) => show(year, Number(e.target.value) === latest.version ? null : Number(e.target.value))}
              data-testid="smvp-version"
            >
              {Array.from({ length: latest.version }, (_, k) => latest.version - k).map((v) => (
                <option key={v} value={v}>
                  {v === latest.version ? t('appraisal.smvp.current', { version: v }) : t('appraisal.smvp.earlier', { version: v })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {failure !== null && (
        <p className="alert alert-danger" role="alert" data-testid="smvp-error">
          {failure}
        </p>
      )}
      {saved !== null && (
        <p className="alert alert-success" role="status" data-testid="smvp-saved">
          {say(saved)}
        </p>
      )}
      {!ready && failure === null && (
        <p role="status" data-testid="smvp-loading">
          {t('common.loading')}
        </p>
      )}
      {ready && doc === null && read.example !== null && (
        <div className="mb-3">
          <p>{t('appraisal.smvp.none', { year })}</p>
          {mayEdit && (
            <button type="button" className="btn btn-primary btn-sm" onClick={() => setDraft(read.example)} data-testid="smvp-start">
              {t('appraisal.smvp.start')}
            </button>
          )}
        </div>
      )}
      {ready && doc !== null && (
        <form onSubmit={(e) => void save(e)} noValidate data-testid="smvp-form">
          {readOnly && mayEdit && (
            <p className="alert alert-info" data-testid="smvp-read-only">
              {t('appraisal.smvp.readOnly', { version })}
            </p>
          )}
          <fieldset className="mb-3">
            <legend className="h5">{t('appraisal.smvp.legend')}</legend>
            <div className="d-flex flex-wrap gap-3">
              {numberField('legend.green', t('appraisal.smvp.green'), doc.legend.green, (v) => change((d) => void (d.legend.green = v)))}
              {numberField('legend.yellow', t('appraisal.smvp.yellow'), doc.legend.yellow, (v) => change((d) => void (d.legend.yellow = v)))}
              <div>
                <label htmlFor="smvp-weightPolicy" className="form-label small mb-0">
                  {t('appraisal.smvp.weightPolicy')}
                </label>
                <select
                  id="smvp-weightPolicy"
                  className="form-select form-select-sm"
                  value={doc.weightPolicy}
                  disabled={readOnly}
                  onChange={(e) => change((d) => void (d.weightPolicy = e.target.value as SmvpDocument['weightPolicy']))}
                >
                  <option value="strict">{t('appraisal.smvp.strict')}</option>
                  <option value="normalise">{t('appraisal.smvp.normalise')}</option>
                </select>
              </div>
            </div>
          </fieldset>

          <fieldset className="mb-3">
            <legend className="h5">{t('appraisal.smvp.scale')}</legend>
            {groupError('ratingScale')}
            <RowsSection
              at="ratingScale"
              pick={(d) => d.ratingScale}
              columns={SCALE_COLUMNS}
              text={['label', 'description']}
              caption={t('appraisal.smvp.scale')}
              context={t('appraisal.smvp.scale')}
              testId="smvp-level"
              add={{ label: t('appraisal.smvp.addLevel'), testId: 'smvp-add-level' }}
              doc={doc}
              {...editing}
            />
          </fieldset>

          <fieldset className="mb-3">
            <legend className="h5">{t('appraisal.smvp.behaviours')}</legend>
            <RowsSection
              at="behaviours"
              pick={(d) => d.behaviours}
              columns={BEHAVIOUR_COLUMNS}
              text={['code', 'title', 'description']}
              caption={t('appraisal.smvp.behaviours')}
              context={t('appraisal.smvp.behaviours')}
              testId="smvp-behaviour"
              add={{ label: t('appraisal.smvp.addBehaviour'), testId: 'smvp-add-behaviour' }}
              doc={doc}
              {...editing}
            />
          </fieldset>

          {doc.schemes.map((s, i) => {
            const total = totalText(
              COMPONENTS.map((k) => s.components[k] ?? 0),
              lang,
            );
            return (
              <fieldset key={s.category} className="mb-3" data-testid={`smvp-scheme-${s.category}`}>
                <legend className="h5">{t(`appraisal.category.${s.category}`)}</legend>
                <h2 className="h6">{t('appraisal.smvp.components')}</h2>
                {groupError(`schemes.${i}.components`)}
                <div className="d-flex flex-wrap gap-3 align-items-end">
                  {COMPONENTS.map((k) =>
                    numberField(
                      `schemes.${i}.components.${k}`,
                      t(`appraisal.smvp.component.${k}`),
                      s.components[k] ?? 0,
                      (v) => change((d) => void (d.schemes[i]!.components[k] = v)),
                      `schemes.${i}.components`,
                      t(`appraisal.category.${s.category}`),
                    ),
                  )}
                  <p className={`small mb-1 ${total === '100' ? '' : 'text-danger'}`} data-testid={`smvp-total-${s.category}`}>
                    {t('appraisal.smvp.total', { total })}
                  </p>
                </div>
                <h2 className="h6 mt-2">{t('appraisal.smvp.bands')}</h2>
                {groupError(`schemes.${i}.bands`)}
                <RowsSection
                  at={`schemes.${i}.bands`}
                  pick={(d) => d.schemes[i]!.bands}
                  columns={BAND_COLUMNS}
                  text={['label']}
                  caption={t('appraisal.smvp.bandsOf', { category: t(`appraisal.category.${s.category}`) })}
                  words="band"
                  context={t(`appraisal.category.${s.category}`)}
                  testId={`smvp-band-${s.category}`}
                  add={{ label: t('appraisal.smvp.addBand'), testId: `smvp-add-band-${s.category}` }}
                  doc={doc}
                  {...editing}
                />
                <h2 className="h6 mt-3">{t('appraisal.smvp.behaviourWeights')}</h2>
                {groupError(`schemes.${i}.behaviours`)}
                <RowsSection
                  at={`schemes.${i}.behaviours`}
                  pick={(d) => d.schemes[i]!.behaviours}
                  columns={WEIGHT_COLUMNS}
                  text={['code']}
                  caption={t('appraisal.smvp.behaviourWeightsOf', { category: t(`appraisal.category.${s.category}`) })}
                  context={t(`appraisal.category.${s.category}`)}
                  testId={`smvp-weight-${s.category}`}
                  add={{ label: t('appraisal.smvp.addWeight'), testId: `smvp-add-weight-${s.category}` }}
                  hideEmpty
                  doc={doc}
                  {...editing}
                />
              </fieldset>
            );
          })}

          <fieldset className="mb-3">
            <legend className="h5">{t('appraisal.smvp.thresholds')}</legend>
            <p className="small">{t('appraisal.smvp.thresholdsHelp')}</p>
            <RowsSection
              at="indicatorThresholds"
              pick={(d) => d.indicatorThresholds}
              columns={THRESHOLD_COLUMNS}
              text={['code', 'indicator']}
              caption={t('appraisal.smvp.thresholds')}
              testId="smvp-threshold"
              add={{ label: t('appraisal.smvp.addThreshold'), testId: 'smvp-add-threshold' }}
              hideEmpty
              doc={doc}
              {...editing}
            />
          </fieldset>

          {!readOnly && (
            <div className="d-flex flex-wrap gap-3 align-items-end">
              <div className="flex-grow-1">
                <label htmlFor="smvp-reason" className="form-label small mb-0">
                  {t('appraisal.smvp.reason')}
                </label>
                <input type="text" id="smvp-reason" className="form-control form-control-sm" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
              </div>
              <button type="submit" className="btn btn-primary" data-testid="smvp-save">
                {t('appraisal.smvp.save', { version: (latest?.version ?? 0) + 1 })}
              </button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}

/** The DOM id of the input at an API path (`schemes.0.bands.1.min` → `smvp-schemes-0-bands-1-min`). */
const fieldId = (field: string) => `smvp-${field.replace(/\./g, '-')}`;

interface FieldProps {
  /** The API's path of the value, where the server says what is wrong with it. */
  field: string;
  label: string;
  value: Num;
  set: (v: string) => void;
  /** The label only for screen readers (a table cell, its column saying it). */
  hidden?: boolean;
  /** The group the server may blame as a whole (`schemes.0.components`). */
  group?: string | undefined;
  /** Free text rather than a decimal. */
  text?: boolean;
  /**
   * Which of the same fields this is (the category: each category has its "Performance dell'ente"
   * and its "fascia 1"), read with the label and not shown: the fieldset's legend shows it.
   */
  context?: string | undefined;
  errors: Record<string, string>;
  readOnly: boolean;
}

/** A field of the SMVP, its error beside it. */
function SmvpField({ field, label, value, set, hidden = false, group, text = false, context, errors, readOnly }: FieldProps) {
  const lang = useLang();
  const id = fieldId(field);
  const error = errors[field];
  // A problem of the group (the components' sum) marks each of its fields and is read with them.
  const groupWrong = group !== undefined && errors[group] !== undefined;
  const describedBy = error ? `${id}-error` : groupWrong ? `${fieldId(group)}-error` : undefined;
  return (
    <div className="smvp-field">
      <label htmlFor={id} className={hidden ? 'visually-hidden' : 'form-label small mb-0'}>
        {label}
        {context !== undefined && <span className="visually-hidden"> ({context})</span>}
      </label>
      <input
        type="text"
        id={id}
        className={`form-control form-control-sm${error ? ' is-invalid' : ''}`}
        inputMode={text ? undefined : 'decimal'}
        value={text ? String(value) : numberText(value, lang)}
        readOnly={readOnly}
        onChange={(e) => set(e.target.value)}
        aria-invalid={error || groupWrong ? true : undefined}
        aria-describedby={describedBy}
        data-field={field}
      />
      <FieldProblem id={id} message={error || null} />
    </div>
  );
}

/**
 * A group of rows of the document (the rating scale, the behaviours, a category's bands and
 * behaviour weights, the indicators' own ranges): its table, one field per column with its error,
 * each row's remove button and the button that adds an empty row, all while editing.
 */
function RowsSection<C extends string>({
  at,
  pick,
  columns,
  text,
  caption,
  words = 'row',
  context,
  testId,
  add,
  hideEmpty = false,
  doc,
  change,
  errors,
  readOnly,
}: {
  /** The API's path of the rows (`schemes.0.bands`), where the server places its errors. */
  at: string;
  /** The rows in a document: the one shown, and the draft that `change` edits. */
  pick: (d: SmvpDocument) => Record<C, Num>[];
  /** Each column's field and its heading's key under `appraisal.smvp.`. */
  columns: Record<C, string>;
  /** The columns of free text; the others are decimals. */
  text: C[];
  caption: string;
  /** How a row is named to screen readers: "riga 2" or "fascia 2". */
  words?: 'row' | 'band';
  /** Which group the rows are of (the scale, a category), read with each field and button (see `FieldProps.context`). */
  context?: string;
  /** Each row's test id is this and its index. */
  testId: string;
  add: { label: string; testId: string };
  /** No table at all while there are no rows (the optional groups). */
  hideEmpty?: boolean;
  doc: SmvpDocument;
  change: (f: (d: SmvpDocument) => void) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const rows = pick(doc);
  const fields = Object.keys(columns) as C[];
  const heading = (c: C) => t(`appraisal.smvp.${columns[c]}`);
  // The field to take the focus once drawn: a row added by keyboard is typed into at once (the add
  // button comes after the rows); the last row removed leaves the focus on the add button, not lost.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (focusNext === null) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext, rows.length]);
  const addId = `${fieldId(at)}-add`;
  // A problem of the whole group (the behaviour weights' sum, a scale too short) is said once above
  // the table and read with each of its fields; with no row yet, with the button that adds one.
  const groupProblem = errors[at] !== undefined;
  return (
    <>
      {!(hideEmpty && rows.length === 0) && (
        <EditorTable caption={caption} columns={fields.map(heading)} readOnly={readOnly}>
          {rows.map((row, j) => (
            <EditorRow
              key={j}
              at={`${at}.${j}`}
              cells={fields.map((c) => ({ key: c, label: t(`appraisal.smvp.${words}Field`, { field: heading(c), n: j + 1 }), value: row[c], text: text.includes(c) }))}
              set={(c, v) => change((d) => void (pick(d)[j]![c as C] = v))}
              onRemove={() => {
                change((d) => void pick(d).splice(j, 1));
                // Another row's button takes this one's place (the rows are keyed by position), except after the last.
                if (j === rows.length - 1) setFocusNext(addId);
              }}
              group={at}
              removeLabel={`${t(`appraisal.smvp.${words}N`, { n: j + 1 })}${context === undefined ? '' : ` (${context})`}`}
              context={context}
              testId={`${testId}-${j}`}
              errors={errors}
              readOnly={readOnly}
            />
          ))}
        </EditorTable>
      )}
      {!readOnly && (
        <button
          type="button"
          id={addId}
          className="btn btn-sm btn-outline-primary"
          // Every field of a new row starts empty, numbers too: the server says which are missing.
          onClick={() => {
            change((d) => void pick(d).push(Object.fromEntries(fields.map((c) => [c, ''])) as Record<C, Num>));
            setFocusNext(fieldId(`${at}.${rows.length}.${fields[0]!}`));
          }}
          data-testid={add.testId}
          {...(groupProblem && rows.length === 0 ? { 'aria-describedby': `${fieldId(at)}-error`, 'data-problem': true } : {})}
        >
          {add.label}
          {context !== undefined && <span className="visually-hidden"> ({context})</span>}
        </button>
      )}
    </>
  );
}

/** A table of editable rows: its columns, and one more for the remove buttons while editing. */
function EditorTable({ caption, columns, readOnly, children }: { caption: string; columns: string[]; readOnly: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <table className="table table-sm small">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
          {!readOnly && (
            <th scope="col">
              <span className="visually-hidden">{t('appraisal.form.remove')}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** One row of an `EditorTable`: a field per cell at `at.key`, and its remove button while editing. */
function EditorRow({
  at,
  cells,
  set,
  onRemove,
  removeLabel,
  testId,
  group,
  context,
  errors,
  readOnly,
}: {
  at: string;
  cells: { key: string; label: string; value: Num; text?: boolean }[];
  /** The rows' group (`schemes.0.behaviours`): its problem (a sum of weights) marks each number of the row, not its names. */
  group: string;
  context: string | undefined;
  set: (key: string, v: string) => void;
  onRemove: () => void;
  /** Which row the button removes, for screen readers ("la fascia 2"). */
  removeLabel: string;
  testId: string;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  return (
    <tr data-testid={testId}>
      {cells.map((c) => (
        <td key={c.key}>
          <SmvpField
            field={`${at}.${c.key}`}
            label={c.label}
            value={c.value}
            set={(v) => set(c.key, v)}
            hidden
            group={c.text === true ? undefined : group}
            context={context}
            text={c.text ?? false}
            errors={errors}
            readOnly={readOnly}
          />
        </td>
      ))}
      {!readOnly && (
        <td>
          <button type="button" className="btn btn-sm btn-outline-danger" onClick={onRemove}>
            {t('appraisal.form.remove')}
            <span className="visually-hidden"> {removeLabel}</span>
          </button>
        </td>
      )}
    </tr>
  );
}
