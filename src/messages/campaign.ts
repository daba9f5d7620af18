/**
 * The monitoring campaign's refusals in Italian and English: evidence files, comments, variances
 * and forecasts, reminders, sign-in through the body's identity provider.
 */
import { computedAtText, defineMessages, message, type Language } from '../core/messages/index.js';

const mb = (bytes: number, l: Language): string => (bytes / (1024 * 1024)).toLocaleString(l === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });

/** Why a file is not evidence (io/evidence.ts `EvidenceRefusal`). */
const REFUSAL: Record<Language, Record<string, string>> = {
  it: {
    executable: 'è un programma eseguibile o uno script',
    macro: 'è un documento con macro',
    archive: "è un archivio compresso, non un documento d'ufficio",
    markup: 'è una pagina HTML, SVG o XML',
    binary: 'è un file binario di tipo sconosciuto',
    empty: 'è vuoto',
  },
  en: {
    executable: 'it is an executable program or a script',
    macro: 'it is a document with macros',
    archive: 'it is a compressed archive, not an office document',
    markup: 'it is an HTML, SVG or XML page',
    binary: 'it is a binary file of an unknown kind',
    empty: 'it is empty',
  },
};

/** What a file is by its content (contract/evidence-formats.ts `EvidenceFormat`), for a name that says otherwise. */
const FORMAT_WORDS: Record<Language, Record<string, string>> = {
  it: {
    pdf: 'un PDF',
    png: "un'immagine PNG",
    jpeg: "un'immagine JPEG",
    gif: "un'immagine GIF",
    webp: "un'immagine WebP",
    tiff: "un'immagine TIFF",
    'office-97': 'un documento Office 97–2003 (Word, Excel o PowerPoint)',
    docx: 'un documento Word',
    xlsx: 'un foglio Excel',
    pptx: 'una presentazione PowerPoint',
    odt: 'un documento di testo OpenDocument',
    ods: 'un foglio di calcolo OpenDocument',
    odp: 'una presentazione OpenDocument',
    text: 'un file di testo',
  },
  en: {
    pdf: 'a PDF',
    png: 'a PNG image',
    jpeg: 'a JPEG image',
    gif: 'a GIF image',
    webp: 'a WebP image',
    tiff: 'a TIFF image',
    'office-97': 'an Office 97–2003 document (Word, Excel or PowerPoint)',
    docx: 'a Word document',
    xlsx: 'an Excel workbook',
    pptx: 'a PowerPoint presentation',
    odt: 'an OpenDocument text',
    ods: 'an OpenDocument spreadsheet',
    odp: 'an OpenDocument presentation',
    text: 'a text file',
  },
};

/** `a, b o c` / `a, b or c`: the names a file may be given. */
const orList = (items: readonly string[], l: Language): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${l === 'it' ? 'o' : 'or'} ${items[items.length - 1]}`);

/** The completion dashboard's workbook (GET …/dashboard/export?lang=it|en): sheet names, heads, states. */
export const DASHBOARD_WORKBOOK: Record<
  Language,
  {
    sheet: string;
    open: string;
    /** The list's sheet of an archived plan: nothing is to complete any more, what was not approved is kept. */
    notApproved: string;
    /** A value never entered in an archived plan: missing when it was put away, no longer to enter. */
    missing: string;
    /** The only line of a draft's workbook (a plan not adopted, not in force): nothing is due, as its worklist says. */
    notAdopted: string;
    heads: Record<
      'period' | 'deadline' | 'unit' | 'expected' | 'entered' | 'toReview' | 'returned' | 'approved' | 'missing' | 'late' | 'share' | 'person' | 'node' | 'indicator' | 'state' | 'note',
      string
    >;
    states: Record<'to_enter' | 'entered' | 'returned' | 'approved', string>;
    /** A value changed after its approval (entered again): the worklist's word for it, not the plain «compilato». */
    reviewAgain: string;
    /** Its note: whose approval it was changed after, and when, as the worklist says it. */
    changedAfterApproval: (by: string, at: string) => string;
    noUnit: string;
    yes: string;
    file: string;
  }
> = {
  it: {
    sheet: 'Completamento',
    open: 'Da completare',
    notApproved: 'Non approvati',
    missing: 'mancante',
    notAdopted: 'Il piano non è ancora adottato: nessun valore da raccogliere.',
    heads: {
      period: 'Periodo',
      deadline: 'Scadenza',
      unit: 'Struttura',
      expected: 'Attesi',
      entered: 'Inseriti',
      toReview: 'Da rivedere',
      returned: 'Da integrare',
      approved: 'Approvati',
      missing: 'Mancanti',
      late: 'In ritardo',
      share: 'Completamento',
      person: 'Responsabile',
      node: 'Obiettivo',
      indicator: 'Indicatore',
      state: 'Stato',
      note: 'Richiesta o nota',
    },
    states: { to_enter: 'da compilare', entered: 'compilato', returned: 'da integrare', approved: 'approvato' },
    reviewAgain: 'da rivedere',
    changedAfterApproval: (by, at) => `modificato dopo l'approvazione di ${by} del ${computedAtText(new Date(at), 'it')}`,
    noUnit: '(senza struttura)',
    yes: 'sì',
    file: 'completamento.xlsx',
  },
  en: {
    sheet: 'Completion',
    open: 'To complete',
    notApproved: 'Not approved',
    missing: 'missing',
    notAdopted: 'The plan is not adopted yet: no values to collect.',
    heads: {
      period: 'Period',
      deadline: 'Deadline',
      unit: 'Unit',
      expected: 'Expected',
      entered: 'Entered',
      toReview: 'To review',
      returned: 'Returned',
      approved: 'Approved',
      missing: 'Missing',
      late: 'Late',
      share: 'Completion',
      person: 'Responsible',
      node: 'Objective',
      indicator: 'Indicator',
      state: 'State',
      note: 'Request or note',
    },
    states: { to_enter: 'to enter', entered: 'entered', returned: 'returned', approved: 'approved' },
    reviewAgain: 'to be reviewed',
    changedAfterApproval: (by, at) => `changed after the approval by ${by} on ${computedAtText(new Date(at), 'en')}`,
    noUnit: '(no unit)',
    yes: 'yes',
    file: 'completion.xlsx',
  },
};

export const CAMPAIGN_MESSAGES = defineMessages({
  'evidence-too-large': message<{ limit: number }>({
    it: (p) => `il file supera il limite di ${mb(p.limit, 'it')} MB per un'evidenza: non è stato salvato`,
    en: (p) => `the file is larger than the ${mb(p.limit, 'en')} MB limit for evidence: it was not stored`,
  }),
  'unsupported-file-type': message<{ name: string; reason: string }>({
    it: (p) => `il file «${p.name}» non è un PDF, un'immagine, un documento Office/OpenDocument, un CSV o un testo (${REFUSAL.it[p.reason] ?? 'tipo non riconosciuto'}): non è stato salvato`,
    en: (p) => `the file “${p.name}” is not a PDF, an image, an Office/OpenDocument document, a CSV or a text (${REFUSAL.en[p.reason] ?? 'unrecognised type'}): it was not stored`,
  }),
  'evidence-name-mismatch': message<{ name: string; format: string; extension: string; suggested: readonly string[] }>({
    it: (p) =>
      `il file «${p.name}» è ${FORMAT_WORDS.it[p.format] ?? 'di un altro tipo'}, non un file .${p.extension} come dice il nome: rinominalo ${orList(
        p.suggested.map((n) => `«${n}»`),
        'it',
      )} e caricalo di nuovo: non è stato salvato`,
    en: (p) =>
      `the file “${p.name}” is ${FORMAT_WORDS.en[p.format] ?? 'of another type'}, not a .${p.extension} file as its name says: rename it ${orList(
        p.suggested.map((n) => `“${n}”`),
        'en',
      )} and upload it again: it was not stored`,
  }),
  'evidence-already-attached': message<{ name: string; existing: string; by: string; at: string }>({
    it: (p) =>
      `il file «${p.name}» è già allegato a questo valore come «${p.existing}» (stesso contenuto, caricato da ${p.by} il ${computedAtText(new Date(p.at), 'it')}): non è stato salvato una seconda volta`,
    en: (p) =>
      `the file “${p.name}” is already attached to this value as “${p.existing}” (same content, uploaded by ${p.by} on ${computedAtText(new Date(p.at), 'en')}): it was not stored a second time`,
  }),
  /**
   * A value approved as it stands keeps the files it was approved with (`change`: what was refused):
   * removing one would leave the approval on evidence no one can read, adding one would show a file
   * as approved that nobody approved.
   */
  'evidence-approved': message<{ name: string; by: string; at: string; change: 'remove' | 'add' }>({
    it: (p) =>
      p.change === 'add'
        ? `il valore è stato approvato da ${p.by} il ${computedAtText(new Date(p.at), 'it')} con le evidenze che aveva: il file «${p.name}» non è stato allegato; si potrà allegare se il controllo di gestione rimanda indietro il valore con una richiesta di integrazione, o se il valore viene modificato (torna da rivedere)`
        : `il file «${p.name}» è tra le evidenze del valore approvato da ${p.by} il ${computedAtText(new Date(p.at), 'it')}: resta allegato, come è stato approvato; si potrà togliere se il controllo di gestione rimanda indietro il valore con una richiesta di integrazione, o se il valore viene modificato (torna da rivedere)`,
    en: (p) =>
      p.change === 'add'
        ? `the value was approved by ${p.by} on ${computedAtText(new Date(p.at), 'en')} with the evidence it had: the file “${p.name}” was not attached; it can be attached once management control sends the value back with a request for more, or once the value is changed (it is then to be reviewed again)`
        : `the file “${p.name}” is evidence of the value approved by ${p.by} on ${computedAtText(new Date(p.at), 'en')}: it stays attached, as it was approved; it can be removed once management control sends the value back with a request for more, or once the value is changed (it is then to be reviewed again)`,
  }),
  'missing-evidence-file': message({ it: 'allegare il file in un campo chiamato «file» (multipart/form-data)', en: 'attach the file in a field called “file” (multipart/form-data)' }),
  'one-evidence-file': message<{ count: number; names: string }>({
    it: (p) => `allegare un file alla volta: ne sono arrivati ${p.count} nel campo «file» (${p.names}) e nessuno è stato salvato`,
    en: (p) => `attach one file at a time: ${p.count} came in the field “file” (${p.names}) and none was stored`,
  }),
  'indicator-deleted': message<{ id: string }>({
    it: (p) => `l'indicatore ${p.id} è stato eliminato dal piano: i valori e i documenti dei periodi chiusi o validati e i commenti restano come erano, leggibili, ma non si aggiungono né si tolgono`,
    en: (p) => `the indicator ${p.id} was deleted from the plan: its closed or validated periods' values and files and its comments stay as they were, to read, and nothing is added or removed`,
  }),
  // Said as `not-found` says an attachment (a refusal's words: small first letter, no full stop).
  'attachment-not-found': message<{ id: string }>({ it: (p) => `non c'è un allegato ${p.id} su questo valore`, en: (p) => `there is no attachment ${p.id} on this value` }),
  'forecast-year-end': message<{ label: string }>({
    it: (p) => `il periodo ${p.label} è la chiusura dell'anno: le previsioni si fanno nei monitoraggi intermedi`,
    en: (p) => `the period ${p.label} is the year end: forecasts are made at the mid-year periods`,
  }),
  'oidc-not-configured': message({ it: "l'accesso con il fornitore di identità dell'ente non è configurato", en: "sign-in through the body's identity provider is not configured" }),
  'oidc-failed': message<{ reason: string }>({
    it: (p) => `accesso con il fornitore di identità non riuscito (${p.reason}): riprovare`,
    en: (p) => `sign-in through the identity provider failed (${p.reason}): try again`,
  }),
  'oidc-renewal-signed-in': message({
    it: 'Accesso eseguito. Questa finestra si chiude da sola: se resta aperta, chiudila e torna ad Albero, dove il salvataggio riprende.',
    en: 'Signed in. This window closes by itself: if it stays open, close it and go back to Albero, where the save goes on.',
  }),
  'oidc-renewal-problem': message({
    it: 'Accesso non eseguito. Chiudi questa finestra e torna ad Albero, che ne dice il motivo.',
    en: 'Not signed in. Close this window and go back to Albero, which says why.',
  }),
  'oidc-unknown-user': message<{ who: string }>({
    it: (p) => `il fornitore di identità ha riconosciuto ${p.who}, ma in Albero non c'è un account attivo con questo nome utente o email: chiedere all'amministratore`,
    en: (p) => `the identity provider recognised ${p.who}, but Albero has no active account with that username or email: ask the administrator`,
  }),
});
