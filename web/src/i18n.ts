/** Italian first (the language of the plans and of the people using them), English available. */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { REVISIONS_EN, REVISIONS_IT } from './revisions-i18n.js';

const it = {
  revisions: REVISIONS_IT,
  app: { name: 'Albero', tagline: 'Ciclo della performance', skip: 'Vai al contenuto principale', language: 'Lingua' },
  role: { admin: 'Amministratore', controller: 'Controllo di gestione', referente: 'Referente', oiv: 'OIV', personale: 'Ufficio personale', public: 'Lettore pubblico' },
  login: {
    title: 'Accedi', username: 'Nome utente', password: 'Password', submit: 'Accedi', logout: 'Esci',
    failed: 'Accesso non riuscito: {{message}}', public: 'Consulta i piani pubblicati senza accedere', signedAs: 'Connesso come {{name}} ({{role}})',
  },
  plans: {
    title: 'Piani', empty: 'Nessun piano.', year: 'Anno', open: 'Apri', create: 'Nuovo piano', planTitle: 'Titolo', organisation: 'Ente',
    created: 'Piano creato.', published: 'Pubblicato', draft: 'Non pubblicato', delete: 'Elimina', confirmDelete: 'Eliminare il piano «{{title}}»?',
    version: { plan: 'Piano', revision: 'Revisione', final: 'Relazione finale' }, publish: 'Pubblica', unpublish: 'Ritira la pubblicazione', back: 'Tutti i piani',
  },
  import: {
    title: 'Importa un piano', file: 'File (testo o XLSX)', check: 'Controlla il file', confirm: 'Conferma l’importazione', cancel: 'Annulla',
    noIssues: 'Nessun problema: il file si può importare.', issues_other: '{{count}} problemi trovati', issues_one: '1 problema trovato', blocking: 'Il file contiene errori e non può essere importato.',
    done: 'Piano importato.', where: 'Dove', what: 'Problema', severity: 'Gravità', error: 'errore', warning: 'avviso', info: 'nota',
  },
  tree: {
    title: 'Albero della performance', objective: 'Obiettivo', indicator: 'Indicatore', weight: 'Peso', target: 'Target', actual: 'Consuntivo',
    kpi: 'Performance KPI', performance: 'Performance Obiettivo', print: 'Stampa', expand: 'Espandi {{code}}', collapse: 'Comprimi {{code}}',
    expandAll: 'Espandi tutto', collapseAll: 'Comprimi tutto', details: 'Dettaglio di {{code}}', rows: '{{count}} righe', legend: 'Legenda',
    noPerformance: 'n.d.', summary: '{{objectives}} obiettivi: {{green}} verdi, {{yellow}} gialli, {{red}} rossi, {{none}} senza performance',
  },
  band: { green: 'Verde', yellow: 'Giallo', red: 'Rosso', none: 'Senza performance' },
  state: { measured: 'Misurato', not_achieved: 'Non raggiunto', not_evaluable: 'N.V. (non valutabile)', not_measured: 'Non misurato' },
  filter: { title: 'Filtri', area: 'Area', band: 'Fascia', owner: 'Responsabile', state: 'Stato indicatore', search: 'Cerca', all: 'Tutti', clear: 'Azzera i filtri' },
  period: {
    label: 'Periodo', state: 'Stato', open: 'Aperto', collecting: 'In raccolta', closed: 'Chiuso', validated: 'Validato dall’OIV',
    locked: 'Periodo {{state}}: i dati sono in sola lettura.', lockedReason: 'Motivo: {{reason}}', lockedBy: 'Stato «{{action}}» impostato da {{user}} il {{at}}.', none: 'Nessun periodo di monitoraggio',
    to: { collecting: 'Avvia la raccolta', closed: 'Chiudi il periodo', validated: 'Valida il periodo', reopen: 'Riapri il periodo' },
    reason: 'Motivo della riapertura', reasonRequired: 'Indicare il motivo della riapertura.', done: 'Stato del periodo aggiornato.',
  },
  periods: {
    manage: 'Gestisci i periodi', hide: 'Chiudi la gestione dei periodi', title: 'Periodi di monitoraggio', date: 'Data di fine', name: 'Etichetta',
    namePlaceholder: 'Monitoraggio al 30/04/2024', nameHelp: 'Se vuota: la data (gg/mm/aaaa).', add: 'Aggiungi il periodo', delete: 'Elimina',
    deleteLabel: 'Elimina il periodo {{label}}', confirmDelete: 'Eliminare il periodo «{{label}}»? L’operazione resta nel registro delle modifiche.',
    added: 'Periodo «{{label}}» aggiunto.', deleted: 'Periodo «{{label}}» eliminato.', onlyEmptyOpen: 'Si può eliminare solo un periodo aperto e senza valori inseriti.',
    errors: {
      date: 'Indicare una data dell’anno {{year}}.', duplicate: 'Esiste già un periodo con questa data.', 'not-open': 'Il periodo non è più aperto: non si può eliminare.',
      'has-measurements': 'Il periodo contiene valori inseriti ({{count}}): non si può eliminare.', 'has-attachments': 'Il periodo contiene documenti allegati come evidenza ({{count}}): rimuovili prima, uno per uno, oppure conserva il periodo.', 'has-comments': 'Il periodo contiene commenti ({{count}}): un periodo con una discussione si conserva.', 'last-period': 'È l’unico periodo del piano: non si può eliminare.',
      forbidden: 'Non hai i permessi per gestire i periodi.',
    },
  },
  detail: {
    close: 'Chiudi il dettaglio', explanation: 'Come si calcola', formula: 'Regola', contributions: 'Contributi', share: 'Quota', score: 'Punteggio', points: 'Punti',
    excluded: 'escluso', history: 'Andamento nei periodi', audit: 'Registro delle modifiche', noAudit: 'Nessuna modifica registrata.', evidence: 'Evidenze',
    notes: 'Note', source: 'Fonte', owner: 'Responsabile', unit: 'Struttura', scoring: 'Regola di punteggio', indicators: 'Indicatori', when: 'Quando', who: 'Chi', what: 'Cosa',
    rule: {
      on_off: 'Raggiunto/non raggiunto: 100 se il consuntivo rispetta il target ({{comparator}} {{target}}), altrimenti 0.',
      proportional: 'Proporzionale: consuntivo diviso target (o target diviso consuntivo per «≤»), al massimo 100.',
      bands: 'A scaglioni: il punteggio dello scaglione raggiunto dal consuntivo.',
      threshold: 'A soglia: 0 alla soglia minima, 100 al target, in proporzione tra i due.',
    },
    derived: 'Il consuntivo è calcolato (media ponderata degli obiettivi figli), non inserito.',
    mean: 'La performance dell’obiettivo è la media dei punteggi degli indicatori conteggiati, pesata con i loro pesi.',
    failed: 'Impossibile caricare: {{message}}',
  },
  entry: {
    title: 'Inserimento del consuntivo', actual: 'Consuntivo', state: 'Stato', reason: 'Motivo N.V.', evidence: 'Evidenze', notes: 'Note', source: 'Fonte', save: 'Salva',
    saved: 'Salvato: l’albero è stato ricalcolato.', conflict: 'Qualcun altro ha salvato prima di te: il tuo valore NON è stato salvato. Valore attuale: {{current}}. Ricarica e riprova.',
    locked: 'Periodo bloccato: {{message}}', forbidden: 'Non hai i permessi per modificare questo indicatore.', readOnly: 'Sola lettura', invalidNumber: 'Scrivere un numero (es. 1.587,10).',
    implausiblePercent: 'Valore insolito per una percentuale: {{value}}%. Controllarlo prima di salvare.', percentForNumber: 'Questo indicatore si misura in numeri, non in percentuale: togliere il segno %.', tooManyDigits: 'Troppe cifre: al massimo 15 prima della virgola e 20 dopo.',
    invalidDate: 'Scrivere una data gg/mm/aaaa.', reasonRequired: 'Per N.V. indicare il motivo.', reload: 'Ricarica', noPeriod: 'Serve un periodo di monitoraggio per inserire dati.',
    measures: 'Misure di base', measuresHint: 'Il consuntivo si calcola da queste misure: {{formula}}.', computed: 'Consuntivo calcolato', computedNone: 'Si calcola quando le misure di base sono compilate.',
    roles: { numerator: 'Numeratore', denominator: 'Denominatore', current: 'Valore corrente', previous: 'Valore precedente' },
    problems: { required: 'Indicare il valore.', invalid: 'Scrivere un numero (es. 1.587,10).', zero: 'Non può essere 0: la formula divide per questo valore.' },
    fixMeasures: 'Correggere le misure di base indicate.',
  },
  whatif: {
    title: 'Simulazione (what-if)', start: 'Simula', stop: 'Esci dalla simulazione', reset: 'Annulla le modifiche simulate',
    banner: 'Simulazione: i valori modificati non vengono salvati e spariscono all’uscita.', changed: '{{count}} modifiche simulate', approximate: '{{count}} indicatori con regole non ricostruibili: simulazione approssimata.',
    need: 'Cosa serve?', needTitle: 'Cosa serve a {{indicator}} per portare {{node}} in fascia {{band}}?', node: 'Obiettivo', band: 'Fascia', compute: 'Calcola',
    already: '{{node}} è già in fascia {{band}} ({{performance}}).', reachable: 'Serve un consuntivo di {{actual}}: {{node}} arriva a {{performance}} ({{band}}).',
    unreachable: 'Non basta: anche con {{actual}}, {{node}} arriva a {{performance}} ({{band}}).', unsupported: 'Calcolo non disponibile per questo indicatore.',
    simulated: 'simulato', apply: 'Prova questo valore',
  },
  charts: {
    title: 'Grafici', byArea: 'Performance per area', byStrategic: 'Performance per obiettivo strategico', perBand: 'Obiettivi per fascia', history: 'Consuntivo nei periodi rispetto al target',
    show: 'Mostra i grafici', hide: 'Nascondi i grafici',
    level: 'Livello', area: 'Area', allAreas: 'Tutte le aree', byLevel: 'Performance per {{level}}', levels: { areas: 'aree strategiche', strategic: 'obiettivi strategici', operational: 'obiettivi operativi' },
    threshold: 'soglia del {{band}} {{value}}', many: '{{count}} obiettivi: scorri il grafico o scegli un’area.', empty: 'Nessun obiettivo a questo livello.',
  },
  export: {
    title: 'Esporta', pdf: 'PDF', xlsx: 'Excel (XLSX)', csv: 'CSV',
    progressLabel: 'Preparazione del file {{format}}', queued: 'In coda…', progress: '{{done}} obiettivi su {{total}}', failed: 'Il file non è stato preparato: riprovare.',
  },
  users: {
    title: 'Utenti', nav: 'Utenti', list: 'Account', name: 'Nome', username: 'Nome utente', role: 'Ruolo', units: 'Strutture organizzative', active: 'Attivo', actions: 'Azioni',
    yes: 'Attivo', no: 'Disattivato', none: 'Nessuna', create: 'Nuovo utente', createSubmit: 'Crea l’utente', displayName: 'Nome e cognome', password: 'Password',
    unitsHint: 'Una per riga o separate da virgole.', passwordHint: 'Almeno {{min}} caratteri.', usernameHint: 'Da 2 a 64 tra lettere, cifre, punti, trattini, trattini bassi o @.',
    created: 'Utente «{{name}}» creato.', updated: 'Utente «{{name}}» aggiornato.', edit: 'Modifica {{name}}', editTitle: 'Modifica l’utente {{name}}',
    deactivate: 'Disattiva {{name}}', reactivate: 'Riattiva {{name}}', deactivated: 'Utente «{{name}}» disattivato: le sue sessioni sono chiuse.', reactivated: 'Utente «{{name}}» riattivato.',
    forbidden: 'Solo l’amministratore gestisce gli utenti.',
    errors: {
      field: { username: 'Nome utente non valido: da 2 a 64 tra lettere, cifre, punti, trattini, trattini bassi o @.', password: 'La password deve avere almeno {{min}} caratteri (al massimo 200).', displayName: 'Indicare il nome.', units: 'Strutture non valide (al massimo 100, ognuna fino a 200 caratteri).', role: 'Scegliere un ruolo.' },
      duplicate: { username: 'Questo nome utente è già in uso.' },
      'not-found': 'L’utente non esiste più: ricarica la pagina.', forbidden: 'Non hai i permessi per questa operazione.',
    },
  },
  edit: {
    tools: 'Modifica dell’albero', addChild: 'Aggiungi un obiettivo sotto {{code}}', addArea: 'Aggiungi un’area strategica', editNode: 'Modifica l’obiettivo', deleteNode: 'Elimina l’obiettivo',
    addIndicator: 'Aggiungi un indicatore', editIndicator: 'Modifica l’indicatore', deleteIndicator: 'Elimina l’indicatore',
    code: 'Codice', title: 'Titolo', weight: 'Peso (%)', weightHint: 'Da 0 a 100; vuoto: conta come gli altri obiettivi fratelli.', indicatorWeightHint: 'Peso nell’obiettivo, da 0 a 100.',
    name: 'Nome', comparator: 'Confronto', target: 'Target', unit: 'Unità', scoring: 'Regola di punteggio', floor: 'Soglia minima', formula: 'Algoritmo di calcolo',
    formulaNone: 'Nessuno: il consuntivo si inserisce', formulaMean: 'Media ponderata della performance degli obiettivi figli',
    formulaRatio: 'Rapporto tra due misure di base (numeratore / denominatore × scala)', formulaTrend: 'Trend: (valore corrente − precedente) / precedente × 100',
    measuresLegend: 'Misure di base', measuresHint: 'Nomi delle misure che si inseriscono a ogni periodo (es. pratiche_evase).',
    numerator: 'Numeratore', denominator: 'Denominatore', scale: 'Scala', scaleHint: '100 per una percentuale, 1 per un rapporto semplice.', current: 'Valore corrente', previous: 'Valore precedente',
    units: { number: 'Numero', percent: 'Percentuale', date: 'Data', boolean: 'Sì/No' },
    rules: { on_off: 'Raggiunto/non raggiunto', proportional: 'Proporzionale', threshold: 'A soglia', bands: 'A scaglioni' },
    bandMode: 'Modalità delle fasce', bandModes: { interpolated: 'Interpolata (linea retta tra i punti)', fixed: 'Fissa (punteggio della fascia raggiunta)' },
    pointsLegend: 'Punti della scala (valore → punteggio)', pointsHint: 'Valori crescenti nell\'unità dell\'indicatore (es. {{example}}), punteggi da 0 a 100.',
    pointValue: 'Valore {{n}}', pointScore: 'Punteggio {{n}}', removePoint: 'Rimuovi il punto {{n}}', remove: 'Rimuovi', addPoint: 'Aggiungi un punto',
    comparators: { '>=': '≥ almeno', '<=': '≤ al massimo', '=': '= uguale a' },
    confirmNode_one: 'Eliminare l’obiettivo {{code}} «{{title}}»? Con lui va il suo indicatore con tutti i valori inseriti. L’operazione resta nel registro delle modifiche.',
    confirmNode_other: 'Eliminare l’obiettivo {{code}} «{{title}}»? Con lui vanno {{count}} indicatori e tutti i loro valori inseriti. L’operazione resta nel registro delle modifiche.',
    confirmNodeNone: 'Eliminare l’obiettivo {{code}} «{{title}}»? Non ha indicatori. L’operazione resta nel registro delle modifiche.',
    hasChildren_one: 'Per eliminare {{code}} eliminare prima il suo obiettivo figlio.', hasChildren_other: 'Per eliminare {{code}} eliminare prima i suoi {{count}} obiettivi figli.',
    confirmIndicator: 'Eliminare l’indicatore «{{name}}» di {{code}}? Con lui vanno tutti i suoi valori inseriti, in ogni periodo. L’operazione resta nel registro delle modifiche.',
    delete: 'Elimina', saved: 'Modifica salvata: l’albero è stato ricalcolato.',
    reload: 'Ricarica',
    errors: {
      field: { code: 'Codice non valido (es. A.2.1: lettere, cifre, punti, trattini).', title: 'Indicare il titolo.', weight: 'Il peso è un numero da 0 a 100 (es. 30 o 33,33).', name: 'Indicare il nome.', target: 'Target non leggibile per questa unità.', scoring: 'Regola o soglia non valida.', formula: 'Formula non valida: indicare i nomi delle misure di base e, per il rapporto, una scala numerica.' },
      duplicate: { code: 'Esiste già un obiettivo con questo codice.' },
      points: { empty: 'Compilare il campo.', value: 'Valore non leggibile in questa unità.', score: 'Il punteggio è un numero da 0 a 100.', order: 'Il valore deve essere maggiore del precedente.' },
      measureName: 'Indicare il nome della misura di base.', scale: 'Scrivere la scala come numero (es. 100).',
      conflict: 'Qualcun altro ha modificato questo elemento dopo che lo hai aperto: le tue modifiche NON sono state salvate. Ricarica per vedere la versione attuale.',
      'has-children': 'L’obiettivo ha obiettivi figli: eliminarli prima.', 'not-found': 'Non esiste più: ricarica.', forbidden: 'Non hai i permessi per modificare l’albero.',
    },
  },
  changes: {
    open: 'Confronta / Modifiche', hide: 'Chiudi il confronto', title: 'Modifiche', compareWith: 'Confronta con', show: 'Mostra le modifiche',
    against: { closing: 'dalla chiusura del periodo', period: 'un altro periodo', plan: 'un altro piano' }, period: 'Periodo di confronto', plan: 'Piano di confronto',
    planPeriod: 'Periodo del piano di confronto', yearEnd: 'fine anno (predefinito)', noOtherPeriod: 'Il piano non ha altri periodi.', noOtherPlan: 'Nessun altro piano leggibile.',
    neverClosed: 'Il periodo non è mai stato chiuso: non c’è una chiusura con cui confrontarlo.', none: 'Nessuna modifica',
    closedAt: 'Confronto con il periodo «{{period}}» come era alla chiusura del {{at}}, chiuso da {{user}}.',
    between: 'Dal periodo {{beforePeriod}} di {{beforePlan}} al periodo {{afterPeriod}} di {{afterPlan}}.',
    count_one: '1 modifica', count_other: '{{count}} modifiche', objective: 'Obiettivo', indicator: 'Indicatore', what: 'Cosa cambia', before: 'Prima', after: 'Dopo', thisPlan: 'questo piano',
    select: 'Seleziona {{code}} nell’albero', caption_one: '{{group}}: 1 modifica', caption_other: '{{group}}: {{count}} modifiche',
    group: {
      structure: 'Struttura: obiettivi e indicatori aggiunti, rimossi, spostati o rinominati',
      plan: 'Piano: target, pesi e regole (da rendicontare nella Relazione)',
      measurement: 'Misurazioni: consuntivi e stati',
      result: 'Risultati: performance degli obiettivi',
    },
    kind: {
      'objective-added': 'obiettivo aggiunto', 'objective-removed': 'obiettivo rimosso', 'objective-parent': 'obiettivo spostato', 'objective-title': 'titolo dell’obiettivo',
      'indicator-added': 'indicatore aggiunto', 'indicator-removed': 'indicatore rimosso', 'indicator-name': 'nome dell’indicatore', settings: 'impostazioni del piano',
      'objective-weight': 'peso dell’obiettivo', weight: 'peso dell’indicatore', comparator: 'confronto', target: 'target', unit: 'unità di misura',
      scoring: 'regola di punteggio', formula: 'formula', measurement: 'consuntivo', performance: 'performance dell’obiettivo',
    },
  },
  common: { loading: 'Caricamento…', error: 'Errore: {{message}}', yes: 'sì', no: 'no', close: 'Chiudi', cancel: 'Annulla', save: 'Salva', edit: 'Modifica' },
};

type Tree = { [k: string]: string | Tree };

const en: typeof it = {
  revisions: REVISIONS_EN,
  app: { name: 'Albero', tagline: 'Performance cycle', skip: 'Skip to main content', language: 'Language' },
  role: { admin: 'Administrator', controller: 'Management control', referente: 'Data owner', oiv: 'OIV (evaluation body)', personale: 'HR office (personale)', public: 'Public reader' },
  login: {
    title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in', logout: 'Sign out',
    failed: 'Sign-in failed: {{message}}', public: 'Browse published plans without signing in', signedAs: 'Signed in as {{name}} ({{role}})',
  },
  plans: {
    title: 'Plans', empty: 'No plans.', year: 'Year', open: 'Open', create: 'New plan', planTitle: 'Title', organisation: 'Organisation',
    created: 'Plan created.', published: 'Published', draft: 'Not published', delete: 'Delete', confirmDelete: 'Delete the plan “{{title}}”?',
    version: { plan: 'Plan', revision: 'Revision', final: 'Final report' }, publish: 'Publish', unpublish: 'Unpublish', back: 'All plans',
  },
  import: {
    title: 'Import a plan', file: 'File (text or XLSX)', check: 'Check the file', confirm: 'Confirm the import', cancel: 'Cancel',
    noIssues: 'No problems: the file can be imported.', issues_other: '{{count}} problems found', issues_one: '1 problem found', blocking: 'The file has errors and cannot be imported.',
    done: 'Plan imported.', where: 'Where', what: 'Problem', severity: 'Severity', error: 'error', warning: 'warning', info: 'note',
  },
  tree: {
    title: 'Performance tree', objective: 'Objective', indicator: 'Indicator', weight: 'Weight', target: 'Target', actual: 'Actual',
    kpi: 'KPI performance', performance: 'Objective performance', print: 'Print', expand: 'Expand {{code}}', collapse: 'Collapse {{code}}',
    expandAll: 'Expand all', collapseAll: 'Collapse all', details: 'Details of {{code}}', rows: '{{count}} rows', legend: 'Legend',
    noPerformance: 'n/a', summary: '{{objectives}} objectives: {{green}} green, {{yellow}} yellow, {{red}} red, {{none}} without performance',
  },
  band: { green: 'Green', yellow: 'Yellow', red: 'Red', none: 'No performance' },
  state: { measured: 'Measured', not_achieved: 'Not achieved', not_evaluable: 'N.V. (not evaluable)', not_measured: 'Not measured' },
  filter: { title: 'Filters', area: 'Area', band: 'Band', owner: 'Owner', state: 'Indicator state', search: 'Search', all: 'All', clear: 'Clear filters' },
  period: {
    label: 'Period', state: 'State', open: 'Open', collecting: 'Collecting', closed: 'Closed', validated: 'Validated by the OIV',
    locked: 'Period {{state}}: data are read-only.', lockedReason: 'Reason: {{reason}}', lockedBy: 'State “{{action}}” set by {{user}} on {{at}}.', none: 'No monitoring period',
    to: { collecting: 'Start collecting', closed: 'Close the period', validated: 'Validate the period', reopen: 'Reopen the period' },
    reason: 'Reason for reopening', reasonRequired: 'Give the reason for reopening.', done: 'Period state updated.',
  },
  periods: {
    manage: 'Manage periods', hide: 'Close period management', title: 'Monitoring periods', date: 'End date', name: 'Label',
    namePlaceholder: 'Monitoring at 30/04/2024', nameHelp: 'If empty: the date (dd/mm/yyyy).', add: 'Add the period', delete: 'Delete',
    deleteLabel: 'Delete the period {{label}}', confirmDelete: 'Delete the period “{{label}}”? The change stays in the change log.',
    added: 'Period “{{label}}” added.', deleted: 'Period “{{label}}” deleted.', onlyEmptyOpen: 'Only an open period without entered values can be deleted.',
    errors: {
      date: 'Give a date in {{year}}.', duplicate: 'There is already a period with this date.', 'not-open': 'The period is no longer open: it cannot be deleted.',
      'has-measurements': 'The period holds entered values ({{count}}): it cannot be deleted.', 'has-attachments': 'The period holds evidence files ({{count}}): remove them first, one by one, or keep the period.', 'has-comments': 'The period holds comments ({{count}}): a period with a conversation is kept.', 'last-period': 'It is the plan’s only period: it cannot be deleted.',
      forbidden: 'You may not manage periods.',
    },
  },
  detail: {
    close: 'Close details', explanation: 'How it is computed', formula: 'Rule', contributions: 'Contributions', share: 'Share', score: 'Score', points: 'Points',
    excluded: 'excluded', history: 'Across periods', audit: 'Change log', noAudit: 'No changes recorded.', evidence: 'Evidence',
    notes: 'Notes', source: 'Source', owner: 'Owner', unit: 'Unit', scoring: 'Scoring rule', indicators: 'Indicators', when: 'When', who: 'Who', what: 'What',
    rule: {
      on_off: 'Met/not met: 100 when the actual meets the target ({{comparator}} {{target}}), otherwise 0.',
      proportional: 'Proportional: actual divided by target (target by actual for “≤”), at most 100.',
      bands: 'Bands: the score of the band the actual reaches.',
      threshold: 'Threshold: 0 at the floor, 100 at the target, a straight line between.',
    },
    derived: 'The actual is computed (weighted mean of the child objectives), not entered.',
    mean: 'The objective’s performance is the mean of its counted indicators’ scores, weighted by their weights.',
    failed: 'Could not load: {{message}}',
  },
  entry: {
    title: 'Enter the actual', actual: 'Actual', state: 'State', reason: 'N.V. reason', evidence: 'Evidence', notes: 'Notes', source: 'Source', save: 'Save',
    saved: 'Saved: the tree has been recomputed.', conflict: 'Someone else saved first: your value was NOT saved. Current value: {{current}}. Reload and try again.',
    locked: 'Period locked: {{message}}', forbidden: 'You may not edit this indicator.', readOnly: 'Read-only', invalidNumber: 'Write a number (e.g. 1.587,10).',
    implausiblePercent: 'An unusual value for a percentage: {{value}}%. Check it before saving.', percentForNumber: 'This indicator counts in numbers, not percentages: remove the % sign.', tooManyDigits: 'Too many digits: at most 15 before the decimal comma and 20 after.',
    invalidDate: 'Write a date dd/mm/yyyy.', reasonRequired: 'For N.V. give the reason.', reload: 'Reload', noPeriod: 'A monitoring period is needed to enter data.',
    measures: 'Base measures', measuresHint: 'The actual is computed from these measures: {{formula}}.', computed: 'Computed actual', computedNone: 'Computed once the base measures are filled in.',
    roles: { numerator: 'Numerator', denominator: 'Denominator', current: 'Current value', previous: 'Previous value' },
    problems: { required: 'Give the value.', invalid: 'Write a number (e.g. 1.587,10).', zero: 'Cannot be 0: the formula divides by this value.' },
    fixMeasures: 'Correct the base measures marked.',
  },
  whatif: {
    title: 'What-if simulation', start: 'Simulate', stop: 'Leave the simulation', reset: 'Undo simulated changes',
    banner: 'Simulation: changed values are not saved and disappear when you leave.', changed: '{{count}} simulated changes', approximate: '{{count}} indicators with rules that cannot be rebuilt: approximate simulation.',
    need: 'What is needed?', needTitle: 'What does {{indicator}} need to bring {{node}} to {{band}}?', node: 'Objective', band: 'Band', compute: 'Compute',
    already: '{{node}} is already {{band}} ({{performance}}).', reachable: 'It needs an actual of {{actual}}: {{node}} reaches {{performance}} ({{band}}).',
    unreachable: 'Not enough: even at {{actual}}, {{node}} reaches {{performance}} ({{band}}).', unsupported: 'Not available for this indicator.',
    simulated: 'simulated', apply: 'Try this value',
  },
  charts: {
    title: 'Charts', byArea: 'Performance by area', byStrategic: 'Performance by strategic objective', perBand: 'Objectives per band', history: 'Actual across periods against the target',
    show: 'Show charts', hide: 'Hide charts',
    level: 'Level', area: 'Area', allAreas: 'All areas', byLevel: 'Performance by {{level}}', levels: { areas: 'strategic area', strategic: 'strategic objective', operational: 'operational objective' },
    threshold: '{{band}} threshold {{value}}', many: '{{count}} objectives: scroll the chart or choose an area.', empty: 'No objective at this level.',
  },
  export: {
    title: 'Export', pdf: 'PDF', xlsx: 'Excel (XLSX)', csv: 'CSV',
    progressLabel: 'Preparing the {{format}} file', queued: 'Queued…', progress: '{{done}} of {{total}} objectives', failed: 'The file could not be prepared: try again.',
  },
  users: {
    title: 'Users', nav: 'Users', list: 'Accounts', name: 'Name', username: 'Username', role: 'Role', units: 'Organisational units', active: 'Active', actions: 'Actions',
    yes: 'Active', no: 'Deactivated', none: 'None', create: 'New user', createSubmit: 'Create the user', displayName: 'Full name', password: 'Password',
    unitsHint: 'One per line or comma-separated.', passwordHint: 'At least {{min}} characters.', usernameHint: '2 to 64 letters, digits, dots, dashes, underscores or @.',
    created: 'User “{{name}}” created.', updated: 'User “{{name}}” updated.', edit: 'Edit {{name}}', editTitle: 'Edit the user {{name}}',
    deactivate: 'Deactivate {{name}}', reactivate: 'Reactivate {{name}}', deactivated: 'User “{{name}}” deactivated: their sessions are closed.', reactivated: 'User “{{name}}” reactivated.',
    forbidden: 'Only the administrator manages users.',
    errors: {
      field: { username: 'Invalid username: 2 to 64 letters, digits, dots, dashes, underscores or @.', password: 'The password needs at least {{min}} characters (at most 200).', displayName: 'Give the name.', units: 'Invalid units (at most 100, each up to 200 characters).', role: 'Choose a role.' },
      duplicate: { username: 'This username is already taken.' },
      'not-found': 'The user no longer exists: reload the page.', forbidden: 'You may not do this.',
    },
  },
  edit: {
    tools: 'Tree editing', addChild: 'Add an objective under {{code}}', addArea: 'Add a strategic area', editNode: 'Edit the objective', deleteNode: 'Delete the objective',
    addIndicator: 'Add an indicator', editIndicator: 'Edit the indicator', deleteIndicator: 'Delete the indicator',
    code: 'Code', title: 'Title', weight: 'Weight (%)', weightHint: '0 to 100; empty: counts like its sibling objectives.', indicatorWeightHint: 'Weight in the objective, 0 to 100.',
    name: 'Name', comparator: 'Comparator', target: 'Target', unit: 'Unit', scoring: 'Scoring rule', floor: 'Floor', formula: 'Calculation',
    formulaNone: 'None: the actual is entered', formulaMean: 'Weighted mean of the child objectives’ performance',
    formulaRatio: 'Ratio of two base measures (numerator / denominator × scale)', formulaTrend: 'Trend: (current − previous) / previous × 100',
    measuresLegend: 'Base measures', measuresHint: 'Names of the measures entered each period (e.g. pratiche_evase).',
    numerator: 'Numerator', denominator: 'Denominator', scale: 'Scale', scaleHint: '100 for a percentage, 1 for a plain ratio.', current: 'Current value', previous: 'Previous value',
    units: { number: 'Number', percent: 'Percent', date: 'Date', boolean: 'Yes/no' },
    rules: { on_off: 'Met/not met', proportional: 'Proportional', threshold: 'Threshold', bands: 'Bands (scaglioni)' },
    bandMode: 'Band mode', bandModes: { interpolated: 'Interpolated (straight line between points)', fixed: 'Fixed (score of the band reached)' },
    pointsLegend: 'Scale points (value → score)', pointsHint: 'Increasing values in the indicator\'s unit (e.g. {{example}}), scores from 0 to 100.',
    pointValue: 'Value {{n}}', pointScore: 'Score {{n}}', removePoint: 'Remove point {{n}}', remove: 'Remove', addPoint: 'Add a point',
    comparators: { '>=': '≥ at least', '<=': '≤ at most', '=': '= equal to' },
    confirmNode_one: 'Delete the objective {{code}} “{{title}}”? Its indicator and all its entered values go with it. The change stays in the change log.',
    confirmNode_other: 'Delete the objective {{code}} “{{title}}”? Its {{count}} indicators and all their entered values go with it. The change stays in the change log.',
    confirmNodeNone: 'Delete the objective {{code}} “{{title}}”? It has no indicators. The change stays in the change log.',
    hasChildren_one: 'To delete {{code}}, first delete its child objective.', hasChildren_other: 'To delete {{code}}, first delete its {{count}} child objectives.',
    confirmIndicator: 'Delete the indicator “{{name}}” of {{code}}? All its entered values, in every period, go with it. The change stays in the change log.',
    delete: 'Delete', saved: 'Change saved: the tree has been recomputed.',
    reload: 'Reload',
    errors: {
      field: { code: 'Invalid code (e.g. A.2.1: letters, digits, dots, dashes).', title: 'Give the title.', weight: 'The weight is a number from 0 to 100 (e.g. 30 or 33.33).', name: 'Give the name.', target: 'The target cannot be read in this unit.', scoring: 'Invalid rule or floor.', formula: 'Invalid formula: give the names of the base measures and, for a ratio, a numeric scale.' },
      duplicate: { code: 'An objective with this code already exists.' },
      points: { empty: 'Fill in this field.', value: 'This value cannot be read in this unit.', score: 'The score is a number from 0 to 100.', order: 'The value must be greater than the one before.' },
      measureName: 'Give the name of the base measure.', scale: 'Write the scale as a number (e.g. 100).',
      conflict: 'Someone else changed this item after you opened it: your changes were NOT saved. Reload to see the current version.',
      'has-children': 'The objective has child objectives: delete them first.', 'not-found': 'It no longer exists: reload.', forbidden: 'You may not edit the tree.',
    },
  },
  changes: {
    open: 'Compare / Changes', hide: 'Close the comparison', title: 'Changes', compareWith: 'Compare with', show: 'Show the changes',
    against: { closing: 'the period as last closed', period: 'another period', plan: 'another plan' }, period: 'Period to compare with', plan: 'Plan to compare with',
    planPeriod: 'Period of the plan to compare with', yearEnd: 'year end (default)', noOtherPeriod: 'The plan has no other period.', noOtherPlan: 'No other plan you can read.',
    neverClosed: 'The period has never been closed: there is no closing to compare it with.', none: 'No changes',
    closedAt: 'Compared with the period “{{period}}” as it was when closed on {{at}} by {{user}}.',
    between: 'From the period {{beforePeriod}} of {{beforePlan}} to the period {{afterPeriod}} of {{afterPlan}}.',
    count_one: '1 change', count_other: '{{count}} changes', objective: 'Objective', indicator: 'Indicator', what: 'What changes', before: 'Before', after: 'After', thisPlan: 'this plan',
    select: 'Select {{code}} in the tree', caption_one: '{{group}}: 1 change', caption_other: '{{group}}: {{count}} changes',
    group: {
      structure: 'Structure: objectives and indicators added, removed, moved or renamed',
      plan: 'Plan: targets, weights and rules (to disclose in the Relazione)',
      measurement: 'Measurements: actuals and states',
      result: 'Results: objective performance',
    },
    kind: {
      'objective-added': 'objective added', 'objective-removed': 'objective removed', 'objective-parent': 'objective moved', 'objective-title': 'objective title',
      'indicator-added': 'indicator added', 'indicator-removed': 'indicator removed', 'indicator-name': 'indicator name', settings: 'plan settings',
      'objective-weight': 'objective weight', weight: 'indicator weight', comparator: 'comparator', target: 'target', unit: 'unit',
      scoring: 'scoring rule', formula: 'formula', measurement: 'actual', performance: 'objective performance',
    },
  },
  common: { loading: 'Loading…', error: 'Error: {{message}}', yes: 'yes', no: 'no', close: 'Close', cancel: 'Cancel', save: 'Save', edit: 'Edit' },
};

const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem('albero.lang');

void i18next.use(initReactI18next).init({
  resources: { it: { translation: it as unknown as Tree }, en: { translation: en as unknown as Tree } },
  lng: stored === 'en' ? 'en' : 'it',
  fallbackLng: 'it',
  interpolation: { escapeValue: false },
});

if (typeof document !== 'undefined') document.documentElement.lang = i18next.language === 'en' ? 'en' : 'it';

export function setLanguage(lng: 'it' | 'en'): void {
  void i18next.changeLanguage(lng);
  localStorage.setItem('albero.lang', lng);
  document.documentElement.lang = lng;
}

export default i18next;
