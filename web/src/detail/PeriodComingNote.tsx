/** Why the forms of an indicator wait: the screen is reading the period it moves to (`periodComing`). */
import { useTranslation } from 'react-i18next';
import type { PeriodComing } from '../plan/period-coming.js';

export function PeriodComingNote({ coming, testId }: { coming: PeriodComing; testId: string }) {
  const { t } = useTranslation();
  return (
    <p className="small alert alert-info py-1 px-2 mb-2" role="status" data-testid={testId} data-coming={coming.id}>
      {coming.label === null ? t('entry.periodComingUnnamed') : t('entry.periodComing', { label: coming.label })}
    </p>
  );
}
