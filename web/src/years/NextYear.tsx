/**
 * "Piano dell'anno successivo": the plan's editors make next year's plan from this one (same tree,
 * targets rolled forward, baselines from the year-end actuals, no values) and land in it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { PlanSummary } from '../api/types.js';
import { PLAN_YEARS } from '../../../src/core/model.js';
import { focusSoon } from '../ui/Form.js';
import { yearsApi } from './api.js';

export function NextYearButton({ planId, year }: { planId: PlanSummary['id']; year: number | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(year === null ? '' : String(year + 1));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The plan of that year and title that is already there (a 409 names it): the form links to it.
  const [existing, setExisting] = useState<string | null>(null);
  // A second submit before the disabled button is drawn (a double click, Enter twice) sends nothing.
  const sending = useRef(false);
  // Closed with Cancel, the form gives the focus back to the button that opened it (else it falls to the page).
  const closedByCancel = useRef(false);
  // What the baselines would come from, read when the form opens (as at that moment: the plan is made from the same year end).
  const basis = useQuery({ queryKey: keys.nextYearBaselines(planId), queryFn: () => yearsApi.nextYearBaselines(planId), enabled: open, staleTime: 0 });
  const provisional = basis.data !== undefined && (basis.data.notReviewed > 0 || basis.data.periodNotClosed > 0) ? basis.data : null;
  useEffect(() => {
    if (open || !closedByCancel.current) return;
    closedByCancel.current = false;
    document.getElementById('next-year-open')?.focus();
  }, [open]);

  /**
   * A year that cannot be taken: said at the field, which takes the focus (the button pressed had it).
   * The link to a plan already there belonged to the year refused before: it goes with that refusal.
   */
  const refuse = (message: string) => {
    setExisting(null);
    setError(message);
    focusSoon('next-year');
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : null;
    if (next === null) return refuse(t('years.invalidYear'));
    // The years a plan may have: beyond them the server's answer only named the field.
    if (next < PLAN_YEARS.first || next > PLAN_YEARS.last) return refuse(t('years.range', PLAN_YEARS));
    // Next year's plan is made from this one: a later year from the plan of the year before it (as the server says).
    if (year !== null && next !== year + 1) return refuse(t('years.next.notNext', { next: year + 1 }));
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    setExisting(null);
    try {
      const plan = await yearsApi.nextYear(planId, { year: next });
      window.location.hash = `#/plans/${encodeURIComponent(String(plan.id))}`;
    } catch (err) {
      const there = err instanceof ApiError && err.status === 409 ? err.body?.error.details?.planId : undefined;
      if (typeof there === 'string') setExisting(there);
      if (err instanceof ApiError && err.code === 'duplicate') setError(t('years.next.duplicate', { year: next }));
      // `conflict`: another request made it at the same moment; the server's words name the plan.
      else if (err instanceof ApiError && err.status === 422) setError(year === null ? err.message : t('years.next.notNext', { next: year + 1 }));
      else setError(err instanceof Error ? err.message : String(err));
      requestAnimationFrame(() => document.getElementById('next-year')?.focus());
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <Button id="next-year-open" size="sm" color="secondary" outline onClick={() => setOpen(true)} data-testid="next-year-open">
        {t('years.next.open')}
      </Button>
    );
  }
  return (
    <form
      className="next-year-form d-flex flex-wrap gap-2 align-items-end"
      noValidate
      onSubmit={(e) => void submit(e)}
      aria-describedby={provisional === null ? 'next-year-intro' : 'next-year-intro next-year-provisional'}
      data-testid="next-year-form"
    >
      <p id="next-year-intro" className="small mb-1 w-100">
        {t('years.next.intro')}
      </p>
      {provisional !== null && (
        // Not an error: the plan is made all the same, but whoever confirms knows its baselines may still move.
        <div id="next-year-provisional" className="alert alert-warning small py-2 mb-1 w-100" role="status" data-testid="next-year-provisional">
          {provisional.periodNotClosed > 0 && <p className="mb-1">{t('years.next.periodNotClosed', { count: provisional.periodNotClosed, period: provisional.period.label })}</p>}
          {provisional.notReviewed > 0 && <p className="mb-1">{t('years.next.notReviewed', { count: provisional.notReviewed })}</p>}
          <p className="mb-0">{t('years.next.refreshLater')}</p>
        </div>
      )}
      <div>
        <label htmlFor="next-year" className="form-label small mb-0">
          {t('years.next.year')}
        </label>
        <input
          id="next-year"
          type="text"
          inputMode="numeric"
          className={`form-control form-control-sm${error === null ? '' : ' is-invalid'}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error === null ? undefined : 'next-year-error'}
          // Not in a dialog: the form is drawn in the page when opened, and React's autoFocus works there.
          // eslint-disable-next-line no-restricted-syntax
          autoFocus
        />
      </div>
      <Button size="sm" color="primary" type="submit" disabled={busy} data-testid="next-year-create">
        {busy ? t('years.next.creating') : t('years.next.create')}
      </Button>
      <Button
        size="sm"
        color="secondary"
        outline
        type="button"
        onClick={() => {
          closedByCancel.current = true;
          setError(null);
          setExisting(null);
          setOpen(false);
        }}
      >
        {t('years.next.cancel')}
      </Button>
      {error !== null && (
        <p id="next-year-error" className="text-danger small w-100 mb-0" role="alert">
          {error}
          {existing !== null && (
            <>
              {' '}
              <a href={`#/plans/${encodeURIComponent(existing)}`} data-testid="next-year-existing">
                {t('years.next.openExisting')}
              </a>
            </>
          )}
        </p>
      )}
    </form>
  );
}
