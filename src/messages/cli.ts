/**
 * The command line's own sentences, in Italian and English: summaries after the issues, what a
 * command wrote, its refusals, and commander's usage errors said again by code (src/cli/program.ts).
 * Loaded at every start of `albero`: keep it free of zod and of anything heavy (test/cli-start.test.ts).
 */
import { defineMessages, fileProblemWords, message, TABLE_EXTENSIONS, type FileProblem, type Language } from '../core/messages/index.js';
import { BAND_WORDS, type Band } from '../core/band.js';
import { NOT_EVALUABLE_MARK } from '../core/words.js';
import { roleWords } from './account-words.js';
import { nextYearWords } from './next-year.js';

/** `.txt/.tsv/.csv` and `.xlsx`: the readers' own list (core/messages/import.ts), as the help says it. */
const TEXT_TABLES = TABLE_EXTENSIONS.text.join('/');
const WORKBOOKS = TABLE_EXTENSIONS.workbook.join('/');

const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** "3 aree strategiche, 46 obiettivi": the areas apart from the objectives, as the Relazione counts them (core `planSize`). */
const size = (p: { areas: number; objectives: number }, language: Language): string =>
  language === 'it'
    ? `${n(p.areas, 'area strategica', 'aree strategiche')}, ${n(p.objectives, 'obiettivo', 'obiettivi')}`
    : `${n(p.areas, 'strategic area', 'strategic areas')}, ${n(p.objectives, 'objective', 'objectives')}`;

/** Commander's "(Did you mean …?)", in the language. */
function didYouMean(suggestions: readonly string[], language: Language): string {
  if (suggestions.length === 0) return '';
  const list = suggestions.join(', ');
  if (language === 'it') return `\n(forse ${suggestions.length === 1 ? '' : 'uno tra '}${list}?)`;
  return `\n(Did you mean ${suggestions.length === 1 ? '' : 'one of '}${list}?)`;
}

/** The first few of a list of files, then "…": a site of several years has dozens. */
function shortList(files: readonly string[]): string {
  return files.length > 3 ? `${files.slice(0, 3).join(', ')}, …` : files.join(', ');
}

export { DIFF_WORDS } from './diff-words.js';

/** `albero evaluate`'s table: its column heads (the published table's, in Italian) and the states without a number. */
export const TREE_WORDS: Record<Language, { name: string; weight: string; target: string; actual: string; kpi: string; objective: string; notEvaluable: string; notAchieved: string }> = {
  it: { name: 'Obiettivo / Indicatore', weight: 'Peso', target: 'Target', actual: 'Consuntivo', kpi: 'KPI', objective: 'Obiettivo', notEvaluable: NOT_EVALUABLE_MARK.it, notAchieved: 'non raggiunto' },
  en: { name: 'Objective / Indicator', weight: 'Weight', target: 'Target', actual: 'Actual', kpi: 'KPI', objective: 'Objective', notEvaluable: NOT_EVALUABLE_MARK.en, notAchieved: 'not achieved' },
};

export const CLI_MESSAGES = defineMessages({
  // Usage errors: commander's own, said again by code (program.ts); the English keeps commander's words.
  'cli-missing-argument': message<{ name: string }>({
    it: (p) => `errore: manca l'argomento obbligatorio '${p.name}'`,
    en: (p) => `error: missing required argument '${p.name}'`,
  }),
  'cli-option-missing-argument': message<{ option: string }>({
    it: (p) => `errore: all'opzione '${p.option}' manca il valore`,
    en: (p) => `error: option '${p.option}' argument missing`,
  }),
  'cli-missing-option': message<{ option: string }>({
    it: (p) => `errore: l'opzione obbligatoria '${p.option}' non è stata indicata`,
    en: (p) => `error: required option '${p.option}' not specified`,
  }),
  'cli-unknown-option': message<{ option: string; suggestions: readonly string[] }>({
    it: (p) => `errore: opzione sconosciuta '${p.option}'${didYouMean(p.suggestions, 'it')}`,
    en: (p) => `error: unknown option '${p.option}'${didYouMean(p.suggestions, 'en')}`,
  }),
  'cli-unknown-command': message<{ command: string; suggestions: readonly string[] }>({
    it: (p) => `errore: comando sconosciuto '${p.command}'${didYouMean(p.suggestions, 'it')}`,
    en: (p) => `error: unknown command '${p.command}'${didYouMean(p.suggestions, 'en')}`,
  }),
  'cli-excess-arguments': message<{ command: string; expected: number; got: number }>({
    it: (p) => `errore: troppi argomenti per '${p.command}': ${p.expected === 1 ? 'ne è atteso 1' : `ne sono attesi ${p.expected}`}, ricevuti ${p.got}`,
    en: (p) => `error: too many arguments for '${p.command}'. Expected ${n(p.expected, 'argument', 'arguments')} but got ${p.got}.`,
  }),
  'cli-invalid-option-value': message<{ option: string; value: string; reason: string }>({
    it: (p) => `errore: il valore '${p.value}' dell'opzione '${p.option}' non è valido: ${p.reason}`,
    en: (p) => `error: option '${p.option}' argument '${p.value}' is invalid. ${p.reason}`,
  }),
  'cli-choices': message<{ choices: readonly string[] }>({
    it: (p) => `i valori ammessi sono ${p.choices.join(', ')}`,
    en: (p) => `Allowed choices are ${p.choices.join(', ')}.`,
  }),
  'cli-usage-error': message<{ message: string }>({
    it: (p) => `errore: ${p.message}`,
    en: (p) => `error: ${p.message}`,
  }),
  // --help: commander's headings and its own options.
  'cli-help-title': message<{ title: string }>({
    it: (p) => ({ 'Usage:': 'Uso:', 'Arguments:': 'Argomenti:', 'Options:': 'Opzioni:', 'Global Options:': 'Opzioni globali:', 'Commands:': 'Comandi:' })[p.title] ?? p.title,
    en: (p) => p.title,
  }),
  'cli-help-option': message({ it: "mostra l'aiuto del comando", en: 'display help for command' }),
  'cli-version-option': message({ it: 'mostra il numero di versione', en: 'output the version number' }),
  'cli-lang-option': message({
    it: 'la lingua dei messaggi (predefinita: quella del locale, italiano per it_*, altrimenti inglese)',
    en: "the language of messages (default: the locale's, Italian for it_*, else English)",
  }),
  // The extras commander adds after an option's description, said in the language (program.ts).
  'cli-help-choices': message<{ choices: readonly string[] }>({
    it: (p) => `valori: ${p.choices.join(', ')}`,
    en: (p) => `choices: ${p.choices.join(', ')}`,
  }),
  'cli-help-default': message<{ value: string }>({
    it: (p) => `predefinito: ${p.value}`,
    en: (p) => `default: ${p.value}`,
  }),

  // --help: what each command, argument and option is for (the flags themselves stay as they are typed).
  'cli-about-program': message({
    it: "Albero della performance: calcolare, verificare e spiegare l'albero della performance di un ente pubblico",
    en: 'Albero della performance: evaluate, verify and explain the performance tree of a public body',
  }),
  'cli-about-table': message({
    it: `una tabella pubblicata (${TEXT_TABLES}), una cartella di lavoro (${WORKBOOKS}) o un documento JSON di Albero (di «albero import --output», i dati aperti)`,
    en: `a published table (${TEXT_TABLES}), a workbook (${WORKBOOKS}) or a JSON document of Albero's (“albero import --output”'s, the open data)`,
  }),
  'cli-about-plan-file': message({
    it: `una tabella pubblicata (${TEXT_TABLES}), una cartella di lavoro (${WORKBOOKS}) o un documento JSON di Albero (di «albero import --output», i dati aperti)`,
    en: `a published table (${TEXT_TABLES}), a workbook (${WORKBOOKS}) or a JSON document of Albero's (“albero import --output”'s, the open data)`,
  }),
  'cli-about-legend': message({
    it: 'soglie del semaforo in percentuale: verde sopra VERDE, giallo da GIALLA (predefinite 80/60, quelle della tabella di esempio)',
    en: "traffic-light thresholds in percent: green above GREEN, yellow from YELLOW (default 80/60, the fixture's)",
  }),
  'cli-about-scoring': message({
    it: 'regola predefinita degli indicatori ordinari (quelli derivati mantengono la propria)',
    en: 'default rule of ordinary indicators (derived ones keep theirs)',
  }),
  'cli-about-database': message({
    it: 'un file SQLite o un indirizzo postgres:// (predefinito: la variabile DATABASE_URL o data/albero.sqlite)',
    en: 'a SQLite file or a postgres:// URL (default: env DATABASE_URL or data/albero.sqlite)',
  }),
  'cli-about-body': message({ it: "l'ente, per il frontespizio", en: 'the public body, for the title block' }),
  'cli-about-year': message({ it: "l'anno del piano (predefinito: dal titolo)", en: "the plan's year (default: from the title)" }),
  'cli-about-format': message<{ formats: readonly string[] }>({
    it: (p) => `uno tra ${p.formats.join(', ')} (predefinito: dall'estensione del file da scrivere)`,
    en: (p) => `one of ${p.formats.join(', ')} (default: from the output's extension)`,
  }),
  'cli-about-xlsx-output': message({ it: 'il file .xlsx da scrivere', en: 'the .xlsx file to write' }),

  'cli-about-evaluate': message({
    it: 'calcolare la performance e la fascia di ogni indicatore e di ogni obiettivo',
    en: "compute every indicator's and objective's performance and band",
  }),
  'cli-about-evaluate-json': message({ it: 'stampare un documento JSON invece della tabella', en: 'print a JSON document instead of a table' }),
  'cli-about-evaluate-verbose': message({ it: "stampare anche le note informative dell'importazione", en: 'also print informational notes from the import' }),

  'cli-about-verify': message({
    it: 'ricalcolare ogni cella dichiarata di una tabella pubblicata ed elencare quelle che non discendono dai suoi dati',
    en: 'recompute every stated cell of a published table and list those that do not follow from its inputs',
  }),
  'cli-about-verify-json': message({ it: 'stampare { checked, differences } in JSON', en: 'print { checked, differences } as JSON' }),

  'cli-about-explain': message({
    it: 'mostrare passo per passo come si forma la performance di un obiettivo, fino ai suoi indicatori',
    en: "show how an objective's performance was made, step by step, down to its indicators",
  }),
  'cli-about-explain-code': message({ it: "il codice dell'obiettivo, per esempio A.2", en: 'the objective code, e.g. A.2' }),
  'cli-about-explain-json': message({ it: 'stampare la spiegazione in JSON', en: 'print the explanation as JSON' }),

  'cli-about-diff': message({
    it: 'elencare che cosa è cambiato tra due versioni di un piano: struttura, target e pesi, misurazioni, performance',
    en: 'list what changed between two versions of a plan: structure, targets and weights, measurements, performance',
  }),
  'cli-about-diff-before': message({ it: `la versione precedente (${TEXT_TABLES}/${WORKBOOKS})`, en: `the earlier version (${TEXT_TABLES}/${WORKBOOKS})` }),
  'cli-about-diff-after': message({ it: 'la versione successiva', en: 'the later version' }),
  'cli-about-diff-json': message({ it: 'stampare { before, after, counts, changes } in JSON', en: 'print { before, after, counts, changes } as JSON' }),
  'cli-about-diff-only': message({ it: 'un solo gruppo di modifiche', en: 'only one group of changes' }),

  'cli-about-import': message({
    it: `leggere un piano (${WORKBOOKS} nel formato pubblicato o dal modello, oppure ${TEXT_TABLES}) ed elencare ogni problema con la sua posizione`,
    en: `read a plan (${WORKBOOKS} published layout or template, or ${TEXT_TABLES}) and list every problem with its place`,
  }),
  'cli-about-import-file': message({ it: `una cartella di lavoro ${WORKBOOKS} o una tabella pubblicata (${TEXT_TABLES})`, en: `a ${WORKBOOKS} workbook or a published table (${TEXT_TABLES})` }),
  'cli-about-import-check': message({
    it: 'prova: elencare i problemi senza importare nulla (uscita 0 se il piano è utilizzabile, 2 se no)',
    en: 'dry run: list the problems and import nothing (exit 0 when usable, 2 when not)',
  }),
  'cli-about-import-output': message({ it: 'scrivere in questo file il piano importato e calcolato, in JSON', en: 'write the imported, computed plan as JSON to this file' }),
  'cli-about-import-json': message({ it: 'stampare i problemi (e un riepilogo) in JSON sullo standard output', en: 'print the problems (and a summary) as JSON on stdout' }),

  'cli-about-template': message({
    it: 'scrivere un modello .xlsx vuoto (una riga per obiettivo o indicatore) con un foglio di guida in italiano',
    en: 'write a blank .xlsx template (one row per objective or indicator) with an Italian guide sheet',
  }),

  'cli-about-next-year': message({
    it: "scrivere il piano dell'anno successivo come modello .xlsx compilato: lo stesso albero, gli stessi pesi, regole e responsabili, i target riportati, i consuntivi di quest'anno come baseline, nessun valore",
    en: "write next year's plan as a filled .xlsx template: the same tree, weights, rules and owners, targets rolled forward, this year's actuals as baselines, no values",
  }),
  'cli-about-next-year-file': message({
    it: `il piano di quest'anno: una tabella pubblicata (${TEXT_TABLES}) o una cartella di lavoro (${WORKBOOKS})`,
    en: `this year's plan: a published table (${TEXT_TABLES}) or a workbook (${WORKBOOKS})`,
  }),
  'cli-about-next-year-year': message({ it: "l'anno del nuovo piano, per esempio 2025", en: "the new plan's year, e.g. 2025" }),
  'cli-about-next-year-from': message({
    it: "l'anno di questo piano (predefinito: dal titolo, altrimenti l'anno prima di --year)",
    en: "this plan's year (default: from its title, else the year before --year)",
  }),
  'cli-about-next-year-title': message({
    it: "il titolo del nuovo piano (predefinito: quello di questo piano con l'anno cambiato)",
    en: "the new plan's title (default: this one's with the year replaced)",
  }),

  'cli-about-report': message({
    it: 'scrivere il piano calcolato come rapporto HTML o PDF, come cartella di lavoro .xlsx o come dati aperti (CSV, JSON)',
    en: 'write the computed plan as an HTML or PDF report, an .xlsx workbook, or open data (CSV, JSON)',
  }),
  'cli-about-report-output': message({
    it: 'il file da scrivere (predefinito: lo standard output, per html, csv e json)',
    en: 'the file to write (default: stdout, for html, csv and json)',
  }),
  'cli-about-report-period': message({ it: 'il periodo, per esempio «Consuntivo 2024»', en: 'the period, e.g. “Consuntivo 2024”' }),

  'cli-about-relazione': message({
    it: "scrivere la Relazione sulla performance di un anno del piano (linee guida DFP n. 3/2018) in DOCX, PDF o HTML; il documento è in italiano, come lo pubblica l'ente, qualunque sia la lingua dei messaggi",
    en: 'write the Relazione sulla performance of a plan year (DFP guidelines n. 3/2018) as DOCX, PDF or HTML; the document is in Italian, as the public body publishes it, whatever the language of these messages',
  }),
  'cli-about-relazione-output': message({ it: 'il file da scrivere: .docx, .pdf o .html', en: 'the file to write: .docx, .pdf or .html' }),
  'cli-about-relazione-texts': message<{ keys: readonly string[] }>({
    it: (p) => `i testi dell'ufficio per sezione (${p.keys.join(', ')}), nel markup della Relazione`,
    en: (p) => `the office's texts by section (${p.keys.join(', ')}), in the Relazione's markup`,
  }),
  'cli-about-relazione-previous': message({
    it: "la tabella dell'anno precedente, per il confronto per obiettivo; il documento dice «Dati dell'anno precedente non validati dall'OIV», salvo --previous-validated",
    en: "the previous year's table, for the comparison by objective; unless --previous-validated is given, the document notes that its figures were not validated by the OIV",
  }),
  'cli-about-relazione-previous-reservations': message({
    it: "l'OIV ha validato con riserve la Relazione dell'anno precedente (con --previous-validated): il confronto dice «validata con riserve»",
    en: "the OIV validated the previous year's Relazione with reservations (with --previous-validated): the comparison says “validated with reservations”",
  }),
  'cli-about-relazione-previous-validated': message({
    it: "il giorno (GG/MM/AAAA) in cui l'OIV ha validato la Relazione dell'anno precedente, quando la tabella di --previous ne riporta i valori validati: il confronto lo dice («valori validati dall'OIV»)",
    en: "the day (DD/MM/YYYY) the OIV validated the previous year's Relazione, when the --previous table holds the values it validated: the comparison then says they are the validated figures",
  }),

  'cli-about-site': message({
    it: "scrivere le pagine «Performance» di Amministrazione trasparente: per ogni anno il piano con i risultati e i dati aperti (HTML semplice, senza JavaScript; la Relazione, scritta dall'ufficio e validata dall'OIV, la pubblicano le pagine del server); le pagine sono in italiano, come le pubblica l'ente, qualunque sia la lingua dei messaggi. Un file del piano non contiene la validazione dell'OIV: anche dopo la validazione le pagine riportano i valori rendicontati; i valori validati dall'OIV accanto a quelli rendicontati li pubblicano le pagine del server (/trasparenza: piano.html, dati.csv, dati.json), una volta pubblicata la Relazione validata",
    en: "write the “Performance” pages of Amministrazione trasparente: per year the plan with its results and the open data (plain HTML, no JavaScript; the Relazione, written by the office and validated by the OIV, is published by the server's pages); the pages are in Italian, as the public body publishes them, whatever the language of these messages. A plan file holds no validation by the OIV: after the validation too these pages state the reported figures; the figures the OIV validated, beside the reported ones, are published by the server's pages (/trasparenza: piano.html, dati.csv, dati.json) once the validated Relazione is published",
  }),
  'cli-about-site-plans': message({
    it: `tabelle pubblicate (${TEXT_TABLES}) o cartelle di lavoro (${WORKBOOKS}), una per anno`,
    en: `published tables (${TEXT_TABLES}) or workbooks (${WORKBOOKS}), one per year`,
  }),
  'cli-about-site-period': message({
    it: 'il periodo dei valori, come lo legge il cittadino (per esempio «Consuntivo 2024»); con un solo piano',
    en: 'the period of the values, as a citizen reads it (e.g. “Consuntivo 2024”); with one plan only',
  }),
  'cli-about-site-act': message({
    it: "l'atto che ha adottato il piano, scritto «TIPO n. NUMERO del GG/MM/AAAA» (per esempio «Delibera di Giunta n. 12 del 30/01/2024»); con un solo piano",
    en: 'the act that adopted the plan: its kind, number and date as the Italian page prints them (the form and an example are in the README); with one plan only',
  }),
  'cli-about-site-targets-only': message({
    it: 'il periodo è in corso: pubblicare il piano adottato (obiettivi, indicatori, pesi, target, baseline) senza alcun valore, performance o fascia, e dire che i risultati non sono ancora disponibili',
    en: 'the period is in progress: publish the adopted plan (objectives, indicators, weights, targets, baselines) without any value, performance or band, and say the results are not available yet',
  }),
  'cli-about-site-output': message({ it: 'la cartella da scrivere (creata se manca)', en: 'the folder to write (created if missing)' }),
  'cli-about-site-force': message({
    it: 'sostituire i file che il sito riscrive se la cartella li contiene già (index.html, le pagine di ogni anno)',
    en: "replace the files the site writes when the folder already holds them (index.html, each year's pages)",
  }),

  'cli-about-serve': message({
    it: "servire l'API e l'applicazione web (SQLite data/albero.sqlite in modo predefinito; DATABASE_URL per PostgreSQL)",
    en: 'serve the API and the web app (SQLite data/albero.sqlite by default; DATABASE_URL for PostgreSQL)',
  }),
  'cli-about-serve-port': message({ it: 'la porta (predefinita: la variabile PORT o 8080)', en: 'port (default: env PORT or 8080)' }),
  'cli-about-serve-host': message({ it: "l'indirizzo su cui restare in ascolto (predefinito 0.0.0.0)", en: 'address to listen on (default 0.0.0.0)' }),

  'cli-about-admin': message({ it: 'amministrare gli account nel database', en: 'administer accounts in the database' }),
  'cli-about-create-user': message({
    it: 'creare un account; la password (con --sign-in password) viene dalla variabile ALBERO_PASSWORD o dalla prima riga dello standard input, un account con --sign-in provider non ne ha',
    en: 'create an account; the password (for --sign-in password) comes from env ALBERO_PASSWORD or the first line of stdin, an account with --sign-in provider has none',
  }),
  'cli-about-create-user-username': message({ it: 'il nome di accesso', en: 'login name' }),
  'cli-about-create-user-role': message<{ roles: readonly string[] }>({
    it: (p) => `uno tra ${p.roles.join(', ')}`,
    en: (p) => `one of ${p.roles.join(', ')}`,
  }),
  'cli-about-create-user-display-name': message({
    it: "il nome mostrato nell'applicazione (predefinito: il nome di accesso)",
    en: 'name shown in the app (default: the username)',
  }),
  'cli-about-create-user-units': message({
    it: 'le unità organizzative, separate da virgole (per un referente)',
    en: 'comma-separated organisational units (for a data owner, --role referente)',
  }),
  'cli-about-create-user-sign-in': message<{ ways: readonly string[] }>({
    it: (p) => `come accede l'account, uno tra ${p.ways.join(', ')}: la sua password in Albero, oppure il fornitore di identità dell'ente (senza password)`,
    en: (p) => `how the account signs in, one of ${p.ways.join(', ')}: its password in Albero, or the body's identity provider (no password)`,
  }),
  'cli-about-create-user-json': message({
    it: "stampare l'account creato in JSON (username, role, displayName, units, signIn), uguale in ogni lingua",
    en: 'print the account created as JSON (username, role, displayName, units, signIn), the same in every language',
  }),

  'cli-about-reminders': message({
    it: 'inviare i promemoria delle scadenze dovuti oggi e ritentare quelli in attesa (SMTP da ALBERO_SMTP_HOST/PORT/USER/PASS/FROM; senza, sullo standard output)',
    en: 'send the deadline reminders due today and retry the ones waiting (SMTP from ALBERO_SMTP_HOST/PORT/USER/PASS/FROM; without it, to stdout)',
  }),
  'cli-about-reminders-retry': message({
    it: 'ritentare subito i messaggi in attesa, senza aspettare il loro turno',
    en: 'try the messages waiting to be retried now, without waiting for their time',
  }),
  'cli-about-reminders-json': message({ it: "stampare l'esecuzione in JSON", en: 'print the run as JSON' }),
  'cli-about-reminders-plan': message({
    it: 'mettere in coda e inviare i promemoria di questo piano soltanto, lasciando in coda quelli degli altri (il suo id; un piano non ancora adottato non ne ha)',
    en: "queue and send this plan's reminders only, leaving the other plans' queued (its id; a plan not adopted yet has none)",
  }),
  'cli-help-hint': message({ it: '(eseguire con --help per le istruzioni)', en: '(run with --help for usage)' }),
  'cli-file-problem': message<{ file: string; doing: 'read' | 'write' } & FileProblem>({
    it: (p) => `albero: ${p.file}: ${fileProblemWords(p, 'it', p.doing)}`,
    en: (p) => `albero: ${p.file}: ${fileProblemWords(p, 'en', p.doing)}`,
  }),
  'cli-stdout-problem': message<FileProblem>({
    it: (p) => `albero: l'output standard non può essere scritto: ${fileProblemWords(p, 'it', 'write')}`,
    en: (p) => `albero: the standard output cannot be written: ${fileProblemWords(p, 'en', 'write')}`,
  }),
  'cli-internal-error': message<{ message: string }>({
    it: (p) => `albero: errore interno: ${p.message}`,
    en: (p) => `albero: internal error: ${p.message}`,
  }),
  'cli-legend-format': message({
    it: 'scrivere le soglie verde e gialla come VERDE/GIALLA, per esempio 90/70',
    en: 'write the green and yellow thresholds as GREEN/YELLOW, e.g. 90/70',
  }),
  'cli-legend-range': message({ it: 'le soglie sono percentuali, da 0 a 100', en: 'the thresholds are percentages, from 0 to 100' }),
  'cli-legend-order': message({ it: 'la soglia verde deve essere sopra quella gialla', en: 'the green threshold must be above the yellow one' }),
  'cli-legend-empty-band': message<{ band: 'green' | 'red' }>({
    it: (p) =>
      p.band === 'green'
        ? 'con la soglia verde a 100 il verde non comparirebbe mai: il verde è sopra la soglia e nessuna performance supera il 100%; indicare una soglia verde sotto 100'
        : 'con la soglia gialla a 0 il rosso non comparirebbe mai: il rosso è sotto la soglia e nessuna performance è sotto lo 0%; indicare una soglia gialla sopra 0',
    en: (p) =>
      p.band === 'green'
        ? 'with the green threshold at 100 green could never show: green is above the threshold and no performance is above 100%; give a green threshold below 100'
        : 'with the yellow threshold at 0 red could never show: red is below the threshold and no performance is below 0%; give a yellow threshold above 0',
  }),

  // evaluate's legend under the table: in Italian the plan's own words (as its published table
  // prints them), in English said from the rule's thresholds.
  'cli-legend-rule': message<{ label: string; min?: string; inclusive?: boolean; upper?: string }>({
    it: (p) => p.label,
    en: (p) =>
      p.min === undefined
        ? p.upper === undefined
          ? 'Any performance'
          : `Performance below ${p.upper}% of the target`
        : p.upper === undefined
          ? `Performance ${p.inclusive === true ? 'of at least' : 'above'} ${p.min}% of the target`
          : `Performance from ${p.min}% to ${p.upper}% of the target`,
  }),

  // verify and diff, as text.
  'cli-verify-difference': message<{ where: string; code: string; indicator?: string; cell: string; stated: string; computed: string }>({
    it: (p) => `${p.where}: ${p.code}${p.indicator === undefined ? '' : ` «${p.indicator}»`} ${p.cell}: dichiarato ${p.stated || 'vuoto'}, calcolato ${p.computed || 'vuoto'}`,
    en: (p) => `${p.where}: ${p.code}${p.indicator === undefined ? '' : ` “${p.indicator}”`} ${p.cell}: stated ${p.stated || 'empty'}, computed ${p.computed || 'empty'}`,
  }),
  /** A band a computed document (the open data) states that its objective's recomputed performance does not give. */
  'cli-verify-band-difference': message<{ where: string; code: string; stated: Band | null; computed: Band | null }>({
    it: (p) => `${p.where}: ${p.code} fascia: dichiarato ${p.stated === null ? 'vuoto' : BAND_WORDS.it[p.stated]}, calcolato ${p.computed === null ? 'vuoto' : BAND_WORDS.it[p.computed]}`,
    en: (p) => `${p.where}: ${p.code} band: stated ${p.stated === null ? 'empty' : BAND_WORDS.en[p.stated]}, computed ${p.computed === null ? 'empty' : BAND_WORDS.en[p.computed]}`,
  }),
  'cli-verify-summary': message<{ checked: number; differ: number }>({
    it: (p) => `${n(p.checked, 'cella controllata', 'celle controllate')}, ${p.differ === 1 ? '1 diversa' : `${p.differ} diverse`}`,
    en: (p) => `${p.checked} cells checked, ${p.differ} differ`,
  }),
  'cli-verify-nothing': message<{ file: string }>({
    it: (p) =>
      `nessuna cella controllata: da ${p.file} non è stato letto alcun valore dichiarato che derivi da altri (Performance KPI, Performance Obiettivo, il Consuntivo di un indicatore calcolato; in una cartella di lavoro, dal foglio della tabella pubblicata, «Albero» o in inglese «Tree»)`,
    en: (p) =>
      `nothing checked: no stated value that follows from others was read from ${p.file} (Performance KPI, Performance Obiettivo, a computed indicator's Consuntivo; in a workbook, from the published table's sheet, “Albero” or in English “Tree”)`,
  }),
  'cli-verify-nothing-stated': message<{ file: string }>({
    it: (p) =>
      `nessuna cella controllata: ${p.file} non dichiara alcun risultato (ogni performance e ogni fascia sono vuote, come in un piano con i soli target): non c'è nulla di dichiarato da controllare`,
    en: (p) => `nothing checked: ${p.file} states no result (every performance and band is empty, as in a plan with targets only): there is nothing stated to check`,
  }),
  'cli-diff-none': message<{ before: string; after: string }>({
    it: (p) => `nessuna modifica da ${p.before} a ${p.after}`,
    en: (p) => `no changes from ${p.before} to ${p.after}`,
  }),
  'cli-diff-summary': message<{ count: number; before: string; after: string }>({
    it: (p) => `${n(p.count, 'modifica', 'modifiche')} da ${p.before} a ${p.after}`,
    en: (p) => `${n(p.count, 'change', 'changes')} from ${p.before} to ${p.after}`,
  }),

  // What a command wrote (on stderr, so stdout stays the data).
  'cli-wrote-report': message<{ file: string; format: string; areas: number; objectives: number; indicators: number }>({
    it: (p) => `scritto ${p.file} (${p.format}, ${size(p, 'it')}, ${n(p.indicators, 'indicatore', 'indicatori')})`,
    en: (p) => `wrote ${p.file} (${p.format}, ${size(p, 'en')}, ${n(p.indicators, 'indicator', 'indicators')})`,
  }),
  'cli-wrote-relazione': message<{ file: string; format: string; areas: number; objectives: number }>({
    it: (p) => `scritto ${p.file} (${p.format}, ${size(p, 'it')})`,
    en: (p) => `wrote ${p.file} (${p.format}, ${size(p, 'en')})`,
  }),
  'cli-wrote-site': message<{ folder: string; years: number }>({
    it: (p) => `scritto ${p.folder} (${n(p.years, 'anno', 'anni')})`,
    en: (p) => `wrote ${p.folder} (${n(p.years, 'year', 'years')})`,
  }),
  'cli-wrote-template': message<{ file: string }>({
    it: (p) => `scritto ${p.file}: compilare il foglio «Albero» (vedere «Guida»), poi controllarlo con: albero import ${p.file} --check`,
    en: (p) => `wrote ${p.file}: fill in the sheet “Albero” (see “Guida”), then check it with: albero import ${p.file} --check`,
  }),
  'cli-wrote-next-year': message<{ file: string; title: string; areas: number; objectives: number; indicators: number; baselines: number; fromYear: number }>({
    it: (p) =>
      `scritto ${p.file}: «${p.title}», ${size(p, 'it')} e ${n(p.indicators, 'indicatore', 'indicatori')}, ${n(p.baselines, 'baseline', 'baseline')} dai consuntivi ${p.fromYear}, nessun valore; controllarlo con: albero import ${p.file} --check`,
    en: (p) =>
      `wrote ${p.file}: “${p.title}”, ${size(p, 'en')} and ${n(p.indicators, 'indicator', 'indicators')}, ${n(p.baselines, 'baseline', 'baselines')} from the ${p.fromYear} actuals, no values; check it with: albero import ${p.file} --check`,
  }),
  'cli-progress-objectives': message({ it: 'obiettivi', en: 'objectives' }),

  // A command's options or files that cannot be used (exit 2).
  'cli-format-missing': message<{ formats: readonly string[] }>({
    it: (p) => `indicare il formato con --format; uno tra ${p.formats.join(', ')}`,
    en: (p) => `say which --format; use one of ${p.formats.join(', ')}`,
  }),
  'cli-format-unknown': message<{ format: string; formats: readonly string[] }>({
    it: (p) => `formato «${p.format}» sconosciuto; usare uno tra ${p.formats.join(', ')}`,
    en: (p) => `unknown format “${p.format}”; use one of ${p.formats.join(', ')}`,
  }),
  /** `--output` names no format: a name without an extension (`--output relazione`). */
  'cli-format-no-extension': message<{ file: string; formats: readonly string[] }>({
    it: (p) => `${p.file}: dal nome non si capisce il formato; dare al file un'estensione (${p.formats.map((f) => `.${f}`).join(', ')}) o indicare --format`,
    en: (p) => `${p.file}: its name does not say the format; give the file an extension (${p.formats.map((f) => `.${f}`).join(', ')}) or say --format`,
  }),
  /** `--format` and `--output`'s extension name two formats the command writes. */
  'cli-format-contradicts': message<{ file: string; format: string; extension: string }>({
    it: (p) => `${p.file}: --format ${p.format} ma il nome del file dice ${p.extension}; dare al file un nome .${p.format} o togliere --format`,
    en: (p) => `${p.file}: --format ${p.format} but the file's name says ${p.extension}; give the file a .${p.format} name or leave out --format`,
  }),
  'cli-output-needed': message<{ format: string }>({
    it: (p) => `un file ${p.format} richiede --output FILE.${p.format}`,
    en: (p) => `a ${p.format} file needs --output FILE.${p.format}`,
  }),
  'cli-bad-year': message<{ option: string; value: string; example: number; first: number; last: number }>({
    it: (p) => `${p.option} deve essere un anno dal ${p.first} al ${p.last}, come ${p.example}, non «${p.value}»`,
    en: (p) => `${p.option} must be a year from ${p.first} to ${p.last}, such as ${p.example}, not “${p.value}”`,
  }),
  'cli-blank-title': message({
    it: "--title non può essere vuoto: indicare il titolo del nuovo piano, oppure ometterlo per tenere quello di questo piano con l'anno cambiato",
    en: "--title cannot be empty: give the new plan's title, or leave it out to keep this one's with the year replaced",
  }),
  'cli-option-control': message<{ option: string; character: string; position: number }>({
    it: (p) => `${p.option} contiene un carattere di controllo (${p.character}) al carattere ${p.position}: scriverlo senza (un carattere di controllo non si stampa e un terminale lo esegue)`,
    en: (p) => `${p.option} holds a control character (${p.character}) at character ${p.position}: write it without (a control character does not print, and a terminal acts on it)`,
  }),
  'cli-blank-period': message({
    it: '--period non può essere vuoto: indicare il periodo, per esempio «Consuntivo 2024», oppure ometterlo',
    en: '--period cannot be empty: give the period, e.g. “Consuntivo 2024”, or leave it out',
  }),
  'cli-long-title': message<{ length: number; max: number }>({
    it: (p) => `--title è lungo ${p.length} caratteri: il titolo di un piano può averne al massimo ${p.max}`,
    en: (p) => `--title is ${p.length} characters long: a plan's title may have at most ${p.max}`,
  }),
  'cli-year-order': message<{ fromYear: number; year: number }>({
    it: (p) => nextYearWords(p.fromYear, p.year, 'it'),
    en: (p) => nextYearWords(p.fromYear, p.year, 'en'),
  }),
  'cli-cannot-write': message<{ file: string } & FileProblem>({
    it: (p) => `${p.file} non può essere scritto: ${fileProblemWords(p, 'it', 'write')}`,
    en: (p) => `${p.file} cannot be written: ${fileProblemWords(p, 'en', 'write')}`,
  }),
  /**
   * `--output` named with an extension the command cannot write: `import --output x.xlsx` wrote the
   * JSON document under the workbook's name. Each command writes one kind of file, said with its extension.
   */
  'cli-output-name': message<{ file: string; what: 'template' | 'next-year' | 'import' }>({
    it: (p) =>
      p.what === 'import'
        ? `${p.file}: il piano importato è scritto come documento JSON; dare al file un nome .json (per la cartella .xlsx: albero report FILE --output OUT.xlsx)`
        : `${p.file}: ${p.what === 'template' ? 'il modello' : 'il nuovo piano'} è una cartella .xlsx; dare al file un nome .xlsx`,
    en: (p) =>
      p.what === 'import'
        ? `${p.file}: the imported plan is written as a JSON document; give the file a .json name (for the workbook: albero report FILE --output OUT.xlsx)`
        : `${p.file}: ${p.what === 'template' ? 'the template' : 'the new plan'} is an .xlsx workbook; give the file an .xlsx name`,
  }),
  'cli-output-is-input': message<{ file: string; input: string }>({
    it: (p) => `--output ${p.file} è il file ${p.input} che il comando legge: scriverlo lo sostituirebbe; dare all'uscita un altro nome`,
    en: (p) => `--output ${p.file} is the file ${p.input} the command reads: writing it would replace it; give the output another name`,
  }),
  'cli-site-bad-act': message<{ value: string }>({
    it: (p) => `--act deve essere scritto «TIPO n. NUMERO del GG/MM/AAAA», come «Delibera di Giunta n. 12 del 30/01/2024», non «${p.value}»`,
    en: (p) => `--act must be written “KIND n. NUMBER del DD/MM/YYYY”, such as “Delibera di Giunta n. 12 del 30/01/2024”, not “${p.value}”`,
  }),
  'cli-site-one-plan': message<{ options: string[]; plans: number }>({
    it: (p) => `${p.options.join(' e ')} valgono per un solo piano: ne sono stati dati ${p.plans}; scrivere il sito un anno alla volta, o senza queste opzioni`,
    en: (p) => `${p.options.join(' and ')} apply to one plan only: ${p.plans} were given; write the site one year at a time, or without these options`,
  }),
  'cli-site-no-year': message<{ file: string }>({
    it: (p) => `${p.file}: il titolo del piano non indica un anno (per esempio «Piano 2024»)`,
    en: (p) => `${p.file}: the plan's title names no year (e.g. “Piano 2024”)`,
  }),
  /** `site --output DIR` where a site (or any file of the same name) already is: the first few named. */
  'cli-site-would-overwrite': message<{ folder: string; files: readonly string[] }>({
    it: (p) =>
      `${p.folder} contiene già ${p.files.length === 1 ? 'un file' : `${p.files.length} file`} che il sito riscriverebbe (${shortList(p.files)}); indicare --force per sostituir${p.files.length === 1 ? 'lo' : 'li'}, o un'altra cartella`,
    en: (p) =>
      `${p.folder} already holds ${n(p.files.length, 'file', 'files')} the site would write over (${shortList(p.files)}); give --force to replace ${p.files.length === 1 ? 'it' : 'them'}, or another folder`,
  }),
  /** The file's problem when it cannot be read; else where it stops being JSON. */
  'cli-texts-unreadable': message<{ file: string } & (FileProblem | { readonly reason?: undefined; readonly line: number; readonly column: number })>({
    it: (p) => (p.reason === undefined ? `${p.file}:${p.line} colonna ${p.column}: non è JSON valido` : `${p.file}: ${fileProblemWords(p, 'it')}`),
    en: (p) => (p.reason === undefined ? `${p.file}:${p.line} column ${p.column}: not valid JSON` : `${p.file}: ${fileProblemWords(p, 'en')}`),
  }),
  'cli-previous-reservations-alone': message({
    it: "--previous-reservations dice che l'OIV ha validato con riserve la Relazione dell'anno precedente: va indicata insieme a --previous-validated, il giorno della validazione",
    en: "--previous-reservations says the OIV validated the previous year's Relazione with reservations: give it together with --previous-validated, the day of the validation",
  }),
  'cli-previous-validated-alone': message({
    it: '--previous-validated dice da dove vengono i dati della tabella di --previous: va indicata insieme a --previous',
    en: '--previous-validated says where the figures of the --previous table come from: give it together with --previous',
  }),
  'cli-previous-validated-date': message<{ value: string }>({
    it: (p) => `--previous-validated: «${p.value}» non è un giorno del calendario (GG/MM/AAAA, per esempio 15/05/2025)`,
    en: (p) => `--previous-validated: “${p.value}” is not a calendar day (DD/MM/YYYY, e.g. 15/05/2025)`,
  }),
  'cli-previous-validated-early': message<{ day: string; year: number }>({
    it: (p) => `--previous-validated: il ${p.day} non è dopo il ${p.year}: la Relazione ${p.year} si valida dopo la fine del suo anno`,
    en: (p) => `--previous-validated: ${p.day} is not after ${p.year}: the ${p.year} Relazione is validated after its year ends`,
  }),
  'cli-previous-not-before': message<{ file: string; year: number; current: number }>({
    it: (p) => `${p.file}: la tabella è del ${p.year}, non di un anno prima del ${p.current}: --previous vuole la tabella dell'anno precedente`,
    en: (p) => `${p.file}: the table is of ${p.year}, not of a year before ${p.current}: --previous takes the previous year's table`,
  }),
  'cli-texts-not-object': message<{ file: string }>({
    it: (p) => `${p.file}: atteso un oggetto con i testi delle sezioni, per esempio {"contesto-esterno": "…"}`,
    en: (p) => `${p.file}: expected an object of section texts, e.g. {"contesto-esterno": "…"}`,
  }),
  'cli-texts-unknown-section': message<{ file: string; key: string; keys: readonly string[] }>({
    it: (p) => `${p.file}: sezione «${p.key}» sconosciuta; usare ${p.keys.join(', ')}`,
    en: (p) => `${p.file}: unknown section “${p.key}”; use ${p.keys.join(', ')}`,
  }),
  'cli-texts-not-string': message<{ file: string; key: string }>({
    it: (p) => `${p.file}: il testo di «${p.key}» deve essere una stringa`,
    en: (p) => `${p.file}: the text of “${p.key}” must be a string`,
  }),
  'cli-texts-too-long': message<{ file: string; key: string; max: number }>({
    it: (p) => `${p.file}: il testo di «${p.key}» supera i ${p.max} caratteri`,
    en: (p) => `${p.file}: the text of “${p.key}” is longer than ${p.max} characters`,
  }),
  'cli-port': message<{ value: string }>({
    it: (p) => `--port deve essere un numero da 0 a 65535, non «${p.value}»`,
    en: (p) => `--port must be a number from 0 to 65535, not “${p.value}”`,
  }),
  'cli-admin-role': message<{ role: string; roles: readonly string[] }>({
    it: (p) => `--role deve essere uno tra ${p.roles.join(', ')}, non «${p.role}»`,
    en: (p) => `--role must be one of ${p.roles.join(', ')}, not “${p.role}”`,
  }),
  'cli-admin-username': message({
    it: '--username deve avere da 2 a 64 caratteri tra lettere, cifre, punti, trattini, trattini bassi o @',
    en: '--username must be 2–64 letters, digits, dots, dashes, underscores or @',
  }),
  'cli-admin-password': message<{ min: number }>({
    it: (p) => `indicare una password di almeno ${p.min} caratteri nella variabile ALBERO_PASSWORD o sullo standard input`,
    en: (p) => `give a password of at least ${p.min} characters in env ALBERO_PASSWORD or on stdin`,
  }),
  'cli-admin-sign-in': message<{ way: string; ways: readonly string[] }>({
    it: (p) => `--sign-in deve essere uno tra ${p.ways.join(', ')}, non «${p.way}»`,
    en: (p) => `--sign-in must be one of ${p.ways.join(', ')}, not “${p.way}”`,
  }),
  'cli-admin-provider-password': message({
    it: 'un account con --sign-in provider accede con il fornitore di identità e non ha una password in Albero: togliere la variabile ALBERO_PASSWORD',
    en: 'an account with --sign-in provider signs in through the identity provider and has no password in Albero: unset env ALBERO_PASSWORD',
  }),
  'cli-admin-created': message<{ role: string; username: string; signIn: string }>({
    it: (p) => `creato l'account ${p.username}: ${roleWords(p.role, 'it')} (--role ${p.role})${p.signIn === 'provider' ? ', accede con il fornitore di identità (--sign-in provider)' : ''}`,
    en: (p) => `created the account ${p.username}: ${roleWords(p.role, 'en')} (--role ${p.role})${p.signIn === 'provider' ? ', signs in through the identity provider (--sign-in provider)' : ''}`,
  }),
  'cli-not-evaluated': message<{ file: string; errors: number }>({
    it: (p) => `${p.file}: ${n(p.errors, 'errore', 'errori')}; nulla è stato valutato`,
    en: (p) => `${p.file}: ${n(p.errors, 'error', 'errors')}; nothing was evaluated`,
  }),
  'cli-import-summary': message<{
    file: string;
    areas: number;
    objectives: number;
    indicators: number;
    errors: number;
    warnings: number;
    outcome: 'refused' | 'dry-run' | 'no-output' | 'written';
    output?: string;
  }>({
    it: (p) =>
      `${p.file}: ${size(p, 'it')}, ${n(p.indicators, 'indicatore', 'indicatori')}; ${n(p.errors, 'errore', 'errori')}, ${n(p.warnings, 'avviso', 'avvisi')}; ` +
      { refused: 'nulla è stato importato', 'dry-run': 'prova, nulla è stato importato', 'no-output': 'indicare --output piano.json per scrivere il piano', written: `scritto in ${p.output ?? ''}` }[
        p.outcome
      ],
    en: (p) =>
      `${p.file}: ${size(p, 'en')}, ${n(p.indicators, 'indicator', 'indicators')}; ${n(p.errors, 'error', 'errors')}, ${n(p.warnings, 'warning', 'warnings')}; ` +
      { refused: 'nothing was imported', 'dry-run': 'dry run, nothing was imported', 'no-output': 'give --output plan.json to write the plan', written: `written to ${p.output ?? ''}` }[p.outcome],
  }),
  'cli-unknown-objective': message<{ file: string; code: string; known: readonly string[]; more: boolean }>({
    it: (p) => `${p.file}: nessun obiettivo con il codice «${p.code}» (i codici sono ${p.known.join(', ')}${p.more ? ', …' : ''})`,
    en: (p) => `${p.file}: no objective with the code “${p.code}” (the codes are ${p.known.join(', ')}${p.more ? ', …' : ''})`,
  }),
});
