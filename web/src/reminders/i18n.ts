/** The words of the reminders' outbox (RemindersPanel), Italian first. */
import type { FeatureWords } from '../words.js';

const it = {
  reminders: {
    title: 'Promemoria delle scadenze',
    sendNow: 'Invia ora i promemoria',
    settings: 'Ai referenti {{before}} giorni prima della scadenza e {{after}} dopo; ai responsabili delle strutture {{head}} giorni dopo.',
    noSmtp: 'Nessun server di posta configurato: i messaggi sono scritti nel log del server.',
    ran: 'Promemoria: {{queued}} nuovi, {{sent}} inviati, {{retrying}} da ritentare, {{failed}} rifiutati.',
    empty: 'Nessun promemoria inviato per questo piano.',
    when: 'Quando',
    to: 'Destinatario',
    period: 'Periodo',
    deadline: 'Scadenza',
    day: 'Giorno del promemoria',
    stage: 'Tipo',
    values: 'Valori mancanti',
    status: 'Stato',
    stages: { before: 'prima della scadenza', after: 'dopo la scadenza', head: 'al responsabile' },
    statuses: { queued: 'in attesa', sending: 'in invio', sent: 'inviato', failed: 'rifiutato', 'no-address': 'senza email', cancelled: 'annullato' },
    cancelReasons: {
      'plan-archived': 'piano archiviato',
      'plan-deleted': 'piano eliminato',
      'period-closed': 'periodo chiuso',
      'period-validated': 'periodo validato',
      'period-deleted': 'periodo eliminato',
    },
    attempts_one: '{{count}} tentativo',
    attempts_other: '{{count}} tentativi',
  },
};

const en: typeof it = {
  reminders: {
    title: 'Deadline reminders',
    sendNow: 'Send the reminders now',
    settings: 'To the referenti {{before}} days before the deadline and {{after}} after; to the heads of units {{head}} days after.',
    noSmtp: 'No mail server configured: the messages are written to the server log.',
    ran: 'Reminders: {{queued}} new, {{sent}} sent, {{retrying}} to retry, {{failed}} refused.',
    empty: 'No reminder sent for this plan.',
    when: 'When',
    to: 'To',
    period: 'Period',
    deadline: 'Deadline',
    day: 'Reminder day',
    stage: 'Kind',
    values: 'Missing values',
    status: 'Status',
    stages: { before: 'before the deadline', after: 'after the deadline', head: 'to the head' },
    statuses: { queued: 'waiting', sending: 'sending', sent: 'sent', failed: 'refused', 'no-address': 'no email', cancelled: 'cancelled' },
    cancelReasons: {
      'plan-archived': 'plan archived',
      'plan-deleted': 'plan deleted',
      'period-closed': 'period closed',
      'period-validated': 'period validated',
      'period-deleted': 'period deleted',
    },
    attempts_one: '{{count}} try',
    attempts_other: '{{count}} tries',
  },
};

/** Merged into the app's one namespace by ../i18n.ts. */
export const words = { it, en } satisfies FeatureWords;
