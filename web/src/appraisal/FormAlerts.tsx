/**
 * What a refused save on a form's screen says above the form: the refusal in words, with each of its
 * problems not said at a field of the screen in a list (`list`), or the clash of versions (the form
 * changed meanwhile: when, and a button to read it again). One piece for the form view and the plan
 * control (PlanRelink), so the two say a clash the same way.
 */
import { useTranslation } from 'react-i18next';
import { momentParts, useLang } from '../ui/format.js';

export function FormAlerts({
  error,
  list = [],
  clashAt,
  onReload,
  errorTestId = 'form-error',
}: {
  error: string | null;
  list?: readonly string[];
  clashAt: string | null;
  onReload: () => void;
  errorTestId?: string;
}) {
  const { t } = useTranslation();
  // The moment in the screen's language, as the sentence around it.
  const lang = useLang();
  return (
    <>
      {error !== null && <RefusalAlert text={error} list={list} testId={errorTestId} />}
      {clashAt !== null && (
        <div className="alert alert-warning mt-2" role="alert" data-testid="form-clash">
          <p className="mb-2">{t('appraisal.form.clash', momentParts(clashAt, lang))}</p>
          <button type="button" className="btn btn-sm btn-outline-primary" data-testid="form-reload" onClick={onReload}>
            {t('appraisal.form.reload')}
          </button>
        </div>
      )}
    </>
  );
}

/** A refusal above a form: its words, and each of its problems in a list (every one the server said, not only the first). */
export function RefusalAlert({ text, list, testId }: { text: string; list: readonly string[]; testId: string }) {
  return list.length === 0 ? (
    <p className="alert alert-danger mt-2" role="alert" data-testid={testId}>
      {text}
    </p>
  ) : (
    <div className="alert alert-danger mt-2" role="alert" data-testid={testId}>
      <p className="mb-1">{text}</p>
      <ul className="mb-0" data-testid={`${testId}-list`}>
        {list.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    </div>
  );
}
