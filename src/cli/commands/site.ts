import { statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { evaluatePlan, withoutValues } from '../../core/index.js';
import { parseItalianDate } from '../../core/italian-date.js';
import { yearOf } from '../../io/report/meta.js';
import { reportText, targetsOnlyText } from '../../io/report/texts.js';
import type { ReportAct } from '../../io/report/revisions.js';
import type { SiteYear } from '../../io/site/index.js';
import { EXIT, badInput, cannotWrite, controlInOption, loadOrReport, say, writeWhole } from '../shared.js';

export function registerSite(program: Command): void {
  program
    .command('site')
    .description(say('cli-about-site', {}))
    .argument('<plans...>', say('cli-about-site-plans', {}))
    .requiredOption('--output <dir>', say('cli-about-site-output', {}))
    .option('--body <name>', say('cli-about-body', {}))
    .option('--period <label>', say('cli-about-site-period', {}))
    .option('--act <act>', say('cli-about-site-act', {}))
    .option('--targets-only', say('cli-about-site-targets-only', {}))
    .option('--force', say('cli-about-site-force', {}))
    .action(async (files: string[], options: { output: string; body?: string; period?: string; act?: string; targetsOnly?: boolean; force?: boolean }) => {
      // A period and an act name one plan's: given to several years, each page would claim them.
      const once = [options.period === undefined ? '' : '--period', options.act === undefined ? '' : '--act'].filter((o) => o !== '');
      if (once.length > 0 && files.length > 1) return badInput('site', say('cli-site-one-plan', { options: [...once], plans: files.length }));
      const control = controlInOption([
        ['--body', options.body],
        ['--period', options.period],
        ['--act', options.act],
      ]);
      if (control !== undefined) return badInput('site', control);
      const adoption = options.act === undefined ? undefined : actOption(options.act);
      if (adoption === null) return badInput('site', say('cli-site-bad-act', { value: options.act! }));
      const period = options.period?.trim();
      const years: SiteYear[] = [];
      for (const file of files) {
        const loaded = await loadOrReport(file);
        if (loaded === null) return void (process.exitCode = EXIT.badInput);
        // A period still in progress: the public reads the plan's targets, never a provisional value (the table's are left out).
        const targetsOnly = options.targetsOnly === true;
        const evaluation = evaluatePlan(targetsOnly ? withoutValues(loaded.table.plan) : loaded.table.plan);
        const year = yearOf({}, evaluation.plan.title);
        if (year === undefined) {
          return badInput('site', say('cli-site-no-year', { file }));
        }
        const taken = years.filter((y) => y.year === year).length;
        const body = options.body;
        years.push({
          slug: taken === 0 ? String(year) : `${year}-${taken + 1}`,
          year,
          planTitle: evaluation.plan.title,
          ...(body === undefined ? {} : { body }),
          ...(period === undefined || period === '' ? {} : { period }),
          // Said as a citizen reads it (the pages are Italian): who published the values, not how Albero read them.
          periodState: targetsOnly ? targetsOnlyText('it') : reportText('it').published,
          ...(targetsOnly ? { targetsOnly } : {}),
          ...(adoption === undefined ? {} : { adoption }),
          // No Relazione: made from a table alone its sections would say "Sezione non ancora
          // compilata" and no OIV would have validated it, yet the page would publish it as the
          // body's Relazione. The office's own, validated, is published by the server's pages.
          evaluation,
        });
      }
      const { siteIndex, yearFile, yearFiles } = await import('../../io/site/index.js');
      // The folder is named, not each file: a site already there (or a page of the body's own)
      // was written over without a word. Its files are replaced only when asked.
      const paths = ['index.html', ...years.flatMap((y) => yearFiles(y).map((name) => join(y.slug, name)))];
      const existing = options.force === true ? [] : paths.filter((path) => isFile(join(options.output, path)));
      if (existing.length > 0) return badInput('site', say('cli-site-would-overwrite', { folder: options.output, files: existing }));
      // Every page is made before any is written, and written whole or not at all (`writeWhole`):
      // a disk that filled half-way left a site of some pages, one of them cut, as if complete.
      const pages: { path: string; data: string | Uint8Array }[] = [{ path: join(options.output, 'index.html'), data: siteIndex(years, options.body === undefined ? {} : { body: options.body }) }];
      for (const y of years) for (const name of yearFiles(y)) pages.push({ path: join(options.output, y.slug, name), data: (await yearFile(y, name))! });
      // The folders this run made, to take away again (empty by then) when the site is not written.
      const made: string[] = [];
      try {
        for (const folder of [options.output, ...years.map((y) => join(options.output, y.slug))]) {
          const first = await mkdir(folder, { recursive: true });
          if (first !== undefined) made.push(first);
        }
        await writeWhole(pages);
      } catch (error) {
        for (const folder of made.reverse()) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
        return badInput('site', cannotWrite(options.output, error));
      }
      process.stderr.write(`${say('cli-wrote-site', { folder: options.output, years: years.length })}\n`);
    });
}

/**
 * `--act "Delibera di Giunta n. 12 del 30/01/2024"` as the act the pages print (the same words back),
 * or null when it is not written so: a date that is no day of the calendar too.
 */
export function actOption(value: string): ReportAct | null {
  const m = /^\s*(.+?)\s+n\.\s*(\S+)\s+del\s+(\S+)\s*$/i.exec(value);
  const date = m === null ? null : parseItalianDate(m[3]!);
  if (m === null || date === null) return null;
  return { kind: m[1]!, number: m[2]!, date };
}

/** Whether a file (not a folder) is at `path`; a path through a plain file is none. */
function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}
