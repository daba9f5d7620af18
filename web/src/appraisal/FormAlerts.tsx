/**
 * What a refused save on a form's screen says above the form: the refusal in words, or the clash of
 * versions (the form changed meanwhile: when, and a button to read it again). One piece for the form
 * view and the plan control (PlanRelink), so the two say a clash the same way.
 */
import { useTranslation } from 'react-i18next';
import { momentParts } from '../ui/format.js';

export function FormAlerts({ error, clashAt, onReload, errorTestId = 'form-error' }: { error: string | null; clashAt: string | null; onReload: () => void; errorTestId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {error !== null && (
        <p className="alert alert-danger mt-2" role="alert" data-testid={errorTestId}>
          {error}
        </p>
      )}
      {clashAt !== null && (
        <div className="alert alert-warning mt-2" role="alert" data-testid="form-clash">
          <p className="mb-2">{t('appraisal.form.clash', momentParts(clashAt, 'it'))}</p>
          <button type="button" className="btn btn-sm btn-outline-primary" data-testid="form-reload" onClick={onReload}>
            {t('appraisal.form.reload')}
          </button>
        </div>
      )}
    </>
  );
}
