/**
 * The home page's "waiting for you": the values a signed-in person has to enter (by which deadline)
 * or to correct, and for the controller those to review (a controller who heads a unit, or is named
 * on indicators, has both), per plan and period, each kind linking straight to its worklist filtered
 * to it (to do: the same list as a reminder's link). The public sees nothing of it.
 */
import { useTranslation } from 'react-i18next';
import { worklistPath } from '../../../src/contract/worklist-link.js';
import { amountText, useLang } from '../ui/format.js';
import { useWorkDue } from './queries.js';
import { can, useSession } from '../session.js';

export function WorkDue() {
  const { t } = useTranslation();
  const lang = useLang();
  // The session says who reads: a prop saying it again could disagree with it.
  const { user } = useSession();
  const signedIn = user !== null;
  const read = useWorkDue(signedIn);
  const reviewer = can.managePlans(user?.role);
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
            const by = date === null ? '' : ` ${t(i.late ? 'plans.deadlinePassed' : 'plans.byDeadline', { date })}`;
            // The deadline said once, after the first kind of work to do: values sent back are due by
            // it too, and late after it (the line's red), so they alone say it as well.
            const toDo = [
              i.toEnter > 0 ? `${t('plans.toEnter', { count: i.toEnter })}${by}` : null,
              i.returned > 0 ? `${t('plans.returned', { count: i.returned })}${i.toEnter > 0 ? '' : by}` : null,
            ].filter((p) => p !== null);
            // Each kind of work opens its own list: the values to enter and to correct (those assigned to
            // the reader: the controller sees every value otherwise), and the values waiting for review.
            const links = [
              toDo.length > 0 ? { kind: 'todo', text: toDo.join(' · '), path: worklistPath({ planId: i.planId, periodId: i.periodId, state: 'todo', ...(reviewer ? { mine: true } : {}) }) } : null,
              i.toReview > 0 ? { kind: 'review', text: t('plans.toReview', { count: i.toReview }), path: worklistPath({ planId: i.planId, periodId: i.periodId, state: 'entered' }) } : null,
            ].filter((l) => l !== null);
            return (
              // Red for the reader's own values late, which the words say too; not for values to review
              // alone: the referenti are late then, not the reader, and nothing on the line would say why.
              <li key={`${i.planId}\n${i.periodId}`} data-testid="work-due-item" data-plan={i.planId} data-period={i.periodId} className={i.late && toDo.length > 0 ? 'text-danger' : undefined}>
                {i.plan} · {i.period}:{' '}
                {links.map((l, at) => (
                  <span key={l.kind}>
                    {at > 0 && ' · '}
                    {/* Named with its plan and period: a list of the page's links reads each alone. */}
                    <a href={`#${l.path}`} data-kind={l.kind} aria-label={`${i.plan} · ${i.period}: ${l.text}`}>
                      {l.text}
                    </a>
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
