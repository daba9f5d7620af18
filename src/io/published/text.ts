/**
 * The published table as tab-separated text (the fixture's format): a title, the header row
 * (repeated at every page break), objective and indicator rows, and a closing legend.
 */
import { issue, type Issue, type Outcome } from '../../core/index.js';
import { CHAMBER_PROFILE, isHeaderRow, legendFromText, readLayout, type ImportProfile, type ImportedTable, type LayoutRow } from './layout.js';

/**
 * Converts the text of a published table. Pure: the caller reads the file (see `decodeText`).
 * @example
 * const { value, issues } = parsePublishedText(text, 'albero-2024.txt');
 * const evaluation = evaluatePlan(value.plan);
 */
export function parsePublishedText(text: string, file: string, profile: ImportProfile = CHAMBER_PROFILE): Outcome<ImportedTable> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const issues: Issue[] = [];
  let title = '';
  let headerSeen = false;
  let legendAt = -1;
  const rows: LayoutRow[] = [];

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = i + 1;
    if (raw.trim() === '') continue;
    const cells = raw.split('\t');
    if (!headerSeen) {
      if (isHeaderRow(cells)) headerSeen = true;
      else if (title === '' && cells.length === 1) title = raw.replace(/[*#_]/g, '').trim();
      else if (cells.length > 1) {
        issues.push(issue('error', 'missing-header', `the table must start with the header row (${['Obiettivo', 'Indicatore', 'Peso', '…'].join(', ')}); found data first`, { file, line }));
        headerSeen = true;
        i--;
      }
      continue;
    }
    if (cells.length === 1 && /legenda/i.test(raw)) {
      legendAt = i;
      break;
    }
    rows.push({ cells, at: (column?: number) => (column === undefined ? { file, line } : { file, line, column: columnName(column) }) });
  }

  if (!headerSeen) {
    const empty = lines.every((l) => l.trim() === '');
    issues.push(issue('error', empty ? 'empty-file' : 'missing-header', empty ? 'the file is empty' : 'no header row (Obiettivo, Indicatore, Peso, Target, Consuntivo, Performance KPI, Performance Obiettivo) was found', { file }));
  }
  const legend = legendAt >= 0 ? legendFromText(lines.slice(legendAt + 1)) : null;
  const result = readLayout(rows, title || file, profile, legend ?? undefined);
  if (headerSeen && rows.length === 0) issues.push(issue('error', 'no-rows', 'the table has a header but no objective or indicator rows', { file }));
  return { value: result.value, issues: [...issues, ...result.issues] };
}

const NAMES = ['Obiettivo', 'Indicatore', 'Peso', 'Target', 'Consuntivo', 'Performance KPI', 'Performance Obiettivo'];
function columnName(column: number): string {
  return NAMES[column] ?? String(column + 1);
}
