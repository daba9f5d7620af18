/** The form to sign, from its API view (io/appraisal renders it). */
import type { Language } from '../../core/index.js';
import { FORM_DOCUMENT_FORMATS, renderForm, type FormDocumentFormat, type FormSheet } from '../../io/appraisal/form-document.js';
import { fileSlug } from '../file-name.js';

export { FORM_DOCUMENT_FORMATS, type FormDocumentFormat };

export async function renderFormDocument(sheet: FormSheet, format: FormDocumentFormat, lang: Language): Promise<{ bytes: Buffer; mediaType: string; name: string }> {
  const bytes = await renderForm(sheet, format, lang);
  const slug = fileSlug(sheet.person.displayName, 40, 'scheda');
  return {
    bytes,
    mediaType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: `scheda-${sheet.year}-${slug}.${format}`,
  };
}
