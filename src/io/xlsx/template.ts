/**
 * The clean template: one row per objective or indicator, with explicit columns, for offices that
 * build a plan from scratch rather than copying a published table. `writeTemplate` makes the blank
 * workbook (the table sheet plus an Italian guide); `readTemplateSheet` reads it back into a plan.
 * Columns are found by their header, so a user may reorder or hide the optional ones.
 */
import type ExcelJS from 'exceljs';
import {
  ownValue,
  computedFromChildren,
  DEFAULT_LEGEND,
  DEFAULT_SETTINGS,
  Decimal,
  cellText as quotable,
  formulaUnitProblem,
  problem,
  reasonText,
  saidIssue,
  fileReason,
  type Amount,
  type Comparator,
  type Formula,
  type Indicator,
  type Issue,
  type Measurement,
  type Outcome,
  type Plan,
  type Objective,
  type ScoringRule,
  type SourceLocation,
  type Unit,
  type UnitAssignment,
  type PersonAssignment,
} from '../../core/index.js';
import { OBJECTIVE_CODE, isIndicatorId } from '../../contract/codes.js';
import { farDate, parseValueCell, parseWeight, titleYear, type ImportedTable } from '../published/layout.js';
import { amountCell, cellLocation, cellText, columnLetter, style, wrappedRowHeight } from './cells.js';
import { exceljs } from './excel.js';
import type { StreamedSheet } from './stream.js';
import type { AssignedPeople, AssignedUnits } from '../report/meta.js';

export const TEMPLATE_SHEET = 'Albero';
export const GUIDE_SHEET = 'Guida';

type Field =
  | 'code'
  | 'parent'
  | 'title'
  | 'kind'
  | 'weight'
  | 'comparator'
  | 'target'
  | 'unit'
  | 'actual'
  | 'state'
  | 'reason'
  | 'scoring'
  | 'owner'
  | 'notes'
  | 'baseline'
  | 'baselineYear'
  | 'target2'
  | 'target3'
  | 'assignedUnit'
  | 'assignedPerson';

export const TEMPLATE_COLUMNS: ReadonlyArray<{ field: Field; header: string; width: number; help: string }> = [
  {
    field: 'code',
    header: 'Codice',
    width: 10,
    help: 'Obiettivo: il codice (A, A.1, A.1.1). Indicatore: facoltativo, un identificativo univoco (es. A.1:1: lettere, cifre, «.», «_», «-» o «:»); se vuoto è «codice obiettivo:posizione».',
  },
  { field: 'parent', header: 'Padre', width: 10, help: "Obiettivo: il codice dell'obiettivo padre (vuoto per un'area). Indicatore: il codice dell'obiettivo a cui appartiene (obbligatorio)." },
  { field: 'title', header: 'Titolo', width: 60, help: "Il titolo dell'obiettivo o il nome dell'indicatore." },
  { field: 'kind', header: 'Tipo', width: 12, help: '«obiettivo» oppure «indicatore».' },
  {
    field: 'weight',
    header: 'Peso',
    width: 8,
    help: "Peso in percentuale (50 o 50%). Indicatore: peso nell'obiettivo (obbligatorio). Obiettivo: peso nel padre (facoltativo; se vuoto i figli pesano uguale).",
  },
  { field: 'comparator', header: 'Comparatore', width: 12, help: '>= (almeno il target), <= (al massimo il target, anche per le scadenze), = (uguale).' },
  { field: 'target', header: 'Target', width: 12, help: 'Un numero (1.587,10), una percentuale (60%), una data (30/09/2024) o sì/no.' },
  { field: 'unit', header: 'Unità', width: 12, help: 'numero, percentuale, data o sì/no. Se vuota si deduce dal target.' },
  { field: 'actual', header: 'Consuntivo', width: 12, help: 'Il valore raggiunto, nella stessa unità del target. Vuoto se non ancora misurato.' },
  {
    field: 'state',
    header: 'Stato',
    width: 14,
    help: 'misurato, non raggiunto (conta 0), N.V. (non valutabile: esce dal calcolo) o non misurato. Se vuoto: misurato quando c’è un consuntivo, altrimenti non misurato.',
  },
  { field: 'reason', header: 'Motivo N.V.', width: 30, help: 'Obbligatorio quando lo stato è N.V.' },
  {
    field: 'scoring',
    header: 'Regola',
    width: 22,
    help: "on/off (100% se il comparatore è rispettato, altrimenti 0%; è la regola predefinita), proporzionale (consuntivo/target, al massimo 100%), media obiettivi figli (il consuntivo è la media ponderata degli obiettivi figli dell'obiettivo).",
  },
  { field: 'owner', header: 'Responsabile', width: 20, help: 'Facoltativo: chi risponde dell’obiettivo o dell’indicatore.' },
  { field: 'notes', header: 'Note', width: 30, help: 'Facoltativo: fonte del dato, evidenze, osservazioni.' },
  // The three-year horizon (PIAO); the published layout keeps its single Target (the plan's year).
  { field: 'baseline', header: 'Baseline', width: 12, help: "Facoltativo: l'ultimo valore noto prima del piano, nella stessa unità del target." },
  { field: 'baselineYear', header: 'Anno baseline', width: 10, help: "L'anno a cui si riferisce la baseline (es. 2023)." },
  { field: 'target2', header: 'Target anno +1', width: 12, help: "Facoltativo: il target dell'anno successivo a quello del piano, nella stessa unità." },
  { field: 'target3', header: 'Target anno +2', width: 12, help: 'Facoltativo: il target del secondo anno successivo a quello del piano.' },
  // Last, so the columns written before it keep their letters. «Unità» is the unit of measure: the office's unit is a «Struttura», as in the app.
  {
    field: 'assignedUnit',
    header: 'Struttura',
    width: 24,
    help: "Facoltativo: la struttura a cui è assegnato l'obiettivo o l'indicatore, con il nome o il codice del registro delle strutture; importando in Albero deve essere già nel registro. Vuoto per un indicatore: vale quella del suo obiettivo.",
  },
  // After Struttura, for the same reason. «Responsabile» is the free text before it (a name, an office); this is an account.
  {
    field: 'assignedPerson',
    header: 'Referente',
    width: 28,
    help: "Facoltativo: la persona a cui è assegnato l'obiettivo o l'indicatore (in Albero, la persona responsabile), con l'e-mail o il nome utente del suo account; importando in Albero deve avere un account attivo di referente, controllo di gestione o amministratore. Vuoto per un indicatore: vale quella del suo obiettivo.",
  },
];

/** The template's later columns, in the order a next-year plan reads them. */
const HORIZON_LABELS: Record<'baseline' | 'target2' | 'target3', string> = { baseline: 'Baseline', target2: 'Target anno +1', target3: 'Target anno +2' };

const LEVELS = ['area', 'strategic', 'operational'];
/**
 * The template has a column of its own for the code: it takes every code the API gives an objective
 * (`1.1`, `a.2.1`, `OB-3`), or a plan made in the app could not come back from its own workbook.
 * The published layout, whose code shares its cell with the title, keeps its narrower rule.
 */
const VALID_CODE = OBJECTIVE_CODE;
const STATES: Record<string, Measurement['state']> = {
  misurato: 'measured',
  measured: 'measured',
  'non raggiunto': 'not_achieved',
  not_achieved: 'not_achieved',
  'n.v.': 'not_evaluable',
  nv: 'not_evaluable',
  'non valutabile': 'not_evaluable',
  not_evaluable: 'not_evaluable',
  'non misurato': 'not_measured',
  not_measured: 'not_measured',
};
const UNITS: Record<string, Unit> = {
  numero: 'number',
  number: 'number',
  percentuale: 'percent',
  percent: 'percent',
  '%': 'percent',
  data: 'date',
  date: 'date',
  'sì/no': 'boolean',
  'si/no': 'boolean',
  boolean: 'boolean',
};
const RULES: Record<string, { scoring: ScoringRule | null; formula: Formula | null }> = {
  '': { scoring: null, formula: null },
  'on/off': { scoring: { kind: 'on_off' }, formula: null },
  on_off: { scoring: { kind: 'on_off' }, formula: null },
  proporzionale: { scoring: { kind: 'proportional' }, formula: null },
  proportional: { scoring: { kind: 'proportional' }, formula: null },
  'media obiettivi figli': { scoring: { kind: 'proportional' }, formula: { kind: 'children_mean' } },
};

export function isTemplateHeader(texts: readonly string[]): boolean {
  return texts.length >= 3 && texts[0]!.toLowerCase() === 'codice' && texts[1]!.toLowerCase() === 'padre' && texts[2]!.toLowerCase() === 'titolo';
}

/** The blank template: the table sheet with its header, pick lists and notes, and the guide. */
export function buildTemplate(): ExcelJS.Workbook {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Albero';
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
  TEMPLATE_COLUMNS.forEach((c, i) => (header.getCell(i + 1).note = c.help));
  const lists: Partial<Record<Field, string>> = {
    kind: '"obiettivo,indicatore"',
    comparator: '">=,<=,="',
    unit: '"numero,percentuale,data,sì/no"',
    state: '"misurato,non raggiunto,N.V.,non misurato"',
    scoring: '"on/off,proporzionale,media obiettivi figli"',
  };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const list = lists[c.field];
    if (list === undefined) return;
    const letter = columnLetter(i + 1);
    // One rule for the whole column (rows 2–5000) instead of one per cell keeps the file small.
    (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}5000`, {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorTitle: c.header,
      error: c.help,
    });
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.getColumn(1).width = 22;
  guide.getColumn(2).width = 110;
  const lines: Array<[string, string]> = [
    ['Come compilare', ''],
    ['', `Una riga per ogni obiettivo e per ogni indicatore, nel foglio «${TEMPLATE_SHEET}». Prima l'obiettivo, poi i suoi indicatori e i suoi obiettivi figli.`],
    ['', 'Scrivere i valori, non le formule (Incolla speciale → Valori). Non unire le celle. Non cambiare i titoli delle colonne.'],
    ['', 'Numeri all’italiana (1.587,10), percentuali con il segno % (60%), date gg/mm/aaaa (30/09/2024).'],
    ['', 'La performance di un obiettivo è la media ponderata dei punteggi dei suoi indicatori; gli indicatori N.V. escono dal calcolo, quelli non raggiunti contano 0.'],
    ['', 'Legenda: verde sopra l’80%, giallo tra il 60% e l’80% compresi, rosso sotto il 60%.'],
    ['', 'Controllo senza importare: albero import FILE.xlsx --check (elenca i problemi con foglio e cella, es. Albero!E37).'],
    ['', ''],
    ['Colonne', ''],
    ...TEMPLATE_COLUMNS.map((c): [string, string] => [c.header, c.help]),
    ['', ''],
    ['Esempio', ''],
    ['', 'A | | Competitività delle imprese | obiettivo'],
    ['', 'A.1 | A | Internazionalizzazione | obiettivo'],
    ['', ' | A.1 | Imprese assistite | indicatore | 60 | >= | 10 | numero | 12'],
    ['', ' | A.1 | Pratiche evase nei termini | indicatore | 40 | >= | 90% | percentuale | 85% | | | proporzionale'],
  ];
  for (const [a, b] of lines) {
    const row = guide.addRow([a, b]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    if (a !== '' && b === '') row.font = { bold: true, size: 12 };
    else row.getCell(1).font = { bold: true };
  }
  return workbook;
}

interface Draft {
  code: string;
  node: { code: string; title: string; parent: string | null; weight: Decimal | null; owner?: string; origin: SourceLocation };
  indicators: Indicator[];
  /** The indicator rows read under it, refused ones too: an indicator without a code is numbered by its row, not by those kept. */
  rows: number;
}

/** Reads the template's table sheet (header at `headerRow`) into a plan. */
export function readTemplateSheet(sheet: StreamedSheet, headerRow: number, file: string, givenYear?: number): Outcome<ImportedTable> {
  const issues: Issue[] = [];
  const columns = new Map<Field, number>();
  const header = sheet.getRow(headerRow);
  header.eachCell((cell, c) => {
    const text = typeof cell.value === 'string' ? cell.value.trim().toLowerCase() : '';
    const col = TEMPLATE_COLUMNS.find((t) => t.header.toLowerCase() === text);
    if (col !== undefined) columns.set(col.field, c);
  });
  for (const required of ['code', 'parent', 'title', 'kind', 'weight', 'comparator', 'target', 'actual'] as const) {
    if (!columns.has(required)) {
      const name = TEMPLATE_COLUMNS.find((t) => t.field === required)!.header;
      issues.push(problem('error', 'missing-column', { column: name }, cellLocation(file, sheet.name, `A${headerRow}`)));
    }
  }
  const drafts: Draft[] = [];
  /** The objectives one of whose indicator rows was refused. */
  const refusedIndicatorOf = new Set<string>();
  const byCode = new Map<string, Draft>();
  const byFoldedCode = new Map<string, Draft>();
  const ids = new Set<string>();
  const baselineYears: { indicator: string; year: number; origin: SourceLocation }[] = [];
  const assignedUnits: UnitAssignment[] = [];
  const assignedPeople: PersonAssignment[] = [];
  let title = sheet.name;
  // The plan's year, which its dates are checked against: given, or the title's (the workbook's, else the sheet's name, as below).
  const workbookTitle = typeof sheet.workbook.title === 'string' ? sheet.workbook.title.trim() : '';
  const year = givenYear ?? titleYear(workbookTitle === '' ? sheet.name : workbookTitle);

  if (!issues.some((i) => i.severity === 'error')) {
    for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const at = (field: Field): SourceLocation => cellLocation(file, sheet.name, `${columnLetter(columns.get(field) ?? 1)}${r}`);
      const get = (field: Field): string => {
        const c = columns.get(field);
        return c === undefined ? '' : cellText(row.getCell(c), at(field), issues);
      };
      const values = Object.fromEntries(TEMPLATE_COLUMNS.map((c) => [c.field, get(c.field)])) as Record<Field, string>;
      if (Object.values(values).every((v) => v === '')) continue;
      const kind = values.kind.toLowerCase();
      if (kind === 'obiettivo' || kind === 'area' || kind.startsWith('obiettivo ')) {
        const read = drafts.length;
        readObjective(values, at, drafts, byCode, byFoldedCode, issues);
        if (drafts.length > read && values.assignedUnit !== '') assignedUnits.push({ objective: values.code, unit: values.assignedUnit, origin: at('assignedUnit') });
        if (drafts.length > read && values.assignedPerson !== '') assignedPeople.push({ objective: values.code, person: values.assignedPerson, origin: at('assignedPerson') });
      } else if (kind === 'indicatore') {
        const parent = byCode.get(values.parent);
        if (values.parent === '') issues.push(problem('error', 'missing-parent', {}, at('parent')));
        else if (parent === undefined) issues.push(problem('error', 'unknown-parent', { parent: values.parent }, at('parent')));
        else {
          const indicator = readIndicator(values, at, parent, ids, issues, year);
          if (indicator !== null) parent.indicators.push(indicator);
          else refusedIndicatorOf.add(parent.code);
          if (indicator?.baselineYear != null) baselineYears.push({ indicator: indicator.id, year: indicator.baselineYear, origin: at('baselineYear') });
          if (indicator !== null && values.assignedUnit !== '') assignedUnits.push({ objective: parent.code, indicator: indicator.id, unit: values.assignedUnit, origin: at('assignedUnit') });
          if (indicator !== null && values.assignedPerson !== '') assignedPeople.push({ objective: parent.code, indicator: indicator.id, person: values.assignedPerson, origin: at('assignedPerson') });
        }
      } else issues.push(problem('error', 'unknown-kind', { kind: values.kind }, at('kind')));
    }
    if (drafts.length === 0 && !issues.some((i) => i.severity === 'error')) {
      issues.push(problem('error', 'no-rows', { sheet: sheet.name }, { file, sheet: sheet.name }));
    }
    // The plan's title travels in the workbook's properties (File → Informazioni → Titolo).
    if (typeof sheet.workbook.title === 'string' && sheet.workbook.title.trim() !== '') title = sheet.workbook.title.trim();
  }

  for (const d of drafts) {
    const total = d.indicators.reduce((t, i) => t.plus(i.weight), new Decimal(0));
    // A refused row is said at its cell; a sum without it would send the reader to weights that are right.
    if (d.indicators.length > 0 && !total.eq(100) && !refusedIndicatorOf.has(d.code)) {
      issues.push(problem('warning', 'weights-not-100', { code: d.code, total: total.toString() }, d.node.origin));
    }
  }
  const depth = (code: string): number => {
    let n = 1;
    for (let p = byCode.get(code)?.node.parent ?? null; p !== null; p = byCode.get(p)?.node.parent ?? null) n++;
    return n;
  };
  const nodes: Objective[] = drafts.map((d) => ({ ...d.node, level: LEVELS[depth(d.code) - 1] ?? `level ${depth(d.code)}`, indicators: d.indicators }));
  return {
    value: {
      plan: { title, nodes, settings: { ...DEFAULT_SETTINGS, legend: DEFAULT_LEGEND } },
      stated: [],
      ...(baselineYears.length === 0 ? {} : { baselineYears }),
      ...(assignedUnits.length === 0 ? {} : { assignedUnits }),
      ...(assignedPeople.length === 0 ? {} : { assignedPeople }),
    },
    issues,
  };
}

function readObjective(values: Record<Field, string>, at: (f: Field) => SourceLocation, drafts: Draft[], byCode: Map<string, Draft>, byFoldedCode: Map<string, Draft>, issues: Issue[]): void {
  const code = values.code;
  if (!VALID_CODE.test(code)) {
    issues.push(code === '' ? problem('error', 'missing-code', {}, at('code')) : problem('error', 'invalid-code', { code }, at('code')));
    return;
  }
  // A.2.1 and a.2.1 are one code to the office (and to the store): the second is refused as the first again.
  const existing = byFoldedCode.get(code.toLowerCase());
  if (existing !== undefined) {
    issues.push(problem('error', 'duplicate-code', { code, ...(existing.code === code ? {} : { as: existing.code }), at: existing.node.origin.cell }, at('code')));
    return;
  }
  let parent: string | null = null;
  if (values.parent !== '') {
    if (!byCode.has(values.parent)) {
      issues.push(problem('error', 'unknown-parent', { parent: values.parent, order: true }, at('parent')));
      return;
    }
    parent = values.parent;
  }
  if (values.title === '') issues.push(problem('warning', 'missing-title', { code }, at('title')));
  let weight: Decimal | null = null;
  if (values.weight !== '') {
    const parsed = parseWeight(values.weight);
    if ('error' in parsed) issues.push(saidIssue('error', parsed.said, at('weight')));
    else weight = parsed.weight;
  }
  const draft: Draft = {
    code,
    node: { code, title: values.title, parent, weight, ...(values.owner === '' ? {} : { owner: values.owner }), origin: at('code') },
    indicators: [],
    rows: 0,
  };
  drafts.push(draft);
  byCode.set(code, draft);
  byFoldedCode.set(code.toLowerCase(), draft);
}

function readIndicator(values: Record<Field, string>, at: (f: Field) => SourceLocation, parent: Draft, ids: Set<string>, issues: Issue[], year: number | undefined): Indicator | null {
  const before = issues.length;
  // By position among its objective's indicator rows: after a refused row, by the count of those kept
  // the next one took the refused one's id and was said to repeat a code nobody wrote.
  parent.rows++;
  const id = values.code !== '' ? values.code : `${parent.code}:${parent.rows}`;
  // Held to the JSON plan document's rule: `import --output` writes the id as read, and the document must import back.
  if (!isIndicatorId(id)) issues.push(problem('error', 'invalid-id', { id }, at('code')));
  else if (ids.has(id)) issues.push(problem('error', 'duplicate-id', { id }, at('code')));
  ids.add(id);
  if (values.title === '') issues.push(problem('error', 'missing-name', { template: true }, at('title')));
  let weight = new Decimal(0);
  if (values.weight === '') issues.push(problem('error', 'missing-weight', {}, at('weight')));
  else {
    const parsed = parseWeight(values.weight);
    if ('error' in parsed) issues.push(saidIssue('error', parsed.said, at('weight')));
    else weight = parsed.weight;
  }
  const comparators: Record<string, Comparator> = { '>=': '>=', '≥': '>=', '<=': '<=', '≤': '<=', '=': '=' };
  // The cells are text a person typed: `constructor` or `toString` is an unknown word, not Object's (ownValue).
  const comparator = ownValue(comparators, values.comparator);
  if (comparator === undefined)
    issues.push(values.comparator === '' ? problem('error', 'missing-comparator', {}, at('comparator')) : problem('error', 'unknown-comparator', { comparator: values.comparator }, at('comparator')));
  const rule = ownValue(RULES, values.scoring.toLowerCase());
  if (rule === undefined) issues.push(problem('error', 'unknown-rule', { rule: values.scoring }, at('scoring')));
  const derived = computedFromChildren(rule?.formula);

  const label = (field: 'target' | 'actual' | 'baseline' | 'target2' | 'target3'): string => (field === 'target' ? 'Target' : field === 'actual' ? 'Consuntivo' : HORIZON_LABELS[field]);
  const value = (field: 'target' | 'actual' | 'baseline' | 'target2' | 'target3'): { amount: Amount; percent: boolean } | null => {
    if (values[field] === '') return null;
    const parsed = parseValueCell(values[field]);
    if ('error' in parsed) {
      const text = values[field];
      if (parsed.code === 'number-out-of-range') issues.push(problem('error', 'number-out-of-range', { column: label(field), ...quotable(text), reason: parsed.reason ?? 'digits' }, at(field)));
      else {
        const why = { ...quotable(text), problem: parsed.problem ?? 'not-a-value' } as const;
        issues.push(
          field === 'actual'
            ? problem('error', 'unparsable-actual', why, at(field))
            : field === 'baseline'
              ? problem('error', 'unparsable-baseline', why, at(field))
              : problem('error', 'unparsable-target', field === 'target' ? why : { ...why, column: label(field) }, at(field)),
        );
      }
      return null;
    }
    // A date far from the plan's year is said (a warning: it is kept as written).
    const far = parsed.amount.kind === 'date' ? farDate(parsed.amount.value, year, label(field), { ...at(field), field }, 'workbook') : null;
    if (far !== null) issues.push(far);
    return parsed;
  };
  const target = value('target');
  // "N.V." in Consuntivo, as the published table writes it, is the state, not a value to read (below).
  const notEvaluable = values.actual.toUpperCase() === 'N.V.';
  const actual = derived || notEvaluable ? null : value('actual');
  const baseline = value('baseline');
  const later = [value('target2'), value('target3')] as const;
  let baselineYear: number | null = null;
  if (values.baselineYear !== '') {
    // A year typed in a number cell reads back as "2.024".
    const yearText = values.baselineYear.replace(/\./g, '');
    if (/^\d{4}$/.test(yearText)) baselineYear = Number(yearText);
    else issues.push(problem('error', 'invalid-baseline-year', { text: values.baselineYear }, at('baselineYear')));
  }
  if (baseline !== null && values.baselineYear === '') issues.push(problem('warning', 'missing-baseline-year', {}, at('baselineYear')));
  let unit: Unit | undefined = values.unit === '' ? undefined : ownValue(UNITS, values.unit.toLowerCase());
  if (values.unit !== '' && unit === undefined) issues.push(problem('error', 'unknown-unit', { unit: values.unit }, at('unit')));
  const inferred = (v: { amount: Amount; percent: boolean } | null): Unit | undefined => (v === null ? undefined : v.amount.kind === 'number' ? (v.percent ? 'percent' : 'number') : v.amount.kind);
  unit ??= derived ? 'percent' : (inferred(target) ?? inferred(actual) ?? 'number');
  // Said at the Unità cell, where it is to be corrected; core/definition.ts asks the same of every plan.
  if (rule?.formula != null) {
    const wrong = formulaUnitProblem(parent.code, { id, name: values.title, unit, formula: rule.formula }, at('unit'));
    if (wrong !== null) issues.push(wrong);
  }
  for (const [field, v] of [
    ['target', target],
    ['actual', actual],
    ['baseline', baseline],
    ['target2', later[0]],
    ['target3', later[1]],
  ] as const) {
    if (v === null) continue;
    // `5%` in a number column: five, or five hundredths of the target? Refused rather than guessed.
    const fits = v.amount.kind === 'number' ? unit === 'percent' || (unit === 'number' && !v.percent) : v.amount.kind === unit;
    if (!fits) {
      issues.push(problem('error', 'unit-mismatch', { field: label(field), value: values[field], expected: unit }, at(field)));
    }
  }

  let state = values.state === '' ? undefined : ownValue(STATES, values.state.toLowerCase());
  if (values.state !== '' && state === undefined) issues.push(problem('error', 'unknown-state', { state: values.state }, at('state')));
  if (notEvaluable) state = 'not_evaluable';
  state ??= derived || actual !== null ? 'measured' : 'not_measured';
  if (state !== 'measured' && actual !== null) issues.push(problem('error', 'actual-with-state', { actual: values.actual, state: values.state }, at('actual')));
  let measurement: Measurement;
  if (state === 'not_evaluable') {
    if (values.reason === '') issues.push(problem('error', 'missing-reason', {}, at('reason')));
    // The program's own sentence (as an export writes it) is its code again; a person's text as typed.
    measurement = { state, reason: fileReason(values.reason) };
  } else if (state === 'measured') {
    if (!derived && actual === null) issues.push(problem('error', 'missing-actual', { template: true }, at('actual')));
    measurement = actual === null ? { state } : { state, actual: actual.amount };
  } else measurement = { state };
  if (issues.slice(before).some((i) => i.severity === 'error')) return null;
  return {
    id,
    name: values.title,
    weight,
    comparator: comparator!,
    tolerance: null,
    target: target?.amount ?? (derived ? { kind: 'number', value: new Decimal(100) } : null),
    unit,
    scoring: rule!.scoring,
    formula: rule!.formula,
    measurement,
    ...(baseline === null && baselineYear === null ? {} : { baseline: baseline?.amount ?? null, baselineYear }),
    ...(later[0] === null && later[1] === null ? {} : { nextTargets: [later[0]?.amount ?? null, later[1]?.amount ?? null] as const }),
    ...(values.owner === '' ? {} : { owner: values.owner }),
    ...(values.notes === '' ? {} : { notes: values.notes }),
    origin: { ...at('title'), node: parent.code, indicator: id },
  };
}

export const PLAN_SHEET = 'Piano';

const STATE_WORDS: Record<Measurement['state'], string> = { measured: 'misurato', not_achieved: 'non raggiunto', not_evaluable: 'N.V.', not_measured: 'non misurato' };
const UNIT_WORDS: Record<Unit, string> = { number: 'numero', percent: 'percentuale', date: 'data', boolean: 'sì/no' };

/** The template's word for an indicator's rule; rules a cell cannot hold are named so the reader refuses them rather than guess. */
function ruleWord(indicator: Indicator): string {
  if (computedFromChildren(indicator.formula)) return 'media obiettivi figli';
  if (indicator.formula !== null) return `formula ${indicator.formula.kind} (non modificabile nel foglio)`;
  if (indicator.scoring === null) return '';
  if (indicator.scoring.kind === 'on_off') return 'on/off';
  if (indicator.scoring.kind === 'proportional') return 'proporzionale';
  return `${indicator.scoring.kind === 'bands' ? 'fasce' : 'soglia'} (non modificabile nel foglio)`;
}

/**
 * The whole plan in template form, as a sheet of an exported workbook. The published layout has
 * no place for scoring rules, N.V. reasons, owners or ids, so this sheet is what an export is read
 * back from (see read.ts), which makes export → import give back the same plan.
 */
export function addPlanSheet(workbook: ExcelJS.Workbook, plan: Plan, name: string = PLAN_SHEET, units?: AssignedUnits, people?: AssignedPeople): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  writePlanRows(sheet, plan, units, people);
  return sheet;
}

/**
 * A plan as a filled template (its sheet «Albero», the guide, the title in the workbook's
 * properties): what `albero next-year` writes, to be reviewed and imported as next year's plan.
 */
export function buildPlanTemplate(plan: Plan): ExcelJS.Workbook {
  const workbook = buildTemplate();
  workbook.title = plan.title;
  writePlanRows(workbook.getWorksheet(TEMPLATE_SHEET)!, plan);
  return workbook;
}

/** A record's own entry only: an objective coded `constructor` has no unit (or person) from Object's prototype. */
function unitOf(units: Readonly<Record<string, string>> | undefined, key: string): string | undefined {
  return units !== undefined && Object.hasOwn(units, key) ? units[key] : undefined;
}

/** The template's column widths, in characters, in column order. */
const TEMPLATE_WIDTHS = TEMPLATE_COLUMNS.map((c) => c.width);

/**
 * One row per objective, then one per indicator, under the template's header. Every cell wraps at
 * the top of its row, and a row whose text runs past its column is given the height of its
 * wrapped lines: LibreOffice fits no row written without a height, so a long name was cut.
 */
function writePlanRows(sheet: ExcelJS.Worksheet, plan: Plan, units?: AssignedUnits, people?: AssignedPeople): void {
  const columnOf = new Map(TEMPLATE_COLUMNS.map((c, i) => [c.field, i + 1]));
  // The row's texts by column, measured once the row is written.
  let texts: string[] = [];
  const set = (row: ExcelJS.Row, field: Field, value: ExcelJS.CellValue, numFmt?: string): void => {
    const column = columnOf.get(field)!;
    const cell = row.getCell(column);
    cell.value = value;
    if (typeof value === 'string') texts[column - 1] = value;
    const bold = row.getCell(4).value === 'obiettivo';
    // Shared style objects (see cells.ts `style`): a big plan writes several times faster.
    cell.style = style(`plan ${numFmt ?? ''} ${bold}`, () => ({
      alignment: { wrapText: true, vertical: 'top' },
      ...(numFmt === undefined ? {} : { numFmt }),
      ...(bold ? { font: { bold: true } } : {}),
    }));
  };
  const fit = (row: ExcelJS.Row): void => {
    const height = wrappedRowHeight(texts, TEMPLATE_WIDTHS);
    if (height !== undefined) row.height = height;
    texts = [];
  };
  const typed = (row: ExcelJS.Row, field: Field, amount: Amount | null, unit: Unit): void => {
    const { value, numFmt } = amountCell(amount, unit);
    set(row, field, value, numFmt);
  };
  const weight = (w: Decimal): string => w.toString().replace('.', ',');
  for (const node of plan.nodes) {
    const row = sheet.addRow([]);
    set(row, 'kind', 'obiettivo');
    set(row, 'code', node.code);
    set(row, 'parent', node.parent);
    set(row, 'title', node.title);
    if (node.weight !== null) set(row, 'weight', weight(node.weight));
    if (node.owner !== undefined) set(row, 'owner', node.owner);
    const nodeUnit = unitOf(units?.objectives, node.code);
    if (nodeUnit !== undefined) set(row, 'assignedUnit', nodeUnit);
    const nodePerson = unitOf(people?.objectives, node.code);
    if (nodePerson !== undefined) set(row, 'assignedPerson', nodePerson);
    fit(row);
    for (const ind of node.indicators) {
      const r = sheet.addRow([]);
      const m = ind.measurement;
      set(r, 'code', ind.id);
      set(r, 'parent', node.code);
      set(r, 'title', ind.name);
      set(r, 'kind', 'indicatore');
      set(r, 'weight', weight(ind.weight));
      set(r, 'comparator', ind.comparator);
      typed(r, 'target', ind.target, ind.unit);
      set(r, 'unit', UNIT_WORDS[ind.unit]);
      if (m.state === 'measured' && m.actual !== undefined && ind.formula === null) typed(r, 'actual', m.actual, ind.unit);
      set(r, 'state', STATE_WORDS[m.state]);
      // The template is Italian: a reason the program wrote in its Italian words (a person's as typed).
      if (m.state === 'not_evaluable') set(r, 'reason', reasonText(m.reason, 'it'));
      set(r, 'scoring', ruleWord(ind));
      if (ind.owner !== undefined) set(r, 'owner', ind.owner);
      if (ind.notes !== undefined) set(r, 'notes', ind.notes);
      if (ind.baseline != null) typed(r, 'baseline', ind.baseline, ind.unit);
      if (ind.baselineYear != null) set(r, 'baselineYear', ind.baselineYear);
      if (ind.nextTargets?.[0] != null) typed(r, 'target2', ind.nextTargets[0], ind.unit);
      if (ind.nextTargets?.[1] != null) typed(r, 'target3', ind.nextTargets[1], ind.unit);
      const indicatorUnit = unitOf(units?.indicators, ind.id);
      if (indicatorUnit !== undefined) set(r, 'assignedUnit', indicatorUnit);
      const indicatorPerson = unitOf(people?.indicators, ind.id);
      if (indicatorPerson !== undefined) set(r, 'assignedPerson', indicatorPerson);
      fit(r);
    }
  }
}
