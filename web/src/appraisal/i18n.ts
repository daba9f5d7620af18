/** The words of individual performance, Italian first. */
import i18next from '../i18n.js';

const it = {
  nav: 'Valutazioni',
  title: 'Valutazione individuale',
  list: { mine: 'Le schede che posso vedere', empty: 'Nessuna scheda.', person: 'Valutato', evaluator: 'Valutatore', category: 'Categoria', state: 'Stato', score: 'Punteggio', band: 'Fascia', open: 'Apri la scheda di {{name}}', year: 'Anno' },
  create: { title: 'Nuova scheda', person: 'Persona valutata', evaluator: 'Valutatore', category: 'Categoria', plan: 'Piano (risultati organizzativi)', unit: 'Struttura', from: 'Dal', to: 'Al', partTime: 'Part-time (%)', submit: 'Crea la scheda', done: 'Scheda creata.', none: '—' },
  category: { dirigente: 'Dirigente', eq: 'Elevata qualificazione / P.O.', personale: 'Personale' },
  form: {
    back: 'Tutte le schede', person: 'Valutato', evaluator: 'Valutatore', score: 'Punteggio', provisional: 'provvisorio', frozen: 'definitivo alla valutazione', band: 'Fascia «{{label}}», coefficiente di premio {{share}}',
    noSmvp: 'Manca il Sistema di misurazione e valutazione per questo anno.', components: 'Componenti', component: 'Componente', weight: 'Peso', share: 'Quota', scoreCol: 'Punteggio', points: 'Punti',
    how: 'Come si calcola', issues: 'Da sistemare', units: 'Strutture e giorni', days: 'giorni', effective: 'giorni effettivi',
    objectives: 'Obiettivi individuali', objective: 'Obiettivo', target: 'Target', comparator: 'Confronto', unit: 'Unità', actual: 'Consuntivo', stateCol: 'Stato', addObjective: 'Aggiungi un obiettivo', remove: 'Rimuovi', removeLabel: 'Rimuovi l’obiettivo {{n}}',
    saveObjectives: 'Salva gli obiettivi', saved: 'Salvato.', behaviours: 'Comportamenti', rating: 'Giudizio', notRated: 'Non valutato', saveRatings: 'Salva i giudizi',
    scale: 'Scala di giudizio', record: 'Fasi', trail: 'Registro della scheda', documents: 'Documenti da firmare', pdf: 'Scheda PDF', docx: 'Scheda DOCX',
    note: 'Note del colloquio', reason: 'Motivo', outcome: 'Esito della conciliazione', confirmed: 'Valutazione confermata', revised: 'Valutazione rivista', conciliationNote: 'Verbale / note',
    acknowledged: 'Presa visione: valutato {{person}}, valutatore {{evaluator}}', notYet: 'non ancora',
    unitNames: { number: 'numero', percent: '%', date: 'data', boolean: 'sì/no' },
    states: { measured: 'Misurato', not_achieved: 'Non raggiunto', not_evaluable: 'N.V.', not_measured: 'Non misurato' },
  },
  action: { acknowledge: 'Prendo visione degli obiettivi', interview: 'Registra il colloquio intermedio', evaluate: 'Chiudi la valutazione', accept: 'Accetto la valutazione', contest: 'Contesto la valutazione', conciliate: 'Registra la conciliazione', finalise: 'Rendi definitiva', reopen: 'Riapri la scheda', done: 'Fatto: {{state}}.' },
  rewards: { title: 'Premi', category: 'Categoria', fund: 'Fondo (€)', distribute: 'Distribuisci il fondo', person: 'Persona', band: 'Fascia', coefficient: 'Coefficiente', days: 'Giorni effettivi', amount: 'Premio (€)', total: 'Totale', aggregates: 'Distribuzione anonima (XLSX)', opendata: 'Dati aperti (CSV)', extra: '+1 centesimo (resto)' },
  smvp: {
    nav: 'SMVP', title: 'Sistema di misurazione e valutazione (SMVP)',
    intro: 'Ogni salvataggio è una nuova versione: quelle precedenti restano, e le schede valutate con esse continuano a indicarle. Scala di giudizio e comportamenti si modificano nel file JSON o XLSX.',
    version: 'Versione', current: 'Versione {{version}} (in vigore)', earlier: 'Versione {{version}}', none: 'Nessun SMVP salvato per il {{year}}.', start: "Parti dall'esempio (linee guida DFP 5/2019)",
    readOnly: 'Versione {{version}}: in sola lettura (per cambiare si parte dalla versione in vigore).', legend: 'Legenda degli obiettivi', green: 'Soglia verde (%)', yellow: 'Soglia gialla (%)',
    weightPolicy: 'Pesi che non sommano a 100', strict: 'Rifiutati', normalise: 'Riproporzionati con avviso',
    components: 'Pesi delle componenti (%)', component: { body: "Performance dell'ente", unit: 'Performance della struttura', objectives: 'Obiettivi individuali', behaviours: 'Comportamenti' }, total: 'Totale: {{total}}%',
    bands: 'Fasce di valutazione', bandsOf: 'Fasce di valutazione: {{category}}', label: 'Fascia', min: 'Da (%)', max: 'A (%)', share: 'Coefficiente di premio (%)', bandField: '{{field}}, fascia {{n}}', bandN: 'la fascia {{n}}', addBand: 'Aggiungi una fascia',
    thresholds: 'Range di valutazione propri degli indicatori', thresholdsHelp: 'Dove il piano stampa un proprio «range di valutazione» su una riga: l’indicatore (codice dell’obiettivo e nome dell’indicatore) è colorato con queste soglie.',
    objective: 'Obiettivo (codice)', indicator: 'Indicatore', rowField: '{{field}}, riga {{n}}', rowN: 'la riga {{n}}', addThreshold: 'Aggiungi un range',
    reason: 'Motivo della nuova versione (es. delibera)', save: 'Salva come versione {{version}}', saved: 'Salvata la versione {{version}}.',
  },
  errors: { generic: 'Operazione non riuscita: {{message}}', 'rating-outside-scale': 'Giudizio fuori dalla scala.', 'self-evaluation': 'Nessuno valuta sé stesso: scegliere un altro valutatore.', 'form-incomplete': 'La scheda non è completa.', conflict: 'La scheda è stata modificata nel frattempo: ricaricata.', forbidden: 'Non puoi farlo in questa fase.', 'forms-not-final': 'Alcune schede della categoria non sono ancora definitive.' },
};

const en: typeof it = {
  nav: 'Appraisals',
  title: 'Individual appraisal',
  list: { mine: 'The forms I may see', empty: 'No forms.', person: 'Appraisee', evaluator: 'Evaluator', category: 'Category', state: 'State', score: 'Score', band: 'Band', open: 'Open the form of {{name}}', year: 'Year' },
  create: { title: 'New form', person: 'Person appraised', evaluator: 'Evaluator', category: 'Category', plan: 'Plan (organisational results)', unit: 'Unit', from: 'From', to: 'To', partTime: 'Part time (%)', submit: 'Create the form', done: 'Form created.', none: '—' },
  category: { dirigente: 'Manager', eq: 'EQ / organisational position', personale: 'Staff' },
  form: {
    back: 'All forms', person: 'Appraisee', evaluator: 'Evaluator', score: 'Score', provisional: 'provisional', frozen: 'fixed at the evaluation', band: 'Band “{{label}}”, bonus coefficient {{share}}',
    noSmvp: 'There is no measurement system (SMVP) for this year.', components: 'Components', component: 'Component', weight: 'Weight', share: 'Share', scoreCol: 'Score', points: 'Points',
    how: 'How it is computed', issues: 'To fix', units: 'Units and days', days: 'days', effective: 'effective days',
    objectives: 'Individual objectives', objective: 'Objective', target: 'Target', comparator: 'Comparison', unit: 'Unit', actual: 'Actual', stateCol: 'State', addObjective: 'Add an objective', remove: 'Remove', removeLabel: 'Remove objective {{n}}',
    saveObjectives: 'Save the objectives', saved: 'Saved.', behaviours: 'Behaviours', rating: 'Rating', notRated: 'Not rated', saveRatings: 'Save the ratings',
    scale: 'Rating scale', record: 'Steps', trail: 'Form trail', documents: 'Documents to sign', pdf: 'Form as PDF', docx: 'Form as DOCX',
    note: 'Interview notes', reason: 'Reason', outcome: 'Conciliation outcome', confirmed: 'Appraisal confirmed', revised: 'Appraisal revised', conciliationNote: 'Minutes / notes',
    acknowledged: 'Acknowledged: appraisee {{person}}, evaluator {{evaluator}}', notYet: 'not yet',
    unitNames: { number: 'number', percent: '%', date: 'date', boolean: 'yes/no' },
    states: { measured: 'Measured', not_achieved: 'Not achieved', not_evaluable: 'N.V.', not_measured: 'Not measured' },
  },
  action: { acknowledge: 'I acknowledge the objectives', interview: 'Record the mid-year interview', evaluate: 'Close the evaluation', accept: 'I accept the appraisal', contest: 'I contest the appraisal', conciliate: 'Record the conciliation', finalise: 'Make final', reopen: 'Reopen the form', done: 'Done: {{state}}.' },
  rewards: { title: 'Bonuses', category: 'Category', fund: 'Fund (€)', distribute: 'Distribute the fund', person: 'Person', band: 'Band', coefficient: 'Coefficient', days: 'Effective days', amount: 'Bonus (€)', total: 'Total', aggregates: 'Anonymised distribution (XLSX)', opendata: 'Open data (CSV)', extra: '+1 cent (remainder)' },
  smvp: {
    nav: 'SMVP', title: 'Performance measurement and evaluation system (SMVP)',
    intro: 'Every save is a new version: the earlier ones stay, and forms evaluated under them keep naming them. The rating scale and the behaviours are edited in the JSON or XLSX file.',
    version: 'Version', current: 'Version {{version}} (in force)', earlier: 'Version {{version}}', none: 'No SMVP saved for {{year}}.', start: 'Start from the example (DFP guideline 5/2019)',
    readOnly: 'Version {{version}}: read only (changes start from the version in force).', legend: 'Legend of the objectives', green: 'Green threshold (%)', yellow: 'Yellow threshold (%)',
    weightPolicy: 'Weights not summing to 100', strict: 'Refused', normalise: 'Rescaled with a warning',
    components: 'Component weights (%)', component: { body: "The body's performance", unit: "The unit's performance", objectives: 'Individual objectives', behaviours: 'Behaviours' }, total: 'Total: {{total}}%',
    bands: 'Rating bands', bandsOf: 'Rating bands: {{category}}', label: 'Band', min: 'From (%)', max: 'To (%)', share: 'Bonus coefficient (%)', bandField: '{{field}}, band {{n}}', bandN: 'band {{n}}', addBand: 'Add a band',
    thresholds: "The indicators' own evaluation ranges", thresholdsHelp: 'Where the plan prints its own "range di valutazione" on a row: the indicator (objective code and indicator name) is banded with these thresholds.',
    objective: 'Objective (code)', indicator: 'Indicator', rowField: '{{field}}, row {{n}}', rowN: 'row {{n}}', addThreshold: 'Add a range',
    reason: 'Why a new version (e.g. the decree)', save: 'Save as version {{version}}', saved: 'Version {{version}} saved.',
  },
  errors: { generic: 'It did not work: {{message}}', 'rating-outside-scale': 'Rating outside the scale.', 'self-evaluation': 'Nobody evaluates themselves: choose another evaluator.', 'form-incomplete': 'The form is not complete.', conflict: 'The form was changed meanwhile: reloaded.', forbidden: 'You cannot do that at this stage.', 'forms-not-final': 'Some forms of the category are not final yet.' },
};

i18next.addResourceBundle('it', 'translation', { appraisal: it }, true, false);
i18next.addResourceBundle('en', 'translation', { appraisal: en }, true, false);

export default i18next;
