/**
 * The campaign's words (evidence, comments, variances, forecasts), Italian first, added to the app's
 * one translation namespace under `campaign.*` (kept apart so the features' texts stay together).
 */
import i18next from '../i18n.js';

const it = {
  evidence: {
    title: 'Allegati (evidenze)', none: 'Nessun allegato per questo periodo.', file: 'Allega un file', hint: 'PDF, immagini, documenti Office o OpenDocument, CSV; al massimo 20 MB.',
    upload: 'Carica', uploading: 'Caricamento…', uploaded: 'File «{{name}}» allegato.', remove: 'Rimuovi', removeLabel: 'Rimuovi {{name}}', confirmRemove: 'Rimuovere l’allegato «{{name}}»?',
    removed: 'Allegato «{{name}}» rimosso.', by: 'caricato da {{who}} il {{at}}', hash: 'SHA-256: {{hash}}', choose: 'Scegliere un file.', locked: 'Periodo chiuso: gli allegati non si possono modificare.',
  },
  comments: {
    title: 'Commenti', none: 'Nessun commento per questo periodo.', write: 'Scrivi un commento', send: 'Invia', sent: 'Commento inviato.', empty: 'Scrivere il testo del commento.',
  },
  source: { label: 'Fonte del dato', hint: 'Da dove viene il valore (es. gestionale protocollo, estrazione del 05/07/2024).' },
  forecast: {
    title: 'Previsione a fine anno', reachable: 'Target raggiungibile entro fine anno?', note: 'Nota', save: 'Salva la previsione', saved: 'Previsione salvata.',
    yes: 'Sì', no: 'No', at_risk: 'A rischio', none: 'Nessuna previsione.', conflict: 'Qualcun altro ha cambiato la previsione: ricarica e riprova.',
  },
  oidc: {
    button: "Accedi con l'identità dell'ente",
    problems: {
      'unknown-user': "Il fornitore di identità ti ha riconosciuto, ma in Albero non c'è un account attivo con il tuo nome utente o la tua email: chiedi all'amministratore.",
      failed: 'Accesso con il fornitore di identità non riuscito: riprova.',
      expired: "L'accesso è scaduto o non è stato avviato da qui: riprova.",
      'provider-unreachable': 'Il fornitore di identità non risponde: riprova più tardi o accedi con la password.',
    },
  },
  variances: {
    title: 'Scostamenti e cause', show: 'Scostamenti', hide: 'Chiudi gli scostamenti', intro: 'Obiettivi in fascia gialla o rossa nel periodo {{period}}: causa dello scostamento e azione correttiva (linee guida DFP n. 2/2017).',
    none: 'Nessun obiettivo in fascia gialla o rossa in questo periodo.', cause: 'Causa', explanation: 'Descrizione dello scostamento', action: 'Azione correttiva', save: 'Salva',
    saved: 'Scostamento di {{code}} salvato.', missing: 'Da compilare', causes: { external: 'Esterna', internal: 'Interna', indicator: 'Indicatore mal costruito' },
    conflict: 'Qualcun altro ha cambiato lo scostamento: ricarica e riprova.', explanationRequired: 'Descrivere lo scostamento.', forecasts: 'Previsioni a fine anno',
    objective: 'Obiettivo', performance: 'Performance', band: 'Fascia', by: 'da {{who}} il {{at}}',
  },
};

const en: typeof it = {
  evidence: {
    title: 'Attachments (evidence)', none: 'No attachments for this period.', file: 'Attach a file', hint: 'PDF, images, Office or OpenDocument documents, CSV; at most 20 MB.',
    upload: 'Upload', uploading: 'Uploading…', uploaded: 'File “{{name}}” attached.', remove: 'Remove', removeLabel: 'Remove {{name}}', confirmRemove: 'Remove the attachment “{{name}}”?',
    removed: 'Attachment “{{name}}” removed.', by: 'uploaded by {{who}} on {{at}}', hash: 'SHA-256: {{hash}}', choose: 'Choose a file.', locked: 'Closed period: attachments cannot be changed.',
  },
  comments: {
    title: 'Comments', none: 'No comments for this period.', write: 'Write a comment', send: 'Send', sent: 'Comment sent.', empty: 'Write the text of the comment.',
  },
  source: { label: 'Data source', hint: 'Where the value comes from (e.g. records system, extraction of 05/07/2024).' },
  forecast: {
    title: 'Year-end forecast', reachable: 'Target reachable by year end?', note: 'Note', save: 'Save the forecast', saved: 'Forecast saved.',
    yes: 'Yes', no: 'No', at_risk: 'At risk', none: 'No forecast.', conflict: 'Someone else changed the forecast: reload and try again.',
  },
  oidc: {
    button: "Sign in with the body's identity",
    problems: {
      'unknown-user': 'The identity provider recognised you, but Albero has no active account with your username or email: ask the administrator.',
      failed: 'Sign-in through the identity provider failed: try again.',
      expired: 'The sign-in expired or was not started here: try again.',
      'provider-unreachable': 'The identity provider does not answer: try later or sign in with your password.',
    },
  },
  variances: {
    title: 'Variances and causes', show: 'Variances', hide: 'Close variances', intro: 'Objectives in yellow or red in the period {{period}}: cause of the variance and corrective action (DFP guideline n. 2/2017).',
    none: 'No objective in yellow or red in this period.', cause: 'Cause', explanation: 'Description of the variance', action: 'Corrective action', save: 'Save',
    saved: 'Variance of {{code}} saved.', missing: 'To be filled in', causes: { external: 'External', internal: 'Internal', indicator: 'Indicator badly built' },
    conflict: 'Someone else changed the variance: reload and try again.', explanationRequired: 'Describe the variance.', forecasts: 'Year-end forecasts',
    objective: 'Objective', performance: 'Performance', band: 'Band', by: 'by {{who}} on {{at}}',
  },
};

i18next.addResourceBundle('it', 'translation', { campaign: it }, true, false);
i18next.addResourceBundle('en', 'translation', { campaign: en }, true, false);

export default i18next;
