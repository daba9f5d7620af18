/**
 * A closed or validated period is read-only: who closed it and when (the tree's `closing`, kept by
 * the store with the frozen figures), when the OIV validated it (the period's last change), and
 * the revisions made since.
 */
import { useTranslation } from 'react-i18next';
import { Alert } from 'design-react-kit';
import type { Period, TreeDocument } from '../api/types.js';
import { can, useSession } from '../session.js';
import { momentText } from '../ui/format.js';
import { actorName } from '../ui/people.js';
import { periodWordKey } from './Validation.js';

/** A state's words inside a sentence: the first letter small, the rest as written ("validato dall’OIV"). */
function inSentence(words: string): string {
  return words.charAt(0).toLowerCase() + words.slice(1);
}

export function LockedBanner({ period, closing, validation }: { period: Period; closing: TreeDocument['closing']; validation?: TreeDocument['validation'] }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => momentText(iso, i18n.language);
  const role = useSession().user?.role;
  return (
    <Alert color="warning" role="status" data-testid="locked-banner">
      {t('period.locked', { state: inSentence(t(periodWordKey(period, validation))) })}
      {closing != null && (
        <span className="d-block small" data-testid="locked-by">
          {/* The public is not told who closed it (closedBy null): only when. */}
          {closing.closedBy === null
            ? t('period.closedAt', { at: at(closing.closedAt) })
            : t('period.closedBy', { user: actorName(closing.closedByName, closing.closedBy, i18n), at: at(closing.closedAt) })}
          {period.state === 'validated' &&
            ` ${t(periodWordKey(period, validation) === 'period.validatedWithReservations' ? 'period.validatedWithReservationsAt' : 'period.validatedAt', { at: at(period.updatedAt) })}`}
        </span>
      )}
      {closing != null && (
        <span className="d-block small" data-testid="frozen-note">
          {t('revisions.frozen', { at: at(closing.closedAt) })}
          {closing.changedAfter.length > 0 &&
            ` ${t('revisions.changedAfter', { list: closing.changedAfter.map((r) => t('revisions.changedBy', { kind: t(`revisions.kinds.${r.kind}`).toLowerCase(), number: r.number, reason: r.reason })).join(', ') })}`}
        </span>
      )}
      {can.managePlans(role) && <span className="d-block small">{t('revisions.editFromOpen')}</span>}
    </Alert>
  );
}
