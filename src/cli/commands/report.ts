import type { Command } from 'commander';
import { evaluatePlan, planSize } from '../../core/index.js';
import { REPORT_FORMATS } from '../../io/report/formats.js';
import { EXIT, badInput, cannotWrite, cliLanguage, controlInOption, loadOrReport, outputFormat, replacedInput, say, writeWhole, yearOption } from '../shared.js';

/** Plans at least this big get a progress bar (on a terminal only: never in a pipe or a log). */
const PROGRESS_FROM = 1000;

interface Options {
  format?: string;
  output?: string;
  body?: string;
  period?: string;
  year?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(say('cli-about-report', {}))
    .argument('<file>', say('cli-about-plan-file', {}))
    .option('--format <format>', say('cli-about-format', { formats: REPORT_FORMATS }))
    .option('--output <out>', say('cli-about-report-output', {}))
    .option('--body <name>', say('cli-about-body', {}))
    .option('--period <label>', say('cli-about-report-period', {}))
    .option('--year <year>', say('cli-about-year', {}))
    .action(async (file: string, options: Options) => {
      const chosen = outputFormat(options.output, options.format, REPORT_FORMATS);
      if ('refusal' in chosen) return badInput('report', chosen.refusal);
      const { format } = chosen;
      const replaced = replacedInput(options.output, [file]);
      if (replaced !== undefined) return badInput('report', say('cli-output-is-input', { file: options.output!, input: replaced }));
      if (options.output === undefined && (format === 'pdf' || format === 'xlsx')) {
        return badInput('report', say('cli-output-needed', { format }));
      }
      const control = controlInOption([
        ['--body', options.body],
        ['--period', options.period],
      ]);
      if (control !== undefined) return badInput('report', control);
      // An empty label printed an empty period line: refused before the table is read, as `--title ""` is.
      if (options.period !== undefined && options.period.trim() === '') return badInput('report', say('cli-blank-period', {}));
      const given = options.year === undefined ? undefined : yearOption('--year', options.year, 2024);
      if (given !== undefined && 'refusal' in given) return badInput('report', given.refusal);
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const evaluation = evaluatePlan(loaded.table.plan);
      const { indicators } = planSize(evaluation.plan);
      const bar = process.stderr.isTTY === true && indicators >= PROGRESS_FROM ? await progressBar(format) : null;
      try {
        // Loaded here, not at start: the renderers bring exceljs and pdfkit, most of the CLI's start-up.
        const { renderReport } = await import('../../io/report/index.js');
        const { reportValidation } = await import('../../io/report/validated.js');
        // Open data (dati.json) say who published the plan, the act adopting it and the OIV's
        // validation: printed as the server's report prints them; --body and --year still win.
        const published = loaded.table.publication;
        const body = options.body ?? published?.body ?? undefined;
        const year = given?.year ?? published?.year ?? undefined;
        const bytes = await renderReport(evaluation, format, {
          ...(body === undefined ? {} : { body }),
          ...(options.period === undefined ? {} : { period: options.period }),
          ...(year === undefined ? {} : { year }),
          ...(published?.adoption == null ? {} : { adoption: published.adoption }),
          ...(published?.validation == null ? {} : { validated: reportValidation(published.validation) }),
          issues: loaded.issues,
          // The report's own words in the command line's language (--lang, else the locale), as the server's ?lang=.
          language: cliLanguage(),
          ...(bar === null ? {} : { onProgress: bar.update }),
        });
        bar?.stop();
        if (options.output === undefined) process.stdout.write(bytes);
        else {
          await writeWhole([{ path: options.output, data: bytes }]);
          process.stderr.write(`${say('cli-wrote-report', { file: options.output, format, ...planSize(evaluation.plan) })}\n`);
        }
      } catch (error) {
        bar?.stop();
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'string' && options.output !== undefined) {
          return badInput('report', cannotWrite(options.output, error));
        }
        throw error;
      }
    });
}

async function progressBar(format: string): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: `${format} {bar} {value}/{total} ${say('cli-progress-objectives', {})}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
