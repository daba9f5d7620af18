/**
 * Problems are values: the importers and the engine return them beside their result, never throw
 * them. Each names where it came from so the printer can say `file:line` or `Sheet!E37`.
 */
import { renderIssueCode, said, type IssueCode, type IssueParams, type Language, type MessageParams, type Said } from './messages/index.js';
import type { SourceLocation } from './model.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  readonly severity: Severity;
  /** Stable, kebab-case: `unknown-comparator`, `missing-target`… Safe to match on in scripts. */
  readonly code: string;
  /** Plain words a person can act on, in English (logs, scripts); screens render `code` + `params`. */
  readonly message: string;
  /** What the catalogue (`core/messages`) needs to say it in the reader's language; absent on issues raised with a hand-written message. */
  readonly params?: MessageParams;
  readonly location?: SourceLocation;
}

/** A result and the problems met while making it. */
export interface Outcome<T> {
  readonly value: T;
  readonly issues: readonly Issue[];
}

export function issue(severity: Severity, code: string, message: string, location?: SourceLocation): Issue {
  return location === undefined ? { severity, code, message } : { severity, code, message, location };
}

/**
 * An issue by code: its words come from the catalogue (`core/messages`), its parameters are
 * checked against them.
 *
 * @example problem('error', 'unknown-comparator', { comparator: '>>' }, { file: 'plan.txt', line: 12 })
 */
export function problem<K extends IssueCode>(severity: Severity, code: K, params: IssueParams<K>, location?: SourceLocation): Issue {
  const { message } = said(code, params);
  const base = { severity, code, message, params: params as MessageParams };
  return location === undefined ? base : { ...base, location };
}

/** An issue from words already said by code: a parser returns its error as a `Said`, the reader places it. */
export function saidIssue(severity: Severity, s: Said, location?: SourceLocation): Issue {
  const base = { severity, code: s.code, message: s.message, params: s.params };
  return location === undefined ? base : { ...base, location };
}

/**
 * `i` with more parameters (the indicator it is about), its English words said again; an issue
 * without parameters keeps its words. It stays where it was unless `location` places it elsewhere.
 *
 * @example withParams(farDate, { read: true }) // the same cell, «read as written»
 */
export function withParams(i: Issue, extra: MessageParams, location: SourceLocation | undefined = i.location): Issue {
  if (i.params === undefined) return location === undefined ? i : { ...i, location };
  const params = { ...i.params, ...extra };
  const base = { severity: i.severity, code: i.code, message: renderIssueCode(i.code, params, 'en') ?? i.message, params };
  return location === undefined ? base : { ...base, location };
}

/** The issue's words in `language`: from the catalogue when it was raised by code, else its own message. */
export function issueText(i: Issue, language: Language = 'en'): string {
  return (i.params !== undefined ? renderIssueCode(i.code, i.params, language) : undefined) ?? i.message;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** `file:line`, `file Sheet!E37`, `A.2.1` …: the shortest text that finds the place. */
export function formatLocation(location: SourceLocation | undefined, language: Language = 'en'): string {
  const w = language === 'it' ? { line: 'riga', column: 'colonna', field: 'campo' } : { line: 'line', column: 'column', field: 'field' };
  if (location === undefined) return '';
  const parts: string[] = [];
  if (location.file !== undefined) {
    parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file);
  } else if (location.line !== undefined) {
    parts.push(`${w.line} ${location.line}`);
  }
  if (location.sheet !== undefined || location.cell !== undefined) {
    parts.push(`${location.sheet ?? ''}${location.sheet !== undefined && location.cell !== undefined ? '!' : ''}${location.cell ?? ''}`);
  }
  if (location.column !== undefined) parts.push(`${w.column} ${location.column}`);
  if (location.node !== undefined) parts.push(location.node);
  if (location.field !== undefined) parts.push(`${w.field} ${location.field}`);
  return parts.join(' ');
}

const SEVERITY_IT: Record<Severity, string> = { error: 'errore', warning: 'avviso', info: 'nota' };

/** `file:12: error: words [code]`, in English. */
export function formatIssue(i: Issue): string {
  return formatIssueIn(i, 'en');
}

/** `file:12: errore: parole [code]`: `formatIssue` in `language`. */
export function formatIssueIn(i: Issue, language: Language): string {
  const where = formatLocation(i.location, language);
  const severity = language === 'it' ? SEVERITY_IT[i.severity] : i.severity;
  return `${where === '' ? '' : `${where}: `}${severity}: ${issueText(i, language)} [${i.code}]`;
}
