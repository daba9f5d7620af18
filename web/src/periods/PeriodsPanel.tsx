/**
 * The plan's monitoring periods, for the controllo di gestione: add a period at any date of the
 * plan's year (monthly to yearly), rename one (its label, in its row, naming the version read) and
 * delete one that is still open and empty. The server decides
 * (dates unique, only empty open periods go); this panel says its refusals in the reader's words.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import type { Period, TreeDocument } from '../api/types.js';
import { periodWordKey } from './Validation.js';
import { ActionDialog } from '../ui/ActionDialog.js';
import { focusSoon } from '../ui/Form.js';
import { DateInput, typedDateKept } from '../ui/DateInput.js';
import { RenameForm } from '../ui/RenameForm.js';
import { useKept, type Kept } from '../ui/server-words.js';
import { issuesByField } from '../ui/form-errors.js';
import { refusalSentence, sentence } from '../ui/sentence.js';

/** The server refused the date itself (not a date of the plan's year, not a date at all). */
const dateRefused = (e: unknown) => e instanceof ApiError && e.code === 'invalid-body' && issuesByField(e.body).endsOn !== undefined;

interface Props {
  planId: string;
  periods: readonly Period[];
  /** The period the screen shows: a rename keeps it shown. */
  shownId: string | null;
  /** After a change: reload the tree, showing `periodId` (null: the default period). */
  onChanged: (periodId: string | null, notice: Kept) => void;
  /** Reads the periods again (after a rename refused as stale). */
  onReload: () => void;
  /** The OIV's decision on the Relazione (the tree's `validation`): the year end validated with reservations is said so. */
  validation?: TreeDocument['validation'];
}

/** The plan's year, read from its periods (all of them end in it). */
function yearOf(periods: readonly Period[]): number | null {
  const first = periods.find((p) => p.endsOn !== null);
  return first?.endsOn ? Number(first.endsOn.slice(0, 4)) : null;
}

export function PeriodsPanel({ planId, periods, shownId, onChanged, onReload, validation }: Props) {
  const { t } = useTranslation();
  /** The period whose label is being changed in its row. */
  const [renaming, setRenaming] = useState<string | null>(null);
  /** The period asked about before it is deleted. */
  const [deleting, setDeleting] = useState<Period | null>(null);
  const [endsOn, setEndsOn] = useState('');
  const [label, setLabel] = useState('');
  // Kept as what it is (the refusal, a key, a date typed), said on each render: after a change of language, in the new one.
  const [kept, setError] = useState<Kept | null>(null);
  const say = useKept();
  // The error is the date field's (an empty date, one outside the plan's year): it is read with the field.
  const [atDate, setAtDate] = useState(false);
  const [busy, setBusy] = useState(false);
  const year = yearOf(periods);

  /** The server's refusal in the reader's language, by its stable code. */
  function refusal(e: unknown): string {
    if (!(e instanceof ApiError)) return refusalSentence(e);
    const details = e.body?.error.details ?? {};
    const reason = typeof details.reason === 'string' ? details.reason : null;
    if (e.code === 'period-in-use' && reason !== null)
      return t(`periods.errors.${reason}`, { count: Number(details.measurements ?? details.attachments ?? details.comments ?? 0), defaultValue: sentence(e.message) });
    if (e.code === 'duplicate' || e.code === 'forbidden') return t(`periods.errors.${e.code}`);
    if (dateRefused(e)) return t('periods.errors.date', { year: year ?? '' });
    // Said alone under the bar, the server's clause is a sentence.
    return sentence(e.message);
  }
  const error = kept === null ? null : say(kept, refusal);

  /** A date that cannot be taken: said at the field, which takes the focus (the button pressed had it). */
  function refuseDate(problem: Kept) {
    setError(problem);
    setAtDate(true);
    focusSoon('period-ends-on');
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setAtDate(false);
    // What is typed that is no date is said as such; an empty date, or one outside the plan's year, as the server says it.
    const typed = typedDateKept('period-ends-on');
    if (typed !== null) return refuseDate(typed);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endsOn) || (year !== null && !endsOn.startsWith(`${year}-`))) return refuseDate({ key: 'periods.errors.date', values: { year: year ?? '' } });
    setBusy(true);
    try {
      const added = await api.addPeriod(planId, { endsOn, ...(label.trim() !== '' ? { label: label.trim() } : {}) });
      setEndsOn('');
      setLabel('');
      onChanged(added.id, { key: 'periods.added', values: { label: added.label } });
      // The button was disabled while the period was added, which left the focus on the page's body:
      // the plan's message saying it was added takes it (as after a period's move).
      focusSoon('plan-notice');
    } catch (e) {
      if (dateRefused(e) || (e instanceof ApiError && e.code === 'duplicate')) refuseDate({ error: e });
      else {
        setError({ error: e });
        focusSoon('periods-error');
      }
    } finally {
      setBusy(false);
    }
  }

  /** Deletes the period asked about; a refusal is said in the dialog. Done, the panel's title takes the focus (the row is gone). */
  async function remove(period: Period) {
    await api.deletePeriod(planId, period.id);
    setDeleting(null);
    setError(null);
    onChanged(null, { key: 'periods.deleted', values: { label: period.label } });
    focusSoon('periods-title');
  }

  return (
    <section className="periods-panel border rounded p-2 mb-2" aria-labelledby="periods-title" data-testid="periods-panel">
      <h2 id="periods-title" className="h6" tabIndex={-1}>
        {t('periods.title')}
      </h2>
      <table className="table table-sm mb-2">
        <thead>
          <tr>
            <th scope="col">{t('periods.name')}</th>
            <th scope="col">{t('periods.date')}</th>
            <th scope="col">{t('period.state')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('periods.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {periods.map((p) => (
            <tr key={p.id} data-period={p.id}>
              <td className="text-break">
                {renaming === p.id ? (
                  <RenameForm
                    id="period-rename"
                    field="label"
                    label={t('periods.newName')}
                    stored={p.label}
                    version={p.version}
                    maxLength={200}
                    onSave={async (label, version) => {
                      const renamed = await api.renamePeriod(planId, p.id, label, version);
                      setRenaming(null);
                      onChanged(shownId, { key: 'periods.renamed', values: { label: renamed.label } });
                      // The form went with its button: the plan's message saying so takes the focus.
                      focusSoon('plan-notice');
                    }}
                    onCancel={() => {
                      setRenaming(null);
                      // The form goes with the focus in it: the row's «Rinomina» is back, and takes it.
                      focusSoon(`period-rename-open-${p.id}`);
                    }}
                    onReload={onReload}
                  />
                ) : (
                  p.label
                )}
              </td>
              <td>{p.endsOn ? p.endsOn.split('-').reverse().join('/') : '—'}</td>
              <td>{t(periodWordKey(p, validation))}</td>
              {/* The buttons wrap under each other on a phone: kept on one line, they pushed the page 95 px sideways. */}
              <td>
                <div className="d-flex flex-wrap justify-content-end gap-1">
                  {renaming !== p.id && (
                    <Button
                      size="sm"
                      color="primary"
                      outline
                      disabled={busy}
                      onClick={() => setRenaming(p.id)}
                      id={`period-rename-open-${p.id}`}
                      aria-label={t('periods.renameLabel', { label: p.label })}
                    >
                      {t('periods.rename')}
                    </Button>
                  )}
                  {p.state === 'open' && (
                    <Button size="sm" color="danger" outline disabled={busy} onClick={() => setDeleting(p)} aria-label={t('periods.deleteLabel', { label: p.label })}>
                      {t('periods.delete')}
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small text-muted mb-2">{t('periods.onlyEmptyOpen')}</p>
      <form className="d-flex flex-wrap gap-2 align-items-end" onSubmit={(e) => void add(e)} noValidate>
        <div>
          <label htmlFor="period-ends-on" className="form-label small mb-0">
            {t('periods.date')}
          </label>
          <DateInput
            id="period-ends-on"
            className="form-control form-control-sm"
            required
            value={endsOn}
            onChange={setEndsOn}
            aria-invalid={atDate && error !== null ? true : undefined}
            aria-describedby={atDate && error !== null ? 'periods-error' : undefined}
          />
        </div>
        <div>
          <label htmlFor="period-label" className="form-label small mb-0">
            {t('periods.name')}
          </label>
          <input
            id="period-label"
            type="text"
            className="form-control form-control-sm"
            maxLength={200}
            value={label}
            placeholder={t('periods.namePlaceholder')}
            aria-describedby="period-label-help"
            onChange={(e) => setLabel(e.target.value)}
          />
          <span id="period-label-help" className="form-text small">
            {t('periods.nameHelp')}
          </span>
        </div>
        <Button size="sm" color="primary" type="submit" disabled={busy}>
          {t('periods.add')}
        </Button>
      </form>
      {deleting !== null && (
        <ActionDialog
          title={t('periods.deleteTitle')}
          action={t('periods.deleteTitle')}
          testId="period-delete-dialog"
          onConfirm={() => remove(deleting)}
          refusal={refusal}
          onClose={() => setDeleting(null)}
        >
          <p>{t('periods.confirmDelete', { label: deleting.label, date: deleting.endsOn === null ? '—' : deleting.endsOn.split('-').reverse().join('/') })}</p>
          <p className="mb-0">{t('periods.deleteConsequence')}</p>
        </ActionDialog>
      )}
      {error !== null && (
        <p id="periods-error" className="text-danger small mt-2 mb-0" role="alert" tabIndex={-1} data-testid="periods-error">
          {error}
        </p>
      )}
    </section>
  );
}
