/** The form to sign, from its API view (io/appraisal renders it). */
import type { Language } from '../../core/index.js';
import { FORM_DOCUMENT_FORMATS, renderForm, type FormDocumentFormat, type FormSheet } from '../../io/appraisal/form-document.js';

export { FORM_DOCUMENT_FORMATS, type FormDocumentFormat };

export async function renderFormDocument(sheet: FormSheet, format: FormDocumentFormat, lang: Language): Promise<{ bytes: Buffer; mediaType: string; name: string }> {
  const bytes = await renderForm(sheet, format, lang);
  const slug =
    sheet.person.displayName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 40) || 'scheda';
  return {
    bytes,
    mediaType: format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    name: `scheda-${sheet.year}-${slug}.${format}`,
  };
}
