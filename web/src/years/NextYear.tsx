/**
 * "Piano dell'anno successivo": the plan's editors make next year's plan from this one (same tree,
 * targets rolled forward, baselines from the year-end actuals, no values) and land in it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { Button } from 'design-react-kit';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { PlanSummary } from '../api/types.js';
import { PLAN_YEARS } from '../../../src/core/model.js';
import { focusSoon } from '../ui/Form.js';
import { yearsApi } from './api.js';
import { refusalSentence } from '../ui/sentence.js';

/**
 * `year`: this plan's. Its next year's plan is the only one it makes (a later year's is made from
 * the plan of the year before it, as the server says), so that year is shown, not asked.
 */
export function NextYearButton({ planId, year }: { planId: PlanSummary['id']; year: number }) {
  const { t } = useTranslation();
  const next = year + 1;
  const [open, setOpen] = useState(false);
  // Kept as what it is (a key, the server's answer), said on each render: after a change of language, in the new one.
  const [refused, setError] = useState<Kept | null>(null);
  const sayKept = useKept();
  const error = refused === null ? null : sayKept(refused, refusalSentence);
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

  /** A refusal, said under the form and focused: the button pressed was disabled while the request ran. */
  const say = (problem: Kept) => {
    setError(problem);
    focusSoon('next-year-error');
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    // The years a plan may have: a plan of the last one has no next year's to make.
    if (next > PLAN_YEARS.last) return say({ key: 'years.range', values: { ...PLAN_YEARS } });
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
      if (err instanceof ApiError && err.code === 'duplicate') say({ key: 'years.next.duplicate', values: { year: next } });
      // `conflict`: another request made it at the same moment; the server's words name the plan.
      else say({ error: err });
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
      aria-describedby={provisional === null ? 'next-year-intro next-year-year' : 'next-year-intro next-year-year next-year-provisional'}
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
      <p id="next-year-year" className="small mb-1 w-100" data-testid="next-year-year">
        {t('years.next.yearIs', { year: next })}
      </p>
      <Button
        size="sm"
        color="primary"
        type="submit"
        disabled={busy}
        data-testid="next-year-create"
        // Not in a dialog: the form is drawn in the page when opened, and React's autoFocus works there.
        // eslint-disable-next-line no-restricted-syntax
        autoFocus
      >
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
        <p id="next-year-error" className="text-danger small w-100 mb-0" role="alert" tabIndex={-1}>
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
