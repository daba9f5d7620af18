/**
 * The home page's "waiting for you": the values a signed-in person has to enter (by which deadline)
 * or to correct, and for the controller those to review, per plan and period, each linking straight
 * to its worklist (the same address as a reminder's link). The public sees nothing of it.
 */
import { useTranslation } from 'react-i18next';
import { worklistPath } from '../../../src/contract/worklist-link.js';
import { amountText, useLang } from '../ui/format.js';
import { useWorkDue } from './queries.js';

export function WorkDue({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const read = useWorkDue(signedIn);
  if (!signedIn || read.data === undefined) return null;
  const items = read.data.items;
  return (
    <section className="border rounded p-2 mb-3" aria-labelledby="work-due-title" data-testid="work-due">
      <h2 id="work-due-title" className="h5">
        {t('plans.workDue')}
      </h2>
      {items.length === 0 ? (
        <p className="mb-0 small">{t('plans.workDueNone')}</p>
      ) : (
        <ul className="mb-0">
          {items.map((i) => {
            const date = i.deadline === null ? null : amountText(i.deadline, 'date', lang);
            const parts = [
              i.toEnter > 0 ? `${t('plans.toEnter', { count: i.toEnter })}${date === null ? '' : ` ${t(i.late ? 'plans.deadlinePassed' : 'plans.byDeadline', { date })}`}` : null,
              i.returned > 0 ? t('plans.returned', { count: i.returned }) : null,
              i.toReview > 0 ? t('plans.toReview', { count: i.toReview }) : null,
            ].filter((p) => p !== null);
            // The controller's link opens the values waiting for review; a referente's, their own of the period.
            const path = worklistPath({ planId: i.planId, periodId: i.periodId, ...(i.toReview > 0 ? { state: 'entered' } : {}) });
            return (
              <li key={`${i.planId}\n${i.periodId}`} data-testid="work-due-item" data-plan={i.planId} data-period={i.periodId} className={i.late ? 'text-danger' : undefined}>
                <a href={`#${path}`}>
                  {i.plan} · {i.period}
                </a>
                : {parts.join(' · ')}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
