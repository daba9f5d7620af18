/** The words of the registry screen and of the assignment fields (unit, person, bulk reassignment), Italian first. */
import i18next from '../i18n.js';
import '../campaign/i18n-work.js';

const it = {
  unitPicker: {
    hint: 'Scegli dal registro delle strutture: l’utente vede e inserisce i valori degli indicatori delle sue strutture.', search: 'Cerca una struttura per nome o codice',
    loading: 'Caricamento delle strutture…', empty: 'Il registro non ha strutture: aggiungile in «Strutture».', noMatch: 'Nessuna struttura corrisponde alla ricerca.',
    none: 'Nessuna struttura scelta.', chosen: 'Scelte: {{names}}',
  },
  units: {
    list: 'Elenco delle strutture', edit: 'Modifica', editLabel: 'Modifica {{name}}', editTitle: 'Modifica la struttura {{name}}', addTitle: 'Nuova struttura', saved: 'Struttura «{{name}}» salvata.',
    kindHint: 'Area, Settore, Servizio, Ufficio…', noParent: '(nessuna: struttura di primo livello)', noHead: '(nessuno)', membersHint: 'Le persone che lavorano nella struttura: vedono e inseriscono i valori dei suoi indicatori.',
    file: 'File del registro (.csv o .xlsx)', fileHint: 'Colonne codice, nome, tipo, padre, responsabile, membri (separati da virgole); ogni riga aggiunge o aggiorna la struttura del suo codice.',
    importTitle: 'Importa o esporta il registro', exportTitle: 'Esporta', noFile: 'Scegliere un file.', importIssues: 'Il file non si può importare: nulla è stato salvato.',
    inUseObjectives: 'Obiettivi assegnati', inUseChildren: 'Strutture sottostanti: {{codes}}', forbidden: 'Solo l’amministratore gestisce le strutture.',
    count_one: '1 struttura', count_other: '{{count}} strutture',
    errors: {
      field: { code: 'Codice non valido: lettere, cifre, punti, trattini o barre, fino a 40 (es. UI o 2.1).', name: 'Indicare il nome.', kind: 'Indicare il tipo (es. Ufficio).', parentId: 'Struttura superiore non valida (non può essere la struttura stessa o una sua sottostante).', headId: 'Responsabile sconosciuto.', members: 'Componente sconosciuto.' },
      duplicate: { code: 'Esiste già una struttura con questo codice o nome.' },
      conflict: 'Qualcun altro ha modificato la struttura dopo che l’hai aperta: le tue modifiche NON sono state salvate. Ricarica.',
      'not-found': 'La struttura non esiste più: ricarica la pagina.', forbidden: 'Non hai i permessi per questa operazione.',
    },
  },
  assign: {
    unit: 'Struttura', person: 'Responsabile', inherited: '(come l’obiettivo superiore)', none: '(nessuna)', nobody: '(nessuno)',
    unitHint: 'La struttura che ne risponde: i suoi referenti inseriscono i valori.', personHint: 'La persona che ne risponde (facoltativo).',
    filterUnit: 'Struttura', filterPerson: 'Responsabile', mine: 'Solo i miei indicatori', noneAssigned: 'Non assegnati',
    bulk: 'Riassegna', bulkTitle: 'Riassegnazione in blocco', bulkIntro: 'Scegli gli obiettivi e gli indicatori da spostare, poi la struttura e la persona a cui assegnarli.',
    bulkFrom: 'Seleziona tutto ciò che è assegnato a', bulkPick: 'Scegli…', selected_one: '1 elemento selezionato', selected_other: '{{count}} elementi selezionati', selectAll: 'Seleziona tutti quelli mostrati', clearAll: 'Deseleziona tutti',
    toUnit: 'Nuova struttura', toPerson: 'Nuovo responsabile', keep: '(lascia com’è)', clear: '(togli l’assegnazione)', submit: 'Riassegna',
    done: 'Riassegnati {{nodes}} obiettivi e {{indicators}} indicatori.', nothing: 'Selezionare almeno un obiettivo o un indicatore.', noChange: 'Scegliere una nuova struttura o un nuovo responsabile.',
    items: 'Obiettivi e indicatori', objective: 'Obiettivo {{code}}: {{title}}', indicator: 'Indicatore di {{code}}: {{name}}',
    revision: 'Il piano è adottato: le riassegnazioni si fanno dentro una variazione. Apri una variazione nel registro delle variazioni, poi riprova.',
  },
};

const en: typeof it = {
  unitPicker: {
    hint: 'Pick from the registry of units: the user sees and enters the values of their units’ indicators.', search: 'Search a unit by name or code',
    loading: 'Loading the units…', empty: 'The registry has no units: add them under “Units”.', noMatch: 'No unit matches the search.',
    none: 'No unit chosen.', chosen: 'Chosen: {{names}}',
  },
  units: {
    list: 'The units', edit: 'Edit', editLabel: 'Edit {{name}}', editTitle: 'Edit the unit {{name}}', addTitle: 'New unit', saved: 'Unit “{{name}}” saved.',
    kindHint: 'Area, Settore, Servizio, Ufficio…', noParent: '(none: a top-level unit)', noHead: '(nobody)', membersHint: 'The people who work in the unit: they see and enter the values of its indicators.',
    file: 'Registry file (.csv or .xlsx)', fileHint: 'Columns codice, nome, tipo, padre, responsabile, membri (comma-separated); each row adds or updates the unit of its code.',
    importTitle: 'Import or export the registry', exportTitle: 'Export', noFile: 'Choose a file.', importIssues: 'The file cannot be imported: nothing was stored.',
    inUseObjectives: 'Objectives assigned', inUseChildren: 'Units under it: {{codes}}', forbidden: 'Only the administrator manages the units.',
    count_one: '1 unit', count_other: '{{count}} units',
    errors: {
      field: { code: 'Not a valid code: letters, digits, dots, dashes or slashes, up to 40 (e.g. UI or 2.1).', name: 'Give the name.', kind: 'Give the kind (e.g. Ufficio).', parentId: 'Not a valid parent unit (not the unit itself nor one under it).', headId: 'Unknown head.', members: 'Unknown member.' },
      duplicate: { code: 'Another unit has this code or name.' },
      conflict: 'Someone else changed the unit after you opened it: your changes were NOT saved. Reload.',
      'not-found': 'The unit no longer exists: reload the page.', forbidden: 'You may not do this.',
    },
  },
  assign: {
    unit: 'Unit', person: 'Person responsible', inherited: '(as the objective above)', none: '(none)', nobody: '(nobody)',
    unitHint: 'The unit answerable for it: its referenti enter the values.', personHint: 'The person answerable for it (optional).',
    filterUnit: 'Unit', filterPerson: 'Person responsible', mine: 'Only my indicators', noneAssigned: 'Not assigned',
    bulk: 'Reassign', bulkTitle: 'Bulk reassignment', bulkIntro: 'Choose the objectives and indicators to move, then the unit and the person to assign them to.',
    bulkFrom: 'Select everything assigned to', bulkPick: 'Choose…', selected_one: '1 item selected', selected_other: '{{count}} items selected', selectAll: 'Select all shown', clearAll: 'Select none',
    toUnit: 'New unit', toPerson: 'New person responsible', keep: '(leave as is)', clear: '(remove the assignment)', submit: 'Reassign',
    done: 'Reassigned {{nodes}} objectives and {{indicators}} indicators.', nothing: 'Select at least one objective or indicator.', noChange: 'Choose a new unit or a new person.',
    items: 'Objectives and indicators', objective: 'Objective {{code}}: {{title}}', indicator: 'Indicator of {{code}}: {{name}}',
    revision: 'The plan is adopted: reassignments are made inside a revision. Open a revision in the register of revisions, then try again.',
  },
};

i18next.addResourceBundle('it', 'translation', it, true, false);
i18next.addResourceBundle('en', 'translation', en, true, false);

export {};
