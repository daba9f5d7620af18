/**
 * The staff categories' names, one set for every place that says them: the screens (web imports
 * this module, so it imports nothing), the server's answers and documents, and the messages.
 */
export type StaffCategory = 'dirigente' | 'eq' | 'personale';

/** The categories as Italian public bodies name them, and in English. */
export const CATEGORY_LABEL: Readonly<Record<StaffCategory, { readonly it: string; readonly en: string }>> = {
  dirigente: { it: 'Dirigente', en: 'Manager' },
  eq: { it: 'Elevata qualificazione / posizione organizzativa', en: 'EQ / organisational position' },
  personale: { it: 'Personale', en: 'Staff' },
};

/** A category's name inside a sentence: `dirigente`, `elevata qualificazione / …`; an acronym (`EQ`) keeps its capitals. */
export function categoryInText(category: string, language: 'it' | 'en'): string {
  const label = (CATEGORY_LABEL as Readonly<Record<string, { it: string; en: string }>>)[category]?.[language];
  if (label === undefined) return category;
  return /^\p{Lu}\p{Lu}/u.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The row of the people with no band (a final form whose score falls in none of the SMVP's bands, or
 * has no score: nothing could be scored), which the art. 20 tables count beside the bands.
 */
export const NO_BAND_LABEL: { readonly it: string; readonly en: string } = { it: 'Senza fascia', en: 'Not banded' };
