/**
 * The screen's language, chosen: in the header, and in every dialog of the app (`Dialog`), whose
 * modal keeps the page under it — the header's selector too — out of reach of the keyboard and the
 * pointer while it is open. A form typed in a dialog is not lost to change language: the dialog
 * stays open and says itself again in the new one, what is typed kept (its numbers in the new notation).
 */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n.js';
import { useLang } from './format.js';

/** `dialog`: the dialog's own, which is never the field a dialog opens on (`data-language`, ui/Form's `focusFirst`). */
export function LanguageSelect({ dialog = false }: { dialog?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <select
      value={lang}
      onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'it')}
      aria-label={t('app.language')}
      {...(dialog ? { className: 'form-select form-select-sm w-auto', 'data-language': '', 'data-testid': 'dialog-language' } : {})}
    >
      <option value="it">Italiano</option>
      <option value="en">English</option>
    </select>
  );
}
