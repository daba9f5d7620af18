import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { evaluatePlan, formatIssueIn, planSize } from '../../core/index.js';
import { formatItalianDate, parseItalianDate } from '../../core/italian-date.js';
import type { OrgSource } from '../../core/appraisal/organisation.js';
// The renderers (docx, pdfkit) are loaded when a Relazione is written, not on every start of the CLI.
import { buildRelazione, TEXT_KEYS, type RelazioneInput } from '../../io/relazione/build.js';
import { fileProblem } from '../../io/load.js';
import { decodeText, lineAndColumn } from '../../io/text.js';
import { MAX_MARKUP_LENGTH } from '../../io/relazione/markup.js';
import { publishedValidationRecord } from '../../io/relazione/validation.js';
import { yearOf } from '../../io/report/meta.js';

const RELAZIONE_FORMATS = ['docx', 'pdf', 'html'] as const;
import { EXIT, badInput, cannotWrite, cliLanguage, loadOrReport, outputFormat, printIssues, replacedInput, say, writeWhole, yearOption } from '../shared.js';

interface Options {
  output?: string;
  format?: string;
  body?: string;
  year?: string;
  texts?: string;
  previous?: string;
  previousValidated?: string;
  previousReservations?: boolean;
}

/**
 * `--previous-validated 15/05/2025` (or `2025-05-15`): the day the OIV validated last year's
 * Relazione, as an ISO day; null when it is no calendar day. A table says nothing of who validated
 * it (no export of a plan carries the OIV's decision), so the office says it, and the document
 * says the figures are not validated until it does.
 */
function validatedDay(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return parseItalianDate(iso === null ? text : `${iso[3]}/${iso[2]}/${iso[1]}`);
}

/**
 * `--texts FILE.json`: `{"contesto-esterno": "## …", …}`; unknown keys and non-strings are refused.
 * Its bytes are read as a table's are (`decodeText`): a BOM (Notepad's UTF-8) is no error, and a file
 * saved as Windows-1252 is read as such, said in a warning, rather than its accents lost to "�".
 */
async function readTexts(file: string): Promise<Record<string, string> | string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    // A file that cannot be read is said as for a table ("il file non esiste").
    return say('cli-texts-unreadable', { file, ...fileProblem(error) });
  }
  const decoded = decodeText(bytes, file);
  printIssues(decoded.issues.filter((i) => i.severity !== 'error'));
  if (decoded.value === null) return decoded.issues.map((i) => formatIssueIn(i, cliLanguage())).join('\n');
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded.value);
  } catch (error) {
    return say('cli-texts-unreadable', { file, ...jsonPlace(decoded.value, error) });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return say('cli-texts-not-object', { file });
  const texts: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(TEXT_KEYS as readonly string[]).includes(key)) return say('cli-texts-unknown-section', { file, key, keys: TEXT_KEYS });
    if (typeof value !== 'string') return say('cli-texts-not-string', { file, key });
    if (value.length > MAX_MARKUP_LENGTH) return say('cli-texts-too-long', { file, key, max: MAX_MARKUP_LENGTH });
    texts[key] = value;
  }
  return texts;
}

/** Where JSON.parse stopped, as line and column (1-based): the end of the text when it does not say. */
function jsonPlace(text: string, error: unknown): { line: number; column: number } {
  const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return lineAndColumn(text, at === null ? text.length : Math.min(Number(at[1]), text.length));
}

export function registerRelazione(program: Command): void {
  program
    .command('relazione')
    .description(say('cli-about-relazione', {}))
    .argument('<file>', say('cli-about-plan-file', {}))
    .requiredOption('--output <out>', say('cli-about-relazione-output', {}))
    .option('--format <format>', say('cli-about-format', { formats: RELAZIONE_FORMATS }))
    .option('--body <name>', say('cli-about-body', {}))
    .option('--year <year>', say('cli-about-year', {}))
    .option('--texts <file.json>', say('cli-about-relazione-texts', { keys: TEXT_KEYS }))
    .option('--previous <file>', say('cli-about-relazione-previous', {}))
    .option('--previous-validated <day>', say('cli-about-relazione-previous-validated', {}))
    .option('--previous-reservations', say('cli-about-relazione-previous-reservations', {}))
    .action(async (file: string, options: Options) => {
      const chosen = outputFormat(options.output, options.format, RELAZIONE_FORMATS);
      if ('refusal' in chosen) return badInput('relazione', chosen.refusal);
      const { format } = chosen;
      const replaced = replacedInput(options.output, [file, options.previous, options.texts]);
      if (replaced !== undefined) return badInput('relazione', say('cli-output-is-input', { file: options.output!, input: replaced }));
      const given = options.year === undefined ? undefined : yearOption('--year', options.year, 2024);
      if (given !== undefined && 'refusal' in given) return badInput('relazione', given.refusal);
      if (options.previousValidated !== undefined && options.previous === undefined) return badInput('relazione', say('cli-previous-validated-alone', {}));
      if (options.previousReservations === true && options.previousValidated === undefined) return badInput('relazione', say('cli-previous-reservations-alone', {}));
      const validatedOn = options.previousValidated === undefined ? undefined : validatedDay(options.previousValidated);
      if (validatedOn === null) return badInput('relazione', say('cli-previous-validated-date', { value: options.previousValidated!.slice(0, 40) }));
      let texts: Record<string, string> | undefined;
      if (options.texts !== undefined) {
        const read = await readTexts(options.texts);
        if (typeof read === 'string') {
          return badInput('relazione', read);
        }
        texts = read;
      }
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const year = given?.year ?? loaded.table.publication?.year ?? undefined;
      let previous: RelazioneInput['previous'];
      if (options.previous !== undefined) {
        const before = await loadOrReport(options.previous);
        if (before === null) return void (process.exitCode = EXIT.badInput);
        // Each table's year as the Relazione reads its own (--year, else its open data's, else its title): the comparison
        // is headed by it, and a table of the same year (or a later one) passed by mistake would
        // print this year's figures as last year's.
        const current = yearOf(year === undefined ? {} : { year }, loaded.table.plan.title);
        const earlier = yearOf(before.table.publication?.year == null ? {} : { year: before.table.publication.year }, before.table.plan.title);
        if (current !== undefined && earlier !== undefined && earlier >= current) {
          return badInput('relazione', say('cli-previous-not-before', { file: options.previous, year: earlier, current }));
        }
        // What the table holds, as the server's comparison says it: the values the OIV validated
        // (the office says so, and when), else the reported ones, which may still change.
        const validatedYear = earlier ?? (current === undefined ? undefined : current - 1);
        if (validatedOn !== undefined && validatedYear !== undefined && Number(validatedOn.slice(0, 4)) <= validatedYear) {
          return badInput('relazione', say('cli-previous-validated-early', { day: formatItalianDate(validatedOn), year: validatedYear }));
        }
        // Noon UTC: the same day in Rome, whose calendar dates the validation.
        const source: OrgSource =
          validatedOn === undefined ? { kind: 'reported', relazione: null } : { kind: 'validated', at: `${validatedOn}T12:00:00.000Z`, reservations: options.previousReservations === true };
        previous = { ...(earlier === undefined ? {} : { year: earlier }), evaluation: evaluatePlan(before.table.plan), source };
      }
      const evaluation = evaluatePlan(loaded.table.plan);
      // Open data (dati.json) say who published the plan, the act adopting it and the OIV's
      // validation: section 7 states it as the server's Relazione does; --body and --year still win.
      const published = loaded.table.publication;
      const body = options.body ?? published?.body ?? undefined;
      const doc = buildRelazione(evaluation, {
        ...(body === undefined ? {} : { body }),
        ...(year === undefined ? {} : { year }),
        ...(published?.adoption == null ? {} : { adoption: published.adoption }),
        ...(published?.validation == null ? {} : { validation: publishedValidationRecord(published.validation) }),
        ...(texts === undefined ? {} : { texts }),
        ...(previous === undefined ? {} : { previous }),
      });
      // Only the renderer asked for is loaded: pdfkit and its fonts take longer to load than a
      // DOCX or an HTML page of the fixture takes to write, and the docx package is not small either.
      const bytes =
        format === 'pdf'
          ? await (await import('../../io/relazione/pdf.js')).renderRelazionePdf(doc)
          : format === 'docx'
            ? await (await import('../../io/relazione/docx.js')).renderRelazioneDocx(doc)
            : new TextEncoder().encode((await import('../../io/relazione/html.js')).renderRelazioneHtml(doc));
      try {
        await writeWhole([{ path: options.output!, data: bytes }]);
      } catch (error) {
        return badInput('relazione', cannotWrite(options.output!, error));
      }
      process.stderr.write(`${say('cli-wrote-relazione', { file: options.output!, format, ...planSize(evaluation.plan) })}\n`);
    });
}
