/** What every command shares: loading a table, printing issues, exit codes. */
import pc from 'picocolors';
import { formatIssue, hasErrors, type Issue } from '../core/index.js';
import type { ImportedTable } from '../io/published/layout.js';
import { loadTable } from '../io/load.js';

/** 0 all good; 1 the check found differences; 2 the input could not be used. */
export const EXIT = { ok: 0, differences: 1, badInput: 2 } as const;

export function printIssues(issues: readonly Issue[], options: { quiet?: boolean } = {}): void {
  for (const i of issues) {
    if (options.quiet === true && i.severity === 'info') continue;
    const line = formatIssue(i);
    process.stderr.write(`${i.severity === 'error' ? pc.red(line) : i.severity === 'warning' ? pc.yellow(line) : pc.dim(line)}\n`);
  }
}

/** Loads a table or explains on stderr why not; null means the command must exit with `EXIT.badInput`. */
export async function loadOrReport(file: string, options: { quiet?: boolean } = {}): Promise<{ table: ImportedTable; issues: readonly Issue[] } | null> {
  const { value, issues } = await loadTable(file);
  if (value === null || hasErrors(issues)) {
    printIssues(issues.filter((i) => i.severity === 'error'));
    const count = issues.filter((i) => i.severity === 'error').length;
    process.stderr.write(`${file}: ${count} error${count === 1 ? '' : 's'}; nothing was evaluated\n`);
    return null;
  }
  printIssues(issues, { quiet: options.quiet ?? true });
  return { table: value, issues };
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
