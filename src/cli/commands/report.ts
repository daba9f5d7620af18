import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { evaluatePlan } from '../../core/index.js';
import { isReportFormat, REPORT_FORMATS, type ReportFormat } from '../../io/report/formats.js';
import { EXIT, loadOrReport } from '../shared.js';

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
    .description('write the computed plan as an HTML or PDF report, an .xlsx workbook, or open data (CSV, JSON)')
    .argument('<file>', 'a published table (.txt/.tsv) or a workbook (.xlsx)')
    .option('--format <format>', `one of ${REPORT_FORMATS.join(', ')} (default: from the output's extension)`)
    .option('--output <out>', 'the file to write (default: stdout, for html, csv and json)')
    .option('--body <name>', 'the public body, for the title block')
    .option('--period <label>', 'the period, e.g. "Consuntivo 2024"')
    .option('--year <year>', "the plan's year (default: from the title)")
    .action(async (file: string, options: Options) => {
      const fromExtension = options.output === undefined ? undefined : extname(options.output).slice(1).toLowerCase();
      const format = options.format ?? (fromExtension === 'htm' ? 'html' : fromExtension);
      if (format === undefined || !isReportFormat(format)) {
        process.stderr.write(`albero report: ${format === undefined ? 'say which --format' : `unknown format "${format}"`}; use one of ${REPORT_FORMATS.join(', ')}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      if (options.output === undefined && (format === 'pdf' || format === 'xlsx')) {
        process.stderr.write(`albero report: a ${format} file needs --output FILE.${format}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      if (options.year !== undefined && !/^\d{4}$/.test(options.year)) {
        process.stderr.write(`albero report: --year must be a year such as 2024, not "${options.year}"\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const evaluation = evaluatePlan(loaded.table.plan);
      const indicators = evaluation.plan.nodes.reduce((t, n) => t + n.indicators.length, 0);
      const bar = process.stderr.isTTY === true && indicators >= PROGRESS_FROM ? await progressBar(format) : null;
      try {
        // Loaded here, not at start: the renderers bring exceljs and pdfkit, most of the CLI's start-up.
        const { renderReport } = await import('../../io/report/index.js');
        const bytes = await renderReport(evaluation, format as ReportFormat, {
          ...(options.body === undefined ? {} : { body: options.body }),
          ...(options.period === undefined ? {} : { period: options.period }),
          ...(options.year === undefined ? {} : { year: Number(options.year) }),
          issues: loaded.issues,
          ...(bar === null ? {} : { onProgress: bar.update }),
        });
        bar?.stop();
        if (options.output === undefined) process.stdout.write(bytes);
        else {
          await writeFile(options.output, bytes);
          process.stderr.write(`wrote ${options.output} (${format}, ${evaluation.nodeResults.length} objectives, ${indicators} indicators)\n`);
        }
      } catch (error) {
        bar?.stop();
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'string' && options.output !== undefined) {
          process.stderr.write(`albero report: ${options.output} cannot be written (${code})\n`);
          return void (process.exitCode = EXIT.badInput);
        }
        throw error;
      }
    });
}

async function progressBar(format: string): Promise<{ update: (done: number, total: number) => void; stop: () => void }> {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ format: `${format} {bar} {value}/{total} objectives`, stream: process.stderr, hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
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
