/**
 * "Variazioni intervenute nel corso dell'anno": the plan's revisions as the reports print them
 * (HTML, PDF, the workbook's "Variazioni" sheet, the Relazione). The data come from the store's
 * register (the server passes them in `ReportMeta.revisionRegister`); the words come from the
 * catalogue (`src/messages/changes.ts`), in the report's language (Italian, the language of the
 * Relazione, unless asked otherwise), the same words the web's register shows.
 */
import type { Language } from '../../core/index.js';
import { changeText, changeWords, dayText, neutralOf, valueIn } from '../../messages/changes.js';

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
  /** The indicator's unit when the change was made, in which its amounts are printed (absent or null: by their value). */
  readonly unit?: string | null;
  /** An indicator's name when the change was made and its objective's code, by which the sentence names it (absent: by its id). */
  readonly name?: string | null;
  readonly node?: string | null;
}

export interface ReportRevision {
  readonly number: number;
  readonly kind: 'variazione' | 'rimodulazione';
  readonly reason: string;
  readonly date: string;
  readonly act: ReportAct | null;
  readonly status: 'open' | 'approved' | 'discarded';
  /** The net change of each record (store: core `netChanges`). */
  readonly changes: readonly ReportRevisionChange[];
  /** How many steps were recorded (each on the audit trail); absent in a register frozen before it was kept. */
  readonly steps?: number;
  /** Labels of the closed periods the revision came after (their data stay as closed). */
  readonly afterClosingOf?: readonly string[];
  /** The OIV's validation of the Relazione the revision came after (the validated Relazione does not include it). */
  readonly afterValidation?: { readonly validatedAt: string } | null;
  /** Its discard: when, by whom (a name, or the login), why, and each step it recorded (absent or null: not discarded). */
  readonly discarded?: ReportDiscard | null;
}

export interface ReportDiscard {
  readonly at: string;
  readonly by: string | null;
  readonly reason: string | null;
  readonly steps: readonly ReportRevisionChange[];
}

/**
 * A definition's fields that are the office's own: the indicator's notes, and the values a deletion
 * took from the periods still open (provisional values, with who entered them) and what it kept (counts of
 * values, files and comments: the discussion is internal). The public tree
 * leaves them out, so a public page or answer (the transparency pages, an export or the register
 * read without a session, the Relazione, which is published) leaves them out of a revision's changes too.
 */
const INTERNAL_FIELDS: ReadonlySet<string> = new Set(['notes', 'removedValues', 'keptRecords']);

type Fields = Readonly<Record<string, unknown>>;

function withoutInternal(record: Fields): Fields {
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (INTERNAL_FIELDS.has(field)) continue;
    // A deleted objective's record holds its indicators whole, notes included.
    kept[field] = field === 'indicators' && Array.isArray(value) ? value.map((i: unknown) => (i !== null && typeof i === 'object' ? withoutInternal(i as Fields) : i)) : value;
  }
  return kept;
}

/**
 * The changes as the public may read them: no internal field before or after; an update that
 * changed only such fields is left out (it changed nothing the public sees).
 */
export function publicChanges<C extends { readonly action: string; readonly before: Fields | null; readonly after: Fields | null }>(changes: readonly C[]): C[] {
  return changes
    .map((c) => ({ ...c, before: c.before === null ? null : withoutInternal(c.before), after: c.after === null ? null : withoutInternal(c.after) }))
    .filter((c) => c.action !== 'update' || Object.keys(c.after ?? c.before ?? {}).length > 0);
}

/**
 * A revision as the public reads it: its changes without internal fields (`publicChanges`), and its
 * count of steps only while every change is there to read: one the public does not see (a note) was
 * made of steps the register cannot say apart from the others, and it would read as steps that
 * cancel out.
 */
export function publicRevision<
  R extends { readonly changes: readonly C[]; readonly steps?: number },
  C extends { readonly action: string; readonly before: Fields | null; readonly after: Fields | null },
>(revision: R): R {
  const changes = publicChanges(revision.changes);
  return { ...revision, changes, ...(revision.steps === undefined ? {} : { steps: changes.length < revision.changes.length ? changes.length : revision.steps }) };
}

/** The chapter's title and the register's column heads in Italian (the workbook's sheet). */
export const REVISIONS_TITLE = revisionsTitle('it');
export const REVISIONS_COLUMNS: readonly string[] = revisionsColumns('it');

/** The chapter's title. */
export function revisionsTitle(language: Language = 'it'): string {
  return changeWords('revisions-title', {}, language);
}

/** The register's column heads. */
export function revisionsColumns(language: Language = 'it'): string[] {
  return changeWords('revisions-columns', {}, language).split('|');
}

/** The register's caption (the HTML table's). */
export function revisionsCaption(language: Language = 'it'): string {
  return changeWords('revisions-caption', {}, language);
}

/** The chapter's one line when the plan had no revision. */
export function noRevisionsText(language: Language = 'it'): string {
  return changeWords('revisions-none', {}, language);
}

/** `2024-01-30` → `30/01/2024`. */
export const italianDay = dayText;

/** A stored value in words: amounts by their value (decimal comma in Italian), dates dd/mm/yyyy, a rule or formula as the change log says it. */
export function storedValueText(value: unknown, language: Language = 'it', field = ''): string {
  return valueIn(field, neutralOf(field, value), language);
}

/** One change in a sentence, its amounts in the indicator's unit: "Indicatore «Capacità di risposta…» (A.2.1): target 60,00% → 55,00%; peso 20% → 25%", "Obiettivo A.3 eliminato («…»)". */
export function revisionChangeText(change: ReportRevisionChange, language: Language = 'it'): string {
  return changeText(change, language);
}

export function actText(act: ReportAct | null, language: Language = 'it'): string {
  return changeWords('revision-act', act === null ? {} : { kind: act.kind, number: act.number, date: act.date }, language);
}

/** A revision's line: "Variazione n. 1 del 30/01/2024 (approvata; atto: …). Motivo: …". */
export function revisionLine(r: ReportRevision, language: Language = 'it'): string {
  return changeWords('revision-line', { kind: r.kind, number: r.number, date: r.date, status: r.status, act: actText(r.act, language), reason: r.reason }, language);
}

/**
 * Where the steps of a revision are, when it recorded more than its net changes (a weight changed
 * twice, or moved and moved back): "modifiche nette di 4 passaggi registrati (ciascuno nel registro
 * delle modifiche)"; null when each change listed is one step.
 */
export function revisionStepsText(r: Pick<ReportRevision, 'steps' | 'changes'>, language: Language = 'it'): string | null {
  return r.steps === undefined || r.steps <= r.changes.length ? null : changeWords('revision-steps', { steps: r.steps, changes: r.changes.length }, language);
}

/**
 * What the register says under a revision: its net changes, and where its steps are when it recorded
 * more ("nessuna modifica" for none). A discarded one changed nothing in the plan: when, by whom and
 * why it was discarded, then each of its steps, numbered, so the OIV reads what was tried and let go.
 */
export function revisionChangeLines(r: ReportRevision, language: Language = 'it'): string[] {
  if (r.status === 'discarded' && r.discarded != null) {
    const d = r.discarded;
    return [
      changeWords('revision-discarded', { at: d.at, ...(d.by === null ? {} : { by: d.by }), ...(d.reason === null ? {} : { reason: d.reason }), steps: d.steps.length }, language),
      ...d.steps.map((c, i) => changeWords('revision-discarded-step', { step: i + 1, change: changeText(c, language) }, language)),
    ];
  }
  const steps = revisionStepsText(r, language);
  return r.changes.length === 0 ? [steps ?? changeWords('revision-no-change', {}, language)] : [...r.changes.map((c) => changeText(c, language)), ...(steps === null ? [] : [steps])];
}

/**
 * One row per line of `revisionChangeLines` (a revision without changes gets one row): the table
 * every format prints.
 */
export function revisionRows(revisions: readonly ReportRevision[], language: Language = 'it'): string[][] {
  const rows: string[][] = [];
  for (const r of revisions) {
    const head = [
      String(r.number),
      changeWords('revision-kind', { kind: r.kind }, language),
      dayText(r.date),
      r.reason,
      actText(r.act, language),
      changeWords('revision-status', { status: r.status }, language),
    ];
    for (const c of revisionChangeLines(r, language)) rows.push([...head, c]);
  }
  return rows;
}

/** The sentence under the table: which closed periods the revisions left as they were, and the revisions a validated Relazione does not include. */
export function revisionsNote(revisions: readonly ReportRevision[], language: Language = 'it'): string {
  const late = revisions.filter((r) => r.status === 'approved' && r.afterValidation != null);
  const validatedAt = late[0]?.afterValidation?.validatedAt;
  return changeWords(
    'revisions-note',
    { closed: [...new Set(revisions.flatMap((r) => r.afterClosingOf ?? []))], ...(validatedAt === undefined ? {} : { approvedAfterValidation: late.map((r) => String(r.number)), validatedAt }) },
    language,
  );
}
