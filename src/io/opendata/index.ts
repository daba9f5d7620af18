/**
 * Open data for the "Amministrazione trasparente" page: the computed plan as CSV (one row per
 * objective and per indicator, the columns documented in docs/open-data.md) and as JSON (the
 * `evaluationDocument` shape with a metadata block). Both are built from `evaluationDocument`, so
 * they can never disagree with the API, the CLI or each other.
 */
import Papa from 'papaparse';
import { BAND_WORD, LEVEL_WORD, RULE_WORD, WORDS, type Evaluation, type IndicatorState, type Issue } from '../../core/index.js';
import { evaluationDocument, type EvaluationDocument } from '../json.js';
import { yearOf, type ReportMeta } from '../report/meta.js';
import { validatedNumber, validatedOf, type ReportValidation } from '../report/validated.js';

export const CSV_COLUMNS = [
  'tipo',
  'codice_obiettivo',
  'titolo_obiettivo',
  'codice_padre',
  'livello',
  'peso_obiettivo',
  'id_indicatore',
  'indicatore',
  'peso_indicatore',
  'comparatore',
  'unita',
  'target',
  'consuntivo',
  'stato',
  'motivo_nv',
  'regola',
  'derivato',
  'performance_kpi',
  'performance_obiettivo',
  'fascia',
  'conteggiato',
  'responsabile',
  'performance_validata_oiv',
  'fascia_validata_oiv',
  'nota_oiv',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

/**
 * Each column as the public pages describe it, in Italian (`colonne.html` beside `dati.csv`): on
 * which rows it is filled and what it means, with its unit. Keyed by the columns, so a column
 * added to the file without its description does not compile. docs/open-data.md says the same in English.
 */
export const CSV_COLUMN_MEANINGS: Readonly<Record<(typeof CSV_COLUMNS)[number], { readonly rows: 'entrambe' | 'obiettivo' | 'indicatore'; readonly meaning: string }>> = {
  tipo: { rows: 'entrambe', meaning: '"obiettivo" o "indicatore": di che cosa parla la riga' },
  codice_obiettivo: { rows: 'entrambe', meaning: "codice dell'obiettivo (A, A.2, A.2.1); le righe di un indicatore ripetono quello del suo obiettivo" },
  titolo_obiettivo: { rows: 'entrambe', meaning: "titolo dell'obiettivo" },
  codice_padre: { rows: 'entrambe', meaning: "codice dell'obiettivo di livello superiore; vuoto per un'area" },
  livello: { rows: 'entrambe', meaning: 'livello: area, strategico, operativo (o il nome che gli dà il piano)' },
  peso_obiettivo: { rows: 'obiettivo', meaning: "peso nella media dell'obiettivo superiore, in punti percentuali; vuoto: gli obiettivi pesano allo stesso modo" },
  id_indicatore: { rows: 'indicatore', meaning: "identificativo dell'indicatore, stabile nel piano" },
  indicatore: { rows: 'indicatore', meaning: "nome dell'indicatore" },
  peso_indicatore: { rows: 'indicatore', meaning: 'peso nel suo obiettivo, in punti percentuali' },
  comparatore: { rows: 'indicatore', meaning: '">=" (almeno il target), "<=" (al massimo il target, anche per le scadenze) o "=" (esattamente il target)' },
  unita: { rows: 'indicatore', meaning: 'unità di misura di target e consuntivo: numero, percentuale (in punti percentuali, senza il segno %), data (AAAA-MM-GG), sì/no' },
  target: { rows: 'indicatore', meaning: "il valore atteso, nell'unità dell'indicatore" },
  consuntivo: {
    rows: 'indicatore',
    meaning: "il valore raggiunto, nell'unità dell'indicatore (calcolato, per gli indicatori derivati); vuoto se non misurato, in corso di misurazione, non raggiunto senza valore o N.V.",
  },
  stato: {
    rows: 'indicatore',
    meaning: `misurato; non raggiunto (conta 0); N.V., non valutabile: escluso dalla media del suo obiettivo; non misurato; ${WORDS.it.states.pending}: il periodo è ancora in corso e i risultati non sono ancora disponibili (nessun consuntivo né punteggio), non un indicatore rimasto senza misura`,
  },
  motivo_nv: { rows: 'indicatore', meaning: "perché l'indicatore è N.V. (non valutabile)" },
  regola: { rows: 'indicatore', meaning: 'come il consuntivo diventa un punteggio: on/off (tutto o niente), proporzionale, fasce, soglia' },
  derivato: { rows: 'indicatore', meaning: '"sì" quando il consuntivo è calcolato (per esempio la media pesata degli obiettivi sottostanti)' },
  performance_kpi: { rows: 'indicatore', meaning: "punteggio dell'indicatore da 0 a 100, con due decimali; vuoto se non entra nella media" },
  performance_obiettivo: { rows: 'obiettivo', meaning: "performance dell'obiettivo da 0 a 100, con due decimali: la media pesata dei suoi indicatori; vuoto: nessuna performance" },
  fascia: { rows: 'obiettivo', meaning: 'fascia della legenda del piano: verde, giallo, rosso; vuoto senza performance' },
  conteggiato: { rows: 'indicatore', meaning: '"sì" quando entra nella media pesata del suo obiettivo' },
  responsabile: { rows: 'indicatore', meaning: "chi risponde dell'indicatore, se indicato" },
  performance_validata_oiv: {
    rows: 'obiettivo',
    meaning:
      "dopo la pubblicazione della validazione della Relazione da parte dell'OIV (validata, anche con riserve): la performance validata dall'OIV, da 0 a 100 con due decimali, dove è diversa da quella rendicontata (performance_obiettivo): un valore dato dall'OIV, o quello che ne segue per gli obiettivi superiori con le regole del piano; vuoto: vale il valore rendicontato",
  },
  fascia_validata_oiv: {
    rows: 'obiettivo',
    meaning: "la fascia della performance validata dall'OIV (verde, giallo, rosso), che prevale su quella della colonna fascia; vuoto: nessun valore validato diverso",
  },
  nota_oiv: { rows: 'obiettivo', meaning: "la nota dell'OIV sul valore che ha validato; «segue i valori validati» per un obiettivo superiore che ne segue; vuoto: nessuna" },
};

/** Decimal comma, no thousands separator: what an Italian spreadsheet reads as a number. */
function num(value: number | null): string {
  return value === null ? '' : String(value).replace('.', ',');
}

function value(v: number | string | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'sì' : 'no';
  return typeof v === 'number' ? num(v) : v; // dates stay ISO yyyy-mm-dd
}

/**
 * A text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`) gets a leading
 * apostrophe, as OWASP advises for CSV files: titles come from imported files and must not turn
 * into formulas on the transparency page's readers' computers.
 */
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const STATE: Readonly<Record<IndicatorState, string>> = { measured: 'misurato', not_achieved: 'non raggiunto', not_evaluable: 'N.V.', not_measured: 'non misurato', pending: WORDS.it.states.pending };
const RULE: Readonly<Record<string, string>> = RULE_WORD;
const UNIT: Record<string, string> = { number: 'numero', percent: 'percentuale', date: 'data', boolean: 'sì/no' };

export function csvRows(document: EvaluationDocument, validation?: ReportValidation): Row[] {
  const rows: Row[] = [];
  const empty = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Row;
  for (const o of document.objectives) {
    const objective = {
      codice_obiettivo: o.code,
      titolo_obiettivo: text(o.title),
      codice_padre: o.parent ?? '',
      livello: text(o.level === undefined || o.level === null ? '' : (LEVEL_WORD[o.level] ?? o.level)),
    };
    const validated = validatedOf(validation, o.code);
    rows.push({
      ...empty,
      ...objective,
      tipo: 'obiettivo',
      peso_obiettivo: num(o.weight),
      performance_obiettivo: num(o.performance),
      fascia: o.band === null ? '' : BAND_WORD[o.band],
      ...(validated === undefined
        ? {}
        : {
            performance_validata_oiv: num(validatedNumber(validated.validated)),
            fascia_validata_oiv: validated.band === null ? '' : BAND_WORD[validated.band],
            nota_oiv: text(validated.direct ? (validated.note ?? '') : FOLLOWING_NOTE),
          }),
    });
    for (const i of o.indicators) {
      rows.push({
        ...empty,
        ...objective,
        tipo: 'indicatore',
        id_indicatore: i.id,
        indicatore: text(i.name),
        peso_indicatore: num(i.weight),
        comparatore: i.comparator,
        unita: UNIT[i.unit] ?? i.unit,
        target: value(i.target),
        consuntivo: i.state === 'not_evaluable' ? '' : value(i.actual),
        stato: STATE[i.state],
        motivo_nv: text(i.reason ?? ''),
        regola: RULE[i.scoring] ?? i.scoring,
        derivato: i.derived ? 'sì' : 'no',
        performance_kpi: num(i.performance),
        conteggiato: i.counted ? 'sì' : 'no',
        responsabile: text(i.owner ?? ''),
      });
    }
  }
  return rows;
}

/** The `nota_oiv` of an objective that follows its objectives' validated values (the open data are Italian). */
const FOLLOWING_NOTE = 'segue i valori validati dei suoi obiettivi, con le regole del piano';

/**
 * UTF-8 with a byte-order mark (so Excel shows accents right), `;`-separated, CRLF line ends.
 * `validation`: the OIV's published validation, whose figures fill the last three columns.
 */
export function openDataCsv(evaluation: Evaluation, validation?: ReportValidation): string {
  const rows = csvRows(evaluationDocument(evaluation), validation);
  return `\uFEFF${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows.map((r) => CSV_COLUMNS.map((c) => r[c])) }, { delimiter: ';', newline: '\r\n', quotes: false })}\r\n`;
}

export interface OpenDataDocument extends EvaluationDocument {
  metadata: {
    format: 'albero-evaluation';
    version: 1;
    title: string;
    body: string | null;
    year: number | null;
    period: string | null;
    /** The period's state in words ("in raccolta: valori provvisori", "validato dall'OIV"): whether the values are final. Null: computed from a file. */
    periodState: string | null;
    /**
     * ISO time the OIV validated the figures this file holds (the period's latest validation; the
     * year end read as the OIV validated it after a reopening: the decision). Null: the figures are
     * not validated ones (a period not validated; the year end closed again after a reopening), or
     * computed from a file.
     */
    validatedAt: string | null;
    /**
     * ISO time the office reopened the year end after the OIV validated it; null: not reopened since
     * (or validated again since), or computed from a file. With `validatedAt`: the figures are those
     * validated before the reopening; without it: the period's own, not validated.
     */
    reopenedAt: string | null;
    /** The act that adopted the plan; null: not adopted, or a plan read from a file. */
    adoption: { kind: string; number: string; date: string } | null;
    computedAt: string;
    generator: 'Albero';
    /**
     * The OIV's validation of the Relazione, once published (validated, or with reservations) and
     * differing from the reported figures somewhere: when, and the body's figure as reported and as
     * validated (null when it does not move). Null: none published, not validated, or nothing differs.
     */
    validation: {
      decidedAt: string;
      withReservations: boolean;
      body: { reported: number | null; validated: number | null; band: string | null } | null;
    } | null;
  };
  objectives: (EvaluationDocument['objectives'][number] & {
    /** The figure validated by the OIV where it differs from the reported one; null: the reported one holds. */
    validated: { performance: number | null; band: string | null; byOiv: boolean; note: string | null } | null;
  })[];
}

/** The JSON open data; its amount texts (`targetText`, `actualText`) in the report's language, as `evaluate --json` writes them. */
export function openDataJson(evaluation: Evaluation, meta: ReportMeta = {}, issues: readonly Issue[] = []): OpenDataDocument {
  const document = evaluationDocument(evaluation, issues, meta.language);
  const v = meta.validated;
  return {
    metadata: {
      format: 'albero-evaluation',
      version: 1,
      title: document.title,
      body: meta.body ?? null,
      year: yearOf(meta, document.title) ?? null,
      period: meta.period ?? null,
      periodState: meta.periodState ?? null,
      validatedAt: meta.periodDates?.validatedAt ?? null,
      reopenedAt: meta.periodDates?.reopenedAt ?? null,
      adoption: meta.adoption === undefined ? null : { kind: meta.adoption.kind, number: meta.adoption.number, date: meta.adoption.date },
      computedAt: (meta.computedAt ?? new Date()).toISOString(),
      generator: 'Albero',
      validation:
        v === undefined
          ? null
          : {
              decidedAt: v.decidedAt,
              withReservations: v.reservations,
              body: v.body === null ? null : { reported: validatedNumber(v.body.reported), validated: validatedNumber(v.body.validated), band: v.body.band },
            },
    },
    ...document,
    objectives: document.objectives.map((o) => {
      const x = validatedOf(v, o.code);
      return { ...o, validated: x === undefined ? null : { performance: validatedNumber(x.validated), band: x.band, byOiv: x.direct, note: x.note } };
    }),
  };
}
