/**
 * The words of the campaign's refusals (evidence files, comments, variances, forecasts, sign-in
 * through the identity provider), by stable code, in Italian and English. The API answers in the
 * request's language (`?lang`, else `Accept-Language`, else Italian: the users are Italian offices);
 * the code stays the same in both, so the web app and scripts branch on it.
 */
import type { Context } from 'hono';
import type { Language } from '../core/index.js';
import { preferredLanguage } from './validation.js';

const mb = (bytes: unknown): string => (Number(bytes) / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 });
const mbEn = (bytes: unknown): string => (Number(bytes) / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 });

type Params = Readonly<Record<string, unknown>>;

export const CAMPAIGN_MESSAGES = {
  'file-too-large': {
    it: (p: Params) => `Il file supera il limite di ${mb(p.limit)} MB per un'evidenza: non è stato salvato.`,
    en: (p: Params) => `The file is larger than the ${mbEn(p.limit)} MB limit for evidence: it was not stored.`,
  },
  'unsupported-file-type': {
    it: (p: Params) => `Il file "${String(p.name)}" non è un PDF, un'immagine, un documento Office/OpenDocument o un CSV (${REFUSAL_IT[String(p.refusal)] ?? 'tipo non riconosciuto'}): non è stato salvato.`,
    en: (p: Params) => `The file "${String(p.name)}" is not a PDF, an image, an Office/OpenDocument document or a CSV (${REFUSAL_EN[String(p.refusal)] ?? 'unrecognised type'}): it was not stored.`,
  },
  'missing-file': {
    it: () => 'Allega il file in un campo chiamato "file" (multipart/form-data).',
    en: () => 'Attach the file in a field called "file" (multipart/form-data).',
  },
  'malformed-upload': {
    it: () => "Il caricamento non si può leggere come multipart/form-data.",
    en: () => 'The upload could not be read as multipart/form-data.',
  },
  'attachment-not-found': {
    it: (p: Params) => `Non c'è un allegato ${String(p.id)} su questo valore.`,
    en: (p: Params) => `There is no attachment ${String(p.id)} on this value.`,
  },
  'not-your-indicator': {
    it: (p: Params) => `L'indicatore ${String(p.indicator)} non è assegnato a te né alla tua struttura.`,
    en: (p: Params) => `Indicator ${String(p.indicator)} is not assigned to you or your unit.`,
  },
  'period-locked': {
    it: (p: Params) => `Il periodo ${String(p.period)} è chiuso: gli allegati non si possono più aggiungere né togliere (il controllo di gestione può riaprirlo indicando il motivo).`,
    en: (p: Params) => `The period ${String(p.period)} is closed: attachments can no longer be added or removed (a controller can reopen it, giving a reason).`,
  },
} as const;

const REFUSAL_IT: Record<string, string> = {
  executable: 'è un programma eseguibile o uno script',
  macro: 'è un documento con macro',
  archive: "è un archivio compresso, non un documento d'ufficio",
  markup: 'è una pagina HTML, SVG o XML',
  binary: 'è un file binario di tipo sconosciuto',
  empty: 'è vuoto',
};
const REFUSAL_EN: Record<string, string> = {
  executable: 'it is an executable program or a script',
  macro: 'it is a document with macros',
  archive: 'it is a compressed archive, not an office document',
  markup: 'it is an HTML, SVG or XML page',
  binary: 'it is a binary file of an unknown kind',
  empty: 'it is empty',
};

export type CampaignMessage = keyof typeof CAMPAIGN_MESSAGES;

/** The language to answer in: `?lang=it|en`, else `Accept-Language`, else Italian (never a refusal). */
export function requestLanguage(c: Context): Language {
  const asked = c.req.query('lang');
  if (asked === 'it' || asked === 'en') return asked;
  return preferredLanguage(c.req.header('accept-language')) ?? 'it';
}

export function say(code: CampaignMessage, lang: Language, params: Params = {}): string {
  return CAMPAIGN_MESSAGES[code][lang](params);
}
