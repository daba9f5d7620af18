/**
 * How a reason the program writes itself is stored: a code and its parameters, never its words.
 * Reasons are kept in one text field beside those a person types (a value's reason, an audit
 * entry's), so the code is told apart by its first character, a control character no person's text
 * holds: every body the API takes refuses one (server/validation.ts), and a reason read from a file
 * loses it (`typedReason`; words.ts `fileReason` reads the program's own sentence in a file back as its code). The words are said when the reason is read, in the reader's language
 * (core/words.ts `reasonText`, messages/audit-reasons.ts `auditReasonText`), so a person who types
 * the program's very sentence sees it as typed.
 *
 * @example storedReasonCode('published-table', {}) // '\u0001published-table'
 * @example readReasonCode('\u0001in-revision {"number":2,"reason":"nuovo target"}') // { code: 'in-revision', params: { number: 2, reason: 'nuovo target' } }
 */

/** What starts a stored code. */
const CODE_MARK = '\u0001';

/** A reason's parameters: numbers, and a person's words inside it (a revision's reason) as typed. */
export type ReasonParams = Readonly<Record<string, string | number>>;

export interface ReasonCode {
  readonly code: string;
  readonly params: ReasonParams;
}

/** The stored form of the program's reason `code` with `params`. */
export function storedReasonCode(code: string, params: ReasonParams): string {
  return Object.keys(params).length === 0 ? `${CODE_MARK}${code}` : `${CODE_MARK}${code} ${JSON.stringify(params)}`;
}

/** The code and parameters of a stored reason the program wrote, or null for a person's text. */
export function readReasonCode(stored: string): ReasonCode | null {
  if (!stored.startsWith(CODE_MARK)) return null;
  const space = stored.indexOf(' ');
  if (space < 0) return { code: stored.slice(1), params: {} };
  try {
    const params: unknown = JSON.parse(stored.slice(space + 1));
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return null;
    if (!Object.values(params).every((v) => typeof v === 'string' || typeof v === 'number')) return null;
    return { code: stored.slice(1, space), params: params as ReasonParams };
  } catch {
    return null;
  }
}

/**
 * A reason a person wrote in a file (a workbook's cell, a JSON document), made sure never to read
 * as a code: files are not checked for control characters as the API's bodies are, and one at the
 * start of a reason is no word of it.
 */
export function typedReason(text: string): string {
  let start = 0;
  while (text[start] === CODE_MARK) start += 1;
  return start === 0 ? text : text.slice(start);
}
