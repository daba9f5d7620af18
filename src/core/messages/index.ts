/**
 * The issue codes of the engine and the importers, with their words in Italian and English.
 * The product's one catalogue (`src/messages/index.ts`) merges this with the server's, the change
 * log's and the CLI's; this part lives in core because core and io raise these issues and core
 * imports nothing outside itself.
 *
 * To add an issue: put its code and words in the area's module (engine.ts, import.ts, or a new
 * `<area>.ts` merged below), then raise it with `problem(severity, code, params, location)`: the
 * parameters are type-checked against the words, and the issue's `message` is the English
 * sentence (scripts and logs), while every screen renders the code in its reader's language.
 */
import { mergeCatalogues, renderFrom, type Language, type MessageParams, type ParamsOf } from './catalogue.js';
import { APPRAISAL_MESSAGES } from './appraisal.js';
import { ENGINE_MESSAGES } from './engine.js';
import { IMPORT_MESSAGES } from './import.js';

export * from './catalogue.js';
export {
  cellText,
  fileProblemWords,
  FORMULA_KIND_WORDS,
  LAYOUT_COLUMN,
  LAYOUT_HEADS,
  TABLE_EXTENSIONS,
  tableExtensions,
  tableNotation,
  UNIT_IN_WORDS,
  type CellText,
  type DateSource,
  type FileProblem,
  type FileReason,
  type LayoutColumn,
  type Notation,
  type ValueProblem,
} from './import.js';
export { CHANGE_KIND_WORDS, COMPARISON_MESSAGES, comparisonSide, renderComparison, type ChangeSide, type ComparisonCode, type ComparisonParams } from './comparison.js';

export const ISSUE_MESSAGES = mergeCatalogues(ENGINE_MESSAGES, IMPORT_MESSAGES, APPRAISAL_MESSAGES);
export type IssueCode = keyof typeof ISSUE_MESSAGES;

/**
 * Whether `code` is one the engine raises while evaluating (engine.ts), not one met reading a file:
 * a computed plan's document lists both, and evaluating it again says the engine's anew.
 */
export function isEngineIssue(code: string): boolean {
  return Object.hasOwn(ENGINE_MESSAGES, code);
}
export type IssueParams<K extends IssueCode> = ParamsOf<typeof ISSUE_MESSAGES, K>;

/** A code with its parameters, and its English sentence for logs and scripts. */
export interface Said {
  readonly code: string;
  readonly params: MessageParams;
  readonly message: string;
}

/** `code` with `params`, said in English (type-checked against the catalogue). */
export function said<K extends IssueCode>(code: K, params: IssueParams<K>): Said {
  return { code, params: params as MessageParams, message: renderFrom(ISSUE_MESSAGES, code, params as MessageParams, 'en')! };
}

/** The words of an issue code in `language`; undefined for a code this catalogue does not know. */
export function renderIssueCode(code: string, params: MessageParams | undefined, language: Language): string | undefined {
  return renderFrom(ISSUE_MESSAGES, code, params, language);
}
