/** The words of the monitoring campaign's screens (registry, worklist, review, dashboard, closing, passwords), Italian first. */
import i18next from '../i18n.js';

const it = {
  campaign: {
    worklist: 'Le mie misurazioni', worklistAll: 'Misurazioni e revisione', hideWorklist: 'Chiudi le misurazioni', period: 'Periodo', deadline: 'Scadenza', noDeadline: 'nessuna',
    stateFilter: 'Stato', all: 'Tutti', empty: 'Nessuna misurazione da mostrare.', indicator: 'Indicatore', objective: 'Obiettivo', unit: 'Struttura', person: 'Responsabile',
    state: 'Stato', actions: 'Azioni', late: 'in ritardo', noUnit: '(senza struttura)', open: 'Apri nel albero',
    states: { to_enter: 'Da compilare', entered: 'Compilato', returned: 'Da integrare', approved: 'Approvato' },
    counts: '{{to_enter}} da compilare, {{entered}} compilati, {{returned}} da integrare, {{approved}} approvati; {{late}} in ritardo',
    approve: 'Approva', sendBack: 'Richiedi integrazione', request: 'Richiesta di integrazione', answer: 'Risposta', send: 'Invia', reply: 'Rispondi',
    requestBy: 'Richiesta di {{by}}: {{note}}', answered: 'Risposta inviata.', approved: 'Valore approvato.', sent: 'Richiesta inviata.', noteRequired: 'Scrivi il testo.',
    dashboard: 'Completamento', hideDashboard: 'Chiudi il completamento', export: 'Esporta XLSX', expected: 'Attesi', entered: 'Inseriti', toReview: 'Da rivedere', returned: 'Da integrare',
    approvedCol: 'Approvati', missing: 'Mancanti', lateCol: 'In ritardo', showList: 'Mostra l’elenco di {{unit}}, {{period}}',
    setDeadline: 'Imposta la scadenza', deadlineSaved: 'Scadenza salvata.',
    closeTitle: 'Chiudere il periodo {{label}}?', closeIntro: 'Prima di chiudere: {{missing}} valori mancanti, {{toReview}} da rivedere, {{returned}} da integrare.',
    closeAllDone: 'Tutti i valori sono inseriti e approvati.', missingList: 'Mancanti', toReviewList: 'Da rivedere', returnedList: 'Da integrare', confirmClose: 'Chiudi comunque il periodo', confirmCloseClean: 'Chiudi il periodo',
  },
  units: {
    nav: 'Strutture', title: 'Strutture organizzative', code: 'Codice', name: 'Nome', kind: 'Tipo', parent: 'Struttura superiore', head: 'Responsabile', members: 'Componenti',
    none: '—', add: 'Aggiungi la struttura', added: 'Struttura aggiunta.', delete: 'Elimina', deleteLabel: 'Elimina {{name}}', confirmDelete: 'Eliminare la struttura «{{name}}»?', deleted: 'Struttura eliminata.',
    inUse: 'La struttura è ancora assegnata: {{objectives}} obiettivi, {{indicators}} indicatori, {{children}} strutture sottostanti. Riassegnali prima.',
    import: 'Importa (CSV o XLSX)', check: 'Controlla', doImport: 'Importa', imported: 'Importate: {{created}} nuove, {{updated}} aggiornate.', checked: 'Il file va bene: {{created}} nuove, {{updated}} aggiornate.',
    rowIssue: 'Riga {{row}}, {{field}}: {{message}}', exportCsv: 'Esporta CSV', exportXlsx: 'Esporta XLSX', empty: 'Nessuna struttura.',
  },
  password: {
    temporary: 'Password temporanea', temporaryFor: 'Password temporanea per {{name}}', set: 'Imposta', setDone: 'Password temporanea impostata per {{name}}: dovrà cambiarla al prossimo accesso.',
    mustChange: 'La tua password è temporanea: scegline una nuova per continuare.', current: 'Password attuale', next: 'Nuova password', change: 'Cambia la password', changed: 'Password cambiata.',
    tooShort: 'Almeno 8 caratteri.',
  },
};

const en: typeof it = {
  campaign: {
    worklist: 'My measurements', worklistAll: 'Measurements and review', hideWorklist: 'Close measurements', period: 'Period', deadline: 'Deadline', noDeadline: 'none',
    stateFilter: 'State', all: 'All', empty: 'No measurement to show.', indicator: 'Indicator', objective: 'Objective', unit: 'Unit', person: 'Person responsible',
    state: 'State', actions: 'Actions', late: 'late', noUnit: '(no unit)', open: 'Open in the tree',
    states: { to_enter: 'To enter', entered: 'Entered', returned: 'To complete', approved: 'Approved' },
    counts: '{{to_enter}} to enter, {{entered}} entered, {{returned}} to complete, {{approved}} approved; {{late}} late',
    approve: 'Approve', sendBack: 'Request more', request: 'Request for more', answer: 'Answer', send: 'Send', reply: 'Answer',
    requestBy: 'Request by {{by}}: {{note}}', answered: 'Answer sent.', approved: 'Value approved.', sent: 'Request sent.', noteRequired: 'Write the text.',
    dashboard: 'Completion', hideDashboard: 'Close completion', export: 'Export XLSX', expected: 'Expected', entered: 'Entered', toReview: 'To review', returned: 'To complete',
    approvedCol: 'Approved', missing: 'Missing', lateCol: 'Late', showList: 'Show the list of {{unit}}, {{period}}',
    setDeadline: 'Set the deadline', deadlineSaved: 'Deadline saved.',
    closeTitle: 'Close the period {{label}}?', closeIntro: 'Before closing: {{missing}} values missing, {{toReview}} to review, {{returned}} to complete.',
    closeAllDone: 'Every value is entered and approved.', missingList: 'Missing', toReviewList: 'To review', returnedList: 'To complete', confirmClose: 'Close the period anyway', confirmCloseClean: 'Close the period',
  },
  units: {
    nav: 'Units', title: 'Organisation units', code: 'Code', name: 'Name', kind: 'Kind', parent: 'Parent unit', head: 'Head', members: 'Members',
    none: '—', add: 'Add the unit', added: 'Unit added.', delete: 'Delete', deleteLabel: 'Delete {{name}}', confirmDelete: 'Delete the unit “{{name}}”?', deleted: 'Unit deleted.',
    inUse: 'The unit is still assigned: {{objectives}} objectives, {{indicators}} indicators, {{children}} units under it. Reassign them first.',
    import: 'Import (CSV or XLSX)', check: 'Check', doImport: 'Import', imported: 'Imported: {{created}} new, {{updated}} updated.', checked: 'The file is fine: {{created}} new, {{updated}} updated.',
    rowIssue: 'Row {{row}}, {{field}}: {{message}}', exportCsv: 'Export CSV', exportXlsx: 'Export XLSX', empty: 'No unit.',
  },
  password: {
    temporary: 'Temporary password', temporaryFor: 'Temporary password for {{name}}', set: 'Set', setDone: 'Temporary password set for {{name}}: they must change it at the next sign-in.',
    mustChange: 'Your password is temporary: choose a new one to continue.', current: 'Current password', next: 'New password', change: 'Change the password', changed: 'Password changed.',
    tooShort: 'At least 8 characters.',
  },
};

i18next.addResourceBundle('it', 'translation', it, true, false);
i18next.addResourceBundle('en', 'translation', en, true, false);

export {};
