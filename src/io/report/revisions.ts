/**
 * "Variazioni intervenute nel corso dell'anno": the plan's revisions as the reports print them
 * (HTML, PDF, the workbook's "Variazioni" sheet). The data come from the store's register (the
 * server passes them in `ReportMeta.revisions`); this module only words them, in Italian, the
 * language of the Relazione.
 */
export interface ReportAct {
  readonly kind: string;
  readonly number: string;
  readonly date: string;
}

export interface ReportRevisionChange {
  readonly action: 'create' | 'update' | 'delete';
  readonly entity: 'plan' | 'node' | 'indicator';
  readonly entityId: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

export interface ReportRevision {
  readonly number: number;
  readonly kind: 'variazione' | 'rimodulazione';
  readonly reason: string;
  readonly date: string;
  readonly act: ReportAct | null;
  readonly status: 'open' | 'approved';
  readonly changes: readonly ReportRevisionChange[];
  /** Labels of the closed periods the revision came after (their data stay as closed). */
  readonly afterClosingOf?: readonly string[];
}

export const REVISIONS_TITLE = "Variazioni intervenute nel corso dell'anno";
export const REVISIONS_COLUMNS = ['N.', 'Tipo', 'Data', 'Motivo', 'Atto di approvazione', 'Stato', 'Modifica'] as const;

const FIELD: Readonly<Record<string, string>> = {
  title: 'titolo',
  name: 'nome',
  weight: 'peso',
  target: 'target',
  comparator: 'comparatore',
  tolerance: 'tolleranza',
  unit: 'unità',
  scoring: 'regola di punteggio',
  formula: 'formula',
  owner: 'responsabile',
  source: 'fonte',
  notes: 'note',
  level: 'livello',
  parent: 'padre',
  baseline: 'baseline',
  baselineYear: 'anno della baseline',
  nextTargets: 'target degli anni successivi',
};
const ENTITY: Readonly<Record<string, string>> = { plan: 'Piano', node: 'Obiettivo', indicator: 'Indicatore' };

/** `2024-01-30` → `30/01/2024`. */
export function italianDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m === null ? iso : `${m[3]}/${m[2]}/${m[1]}`;
}

/** A stored value in Italian words: amounts by their value (decimal comma), dates dd/mm/yyyy. */
export function storedValueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(storedValueText).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('kind' in o && 'value' in o) {
      if (o.kind === 'date') return italianDay(String(o.value));
      if (typeof o.value === 'boolean') return o.value ? 'sì' : 'no';
      return String(o.value).replace('.', ',');
    }
    if ('kind' in o) return String(o.kind);
    return JSON.stringify(value);
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return value.replace('.', ',');
  return String(value);
}

/** One change in a sentence: "Indicatore A.1.1:1: target 70 → 99; peso 50 → 40", "Obiettivo A.3 eliminato («…»)". */
export function revisionChangeText(change: ReportRevisionChange): string {
  const what = `${ENTITY[change.entity] ?? change.entity} ${change.entityId}`;
  if (change.action === 'update') {
    const fields = Object.keys(change.after ?? {});
    return `${what}: ${fields.map((f) => `${FIELD[f] ?? f} ${storedValueText(change.before?.[f])} → ${storedValueText(change.after?.[f])}`).join('; ')}`;
  }
  const whole = change.after ?? change.before ?? {};
  const label = typeof whole.title === 'string' ? whole.title : typeof whole.name === 'string' ? whole.name : null;
  return `${what} ${change.action === 'create' ? 'aggiunto' : 'eliminato'}${label === null ? '' : ` («${label}»)`}`;
}

export function actText(act: ReportAct | null): string {
  return act === null ? 'da indicare' : `${act.kind} n. ${act.number} del ${italianDay(act.date)}`;
}

/** One row per change (a revision without changes gets one row): the table every format prints. */
export function revisionRows(revisions: readonly ReportRevision[]): string[][] {
  const rows: string[][] = [];
  for (const r of revisions) {
    const head = [String(r.number), r.kind === 'rimodulazione' ? 'Rimodulazione' : 'Variazione', italianDay(r.date), r.reason, actText(r.act), r.status === 'approved' ? 'approvata' : 'aperta'];
    const changes = r.changes.length === 0 ? ['nessuna modifica'] : r.changes.map(revisionChangeText);
    for (const c of changes) rows.push([...head, c]);
  }
  return rows;
}

/** The sentence under the table: which closed periods the revisions left as they were. */
export function revisionsNote(revisions: readonly ReportRevision[]): string {
  const closed = [...new Set(revisions.flatMap((r) => r.afterClosingOf ?? []))];
  const base = 'Le variazioni valgono per i periodi ancora aperti; i periodi chiusi o validati restano come alla chiusura.';
  return closed.length === 0 ? base : `${base} Successive alla chiusura di: ${closed.join(', ')}.`;
}
