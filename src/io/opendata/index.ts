/**
 * Open data for the "Amministrazione trasparente" page: the computed plan as CSV (one row per
 * objective and per indicator, the columns documented in docs/open-data.md) and as JSON (the
 * `evaluationDocument` shape with a metadata block). Both are built from `evaluationDocument`, so
 * they can never disagree with the API, the CLI or each other.
 */
import Papa from 'papaparse';
import { BAND_WORD, LEVEL_WORD, RULE_WORD, type Evaluation, type Issue } from '../../core/index.js';
import { evaluationDocument, type EvaluationDocument } from '../json.js';
import { yearOf, type ReportMeta } from '../report/meta.js';

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
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

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

const STATE: Record<string, string> = { measured: 'misurato', not_achieved: 'non raggiunto', not_evaluable: 'N.V.', not_measured: 'non misurato' };
const RULE: Readonly<Record<string, string>> = RULE_WORD;
const UNIT: Record<string, string> = { number: 'numero', percent: 'percentuale', date: 'data', boolean: 'sì/no' };

export function csvRows(document: EvaluationDocument): Row[] {
  const rows: Row[] = [];
  const empty = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Row;
  for (const o of document.objectives) {
    const objective = {
      codice_obiettivo: o.code,
      titolo_obiettivo: text(o.title),
      codice_padre: o.parent ?? '',
      livello: text(o.level === undefined || o.level === null ? '' : (LEVEL_WORD[o.level] ?? o.level)),
    };
    rows.push({ ...empty, ...objective, tipo: 'obiettivo', peso_obiettivo: num(o.weight), performance_obiettivo: num(o.performance), fascia: o.band === null ? '' : BAND_WORD[o.band] });
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
        stato: STATE[i.state] ?? i.state,
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

/** UTF-8 with a byte-order mark (so Excel shows accents right), `;`-separated, CRLF line ends. */
export function openDataCsv(evaluation: Evaluation): string {
  const rows = csvRows(evaluationDocument(evaluation));
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
    /** The act that adopted the plan; null: not adopted, or a plan read from a file. */
    adoption: { kind: string; number: string; date: string } | null;
    computedAt: string;
    generator: 'Albero';
  };
}

/** The JSON open data; its amount texts (`targetText`, `actualText`) in the report's language, as `evaluate --json` writes them. */
export function openDataJson(evaluation: Evaluation, meta: ReportMeta = {}, issues: readonly Issue[] = []): OpenDataDocument {
  const document = evaluationDocument(evaluation, issues, meta.language);
  return {
    metadata: {
      format: 'albero-evaluation',
      version: 1,
      title: document.title,
      body: meta.body ?? null,
      year: yearOf(meta, document.title) ?? null,
      period: meta.period ?? null,
      periodState: meta.periodState ?? null,
      adoption: meta.adoption === undefined ? null : { kind: meta.adoption.kind, number: meta.adoption.number, date: meta.adoption.date },
      computedAt: (meta.computedAt ?? new Date()).toISOString(),
      generator: 'Albero',
    },
    ...document,
  };
}
