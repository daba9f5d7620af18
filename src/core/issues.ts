/**
 * Problems are values: the importers and the engine return them beside their result, never throw
 * them. Each names where it came from so the printer can say `file:line` or `Sheet!E37`.
 */
import type { SourceLocation } from './model.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  readonly severity: Severity;
  /** Stable, kebab-case: `unknown-comparator`, `missing-target`… Safe to match on in scripts. */
  readonly code: string;
  /** Plain words a person can act on. */
  readonly message: string;
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

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** `file:line`, `file Sheet!E37`, `A.2.1` …: the shortest text that finds the place. */
export function formatLocation(location: SourceLocation | undefined): string {
  if (location === undefined) return '';
  const parts: string[] = [];
  if (location.file !== undefined) {
    parts.push(location.line !== undefined ? `${location.file}:${location.line}` : location.file);
  } else if (location.line !== undefined) {
    parts.push(`line ${location.line}`);
  }
  if (location.sheet !== undefined || location.cell !== undefined) {
    parts.push(`${location.sheet ?? ''}${location.sheet !== undefined && location.cell !== undefined ? '!' : ''}${location.cell ?? ''}`);
  }
  if (location.column !== undefined) parts.push(`column ${location.column}`);
  if (location.node !== undefined) parts.push(location.node);
  if (location.field !== undefined) parts.push(`field ${location.field}`);
  return parts.join(' ');
}

export function formatIssue(i: Issue): string {
  const where = formatLocation(i.location);
  return `${where === '' ? '' : `${where}: `}${i.severity}: ${i.message} [${i.code}]`;
}
