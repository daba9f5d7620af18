/** Why the forms of an indicator, or the plan's editing tools, wait: the screen is reading the period it moves to (`periodComing`). */
import { useTranslation } from 'react-i18next';
import type { PeriodComing } from '../plan/period-coming.js';

/** `of`: what waits — a value's forms (`entry`, the default) or the plan's editing tools (`edit`). */
export function PeriodComingNote({ coming, testId, of = 'entry' }: { coming: PeriodComing; testId: string; of?: 'entry' | 'edit' }) {
  const { t } = useTranslation();
  return (
    <p className="small alert alert-info py-1 px-2 mb-2" role="status" data-testid={testId} data-coming={coming.id}>
      {coming.label === null ? t(`${of}.periodComingUnnamed`) : t(`${of}.periodComing`, { label: coming.label })}
    </p>
  );
}
