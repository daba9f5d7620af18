/**
 * The importers' issues (published text table, .xlsx layout and template, files) in Italian and
 * English. Cell and column names (Peso, Consuntivo, Tipo…) are the table's own words in both
 * languages: they are what the person sees in the file. A published table headed in English
 * (`Objective, Indicator, Weight, …`, as the English report writes it) is named by its English
 * heads: its issues carry `notation: 'en'` (see `Notation`).
 */
import { decimalIn, defineMessages, listIn, message, type Language } from './catalogue.js';
import { roleWords } from './role-words.js';

/** "3 Struttura values and 2 Referente values", the ones there are: cells of a workbook, fields of a JSON document. */
function assignments(p: { units: number; people: number }, language: Language): string {
  const one = (n: number, column: string): string => (language === 'it' ? `${n} ${n === 1 ? 'valore' : 'valori'} ${column}` : `${n} ${column} ${n === 1 ? 'value' : 'values'}`);
  return listIn([...(p.units > 0 ? [one(p.units, 'Struttura')] : []), ...(p.people > 0 ? [one(p.people, 'Referente')] : [])], language);
}

/**
 * The published layout's seven heads in each language a table is headed in: Italian as the
 * published tables (and Albero's Italian report) head them, English as the English report does.
 * The report writes these (src/messages/report.ts), the importers read them, the messages name them.
 */
export const LAYOUT_HEADS: Readonly<Record<Language, readonly string[]>> = {
  it: ['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo'],
  en: ['Objective', 'Indicator', 'Weight', 'Target', 'Actual', 'KPI performance', 'Objective performance'],
};
/** Where each column is in the layout. */
export const LAYOUT_COLUMN = { objective: 0, indicator: 1, weight: 2, target: 3, actual: 4, kpi: 5, performance: 6 } as const;
export type LayoutColumn = keyof typeof LAYOUT_COLUMN;

/**
 * The file names a plan table is read from (io/load.ts): published tables as text, tab-separated
 * or CSV, and workbooks. Every message that lists them takes them from here, so that a reader
 * added there is added to each list at once.
 */
export const TABLE_EXTENSIONS = { text: ['.txt', '.tsv', '.csv'], workbook: ['.xlsx'] } as const;
/** `.txt, .tsv, .csv o .xlsx` (`… or .xlsx` in English). */
export function tableExtensions(language: Language): string {
  const all: readonly string[] = [...TABLE_EXTENSIONS.text, ...TABLE_EXTENSIONS.workbook];
  return `${all.slice(0, -1).join(', ')} ${language === 'it' ? 'o' : 'or'} ${all.at(-1)!}`;
}

const COLUMNS = LAYOUT_HEADS.it.join(', ');
/** The English heads, for the messages about a table whose heads were not found: either language is read. */
const ENGLISH_COLUMNS = LAYOUT_HEADS.en.join(', ');
const s = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/**
 * The table's language, when not the Italian of the published tables: an English table (headed
 * `Objective, Indicator, …`, as the English report writes it) is read with `1,587.10` and
 * `60.00%`, and a message showing how to write a number shows it that way (`notation: 'en'`); a
 * message naming one of its columns names it by the table's own head (`Weight`, not `Peso`).
 * The message's own language is the reader's; the two differ for an Italian reading an English table.
 */
export interface Notation {
  readonly notation?: Language;
}
/**
 * Where a date was read, which says how it can have gone wrong: a workbook's cell (a number in a
 * date-formatted cell is a day count), a text table's cell (CSV, TSV), a JSON document's field.
 */
export type DateSource = 'workbook' | 'text' | 'document';
/** The example numbers a message gives, written in each notation. */
const EXAMPLE: Record<Language, { number: string; percent: string; performance: string; yesNo: string }> = {
  it: { number: '1.587,10', percent: '60,00%', performance: '93,00%', yesNo: 'sì/no' },
  en: { number: '1,587.10', percent: '60.00%', performance: '93.00%', yesNo: 'yes/no' },
};
/** By the reader's language, then the table's notation: "write … numbers such as", and the decimal mark's name. */
const NUMBERS_SUCH_AS: Record<Language, Record<Language, string>> = {
  it: { it: "numeri all'italiana come", en: "numeri all'inglese come" },
  en: { it: 'Italian numbers such as', en: 'numbers such as' },
};
const DECIMAL_MARK: Record<Language, Record<Language, string>> = {
  it: { it: 'della virgola', en: 'del punto decimale' },
  en: { it: 'decimal comma', en: 'decimal point' },
};
const notationOf = (p: Notation): Language => p.notation ?? 'it';
/** A column's head as the table heads it. */
const head = (p: Notation, column: LayoutColumn): string => LAYOUT_HEADS[notationOf(p)][LAYOUT_COLUMN[column]]!;
/** The seven heads as the table heads them, for "expected 7 columns (…)". */
const heads = (p: Notation): string => LAYOUT_HEADS[notationOf(p)].join(', ');
/**
 * A cell named in an Italian sentence: `il Peso` of an Italian table; of an English one `la cella
 * Weight` (an English head takes no Italian article well).
 */
/** The number side of a `kind-mismatch`, quoted: the one that is not a date. */
const serialNumber = (p: { actual: string; actualLength?: number; actualKind: ValueKind; target: string; targetLength?: number }, language: Language): string =>
  p.actualKind === 'date' ? quoted(cellOf(p.target, p.targetLength), language) : quoted(cellOf(p.actual, p.actualLength), language);
const cellIt = (p: Notation, column: LayoutColumn): string => (notationOf(p) === 'it' ? `il ${head(p, column)}` : `la cella ${head(p, column)}`);
/** The parameter for a table in `language`: none for Italian, the published tables' way and the default. */
export function tableNotation(language: Language): Notation {
  return language === 'it' ? {} : { notation: language };
}

/** The months' names, for a date said in words where its digits are the question (`ambiguous-date`). */
const MONTHS: Record<Language, readonly string[]> = {
  it: ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};
const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** Why a Target or Consuntivo cell could not be read. */
export type ValueProblem = 'not-a-date' | 'not-a-value';
function valueProblem(p: CellText & Notation & { problem: ValueProblem; column?: string }, column: string, language: Language): string {
  const text = quoted(p, language);
  const example = EXAMPLE[notationOf(p)];
  const numbers = `${NUMBERS_SUCH_AS[language][notationOf(p)]} ${example.number} ${language === 'it' ? 'o' : 'or'} ${example.percent}`;
  const yesNo = example.yesNo;
  const words =
    p.problem === 'not-a-date'
      ? language === 'it'
        ? `${text} non è una data di calendario`
        : `${text} is not a real calendar date`
      : language === 'it'
        ? `${text} non è un numero (scrivere ${numbers}), una data (gg/mm/aaaa) o ${yesNo}`
        : `${text} is not a number (write ${numbers}), a date (dd/mm/yyyy) or ${yesNo}`;
  return `${p.column ?? column}: ${words}`;
}

/**
 * Why a file could not be read or written, from the system's error code (io/load.ts `fileProblem`:
 * ENOENT → `missing`, ENOTDIR → `not-folder`, EACCES → `denied`, ENOSPC → `full`…); `other` keeps
 * a code no reason here names as `detail`.
 */
export type FileReason =
  'missing' | 'folder' | 'not-folder' | 'denied' | 'exists' | 'full' | 'read-only' | 'busy' | 'too-many-open' | 'name-too-long' | 'too-large' | 'loop' | 'device' | 'unopenable' | 'other';
export interface FileProblem {
  readonly reason: FileReason;
  readonly detail?: string;
}

const FILE_REASONS: Record<Language, Record<Exclude<FileReason, 'other'>, string>> = {
  it: {
    missing: 'il file non esiste',
    folder: 'è una cartella, non un file',
    'not-folder': 'una parte del percorso è un file, non una cartella',
    denied: 'permesso negato',
    exists: 'esiste già un file con questo nome',
    full: 'il disco è pieno',
    'read-only': 'il disco è in sola lettura',
    busy: 'il file è in uso',
    'too-many-open': 'ci sono troppi file aperti',
    'name-too-long': 'il nome è troppo lungo',
    'too-large': 'il file supera la dimensione massima che il sistema consente',
    loop: 'il percorso gira in tondo tra collegamenti simbolici',
    device: 'errore di lettura o scrittura del disco',
    unopenable: 'non si può aprire come file: è un socket o un dispositivo senza nulla dietro',
  },
  en: {
    missing: 'no such file',
    folder: 'this is a folder, not a file',
    'not-folder': 'part of the path is a file, not a folder',
    denied: 'permission denied',
    exists: 'a file with this name already exists',
    full: 'the disk is full',
    'read-only': 'the disk is read-only',
    busy: 'the file is in use',
    'too-many-open': 'too many files are open',
    'name-too-long': 'the name is too long',
    'too-large': 'the file is larger than the system allows',
    loop: 'the path loops through symbolic links',
    device: 'the disk could not be read or written',
    unopenable: 'it cannot be opened as a file: a socket, or a device with nothing behind it',
  },
};

/**
 * A file's problem in words. Writing, a missing path is the folder to hold the file (the file
 * itself is being made), and an unnamed code is said as the system's error.
 */
export function fileProblemWords(p: FileProblem, language: Language, doing: 'read' | 'write' = 'read'): string {
  if (p.reason === 'other') {
    const detail = p.detail ?? '';
    if (doing === 'read') return language === 'it' ? `non si può leggere (${detail})` : `cannot be read (${detail})`;
    return language === 'it' ? `errore di sistema ${detail}` : `system error ${detail}`;
  }
  if (p.reason === 'missing' && doing === 'write') return language === 'it' ? 'la cartella che deve contenerlo non esiste' : 'the folder to hold it does not exist';
  // `--output /dev/stdout` where the standard output is a socket: the command prints there without --output.
  if (p.reason === 'unopenable' && doing === 'write') {
    return `${FILE_REASONS[language].unopenable}${language === 'it' ? "; per scrivere sull'output standard, omettere --output" : '; to write to the standard output, leave out --output'}`;
  }
  return FILE_REASONS[language][p.reason];
}

/** A cell's text as a message quotes it: a long one cut, with its length said (`length` is set only when cut). */
export interface CellText {
  readonly text: string;
  readonly length?: number;
}
/** `text` ready for a message's parameters: cut past 60 characters, so a 100,000-character cell does not travel whole. */
export function cellText(text: string): CellText {
  return text.length <= 60 ? { text } : { text: `${text.slice(0, 40)}…`, length: text.length };
}
const cellOf = (text: string, length: number | undefined): CellText => (length === undefined ? { text } : { text, length });
function quoted(p: CellText, language: Language): string {
  const text = language === 'it' ? `«${p.text}»` : `“${p.text}”`;
  return p.length === undefined ? text : `${text} (${p.length} ${language === 'it' ? 'caratteri' : 'characters'})`;
}

/** A formula's kind in words (the indicator dialog's): what `formula-unit` names, here and in the API's field problem. */
export const FORMULA_KIND_WORDS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  it: { ratio: 'rapporto tra due misure di base', trend: 'trend sul valore precedente', children_mean: 'media ponderata degli obiettivi figli' },
  en: { ratio: 'ratio of two base measures', trend: 'trend on the previous value', children_mean: 'weighted mean of the child objectives' },
};
/** An indicator's unit as a sentence counts in it ("in date", "in dates"). */
export const UNIT_IN_WORDS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  it: { number: 'numeri', percent: 'percentuale', date: 'date', boolean: 'sì/no' },
  en: { number: 'numbers', percent: 'percent', date: 'dates', boolean: 'yes/no' },
};

/** What kind of value a Target or Consuntivo holds. */
export type ValueKind = 'number' | 'percent' | 'date' | 'boolean';
const KIND_WORDS: Record<Language, Record<ValueKind, string>> = {
  it: { number: 'un numero', percent: 'una percentuale', date: 'una data', boolean: 'un valore sì/no' },
  en: { number: 'a number', percent: 'a percentage', date: 'a date', boolean: 'a yes/no value' },
};

export const IMPORT_MESSAGES = defineMessages({
  'empty-file': message({ it: 'il file è vuoto', en: 'the file is empty' }),
  'control-character': message<{ character: string }>({
    it: (p) => `il testo contiene un carattere di controllo (${p.character}), che non si può salvare: toglierlo`,
    en: (p) => `the text holds a control character (${p.character}), which cannot be stored: remove it`,
  }),
  'binary-file': message<{ spreadsheet?: boolean }>({
    it: (p) => `questo è un file binario, non una tabella di testo${p.spreadsheet === true ? ' (è un foglio di calcolo? usare un nome che finisce in .xlsx)' : ''}`,
    en: (p) => `this is a binary file, not a text table${p.spreadsheet === true ? ' (did you mean to import a spreadsheet? use a .xlsx name)' : ''}`,
  }),
  'utf16-without-bom': message<{ order: 'le' | 'be' }>({
    it: (p) =>
      `il file sembra testo UTF-16${p.order === 'le' ? 'LE' : 'BE'} senza BOM, ma non si legge come tale (lunghezza dispari o caratteri non validi): salvarlo di nuovo come UTF-8 (in Excel: «Testo Unicode» o «CSV UTF-8»)`,
    en: (p) =>
      `the file looks like UTF-16${p.order === 'le' ? 'LE' : 'BE'} text without a BOM, but does not read as such (an odd length or invalid characters): save it again as UTF-8 (in Excel: “Unicode Text” or “CSV UTF-8”)`,
  }),
  encoding: message({ it: 'il file non è in UTF-8: è stato letto come Windows-1252', en: 'the file is not UTF-8; it was read as Windows-1252' }),
  'unreadable-file': message<{ reason: FileReason; detail?: string }>({
    it: (p) => fileProblemWords(p, 'it'),
    en: (p) => fileProblemWords(p, 'en'),
  }),
  /**
   * Put before the located errors when most of an Italian-headed table's numbers and dates read only
   * the English way (`1.00%`, `12/31/2024`): a spreadsheet saved it without the Italian locale, and
   * each of those cells is an error of its own; this says the one cause and its two ways out.
   */
  'english-notation': message<{ example: string }>({
    it: (p) =>
      `la tabella è intestata in italiano (Obiettivo, Indicatore, …) ma i suoi numeri e le sue date sono scritti all'inglese (per esempio «${p.example}» invece di 1,00% o 31/12/2024): il foglio di calcolo l'ha salvata senza la lingua italiana (LibreOffice avviato senza locale fa così). Salvarla di nuovo con la lingua italiana (in LibreOffice: Strumenti › Opzioni › Impostazioni della lingua › Lingue › Impostazione locale: Italiano), oppure intestarla in inglese (${ENGLISH_COLUMNS}), così i numeri sono letti all'inglese; gli errori qui sotto sono le celle una per una`,
    en: (p) =>
      `the table is headed in Italian (Obiettivo, Indicatore, …) but its numbers and dates are written the English way (such as “${p.example}” instead of 1,00% or 31/12/2024): the spreadsheet saved it without the Italian locale (LibreOffice started without a locale does this). Save it again with the Italian locale (in LibreOffice: Tools › Options › Language Settings › Languages › Locale setting: Italian), or head it in English (${ENGLISH_COLUMNS}) so its numbers are read the English way; the errors below are the cells one by one`,
  }),
  'header-too-low': message<{ limit: number }>({
    it: (p) => `la riga di intestazione è qui, sotto le prime ${p.limit} righe dove viene cercata: togliere righe sopra di essa (titoli, note) perché sia tra le prime ${p.limit}`,
    en: (p) => `the header row is here, below the first ${p.limit} rows where it is looked for: remove rows above it (titles, notes) so that it is among the first ${p.limit}`,
  }),
  'missing-header': message<{ dataFirst?: boolean; json?: boolean }>({
    it: (p) =>
      p.dataFirst === true
        ? `la tabella deve iniziare con la riga di intestazione (Obiettivo, Indicatore, Peso, …, o in inglese Objective, Indicator, Weight, …); prima ci sono dati`
        : p.json === true
          ? `questo è un documento JSON, non una tabella: usare la tabella da cui è stato scritto (${tableExtensions('it')})`
          : `non c'è la riga di intestazione (${COLUMNS}; o in inglese ${ENGLISH_COLUMNS})`,
    en: (p) =>
      p.dataFirst === true
        ? `the table must start with the header row (Obiettivo, Indicatore, Peso, …, or in English Objective, Indicator, Weight, …); found data first`
        : p.json === true
          ? `this is a JSON document, not a table: give the table it was written from (${tableExtensions('en')})`
          : `no header row (${COLUMNS}; or in English ${ENGLISH_COLUMNS}) was found`,
  }),
  'csv-unclosed-quote': message<{ closedAt?: number }>({
    it: (p) =>
      `una cella aperta qui tra virgolette (") ${p.closedAt === undefined ? 'non si chiude più: il resto del file' : `si chiude solo alla riga ${p.closedAt}: le righe in mezzo`} finirebbe in quella cella; chiudere le virgolette o toglierle`,
    en: (p) =>
      `a cell opened here with a quote (") ${p.closedAt === undefined ? 'is never closed: the rest of the file' : `closes only at line ${p.closedAt}: the rows between`} would fall into that cell; close the quote or remove it`,
  }),
  'no-rows': message<{ sheet?: string }>({
    it: (p) => `${p.sheet === undefined ? 'la tabella' : `il foglio «${p.sheet}»`} ha l'intestazione ma nessuna riga di obiettivo o indicatore`,
    en: (p) => `${p.sheet === undefined ? 'the table' : `the sheet “${p.sheet}”`} has a header but no objective or indicator rows`,
  }),
  'column-count': message<Notation & { expected: number; found: number }>({
    it: (p) => `attese ${p.expected} colonne (${heads(p)}), trovate ${p.found}`,
    en: (p) => `expected ${p.expected} columns (${heads(p)}), found ${p.found}`,
  }),
  'html-removed': message({ it: "tag HTML tolti dal titolo dell'obiettivo", en: 'HTML tags removed from the objective title' }),
  'missing-code': message<{ title?: string }>({
    it: (p) => (p.title === undefined ? 'un obiettivo richiede un Codice come A, A.1 o A.1.1' : `l'obiettivo «${p.title}» non inizia con un codice come A, A.1 o A.1.1`),
    en: (p) => (p.title === undefined ? 'an objective needs a Codice such as A, A.1 or A.1.1' : `the objective “${p.title}” does not start with a code such as A, A.1 or A.1.1`),
  }),
  'invalid-code': message<{ code: string }>({
    it: (p) => `«${p.code}» non è un codice come A, A.1 o A.1.1`,
    en: (p) => `“${p.code}” is not a code such as A, A.1 or A.1.1`,
  }),
  'objective-with-indicator': message<Notation>({
    it: (p) => `una riga di obiettivo deve lasciare vuota la colonna ${head(p, 'indicator')}; mettere l'indicatore su una riga a sé`,
    en: (p) => `an objective row must leave the ${head(p, 'indicator')} column empty; put the indicator on its own row`,
  }),
  'objective-weight-comparator': message<{ comparator: string }>({
    it: (p) => `il comparatore «${p.comparator}» dopo il peso di un obiettivo non ha significato ed è ignorato`,
    en: (p) => `the comparator “${p.comparator}” after an objective's weight means nothing and is ignored`,
  }),
  'missing-name': message<{ template?: boolean }>({
    it: (p) => (p.template === true ? 'un indicatore richiede un nome in Titolo' : 'una riga senza nome di obiettivo né di indicatore'),
    en: (p) => (p.template === true ? 'an indicator needs a name in Titolo' : 'a row with neither an objective nor an indicator name'),
  }),
  /** An indicator computed by a formula (`formula` its kind) in a unit a number cannot be (core/definition.ts). */
  'formula-unit': message<{ node: string; id: string; indicator: string; unit: string; formula: string }>({
    it: (p) =>
      `l'indicatore «${p.indicator}» si calcola con una formula (${FORMULA_KIND_WORDS.it[p.formula] ?? p.formula}), che dà un numero: non può essere in ${UNIT_IN_WORDS.it[p.unit] ?? p.unit}; indicare come unità numeri o percentuale, o togliere la formula`,
    en: (p) =>
      `the indicator “${p.indicator}” is computed by a formula (${FORMULA_KIND_WORDS.en[p.formula] ?? p.formula}), which gives a number: it cannot be in ${UNIT_IN_WORDS.en[p.unit] ?? p.unit}; give numbers or percent as its unit, or remove the formula`,
  }),
  /** A ratio's or trend's base measure named `__proto__`: no object read from JSON keeps that key, so its value could never be entered. */
  'base-measure-name': message<{ node: string; id: string; indicator: string; name: string }>({
    it: (p) => `l'indicatore «${p.indicator}» (${p.node}) chiama una misura di base «${p.name}»: con questo nome il suo valore non si potrebbe mai inserire; scegliere un altro nome`,
    en: (p) => `the indicator “${p.indicator}” (${p.node}) names a base measure “${p.name}”: under this name its value could never be entered; choose another name`,
  }),
  'indicator-before-objective': message<{ indicator: string }>({
    it: (p) => `l'indicatore «${p.indicator}» viene prima di qualsiasi obiettivo`,
    en: (p) => `the indicator “${p.indicator}” comes before any objective`,
  }),
  /** An indicator under an objective row that was refused (no code, a code used twice): nothing to attach it to. */
  'indicator-of-unread-objective': message<{ indicator: string; line?: number; at?: string }>({
    it: (p) => `l'indicatore «${p.indicator}» appartiene all'obiettivo ${p.line !== undefined ? `della riga ${p.line}` : `in ${p.at ?? 'una riga precedente'}`}, che non è stato letto`,
    en: (p) => `the indicator “${p.indicator}” belongs to the objective ${p.line !== undefined ? `at line ${p.line}` : `at ${p.at ?? 'an earlier row'}`}, which could not be read`,
  }),
  'objective-cell-ignored': message<{ column: string; value: string }>({
    it: (p) => `la cella ${p.column} di una riga di obiettivo è ignorata («${p.value}»)`,
    en: (p) => `an objective row's ${p.column} cell is ignored (“${p.value}”)`,
  }),
  'unparsable-number': message<CellText & Notation>({
    it: (p) => `${quoted(p, 'it')} non è una percentuale come ${EXAMPLE[notationOf(p)].performance}`,
    en: (p) => `${quoted(p, 'en')} is not a percentage such as ${EXAMPLE[notationOf(p)].performance}`,
  }),
  // `actual` and `target` quote the cells as written; `reading` is the number read, as neutral text (`0.69`), said the language's way.
  'bare-percent-actual': message<Notation & { actual: string; target: string; reading: string }>({
    it: (p) => `${cellIt(p, 'actual')} ${p.actual} non ha il segno % ma il target ${p.target} è una percentuale: letto come ${decimalIn(p.reading, 'it')}%`,
    en: (p) => `the ${head(p, 'actual')} ${p.actual} has no % sign but the target ${p.target} is a percentage: read as ${decimalIn(p.reading, 'en')}%`,
  }),
  /**
   * A date an Italian table reads day first (`03/05/2024`: 3 May) in a table whose other numbers and
   * dates are written the English way (`example`, such as `12/31/2024`): there it is month first
   * (5 March). Read either way, so nothing else would say it.
   */
  'ambiguous-date': message<{ column: LayoutColumn & ('target' | 'actual'); text: string; day: number; month: number; year: number; example: string }>({
    it: (p) =>
      `${cellIt({}, p.column)} «${p.text}» è letto come data italiana, giorno prima: ${p.day} ${MONTHS.it[p.month - 1]} ${p.year}; ma la tabella scrive numeri e date all'inglese (come «${p.example}»), e all'inglese è il ${p.month} ${MONTHS.it[p.day - 1]} ${p.year}. Se è il ${p.month} ${MONTHS.it[p.day - 1]}, scriverla ${twoDigits(p.month)}/${twoDigits(p.day)}/${p.year}; salvando la tabella con la lingua italiana ogni data è scritta giorno prima`,
    en: (p) =>
      `the ${head({}, p.column)} “${p.text}” is read as an Italian date, day first: ${p.day} ${MONTHS.en[p.month - 1]} ${p.year}; but the table writes its numbers and dates the English way (such as “${p.example}”), where it is ${p.month} ${MONTHS.en[p.day - 1]} ${p.year}. If it is ${p.month} ${MONTHS.en[p.day - 1]}, write ${twoDigits(p.month)}/${twoDigits(p.day)}/${p.year}; saved again with the Italian locale, the table writes every date day first`,
  }),
  'weights-not-100': message<{ code: string; total: string }>({
    it: (p) => `i pesi degli indicatori di ${p.code} sommano a ${p.total.replace('.', ',')}%, non 100%: sono riproporzionati`,
    en: (p) => `the weights of ${p.code}'s indicators add up to ${p.total}%, not 100%; they are re-normalised`,
  }),
  'missing-parent': message<{ code?: string }>({
    it: (p) => (p.code === undefined ? 'un indicatore richiede in Padre il codice del suo obiettivo' : `nessun obiettivo della tabella è padre di ${p.code}: è trattato come radice`),
    en: (p) => (p.code === undefined ? 'an indicator needs the code of its objective in Padre' : `no objective in the table is the parent of ${p.code}; it is treated as a root`),
  }),
  'missing-weight': message<Notation & { indicator?: string }>({
    it: (p) =>
      p.indicator === undefined
        ? `un indicatore richiede un ${head(p, 'weight')}`
        : notationOf(p) === 'it'
          ? `l'indicatore «${p.indicator}» non ha un ${head(p, 'weight')}`
          : `l'indicatore «${p.indicator}» ha vuota la cella ${head(p, 'weight')}`,
    en: (p) => (p.indicator === undefined ? `an indicator needs a ${head(p, 'weight')}` : `the indicator “${p.indicator}” has no ${head(p, 'weight')}`),
  }),
  'unparsable-weight': message<CellText & Notation>({
    it: (p) => `${cellIt(p, 'weight')} ${quoted(p, 'it')} non è un peso come «50% >=»`,
    en: (p) => `the ${head(p, 'weight')} ${quoted(p, 'en')} is not a weight such as “50% >=”`,
  }),
  'negative-weight': message<{ text: string }>({ it: (p) => `il peso ${p.text} è negativo`, en: (p) => `the weight ${p.text} is negative` }),
  'weight-over-100': message<{ weight: string }>({
    it: (p) => `il peso ${p.weight.replace('.', ',')}% supera il 100%`,
    en: (p) => `the weight ${p.weight}% is over 100%`,
  }),
  'missing-comparator': message<Notation & { weight?: string }>({
    it: (p) => (p.weight === undefined ? 'indicare un Comparatore: >=, <= o =' : `${cellIt(p, 'weight')} «${p.weight}» non ha comparatore: scriverlo come «${p.weight} >=», «<=» o «=»`),
    en: (p) => (p.weight === undefined ? 'write a Comparatore: >=, <= or =' : `the ${head(p, 'weight')} “${p.weight}” has no comparator; write it as “${p.weight} >=”, “<=” or “=”`),
  }),
  'unknown-comparator': message<{ comparator: string }>({
    it: (p) => `comparatore sconosciuto «${p.comparator}»: usare >=, <= o =`,
    en: (p) => `unknown comparator “${p.comparator}”; use >=, <= or =`,
  }),
  'unparsable-target': message<CellText & Notation & { problem: ValueProblem; column?: string }>({
    it: (p) => valueProblem(p, head(p, 'target'), 'it'),
    en: (p) => valueProblem(p, head(p, 'target'), 'en'),
  }),
  'unparsable-actual': message<CellText & Notation & { problem: ValueProblem }>({
    it: (p) => valueProblem(p, head(p, 'actual'), 'it'),
    en: (p) => valueProblem(p, head(p, 'actual'), 'en'),
  }),
  'unparsable-baseline': message<CellText & { problem: ValueProblem }>({
    it: (p) => valueProblem(p, 'Baseline', 'it'),
    en: (p) => valueProblem(p, 'Baseline', 'en'),
  }),
  'invalid-baseline-year': message<{ text: string }>({
    it: (p) => `Anno baseline «${p.text}» non è un anno come 2023`,
    en: (p) => `Anno baseline “${p.text}” is not a year such as 2023`,
  }),
  /** An Anno baseline after the plan's year, found once the year is known (server/routes/plans.ts), as the API refuses it. */
  'baseline-year-after': message<{ year: number; maximum: number }>({
    it: (p) => `Anno baseline ${p.year} è dopo l'anno del piano: la baseline è l'ultimo valore noto quando si fa il piano, un anno fino al ${p.maximum}`,
    en: (p) => `Anno baseline ${p.year} is after the plan's year: the baseline is the last value known when the plan is made, a year up to ${p.maximum}`,
  }),
  'missing-baseline-year': message({
    it: "la Baseline non ha un Anno baseline: scrivere l'anno a cui si riferisce",
    en: 'the Baseline has no Anno baseline: write the year it refers to',
  }),
  'missing-column': message<{ column: string }>({
    it: (p) => `la riga di intestazione non ha la colonna «${p.column}»`,
    en: (p) => `the header row has no “${p.column}” column`,
  }),
  'unknown-kind': message<{ kind: string }>({
    it: (p) => (p.kind === '' ? 'Tipo è vuoto: scrivere «obiettivo» o «indicatore»' : `Tipo sconosciuto «${p.kind}»: scrivere «obiettivo» o «indicatore»`),
    en: (p) => (p.kind === '' ? 'Tipo is empty; write “obiettivo” or “indicatore”' : `unknown Tipo “${p.kind}”; write “obiettivo” or “indicatore”`),
  }),
  'missing-title': message<{ code: string }>({ it: (p) => `l'obiettivo ${p.code} non ha un Titolo`, en: (p) => `the objective ${p.code} has no Titolo` }),
  'duplicate-id': message<{ id: string }>({ it: (p) => `il codice di indicatore ${p.id} è già usato`, en: (p) => `the indicator code ${p.id} is already used` }),
  /** The workbook's Codice of an indicator the JSON plan document would refuse (`isIndicatorId`): `import --output` writes it as read. */
  'invalid-id': message<{ id: string }>({
    it: (p) =>
      `il codice di indicatore «${p.id}» non è un identificativo come A.1:1: una lettera o una cifra, poi lettere, cifre, «.», «_», «-» o «:»; correggerlo, o lasciare vuota la cella perché sia «codice obiettivo:posizione»`,
    en: (p) =>
      `the indicator code “${p.id}” is not an id such as A.1:1: a letter or a digit, then letters, digits, “.”, “_”, “-” or “:”; correct it, or leave the cell empty to have “objective code:position”`,
  }),
  'unknown-rule': message<{ rule: string }>({
    it: (p) => `Regola sconosciuta «${p.rule}»: usare on/off, proporzionale o media obiettivi figli`,
    en: (p) => `unknown Regola “${p.rule}”; use on/off, proporzionale or media obiettivi figli`,
  }),
  'unknown-unit': message<{ unit: string }>({
    it: (p) => `Unità sconosciuta «${p.unit}»: usare numero, percentuale, data o sì/no`,
    en: (p) => `unknown Unità “${p.unit}”; use numero, percentuale, data or sì/no`,
  }),
  // A Struttura cell naming no unit of the registry the plan is imported into (server/routes/plans.ts): `known` are its units, `more` those left out of the list.
  'unknown-assigned-unit': message<{ unit: string; known: readonly string[]; more: number }>({
    it: (p) =>
      p.known.length === 0
        ? `Struttura «${p.unit}»: il registro delle strutture è vuoto; aggiungerla prima in Strutture, o lasciare vuota la cella`
        : `Struttura «${p.unit}» non è nel registro delle strutture: scrivere il nome o il codice di una di queste, o aggiungerla prima in Strutture: ${listIn(p.known, 'it')}${p.more > 0 ? ` e altre ${p.more}` : ''}`,
    en: (p) =>
      p.known.length === 0
        ? `Struttura “${p.unit}”: the registry of units is empty; add it under Strutture first, or leave the cell empty`
        : `Struttura “${p.unit}” is not in the registry of units: write the name or the code of one of these, or add it under Strutture first: ${listIn(p.known, 'en')}${p.more > 0 ? ` and ${p.more} more` : ''}`,
  }),
  // A Referente cell naming no account (server/routes/plans.ts): `closest` are the accounts it could name whose e-mail, username or name come near it (core/closest.ts).
  'unknown-assigned-person': message<{ person: string; closest: readonly string[] }>({
    it: (p) =>
      p.closest.length === 0
        ? `Referente «${p.person}» non è un account di Albero, né somiglia all'e-mail, al nome utente o al nome di uno: scrivere l'e-mail o il nome utente di un account attivo (Utenti), o lasciare vuota la cella`
        : `Referente «${p.person}» non è un account di Albero: scrivere l'e-mail o il nome utente di un account; i più simili: ${listIn(p.closest, 'it')}`,
    en: (p) =>
      p.closest.length === 0
        ? `Referente “${p.person}” is no account of Albero, nor close to the e-mail, username or name of one: write the e-mail or username of an active account (Utenti), or leave the cell empty`
        : `Referente “${p.person}” is no account of Albero: write an account's e-mail or username; the closest: ${listIn(p.closest, 'en')}`,
  }),
  // A Referente cell naming an account that could not enter the values it is given (an OIV, HR), or one switched off.
  'assigned-person-cannot-enter': message<{ person: string; account: string; role: string; active: boolean }>({
    it: (p) =>
      p.active
        ? `Referente «${p.person}»: l'account ${p.account} ha il ruolo ${roleWords(p.role, 'it')}, che non inserisce valori; assegnare un referente, il controllo di gestione o un amministratore`
        : `Referente «${p.person}»: l'account ${p.account} è disattivato; riattivarlo in Utenti o assegnare un altro account`,
    en: (p) =>
      p.active
        ? `Referente “${p.person}”: the account ${p.account} has the role ${roleWords(p.role, 'en')}, which enters no values; assign a data owner, management control or an administrator`
        : `Referente “${p.person}”: the account ${p.account} is deactivated; reactivate it under Utenti or assign another account`,
  }),
  // The command line has no registry nor accounts: the Struttura and Referente cells are read and carried into the JSON, not assigned.
  'assignments-not-applied': message<{ units: number; people: number }>({
    it: (p) =>
      `${assignments(p, 'it')}: ${p.units + p.people === 1 ? 'letto, ma non verificato né assegnato' : 'letti, ma non verificati né assegnati'}: un file non ha registro delle strutture né account; li verifica e li assegna l'importazione in Albero (il documento JSON di --output li riporta come scritti)`,
    en: (p) =>
      `${assignments(p, 'en')}: read, but neither checked nor assigned: a file has no registry of units nor accounts; importing it into Albero checks and assigns them (the JSON document of --output carries them as written)`,
  }),
  // A JSON document given as a plan (io/plan-json.ts): not JSON, not the document `albero import --output` writes, or a code given twice.
  'json-unreadable': message<{ line: number; column: number }>({
    it: (p) => `il documento non è JSON valido: il testo si interrompe alla riga ${p.line}, colonna ${p.column}`,
    en: (p) => `the document is not valid JSON: the text breaks off at line ${p.line}, column ${p.column}`,
  }),
  'json-not-json': message<{ table?: 'text' | 'csv' }>({
    it: (p) =>
      `il file ha il nome di un documento JSON ma non lo è: non comincia con «{» o «[»${
        p.table === undefined ? '' : `; è una tabella ${p.table === 'csv' ? 'CSV: rinominarlo in .csv' : 'di testo: rinominarlo in .txt o .tsv'}`
      }`,
    en: (p) =>
      `the file has a JSON document's name but is not one: it does not start with “{” or “[”${
        p.table === undefined ? '' : `; it is a ${p.table === 'csv' ? 'CSV table: rename it to .csv' : 'text table: rename it to .txt or .tsv'}`
      }`,
  }),
  'json-not-plan': message<{ field: string }>({
    it: (p) =>
      `non è il documento di un piano come lo scrive «albero import --output»: ${p.field} manca o non è del tipo atteso (un documento di «albero evaluate --json» non ha le regole del piano: importare la tabella o il foglio di calcolo)`,
    en: (p) =>
      `this is not a plan's document as “albero import --output” writes it: ${p.field} is missing or not of the expected kind (a document of “albero evaluate --json” lacks the plan's rules: import the table or the workbook)`,
  }),
  /**
   * The open data JSON (`albero report --format json`, the server's export) read as a plan: an
   * indicator whose computation it does not carry (a band or threshold rule's points, a formula's
   * base measures, an `=` target's tolerance) cannot be evaluated from it, and is refused rather
   * than scored by a guess. `mean`: a derived indicator of an objective with children whose actual
   * is not its children's mean (`actual`, `mean`: both as the document writes numbers).
   */
  'json-open-data-lacks': message<{ indicator: string; what: 'rule' | 'formula' | 'mean' | 'tolerance'; rule?: string; actual?: string; mean?: string }>({
    it: (p) =>
      `${p.what === 'mean' ? `il consuntivo ${p.actual ?? ''} dell'indicatore derivato «${p.indicator}» non è la media ponderata degli obiettivi figli (${p.mean ?? ''}): è un rapporto o un trend, e ` : ''}i dati aperti non dicono ${p.what === 'rule' ? `i valori della regola «${p.rule ?? ''}»` : p.what === 'formula' || p.what === 'mean' ? 'la formula né le misure di base' : 'la tolleranza'} ${p.what === 'mean' ? 'con cui è calcolato' : `dell'indicatore «${p.indicator}»`}: non si può ricalcolare da questo file; usare la tabella, il foglio di calcolo o il documento di «albero import --output» da cui è stato scritto`,
    en: (p) =>
      `${p.what === 'mean' ? `the actual ${p.actual ?? ''} of the derived indicator “${p.indicator}” is not the weighted mean of the child objectives (${p.mean ?? ''}): it is a ratio or a trend, and ` : ''}the open data does not carry ${p.what === 'rule' ? `the points of the “${p.rule ?? ''}” rule` : p.what === 'formula' || p.what === 'mean' ? 'the formula nor the base measures' : 'the tolerance'} ${p.what === 'mean' ? 'it is computed by' : `of the indicator “${p.indicator}”`}: it cannot be computed again from this file; use the table, the workbook or the document of “albero import --output” it was written from`,
  }),
  /** A computed plan's document (the open data, evaluate --json's) with a field missing or of another kind. */
  'json-not-evaluation': message<{ field: string }>({
    it: (p) => `non è un piano calcolato come lo scrive Albero (i dati aperti JSON, «albero evaluate --json»): ${p.field} manca o non è del tipo atteso`,
    en: (p) => `this is not a computed plan as Albero writes it (the open data JSON, “albero evaluate --json”): ${p.field} is missing or not of the expected kind`,
  }),
  /** The server's tree (`GET /api/plans/:id/tree`, read by the commands that evaluate) with a field missing or of another kind. */
  'json-not-tree': message<{ field: string }>({
    it: (p) => `non è l'albero di un piano come lo dà il server («GET /api/plans/:id/tree»): ${p.field} manca o non è del tipo atteso`,
    en: (p) => `this is not a plan's tree as the server gives it (“GET /api/plans/:id/tree”): ${p.field} is missing or not of the expected kind`,
  }),
  /** An objective's code in the JSON plan document the workbook's Codice and the API refuse (OBJECTIVE_CODE): not a plan of Albero's. */
  'json-invalid-code': message<{ code: string }>({
    it: (p) =>
      `«${p.code}» non è un codice come A, A.1 o A.1.1: una lettera o una cifra, poi lettere, cifre, «.», «_» o «-», al più 40 caratteri (come li accettano il foglio di calcolo e l'API); correggere il codice nel documento`,
    en: (p) =>
      `“${p.code}” is not a code such as A, A.1 or A.1.1: a letter or a digit, then letters, digits, “.”, “_” or “-”, at most 40 characters (as the workbook and the API take them); correct the code in the document`,
  }),
  /** A code of the right characters but longer than 40: a published table has no limit and `import --output` writes it as read. */
  'json-long-code': message<{ code: string; length: number }>({
    it: (p) =>
      `il codice «${p.code}» ha ${p.length} caratteri, più dei 40 che il foglio di calcolo e l'API accettano: è importato come scritto (una tabella pubblicata può averlo), ma il piano esportato come foglio di calcolo non si potrà reimportare finché il codice non è accorciato`,
    en: (p) =>
      `the code “${p.code}” has ${p.length} characters, more than the 40 the workbook and the API take: it is imported as written (a published table may carry it), but the plan exported as a workbook cannot be imported back until the code is shortened`,
  }),
  /** An indicator's id in the JSON plan document that is none Albero makes (`<code>:<position>`'s characters): not a plan of Albero's. */
  'json-invalid-id': message<{ id: string; code: string }>({
    it: (p) =>
      `«${p.id}» (indicatore dell'obiettivo ${p.code}) non è un identificativo come A.1:1: una lettera o una cifra, poi lettere, cifre, «.», «_», «-» o «:»; correggere l'identificativo nel documento`,
    en: (p) => `“${p.id}” (an indicator of the objective ${p.code}) is not an id such as A.1:1: a letter or a digit, then letters, digits, “.”, “_”, “-” or “:”; correct the id in the document`,
  }),
  /** The same in a published table (text, CSV or report workbook): no length bound there, so read as written, said at its row. */
  'table-long-code': message<{ code: string; length: number }>({
    it: (p) =>
      `il codice «${p.code}» ha ${p.length} caratteri, più dei 40 che il foglio di calcolo del piano e l'API accettano: è letto come scritto, ma il piano esportato come foglio di calcolo non si potrà reimportare finché il codice non è accorciato`,
    en: (p) =>
      `the code “${p.code}” has ${p.length} characters, more than the 40 the plan's workbook and the API take: it is read as written, but the plan exported as a workbook cannot be imported back until the code is shortened`,
  }),
  'json-twice': message<{ what: 'objective' | 'indicator'; code: string }>({
    it: (p) => (p.what === 'objective' ? `l'obiettivo ${p.code} compare due volte nel documento` : `l'indicatore ${p.code} compare due volte nel documento`),
    en: (p) => `the ${p.what} ${p.code} is in the document twice`,
  }),
  'unknown-state': message<{ state: string }>({
    it: (p) => `Stato sconosciuto «${p.state}»: usare misurato, non raggiunto, N.V. o non misurato`,
    en: (p) => `unknown Stato “${p.state}”; use misurato, non raggiunto, N.V. or non misurato`,
  }),
  'missing-reason': message({ it: 'un indicatore N.V. richiede un Motivo N.V.', en: 'an N.V. indicator needs a Motivo N.V.' }),
  // A Consuntivo beside a Stato that takes no value (a next-year workbook writes «non misurato» on every row): said, never dropped.
  'actual-with-state': message<{ actual: string; state: string }>({
    it: (p) => `il Consuntivo ${p.actual} contraddice lo Stato «${p.state}», che non ha un valore: svuotare lo Stato (o scrivere «misurato») per importare il valore, oppure svuotare il Consuntivo`,
    en: (p) => `Consuntivo ${p.actual} contradicts Stato “${p.state}”, which takes no value: empty Stato (or write “misurato”) to import the value, or empty Consuntivo`,
  }),
  'missing-sheet': message<{ sheets: string }>({
    it: (p) =>
      `nessun foglio contiene la tabella: serve un foglio (meglio se chiamato «Albero») con la riga di intestazione Obiettivo, Indicatore, Peso… (il formato pubblicato; in inglese Objective, Indicator, Weight…) o Codice, Padre, Titolo… (il modello); fogli trovati: ${p.sheets}`,
    en: (p) =>
      `no sheet holds the table: expected a sheet (preferably named “Albero”) whose header row reads either Obiettivo, Indicatore, Peso… (the published layout; in English Objective, Indicator, Weight…) or Codice, Padre, Titolo… (the template); sheets found: ${p.sheets}`,
  }),
  'several-tables': message<{ sheets: string }>({
    it: (p) => `più fogli contengono una tabella (${p.sheets}) e non si sa quale importare: lasciare nella cartella di lavoro solo quella da importare, o chiamare il suo foglio «Albero»`,
    en: (p) => `several sheets hold a table (${p.sheets}) and which to import is not known: keep in the workbook only the one to import, or name its sheet “Albero”`,
  }),
  'other-tables-not-read': message<{ sheet: string; others: string; count: number }>({
    it: (p) =>
      `la tabella è stata letta dal foglio «${p.sheet}»; ${p.count === 1 ? `anche il foglio ${p.others} contiene una tabella, che non è stata letta` : `anche i fogli ${p.others} contengono una tabella, che non è stata letta`}`,
    en: (p) =>
      `the table was read from the sheet “${p.sheet}”; ${p.count === 1 ? `the sheet ${p.others} also holds a table, which was not read` : `the sheets ${p.others} also hold a table, which were not read`}`,
  }),
  'read-plan-sheet': message<{ sheet: string; also: string }>({
    it: (p) => `il piano è stato letto dal foglio «${p.sheet}» (il piano completo); il foglio «${p.also}» è la sua tabella stampabile e non è stato letto`,
    en: (p) => `the plan was read from the sheet “${p.sheet}” (the complete plan); the sheet “${p.also}” is its printable table and was not read`,
  }),
  'read-published-sheet': message<{ sheet: string; also: string }>({
    it: (p) => `la tabella è stata letta dal foglio «${p.sheet}» (la tabella pubblicata, con i valori dichiarati); il foglio «${p.also}» (il piano completo) non è stato letto`,
    en: (p) => `the table was read from the sheet “${p.sheet}” (the published table, with the values it states); the sheet “${p.also}” (the complete plan) was not read`,
  }),
  'file-too-large': message<{
    what: 'file' | 'unpacked' | 'sheet';
    size?: string;
    limit?: string;
    sheet?: string;
    rows?: number;
    cut?: boolean;
    columns?: number;
    maxRows?: number;
    maxColumns?: number;
  }>({
    it: (p) =>
      p.what === 'sheet'
        ? `il foglio «${p.sheet}» ha ${p.cut === true ? `più di ${p.maxRows}` : p.rows} righe e ${p.columns} colonne; i limiti sono ${p.maxRows} righe e ${p.maxColumns} colonne`
        : p.what === 'unpacked'
          ? `la cartella di lavoro decompressa occupa ${p.size} MB; il limite è ${p.limit} MB`
          : `il file occupa ${String(p.size).replace('.', ',')} MB; il limite è ${p.limit} MB`,
    en: (p) =>
      p.what === 'sheet'
        ? `the sheet “${p.sheet}” has ${p.cut === true ? `more than ${p.maxRows}` : p.rows} rows and ${p.columns} columns; the limits are ${p.maxRows} rows and ${p.maxColumns} columns`
        : p.what === 'unpacked'
          ? `the workbook unpacks to ${p.size} MB; the limit is ${p.limit} MB`
          : `the file is ${p.size} MB; the limit is ${p.limit} MB`,
  }),
  'not-a-workbook': message<{ reason: 'xls' | 'not-zip' | 'damaged' | 'word' | 'opendocument' | 'zip'; entries?: number }>({
    it: (p) =>
      ({
        xls: 'questo è un vecchio file Excel 97–2003 (.xls): aprirlo e salvarlo come .xlsx',
        'not-zip': 'questa non è una cartella di lavoro .xlsx (un file .xlsx è un archivio zip, e questo file non lo è)',
        damaged: 'la cartella di lavoro è danneggiata o troncata (il suo indice zip non si può leggere)',
        word: 'questo è un documento Word, non una cartella di lavoro Excel (manca xl/workbook.xml)',
        opendocument: 'questo è un file OpenDocument (salvarlo come .xlsx), non una cartella di lavoro Excel (manca xl/workbook.xml)',
        zip: `questo è un archivio zip di ${p.entries ?? 0} ${s(p.entries ?? 0, 'altro file', 'altri file')}, non una cartella di lavoro Excel (manca xl/workbook.xml)`,
      })[p.reason],
    en: (p) =>
      ({
        xls: 'this is an old Excel 97–2003 (.xls) file; open it and save it as .xlsx',
        'not-zip': 'this is not an .xlsx workbook (an .xlsx file is a zip archive, and this file is not one)',
        damaged: 'the workbook is damaged or cut short (its zip directory cannot be read)',
        word: 'this is a Word document, not an Excel workbook (no xl/workbook.xml inside)',
        opendocument: 'this is an OpenDocument file (save it as .xlsx), not an Excel workbook (no xl/workbook.xml inside)',
        zip: `this is a zip archive of ${p.entries ?? 0} other ${s(p.entries ?? 0, 'file', 'files')}, not an Excel workbook (no xl/workbook.xml inside)`,
      })[p.reason],
  }),
  'unreadable-workbook': message<{ detail?: string; sharedString?: string }>({
    it: (p) =>
      p.sharedString !== undefined
        ? `la cella rimanda al testo condiviso n. ${p.sharedString}, che la cartella di lavoro non contiene: aprirla e salvarla di nuovo come .xlsx`
        : `la cartella di lavoro non si può leggere${p.detail === undefined ? '' : ` (${p.detail})`}`,
    en: (p) =>
      p.sharedString !== undefined
        ? `the cell refers to shared string ${p.sharedString}, which the workbook does not hold: open it and save it again as .xlsx`
        : `the workbook cannot be read${p.detail === undefined ? '' : ` (${p.detail})`}`,
  }),
  'merged-cells': message<{ cell: string }>({
    it: (p) => `celle unite a partire da ${p.cell}: separarle e mettere ogni valore nella sua cella`,
    en: (p) => `merged cells starting at ${p.cell}: unmerge them and put each value in its own cell`,
  }),
  'hidden-rows': message<{ first: number; last: number }>({
    it: (p) =>
      p.first === p.last
        ? `la riga ${p.first} è nascosta nel foglio ma è stata letta come parte della tabella: mostrarla per controllarla, o eliminarla se non deve contare`
        : `le righe dalla ${p.first} alla ${p.last} sono nascoste nel foglio ma sono state lette come parte della tabella: mostrarle per controllarle, o eliminarle se non devono contare`,
    en: (p) =>
      p.first === p.last
        ? `row ${p.first} is hidden in the sheet but was read as part of the table: show it to check it, or delete it if it must not count`
        : `rows ${p.first} to ${p.last} are hidden in the sheet but were read as part of the table: show them to check them, or delete them if they must not count`,
  }),
  'extra-column': message<Notation & { value: string }>({
    it: (p) => `un valore («${p.value}») oltre le sette colonne della tabella (${heads(p)})`,
    en: (p) => `a value (“${p.value}”) beyond the seven columns of the table (${heads(p)})`,
  }),
  /**
   * A date more than `window` years from the plan's year (io/published/layout.ts `FAR_DATE_YEARS`).
   * In a workbook (`source` absent: the issues raised before it was given were all a workbook's) most
   * often a plain number typed in a cell formatted as a date (5 → 04/01/1900, 300925 → 26/11/2723);
   * a text table (CSV, TSV: `text`) or a JSON document (`document`) has no cell format, so its date
   * is as typed there: a slip in the year. A warning: the date is kept as written. `read`: said by a
   * command that reads the table without importing it (`evaluate`, `verify`…: cli/shared.ts
   * `loadOrReport`), where the date is read as written; absent, by an import (command line or server).
   */
  'date-far-from-year': message<{ column: string; date: string; year: number; window: number; source?: DateSource; read?: boolean }>({
    it: (p) =>
      `${p.column}: la data ${p.date} è a più di ${p.window} anni dall'anno del piano (${p.year}); ${
        p.source === undefined || p.source === 'workbook'
          ? 'un numero scritto in una cella formattata come data (5, 300925) diventa quel numero di giorni dopo il 30/12/1899: controllare la cella'
          : `una data così lontana è di solito un errore di battitura nell'anno: controllare la data${p.source === 'document' ? ' nel documento' : ''}`
      }. La data è ${p.read === true ? 'letta' : 'importata'} come scritta`,
    en: (p) =>
      `${p.column}: the date ${p.date} is more than ${p.window} years from the plan's year (${p.year}); ${
        p.source === undefined || p.source === 'workbook'
          ? 'a number typed in a cell formatted as a date (5, 300925) becomes that many days after 30/12/1899: check the cell'
          : `a date this far off is most often a slip in its year: check the date${p.source === 'document' ? ' in the document' : ''}`
      }. The date is ${p.read === true ? 'read' : 'imported'} as written`,
  }),
  'formula-cell': message<{ formula: string }>({
    it: (p) => `la cella contiene una formula (=${p.formula}) invece di un valore: copiare la colonna e incollarla come soli valori`,
    en: (p) => `the cell holds a formula (=${p.formula}) instead of a value; copy the column and paste it back as values only`,
  }),
  // `cell`: a workbook's typed number, said the reader's way; the others: a number typed as text, in the table's notation.
  'number-out-of-range': message<Notation & { column?: string; text?: string; length?: number; reason: 'cell' | 'digits' | 'decimals' | 'overlong' | 'infinite' }>({
    it: (p) => {
      const what = `${p.column === undefined ? '' : `${p.column}: `}${p.text === undefined ? '' : `${quoted({ text: p.text, ...(p.length === undefined ? {} : { length: p.length }) }, 'it')} — `}`;
      return `${what}${
        {
          cell: `la cella contiene un numero che non si può leggere (infinito, non un numero, o oltre ±${decimalIn('1.8', 'it')}·10³⁰⁸): riscrivere il valore`,
          digits: `il numero ha più di 15 cifre prima ${DECIMAL_MARK.it[notationOf(p)]} (il limite è sotto il milione di miliardi)`,
          decimals: 'il numero ha più di 20 decimali',
          overlong: `troppe cifre: un numero può avere fino a 15 cifre prima ${DECIMAL_MARK.it[notationOf(p)]} e 20 dopo`,
          infinite: 'il numero è infinito o non è un numero',
        }[p.reason]
      }`;
    },
    en: (p) => {
      const what = `${p.column === undefined ? '' : `${p.column}: `}${p.text === undefined ? '' : `${quoted({ text: p.text, ...(p.length === undefined ? {} : { length: p.length }) }, 'en')}: `}`;
      return `${what}${
        {
          cell: `the cell holds a number that cannot be read (infinite, not a number, or beyond ±${decimalIn('1.8', 'en')}·10³⁰⁸); type the value again`,
          digits: `the number has more than 15 digits before the ${DECIMAL_MARK.en[notationOf(p)]} (the limit is under a million billion)`,
          decimals: 'the number has more than 20 decimals',
          overlong: `too many digits: numbers may have up to 15 digits before the ${DECIMAL_MARK.en[notationOf(p)]} and 20 after`,
          infinite: 'the number is infinite or not a number',
        }[p.reason]
      }`;
    },
  }),
  // `actual` and `target`: the cells' texts, cut as `cellText` cuts them (`actualLength`, `targetLength` set when cut).
  // `serialDate`: the date the number side stands for as an Excel date serial, when it may be one (a workbook's date cell in General format).
  'kind-mismatch': message<Notation & { actual: string; actualLength?: number; actualKind: ValueKind; target: string; targetLength?: number; targetKind: ValueKind; serialDate?: string }>({
    it: (p) =>
      `${cellIt(p, 'actual')} ${quoted(cellOf(p.actual, p.actualLength), 'it')} è ${KIND_WORDS.it[p.actualKind]} ma ${cellIt(p, 'target')} ${quoted(cellOf(p.target, p.targetLength), 'it')} è ${KIND_WORDS.it[p.targetKind]}: scriverli allo stesso modo${
        p.serialDate === undefined ? '' : `; ${serialNumber(p, 'it')} sembra una data di Excel (${p.serialDate}) in una cella in formato Generale: dare alla cella un formato data`
      }`,
    en: (p) =>
      `the ${head(p, 'actual')} ${quoted(cellOf(p.actual, p.actualLength), 'en')} is ${KIND_WORDS.en[p.actualKind]} but the ${head(p, 'target')} ${quoted(cellOf(p.target, p.targetLength), 'en')} is ${KIND_WORDS.en[p.targetKind]}; write both the same way${
        p.serialDate === undefined ? '' : `; ${serialNumber(p, 'en')} looks like an Excel date serial (${p.serialDate}) in a General-format cell: give the cell a date format`
      }`,
  }),
  'date-serials': message<Notation & { target: string; targetDate: string; actual: string; actualDate: string }>({
    it: (p) =>
      `${cellIt(p, 'target')} «${p.target}» e ${cellIt(p, 'actual')} «${p.actual}» sembrano date di Excel (${p.targetDate} e ${p.actualDate}) in celle in formato Generale: sono letti come numeri; se sono date, dare alle celle un formato data`,
    en: (p) =>
      `the ${head(p, 'target')} “${p.target}” and the ${head(p, 'actual')} “${p.actual}” look like Excel date serials (${p.targetDate} and ${p.actualDate}) in General-format cells: they are read as numbers; if they are dates, give the cells a date format`,
  }),
  'damaged-workbook': message<{ part?: string; reason: 'directory' | 'encrypted' | 'method' | 'missing' | 'cut' | 'inflate' | 'bigger' | 'smaller' | 'checksum'; declared?: number }>({
    it: (p) =>
      ({
        directory: "la cartella di lavoro è danneggiata o troncata (l'indice zip non si trova o è interrotto)",
        encrypted: `la parte ${p.part} della cartella di lavoro è cifrata: salvarla senza password`,
        method: `la parte ${p.part} della cartella di lavoro è compressa con un metodo diverso da deflate: aprirla e salvarla di nuovo come .xlsx`,
        missing: `la parte ${p.part} della cartella di lavoro manca o è sovrascritta`,
        cut: `la parte ${p.part} della cartella di lavoro è troncata`,
        inflate: `la parte ${p.part} della cartella di lavoro è danneggiata (i dati compressi non si possono decomprimere)`,
        bigger: `la parte ${p.part} della cartella di lavoro si decomprime in più dei ${p.declared} byte dichiarati (file danneggiato o zip bomb)`,
        smaller: `la parte ${p.part} della cartella di lavoro si decomprime in meno dei ${p.declared} byte dichiarati (file danneggiato)`,
        checksum: `la parte ${p.part} della cartella di lavoro è danneggiata (il checksum non corrisponde)`,
      })[p.reason],
    en: (p) =>
      ({
        directory: 'the workbook is damaged or cut short (its zip directory cannot be found or is cut short)',
        encrypted: `the part ${p.part} of the workbook is encrypted; save the workbook without a password`,
        method: `the part ${p.part} of the workbook is compressed with a method other than deflate; open it and save it again as .xlsx`,
        missing: `the part ${p.part} of the workbook is missing or overwritten`,
        cut: `the part ${p.part} of the workbook is cut short`,
        inflate: `the part ${p.part} of the workbook is damaged (its compressed data cannot be unpacked)`,
        bigger: `the part ${p.part} of the workbook unpacks to more than the ${p.declared} bytes it declares (a damaged file or a zip bomb)`,
        smaller: `the part ${p.part} of the workbook unpacks to fewer than the ${p.declared} bytes it declares (a damaged file)`,
        checksum: `the part ${p.part} of the workbook is damaged (its checksum does not match)`,
      })[p.reason],
  }),
  'long-sheet-name': message<{ name: string; read: string }>({
    it: (p) => `il nome del foglio «${p.name}» supera i 31 caratteri ammessi da Excel: è letto come «${p.read}»`,
    en: (p) => `the sheet name “${p.name}” is longer than the 31 characters Excel allows; it is read as “${p.read}”`,
  }),
  'unreadable-date': message<{ text: string }>({
    it: (p) => `la cella è segnata come data ma contiene «${p.text}», non una data come 2024-07-15`,
    en: (p) => `the cell is marked as a date but holds “${p.text}”, not a date such as 2024-07-15`,
  }),
  'error-cell': message<{ error: string }>({
    it: (p) => `la cella mostra l'errore del foglio di calcolo ${p.error}`,
    en: (p) => `the cell shows the spreadsheet error ${p.error}`,
  }),
});
