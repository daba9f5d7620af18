/**
 * Asks before a plan is deleted (ui/Form's Dialog: the focus stays in it, Esc cancels, the focus
 * goes back): the plan's title, what the deletion does to its appraisal forms, and an optional
 * reason, which the server keeps on the audit and on the trail of each form it moves (whole, at most
 * 5,000 characters: the box takes no more). The server's refusal (`plan-has-forms`,
 * `plan-has-appraisals`, closed periods…) is said here, in the reader's language (again in the new
 * one when it changes with the dialog open), and the plan stays; one of the reason itself (too long,
 * a control character) is said at the reason, which takes the focus.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import type { PlanSummary } from '../api/types.js';
import { Dialog, Field, focusSoon } from '../ui/Form.js';
import { formErrors } from '../ui/form-errors.js';
import { unexpectedError } from '../ui/refusal.js';
import { useInLanguage } from '../ui/server-words.js';

/** As many characters as the server keeps of a deletion's reason (it refuses more, 400 at `reason`). */
const REASON_MAX = 5000;

/** The server's words at the reason, if its refusal is about the reason. */
const atReason = (error: unknown): string | undefined => (error instanceof ApiError ? formErrors(error, () => null).fields.reason : undefined);

export function DeletePlanDialog({ plan, onClose, onDeleted }: { plan: PlanSummary; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  // The server's answers, said on each render: after a change of language, in the new one.
  const [refusal, setRefusal] = useState<{ error: unknown } | null>(null);
  const [reasonRefusal, setReasonRefusal] = useState<{ error: unknown } | null>(null);
  const said = useInLanguage();
  const refused = refusal === null ? null : said(refusal.error);
  // The server's refusal in its words; anything else is a fault of the app, said as one (its raw text in the console).
  const refusalWords = refused === null ? null : refused instanceof ApiError ? t('common.error', { message: refused.message }) : unexpectedError(refused, t);
  const reasonError = reasonRefusal === null ? undefined : atReason(said(reasonRefusal.error));
  const [busy, setBusy] = useState(false);

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setRefusal(null);
    setReasonRefusal(null);
    try {
      await api.deletePlan(plan.id, reason.trim());
      onDeleted();
    } catch (err) {
      setBusy(false);
      // The server's words about the reason go beside it.
      if (atReason(err) !== undefined) {
        setReasonRefusal({ error: err });
        focusSoon('delete-plan-reason');
        return;
      }
      setRefusal({ error: err });
      focusSoon('delete-plan-refusal');
    }
  }

  return (
    <Dialog title={t('plans.deleteTitle')} onClose={onClose} testId="delete-plan-dialog">
      <form onSubmit={(e) => void confirm(e)} noValidate>
        <p data-testid="delete-plan-question">{t('plans.confirmDelete', { title: plan.title })}</p>
        <p data-testid="delete-plan-consequence">{t('plans.deleteConsequence', { organisation: plan.organisation, year: plan.year })}</p>
        <Field id="delete-plan-reason" label={t('plans.deleteReason')} hint={t('plans.deleteReasonHint')} error={reasonError}>
          {(aria) => (
            <textarea
              {...aria}
              className="form-control"
              rows={2}
              maxLength={REASON_MAX}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonRefusal(null);
              }}
            />
          )}
        </Field>
        {refusalWords !== null && (
          <Alert color="danger" role="alert" id="delete-plan-refusal" tabIndex={-1} data-testid="delete-plan-refusal">
            {refusalWords}
          </Alert>
        )}
        <div className="d-flex gap-2 mt-3">
          <Button color="danger" type="submit" disabled={busy} data-testid="delete-plan-confirm">
            {t('plans.delete')}
          </Button>
          <Button color="secondary" outline type="button" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
