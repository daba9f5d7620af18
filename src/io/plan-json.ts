/**
 * Reading back the JSON document `albero import --output` writes (`importDocument`): the same plan,
 * with what the workbook's «Piano» sheet carries beside the engine's inputs (baselines, later
 * targets, notes, owners) and each objective's and indicator's Struttura and Referente as written,
 * which the server's import finds in its registry and accounts as it does a workbook's cells. An
 * issue is located at the objective or indicator and its field (`A.1 · assignedPerson`), since the
 * document has no cells.
 */
import { z } from 'zod';
import { ObjectiveDocumentSchema, IndicatorDocumentSchema, EvaluationDocumentSchema, PlanSettingsDocumentSchema, TreeIndicatorSchema, AmountJsonSchema } from '../contract/index.js';
import { OBJECTIVE_CODE, isIndicatorId } from '../contract/codes.js';
import { problem, type ImportedTable, type Issue, type Outcome, type PersonAssignment, type SourceLocation, type UnitAssignment } from '../core/index.js';
import { amountFromJson, planFromDocument, type PlanDocument } from './json.js';
import { titleYear } from './published/layout.js';
import { lineAndColumn } from './text.js';
import { farDates, fieldPath, readEvaluationJson, readingIssues, readTreeJson, statedBands, statedCells } from './opendata/read.js';

const Amount = AmountJsonSchema.nullable();
const Text = z.string().nullable().optional();

/** An indicator as the document writes it: the tree's inputs are required (they make the plan), what the workbook adds is optional. */
const IndicatorSchema = IndicatorDocumentSchema.extend({
  tolerance: TreeIndicatorSchema.shape.tolerance,
  rule: TreeIndicatorSchema.shape.rule,
  formula: TreeIndicatorSchema.shape.formula,
  inputs: TreeIndicatorSchema.shape.inputs,
  previousValue: TreeIndicatorSchema.shape.previousValue,
  baseline: Amount.optional(),
  baselineYear: z.number().int().nullable().optional(),
  nextTargets: z.tuple([Amount, Amount]).optional(),
  notes: Text,
  source: Text,
  assignedUnit: Text,
  assignedPerson: Text,
});

const DocumentSchema = EvaluationDocumentSchema.extend({
  settings: PlanSettingsDocumentSchema,
  objectives: z.array(ObjectiveDocumentSchema.extend({ owner: Text, assignedUnit: Text, assignedPerson: Text, indicators: z.array(IndicatorSchema) })),
});

/**
 * Where a text that JSON.parse refused stops being JSON: Node 20's message gives no position for
 * most mistakes (`Unexpected token ','`), so the grammar is walked again, only on failure.
 */
export function jsonErrorAt(text: string): number {
  let k = 0;
  const space = (): void => {
    while (k < text.length && ' \t\n\r'.includes(text[k]!)) k++;
  };
  const fail = (): never => {
    throw k;
  };
  const literal = (word: string): void => {
    if (!text.startsWith(word, k)) fail();
    k += word.length;
  };
  const string = (): void => {
    k++;
    while (k < text.length && text[k] !== '"') {
      if (text[k]! < ' ') fail();
      k += text[k] === '\\' ? 2 : 1;
    }
    if (k >= text.length) fail();
    k++;
  };
  const value = (): void => {
    space();
    const c = text[k];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      k++;
      space();
      if (text[k] === close) return void k++;
      for (;;) {
        if (close === '}') {
          space();
          if (text[k] !== '"') fail();
          string();
          space();
          if (text[k] !== ':') fail();
          k++;
        }
        value();
        space();
        if (text[k] === ',') k++;
        else if (text[k] === close) return void k++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(k, k + 400));
    if (number === null) fail();
    k += number![0].length;
  };
  try {
    value();
    space();
    return k;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/**
 * The document's plan with each objective's and indicator's assignments, or the problems that keep it
 * from being one. `year`: the plan's, when the caller knows it (the server's import form), else its
 * title's: a date more than `FAR_DATE_YEARS` from it is said at its field, as a table's at its cell.
 */
export function readPlanJson(text: string, file: string, year?: number, options: { evaluations?: boolean; stated?: boolean } = {}): Outcome<ImportedTable | null> {
  const body = text.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const where = lineAndColumn(body, jsonErrorAt(body));
    return { value: null, issues: [problem('error', 'json-unreadable', where, { file, line: where.line })] };
  }
  // The server's tree has the plan's settings and its own fields (planId first): read whole, by its own reader, where asked.
  if (options.evaluations === true && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'settings' in parsed && 'planId' in parsed)
    return readTreeJson(parsed, file, options.stated ?? false, year);
  // A computed plan's document (the open data, evaluate --json's) has no settings: read by its own reader where asked (the commands that evaluate).
  if (options.evaluations === true && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && !('settings' in parsed))
    return readEvaluationJson(parsed, file, options.stated ?? false, year);
  // A document without the plan's settings is another one (evaluate --json's): said once, not at each of its thousand fields.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('settings' in parsed)) {
    return { value: null, issues: [problem('error', 'json-not-plan', { field: 'settings' }, { file, field: 'settings' })] };
  }
  const read = DocumentSchema.safeParse(parsed);
  if (!read.success) {
    const issues = read.error.issues.slice(0, 5).map((i) => {
      const field = fieldPath(i.path);
      return problem('error', 'json-not-plan', { field }, { file, field });
    });
    return { value: null, issues };
  }
  const doc = read.data;
  const issues: Issue[] = [];
  const codes = new Set<string>();
  const ids = new Set<string>();
  for (const o of doc.objectives) {
    if (codes.has(o.code.toLowerCase())) issues.push(problem('error', 'json-twice', { what: 'objective', code: o.code }, { file, node: o.code, field: 'code' }));
    codes.add(o.code.toLowerCase());
    for (const i of o.indicators) {
      if (ids.has(i.id)) issues.push(problem('error', 'json-twice', { what: 'indicator', code: i.id }, { file, node: o.code, indicator: i.id, field: 'id' }));
      ids.add(i.id);
    }
  }
  for (const o of doc.objectives) {
    if (o.parent !== null && !codes.has(o.parent.toLowerCase())) issues.push(problem('error', 'unknown-parent', { code: o.code, parent: o.parent }, { file, node: o.code, field: 'parent' }));
  }
  const long = codeProblems(doc, file, issues);
  if (issues.length > 0) return { value: null, issues: [...issues, ...long] };

  const base = planFromDocument(doc as PlanDocument);
  const byId = new Map(doc.objectives.flatMap((o) => o.indicators.map((i) => [i.id, i] as const)));
  const byCode = new Map(doc.objectives.map((o) => [o.code, o]));
  const plan = {
    ...base,
    nodes: base.nodes.map((n) => {
      const owner = byCode.get(n.code)?.owner;
      return {
        ...n,
        origin: { file, node: n.code },
        ...(owner == null ? {} : { owner }),
        indicators: n.indicators.map((ind) => {
          const i = byId.get(ind.id)!;
          return {
            ...ind,
            origin: { file, node: n.code, indicator: ind.id },
            ...(i.baseline === undefined ? {} : { baseline: amountFromJson(i.baseline) }),
            ...(i.baselineYear === undefined ? {} : { baselineYear: i.baselineYear }),
            ...(i.nextTargets === undefined ? {} : { nextTargets: [amountFromJson(i.nextTargets[0]), amountFromJson(i.nextTargets[1])] as const }),
            ...(i.notes == null ? {} : { notes: i.notes }),
            ...(i.source == null ? {} : { source: i.source }),
          };
        }),
      };
    }),
  };
  // The commands that evaluate say the table's reading warnings the document lists, as that table's reading does (opendata/read.ts).
  const carried = options.evaluations === true ? readingIssues(doc.issues) : [];
  const warnings = [...carried, ...long, ...farDates(doc.objectives, file, year ?? titleYear(doc.title))];
  const assignedUnits: UnitAssignment[] = [];
  const assignedPeople: PersonAssignment[] = [];
  const baselineYears: { indicator: string; year: number; origin: SourceLocation }[] = [];
  const assign = (objective: string, indicator: string | undefined, unit: string | null | undefined, person: string | null | undefined): void => {
    const at = (field: string): SourceLocation => ({ file, node: objective, ...(indicator === undefined ? {} : { indicator }), field });
    const on = indicator === undefined ? {} : { indicator };
    if (unit != null && unit.trim() !== '') assignedUnits.push({ objective, ...on, unit, origin: at('assignedUnit') });
    if (person != null && person.trim() !== '') assignedPeople.push({ objective, ...on, person, origin: at('assignedPerson') });
  };
  for (const o of doc.objectives) {
    assign(o.code, undefined, o.assignedUnit, o.assignedPerson);
    for (const i of o.indicators) {
      assign(o.code, i.id, i.assignedUnit, i.assignedPerson);
      if (i.baselineYear != null) baselineYears.push({ indicator: i.id, year: i.baselineYear, origin: { file, node: o.code, indicator: i.id, field: 'baselineYear' } });
    }
  }
  return {
    value: {
      plan,
      // What the document states of its results, checked by `verify` as a table's stated cells are.
      stated: options.stated === true ? statedCells(doc, file) : [],
      ...(options.stated === true ? { statedBands: statedBands(doc, file) } : {}),
      ...(baselineYears.length === 0 ? {} : { baselineYears }),
      ...(assignedUnits.length === 0 ? {} : { assignedUnits }),
      ...(assignedPeople.length === 0 ? {} : { assignedPeople }),
    },
    issues: warnings,
  };
}

/** A code of the characters `OBJECTIVE_CODE` takes, of any length. */
const CODE_CHARACTERS = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The codes the workbook's Codice and the API refuse (`OBJECTIVE_CODE`: `_x`, `__proto__`, `A 1`),
 * each an error at its objective's `code`, pushed on `errors`. No Albero producer writes one: the API
 * and the workbook take none, a published table's codes start with a capital and hold letters,
 * digits and dots. A published table puts no bound on their length, though, and `import --output`
 * writes its codes as read: a code only longer than 40 is a warning (returned), the plan imported
 * as written, as the table it came from was. An indicator's id the workbook's Codice refuses too
 * (`isIndicatorId`) is an error at its indicator's `id`. One walk of the objectives: the ids'
 * errors wait for the codes', said first as they always were.
 */
function codeProblems(doc: z.infer<typeof DocumentSchema>, file: string, errors: Issue[]): Issue[] {
  const warnings: Issue[] = [];
  const badIds: Issue[] = [];
  for (const o of doc.objectives) {
    if (!OBJECTIVE_CODE.test(o.code)) {
      const at = { file, node: o.code, field: 'code' };
      // Under a code of other characters, its ids (`__proto__:1`) are said by that code's error.
      if (!CODE_CHARACTERS.test(o.code)) {
        errors.push(problem('error', 'json-invalid-code', { code: o.code }, at));
        continue;
      }
      warnings.push(problem('warning', 'json-long-code', { code: o.code, length: o.code.length }, at));
    }
    for (const i of o.indicators) {
      if (!isIndicatorId(i.id)) badIds.push(problem('error', 'json-invalid-id', { id: i.id, code: o.code }, { file, node: o.code, indicator: i.id, field: 'id' }));
    }
  }
  errors.push(...badIds);
  return warnings;
}
