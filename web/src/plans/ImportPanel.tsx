import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { Alert, Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import type { IssueDocument, PlanImportPreview, PlanSummary } from '../api/types.js';
import { PLAN_YEARS } from '../../../src/core/model.js';
import { Field, focusFirstError, focusSoon } from '../ui/Form.js';
import { FileInput } from '../ui/FileInput.js';

type Issues = IssueDocument[];

function where(location: Issues[number]['location'], line: (n: number) => string): string {
  if (!location) return '';
  const parts: string[] = [];
  if (location.file) parts.push(location.file);
  if (location.sheet) parts.push(location.sheet);
  if (location.cell) parts.push(location.cell);
  else if (location.line !== undefined) parts.push(line(location.line));
  if (location.column) parts.push(location.column);
  if (location.node) parts.push(location.node);
  return parts.join(' · ');
}

const IMPORT_CHECK = 'import-check';
const IMPORT_SUMMARY = 'import-issues-summary';
const IMPORT_ERROR = 'import-error';

/**
 * Upload → a dry run lists every problem by line or cell → the user confirms (or not). Nothing is
 * stored until the confirmation, and a file with errors cannot be confirmed.
 */
export function ImportPanel({
  organisation,
  onOrganisation,
  onImported,
}: {
  /** The body the plan belongs to, shared with the new plan's form (a file does not say it). */
  organisation: string;
  onOrganisation: (organisation: string) => void;
  onImported: (id: PlanSummary['id']) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [year, setYear] = useState('');
  const [preview, setPreview] = useState<{ issues: Issues; blocking: boolean; plan: PlanImportPreview['preview'] | null } | null>(null);
  // The refusal and the fields' problems kept as what they are (the server's answer, keys), said on
  // each render: after a change of language, in the new one.
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  const error = refused === null ? null : say(refused, (e) => (e instanceof Error ? e.message : String(e)));
  const [busy, setBusy] = useState(false);
  // What the fields cannot take, by field (`file`, `year`), said beside each.
  const [kept, setProblems] = useState<Record<string, Kept>>({});
  const problems = Object.fromEntries(Object.entries(kept).map(([field, problem]) => [field, say(problem, String)]));

  /** The year is optional (the file's own otherwise); typed, it must be one a plan may have. */
  function fieldProblems(): Record<string, Kept> {
    const found: Record<string, Kept> = {};
    if (file === null) found.file = { key: 'import.noFile' };
    if (organisation.trim() === '') found.organisation = { key: 'plans.errors.organisation' };
    const typed = year.trim();
    if (typed !== '' && !/^\d{4}$/.test(typed)) found.year = { key: 'years.invalidYear' };
    else if (typed !== '' && (Number(typed) < PLAN_YEARS.first || Number(typed) > PLAN_YEARS.last)) found.year = { key: 'years.range', values: { ...PLAN_YEARS } };
    return found;
  }

  const options = (dryRun: boolean) => ({ dryRun, organisation: organisation.trim(), ...(title.trim() ? { title: title.trim() } : {}), ...(year ? { year: Number(year) } : {}) });

  async function check(e: FormEvent) {
    e.preventDefault();
    const found = fieldProblems();
    setProblems(found);
    // The focus goes to the first field at fault: only which fields are, not their words, matter to it.
    if (file === null || Object.keys(found).length > 0) return focusFirstError({ fields: Object.fromEntries(Object.keys(found).map((field) => [field, ''])), general: null }, 'import-');
    setBusy(true);
    setError(null);
    setPreview(null);
    // The check button is disabled while the file is read, which left the focus on the page's body:
    // the answer takes it (the preview's summary, or the refusal), and Tab goes on to its list and buttons.
    let answer = IMPORT_SUMMARY;
    try {
      const r = await api.importPlan(file, options(true));
      setPreview({ issues: r.issues, blocking: r.issues.some((i) => i.severity === 'error'), plan: 'preview' in r ? r.preview : null });
    } catch (err) {
      if (err instanceof ApiError && err.body?.error.issues) setPreview({ issues: err.body.error.issues, blocking: true, plan: null });
      else {
        setError({ error: err });
        answer = IMPORT_ERROR;
      }
    } finally {
      setBusy(false);
    }
    focusSoon(answer);
  }

  async function confirm() {
    if (file === null) return;
    setBusy(true);
    try {
      const r = await api.importPlan(file, options(false));
      setPreview(null);
      setFile(null);
      if (r.plan) onImported(r.plan.id);
    } catch (err) {
      setError({ error: err });
      focusSoon(IMPORT_ERROR);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <h2 id="import-title" className="h5">
        {t('import.title')}
      </h2>
      {/* The workbook to fill in, for an office that has no published table to start from (the command line's `albero template`). */}
      <p className="small" data-testid="plan-template">
        {t('import.templateIntro')}{' '}
        <a href="/api/plans/template" download>
          {t('import.template')}
        </a>
      </p>
      {/* noValidate: the browser's own bubbles speak its language, not the screen's; the fields say it here. */}
      <form onSubmit={(e) => void check(e)} className="albero-form" noValidate data-testid="import-form">
        <Field id="import-file" label={t('import.file')} error={problems.file}>
          {(aria) => (
            <FileInput
              {...aria}
              file={file}
              accept=".txt,.tsv,.csv,.xlsx,.json,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              required
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
              }}
            />
          )}
        </Field>
        <div className="row g-2 mb-3">
          <div className="col-8">
            <label htmlFor="import-title-input" className="form-label">
              {t('plans.planTitle')}
            </label>
            <input id="import-title-input" type="text" className="form-control" value={title} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="col-4">
            <Field id="import-year" label={t('plans.year')} error={problems.year}>
              {(aria) => <input {...aria} className="form-control" type="number" min={PLAN_YEARS.first} max={PLAN_YEARS.last} value={year} onChange={(e) => setYear(e.target.value)} />}
            </Field>
          </div>
          <div className="col-12">
            <Field id="import-organisation" label={t('plans.organisation')} hint={t('plans.organisationHint')} error={problems.organisation}>
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  className="form-control"
                  required
                  autoComplete="organization"
                  value={organisation}
                  onChange={(e) => {
                    onOrganisation(e.target.value);
                    setPreview(null);
                  }}
                />
              )}
            </Field>
          </div>
        </div>
        <Button color="primary" outline type="submit" disabled={busy} id={IMPORT_CHECK}>
          {t('import.check')}
        </Button>
      </form>
      {error !== null && (
        <Alert color="danger" role="alert" className="mt-3" id={IMPORT_ERROR} tabIndex={-1} data-testid="import-error">
          {t('common.error', { message: error })}
        </Alert>
      )}
      {preview !== null && (
        <div className="mt-3" data-testid="import-preview">
          <p role="status" id={IMPORT_SUMMARY} tabIndex={-1} className={preview.blocking ? 'text-danger fw-semibold' : 'fw-semibold'}>
            {preview.issues.length === 0 ? t('import.noIssues') : t('import.issues', { count: preview.issues.length })}
            {preview.blocking ? `. ${t('import.blocking')}` : preview.issues.length > 0 ? '.' : ''}
          </p>
          {/* What the confirmation makes, title and year included: a file without them takes defaults the reader should see first. */}
          {preview.plan !== null && (
            <p data-testid="import-plan">
              {t('import.plan', {
                title: preview.plan.title,
                year: preview.plan.year,
                organisation: organisation.trim(),
                areas: t('import.areas', { count: preview.plan.areas }),
                objectives: t('import.objectives', { count: preview.plan.objectives }),
                indicators: t('import.indicators', { count: preview.plan.indicators }),
              })}
            </p>
          )}
          {preview.issues.length > 0 && (
            // A region the keyboard reaches (tabIndex): a long list scrolls inside it, which arrows alone could not do.
            <div className="table-responsive import-issues" role="region" aria-labelledby={IMPORT_SUMMARY} tabIndex={0}>
              <table className="table table-sm">
                <thead>
                  <tr>
                    <th scope="col">{t('import.severity')}</th>
                    <th scope="col">{t('import.where')}</th>
                    <th scope="col">{t('import.what')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((i, n) => (
                    <tr key={n}>
                      <td className={i.severity === 'error' ? 'text-danger fw-semibold' : undefined}>{t(`import.${i.severity}`, { defaultValue: i.severity })}</td>
                      <td>{where(i.location, (line) => t('import.line', { line }))}</td>
                      <td>
                        {i.message} <code className="small">[{i.code}]</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div className="d-flex gap-2">
            <Button color="primary" type="button" disabled={busy || preview.blocking} onClick={() => void confirm()}>
              {t('import.confirm')}
            </Button>
            <Button
              color="secondary"
              outline
              type="button"
              onClick={() => {
                // The preview goes with the button pressed: the focus back where the check began.
                setPreview(null);
                focusSoon(IMPORT_CHECK);
              }}
              data-testid="import-cancel"
            >
              {t('import.cancel')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
