/**
 * A save's failure said as a form shows it (`useRefusal`): kept apart from Form.tsx, which draws
 * with the design kit, so that it is tested outside the browser.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { formErrors, type FormErrors } from './form-errors.js';
import { useLang } from './format.js';
import { staleSaid } from './stale-save.js';
import { unexpectedError } from './unexpected.js';

export { unexpectedError };

/**
 * An error thrown by a save, as field errors in words under `prefix` (`users.errors`, `edit.errors`).
 * A stale save is said with who saved meanwhile and when where the form has words for it
 * (`${prefix}.conflictBy`), else "someone else" (`${prefix}.conflict`). Anything else thrown is a
 * bug, said as one (`unexpectedError`).
 */
export function useRefusal(prefix: string): (error: unknown, duplicateField?: string) => FormErrors {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  return (error, duplicateField) => {
    if (!(error instanceof ApiError)) return { fields: {}, general: unexpectedError(error, t) };
    const refusal = error;
    const translate = (key: string, params: Record<string, unknown> = {}) => {
      const full = `${prefix}.${key}`;
      if (key === 'conflict' && i18n.exists(`${full}By`)) return staleSaid(error, lang, t, { named: `${full}By`, anonymous: full });
      return i18n.exists(full) ? t(full, { min: 8, ...params }) : null;
    };
    return formErrors(refusal, translate, duplicateField);
  };
}
