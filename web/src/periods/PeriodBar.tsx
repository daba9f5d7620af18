/** The period bar above the tree: which period, its state, and the transitions the role may make. */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import type { Period, PeriodState, TreeDocument } from '../api/types.js';
import { can, useSession } from '../session.js';
import { ActionDialog } from '../ui/ActionDialog.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { focusSoon } from '../ui/Form.js';
import { useLang } from '../ui/format.js';
import { staleSaveOf, staleSaveWords, type StaleSave } from '../ui/stale-save.js';
import { periodWordKey } from './Validation.js';
import { refusalSentence } from '../ui/sentence.js';

export const LOCKED: readonly PeriodState[] = ['closed', 'validated'];

export function isLocked(period: Period | null): boolean {
  return period !== null && LOCKED.includes(period.state);
}

/**
 * The public reading a period still taking values (published by the controller): the server sends
 * the plan's targets without a value (server/public-periods.ts), so the screen says nothing of
 * values either (no "Non misurato", no count of objectives without performance), only why.
 */
export function publicTargetsOnly(user: unknown, period: Period | null): boolean {
  return user === null && period !== null && !isLocked(period);
}

/**
 * A move refused because another desk changed the period after this screen read it: the move
 * pressed, the state it was pressed on, and who changed the period and when (said by `staleSaveWords`).
 */
export interface MoveClash {
  readonly to: PeriodState;
  readonly from: PeriodState;
  /** Kept as who and when, not as words: a change of language says them again, the moment in its notation. */
  readonly who: StaleSave;
}

interface Props {
  periods: readonly Period[];
  period: Period | null;
  /** The period in the selector. */
  periodId: string | null;
  onPick: (periodId: string) => void;
  onTransition: (to: PeriodState, reason?: string) => Promise<boolean>;
  /** The same move from a dialog, which says its refusal itself: thrown, not said on the screen. */
  onMove: (to: PeriodState) => Promise<void>;
  /** Closing asks for a confirmation first (the closing dialog). */
  onClose: () => void;
  /** An action is asked for: what the last one said is no longer news. */
  onStart: () => void;
  /** The last move was refused as stale: said here, where it was pressed, with the offer to read the period again. */
  clash: MoveClash | null;
  onReload: () => void;
  /** The panel buttons, at the bar's end. */
  children: ReactNode;
  /** The plan is archived: its periods make no move at all (409 plan-archived), so none is offered; the plan screen says why. */
  archived?: boolean;
  /** The OIV's decision on the Relazione (the tree's `validation`): the year end validated with reservations is said so. */
  validation?: TreeDocument['validation'];
}

export function PeriodBar({ periods, period, periodId, onPick, onTransition, onMove, onClose, onStart, clash, onReload, children, validation, archived = false }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  /** The OIV's validation asked about (it is undone by the administrator alone). */
  const [validating, setValidating] = useState(false);
  const role = useSession().user?.role;
  const [reopenReason, setReopenReason] = useState('');
  /** A reopening asked for without a reason: said at the reason field (its key, said on each render). */
  const [reasonProblem, setReasonProblem] = useState<string | null>(null);
  const clashWords = clash === null ? null : staleSaveWords(clash.who, lang, t('common.someoneElse'));
  // A reopening refused as stale is said at its reason, which stays typed; any other move beside the buttons.
  const atReason = clash !== null && clash.to === 'collecting' && LOCKED.includes(clash.from);
  const reasonShown = reasonProblem !== null ? t(reasonProblem) : atReason ? t('common.staleSave', clashWords ?? undefined) : null;
  useEffect(() => {
    if (clash !== null) focusSoon(atReason ? 'reopen-reason' : 'period-reload');
  }, [clash, atReason]);
  // The period a move may be offered on: none of an archived plan's.
  const movable = archived ? null : period;
  const reloadButton = (
    <Button size="sm" color="primary" outline type="button" id="period-reload" onClick={onReload}>
      {t('common.reload')}
    </Button>
  );
  return (
    <section className="period-bar d-flex flex-wrap align-items-end gap-3 mb-2" aria-label={t('period.label')}>
      {periods.length === 0 ? (
        <span className="small">{t('period.none')}</span>
      ) : (
        <div>
          <label htmlFor="period" className="form-label small mb-0">
            {t('period.label')}
          </label>
          <select id="period" className="form-select form-select-sm" value={periodId ?? ''} onChange={(e) => onPick(e.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label} — {t(periodWordKey(p, validation))}
              </option>
            ))}
          </select>
        </div>
      )}
      {period !== null && (
        <span className={`period-state state-${period.state}`} data-testid="period-state">
          {t('period.state')}: <strong>{t(periodWordKey(period, validation))}</strong>
        </span>
      )}
      {movable !== null && can.closePeriods(role) && movable.state === 'open' && (
        <Button size="sm" color="primary" outline onClick={() => void onTransition('collecting')}>
          {t('period.to.collecting')}
        </Button>
      )}
      {movable !== null && can.closePeriods(role) && movable.state === 'collecting' && (
        <Button size="sm" color="primary" onClick={onClose} data-testid="close-period">
          {t('period.to.closed')}
        </Button>
      )}
      {movable !== null && can.validatePeriods(role) && movable.state === 'closed' && (
        <Button
          size="sm"
          color="primary"
          onClick={() => {
            // Asked first, as a closing is: the OIV's validation is undone by the administrator alone.
            onStart();
            setValidating(true);
          }}
        >
          {t('period.to.validated')}
        </Button>
      )}
      {validating && period !== null && (
        <ActionDialog
          title={t('period.validateTitle')}
          action={t('period.to.validated')}
          tone="primary"
          testId="period-validate-dialog"
          onConfirm={async () => {
            await onMove('validated');
            setValidating(false);
          }}
          refusal={(e) => {
            const stale = staleSaveOf(e);
            if (stale === null) return refusalSentence(e);
            // Another desk moved the period after it was read: said with who and when, and read again from here.
            return (
              <>
                <span className="d-block mb-2">{t('period.staleMove', staleSaveWords(stale, lang, t('common.someoneElse')))}</span>
                <Button
                  size="sm"
                  color="primary"
                  outline
                  type="button"
                  onClick={() => {
                    setValidating(false);
                    onReload();
                  }}
                  data-testid="period-validate-reload"
                >
                  {t('common.reload')}
                </Button>
              </>
            );
          }}
          onClose={() => setValidating(false)}
        >
          <p className="mb-0">{t('period.confirmValidate', { label: period.label })}</p>
        </ActionDialog>
      )}
      {movable !== null && isLocked(movable) && can.reopenPeriod(role, movable.state) && (
        <form
          className="d-flex gap-2 align-items-end"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            onStart();
            if (reopenReason.trim() === '') {
              setReasonProblem('period.reasonRequired');
              document.getElementById('reopen-reason')?.focus();
              return;
            }
            void onTransition('collecting', reopenReason.trim()).then((done) => done && setReopenReason(''));
          }}
        >
          <div>
            <label htmlFor="reopen-reason" className="form-label small mb-0">
              {t('period.reason')}
            </label>
            <input
              id="reopen-reason"
              type="text"
              className="form-control form-control-sm"
              value={reopenReason}
              onChange={(e) => {
                setReopenReason(e.target.value);
                setReasonProblem(null);
              }}
              {...invalidIf('reopen-reason', reasonShown)}
            />
            <FieldProblem id="reopen-reason" message={reasonShown} />
          </div>
          <Button size="sm" color="secondary" outline type="submit">
            {t('period.to.reopen')}
          </Button>
          {atReason && reloadButton}
        </form>
      )}
      {children}
      {clash !== null && !atReason && (
        <div className="alert alert-warning w-100 mb-0 d-flex flex-wrap align-items-center gap-2" role="alert" data-testid="period-clash">
          <span>{t('period.staleMove', clashWords ?? undefined)}</span>
          {reloadButton}
        </div>
      )}
    </section>
  );
}
