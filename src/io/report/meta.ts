/**
 * What a report says about itself beside the plan: the body, the year and period, when it was
 * computed. Shared by every output (XLSX, HTML, PDF, open data) so they all carry the same title block.
 */
import type { ReportValidation } from './validated.js';
import type { Decimal, Language } from '../../core/index.js';
import { titleYear } from '../../core/title-year.js';
import type { OrgSource } from '../../core/appraisal/organisation.js';
import { previousYearSourceText, previousYearStructureText, type PreviousYearPlan } from '../../messages/relazione.js';
import type { ReportBaselineChange } from './baselines.js';
import type { ReportAct, ReportRevision } from './revisions.js';
import { periodStateWord, reportText } from './texts.js';

export interface ReportMeta {
  /** The public body, e.g. "Camera di Commercio di …". */
  readonly body?: string;
  readonly year?: number;
  /** e.g. "Consuntivo 2024" or "Monitoraggio al 30/06/2024". */
  readonly period?: string;
  /**
   * The period's state in words ("in raccolta: valori provvisori", "validato dall'OIV"): every
   * report says whether its numbers are final. Absent for a report made from a file.
   */
  readonly periodState?: string;
  /**
   * What the open data say of the period beside `periodState`, for a script: `validatedAt` the ISO
   * time the OIV validated the figures shown (null: not validated figures), `reopenedAt` the ISO time
   * the office reopened the year end after the OIV's validation (null: not reopened since).
   * Absent: a report made from a file.
   */
  readonly periodDates?: { readonly validatedAt: string | null; readonly reopenedAt: string | null };
  /**
   * The act that adopted the plan (a Giunta's resolution, its number and date): what a citizen reads
   * to know which plan the figures measure. Absent: a plan not adopted, or read from a file.
   */
  readonly adoption?: ReportAct;
  /** When the numbers were computed (defaults to now). */
  readonly computedAt?: Date;
  /** Last year's performance of each objective and indicator that has a predecessor: a column of its own. */
  readonly previousYear?: PreviousYear;
  /** The plan's revisions ("Variazioni intervenute nel corso dell'anno"); absent: the section is left out (a report made from a file). */
  readonly revisionRegister?: readonly ReportRevision[];
  /** Baselines whose year-end actual in last year's plan was corrected since ("206 → 210"): a short list; absent or empty, none. */
  readonly baselineChanges?: readonly ReportBaselineChange[];
  /**
   * The language of the report's own words (headings, notes, the revisions' chapter): Italian, the
   * Relazione's, unless asked (`?lang`, `Accept-Language`, `--lang`). The plan's texts stay as typed.
   */
  readonly language?: Language;
  /**
   * The unit (struttura) each objective (by code) and indicator (by id) is assigned to, by its
   * name in the registry: the workbook's «Piano» sheet writes it in its Struttura column, so the
   * plan imported back keeps who owns what. Absent: a report made from a file, which has none.
   */
  readonly assignedUnits?: AssignedUnits;
  /**
   * The person each objective and indicator is assigned to, by the account's e-mail (its username
   * when it has none): the identity that holds in another installation. The «Piano» sheet writes it
   * in its Referente column. Absent: a report from a file, or one read without signing in.
   */
  readonly assignedPeople?: AssignedPeople;
  /**
   * The OIV's validation of the Relazione, once published (validated, or with reservations): the
   * validated figures the public plan states beside the reported ones (io/report/validated.ts).
   * Absent: none published, not validated, or nothing it changes; nothing more is said.
   */
  readonly validated?: ReportValidation;
}

/** Units by objective code and by indicator id, as names (plain records: they travel to an export's worker). */
export interface AssignedUnits {
  readonly objectives: Readonly<Record<string, string>>;
  readonly indicators: Readonly<Record<string, string>>;
}

/** People by objective code and by indicator id, as e-mails or usernames: the same shape as the units. */
export type AssignedPeople = AssignedUnits;

/** The performance of each objective (by this plan's code) and indicator (by this plan's id) in its predecessor, last year. */
export interface PreviousYear {
  readonly year: number;
  readonly nodes: ReadonlyMap<string, Decimal | null>;
  readonly indicators: ReadonlyMap<string, Decimal | null>;
  /**
   * Where the figures come from, as the Relazione's comparison says it (section 3.6): the values
   * the OIV validated with last year's Relazione, or the reported ones, which may still move. Said
   * under the table in every format. Absent: not known, nothing said.
   */
  readonly source?: OrgSource;
  /**
   * Last year's plan when it was found by body and year, not by next-year (the Relazione's
   * `lastYearOf`): the column then holds the areas and strategic objectives matched by code, and
   * the note says which plan it is and, in `unmatched`, what could not be matched, as section 3.6 does.
   */
  readonly plan?: PreviousYearPlan;
  readonly unmatched?: { readonly current: readonly ObjectiveName[]; readonly previous: readonly ObjectiveName[] };
}

type ObjectiveName = { readonly code: string; readonly title: string };

/** The sentences under the table saying where last year's column comes from (section 3.6's); undefined: nothing to say. */
export function previousYearNote(meta: ReportMeta): string | undefined {
  const previous = meta.previousYear;
  if (previous?.source === undefined) return undefined;
  const language = meta.language ?? 'it';
  const source = previousYearSourceText(previous.year, previous.source, language, previous.plan);
  const unmatched = previous.unmatched;
  const changed = unmatched === undefined ? null : previousYearStructureText(previous.year, unmatched.current, unmatched.previous, language);
  return changed === null ? source : `${source} ${changed}`;
}

/** A stored period's state as the Italian reports write it (the words: src/messages/report.ts). */
export const PERIOD_STATE_WORD: Readonly<Record<string, string>> = Object.fromEntries(['open', 'collecting', 'closed', 'validated'].map((s) => [s, periodStateWord(s, 'it')]));

/** What a report says of its period's state: the stored state, or that it was computed from a file. */
export function periodStateText(meta: ReportMeta): string {
  return meta.periodState ?? reportText(meta.language).fromFile;
}

// The documents' moment, kept in core/messages so that the messages (the campaign's) date as they do.
export { computedAtText } from '../../core/messages/index.js';

/** The year a plan is about: given, or the year its title names (`titleYear`). */
/**
 * Who a document is by, for its properties (a PDF's Author, an Office file's creator): the public
 * body that publishes it when it is named, else Albero, the program that wrote it (the Creator and
 * Producer say so in any case). A reader's viewer, a search engine and an accessibility checker
 * read it as the document's author.
 *
 * @example documentAuthor({ body: 'Camera di Commercio di Lecce' }) // 'Camera di Commercio di Lecce'
 */
export function documentAuthor(meta: { readonly body?: string | undefined }): string {
  const body = meta.body?.trim();
  return body === undefined || body === '' ? 'Albero' : body;
}

export function yearOf(meta: ReportMeta, title: string): number | undefined {
  return meta.year ?? titleYear(title);
}
