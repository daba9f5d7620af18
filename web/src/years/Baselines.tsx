/**
 * "Baseline da aggiornare": on a plan made by next-year, the baselines taken from last year's
 * year end whose actual was corrected since (206 → 210), or withdrawn. The plan's editors take a
 * correction over (one, or all); on an adopted plan that is a change inside the open revision, and
 * the server's refusal (no revision open) is shown as it says it. Nothing shows when all agree.
 * The amounts are the server's texts in the screen's language (one rule for the table's numbers).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKept, type Kept } from '../ui/server-words.js';
import { Button } from 'design-react-kit';
import { keys, putWritten } from '../api/queries.js';
import type { PlanSummary } from '../api/types.js';
import { useLang } from '../ui/format.js';
import { focusSoon, Notice } from '../ui/Form.js';
import { yearsApi } from './api.js';
import { refusalSentence } from '../ui/sentence.js';
import { usePlanLang } from '../ui/PlanText.js';

export function BaselinesNotice(props: { planId: PlanSummary['id']; canRefresh: boolean; onRefreshed: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const planLang = usePlanLang();
  const client = useQueryClient();
  // The refusal kept as the server's answer, said on each render: after a change of language, in the new one.
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  const error = refused === null ? null : say(refused, refusalSentence);
  const [busy, setBusy] = useState(false);
  // What the last refresh took over: said, and given the focus, also once nothing is left to show.
  const [done, setDone] = useState<number | null>(null);
  const { planId } = props;
  // Read again after every write to the plan (`usePlanWritten`), whichever period is shown, and
  // when the plan's screen opens; the list shown stays until the next one is read. A failed read shows nothing.
  const read = useQuery({ queryKey: keys.baselinesIn(planId, lang), queryFn: () => yearsApi.baselines(planId, lang), placeholderData: keepPreviousData });
  const doc = read.isError ? null : (read.data ?? null);

  // The buttons are disabled while the request runs (and the one pressed goes with its row), which
  // left a keyboard user's focus on the page's body: the answer takes it, the message saying what was
  // taken over, or the refusal.
  async function refresh(indicators?: string[]) {
    setBusy(true);
    setError(null);
    setDone(null);
    let answer = 'baselines-done';
    try {
      const refreshed = await yearsApi.refreshBaselines(planId, indicators === undefined ? {} : { indicators }, lang);
      await putWritten(client, keys.baselinesIn(planId, lang), refreshed);
      setDone(refreshed.refreshed ?? 0);
      props.onRefreshed();
    } catch (e) {
      setError({ error: e });
      answer = 'baselines-error';
    } finally {
      setBusy(false);
    }
    focusSoon(answer);
  }

  const notice = <Notice text={done === null ? null : { key: 'years.baselines.refreshed', values: { count: done } }} testId="baselines-done" id="baselines-done" />;
  if (doc === null || doc.changed.length === 0) return done === null ? null : notice;
  const takeable = doc.changed.filter((b) => b.current !== null);
  return (
    <section className="baselines-notice border border-warning rounded p-2 mb-2" aria-labelledby="baselines-title" data-testid="baselines-notice">
      <h2 id="baselines-title" className="h6 mb-1">
        {t('years.baselines.title', { count: doc.changed.length })}
      </h2>
      {notice}
      <p className="small mb-1">{t('years.baselines.intro')}</p>
      <ul className="small mb-1 list-unstyled">
        {doc.changed.map((b) => (
          <li key={b.indicatorId} className="d-flex flex-wrap gap-2 align-items-center mb-1" data-testid="baseline-changed">
            <span>
              <strong>{b.code}</strong> <span lang={planLang}>{b.name}</span>:{' '}
              {b.current === null
                ? t('years.baselines.withdrawn', { baseline: b.baselineText, year: b.currentYear })
                : t('years.baselines.changed', {
                    baseline: b.baselineText,
                    baselineYear: b.baselineYear ?? '—',
                    current: b.currentText,
                    year: b.currentYear,
                  })}
            </span>
            {props.canRefresh && b.current !== null && (
              <Button size="xs" color="primary" outline disabled={busy} onClick={() => void refresh([b.indicatorId])} aria-label={t('years.baselines.refreshOne', { code: b.code, name: b.name })}>
                {t('years.baselines.refresh')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {props.canRefresh && takeable.length > 1 && (
        <Button size="sm" color="primary" disabled={busy} onClick={() => void refresh()} data-testid="baselines-refresh-all">
          {t('years.baselines.refreshAll', { count: takeable.length })}
        </Button>
      )}
      {error !== null && (
        <p className="text-danger small mb-0 mt-1" role="alert" id="baselines-error" tabIndex={-1} data-testid="baselines-error">
          {error}
        </p>
      )}
    </section>
  );
}
