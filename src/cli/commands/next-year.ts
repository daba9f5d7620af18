import type { Command } from 'commander';
import { evaluatePlan, PLAN_TITLE_MAX, planSize, rollForward } from '../../core/index.js';
import { yearOf } from '../../io/report/meta.js';
import { EXIT, badInput, cannotWrite, controlInOption, loadOrReport, replacedInput, say, writeWhole, yearOption } from '../shared.js';

interface Options {
  year?: string;
  from?: string;
  output?: string;
  title?: string;
}

export function registerNextYear(program: Command): void {
  program
    .command('next-year')
    .description(say('cli-about-next-year', {}))
    .argument('<file>', say('cli-about-next-year-file', {}))
    .requiredOption('--year <year>', say('cli-about-next-year-year', {}))
    .requiredOption('--output <out>', say('cli-about-xlsx-output', {}))
    .option('--from <year>', say('cli-about-next-year-from', {}))
    .option('--title <title>', say('cli-about-next-year-title', {}))
    .action(async (file: string, options: Options) => {
      const bad = (words: string): void => badInput('next-year', words);
      const given = yearOption('--year', options.year ?? '', 2025);
      if ('refusal' in given) return bad(given.refusal);
      const from = options.from === undefined ? undefined : yearOption('--from', options.from, 2024);
      if (from !== undefined && 'refusal' in from) return bad(from.refusal);
      if (!/\.xlsx$/i.test(options.output ?? '')) return bad(say('cli-output-name', { file: options.output ?? '', what: 'next-year' }));
      const replaced = replacedInput(options.output, [file]);
      if (replaced !== undefined) return bad(say('cli-output-is-input', { file: options.output!, input: replaced }));
      // Trimmed as the API trims it: an empty title was written and read back as "Albero".
      const title = options.title?.trim();
      if (title === '') return bad(say('cli-blank-title', {}));
      const control = controlInOption([['--title', options.title]]);
      if (control !== undefined) return bad(control);
      // The API's own limit for next year's plan (POST …/next-year), so the two ways make the same plans.
      if (title !== undefined && title.length > PLAN_TITLE_MAX) return bad(say('cli-long-title', { length: title.length, max: PLAN_TITLE_MAX }));
      const { year } = given;
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const fromYear = from !== undefined ? from.year : (yearOf({}, loaded.table.plan.title) ?? year - 1);
      if (year !== fromYear + 1) return bad(say('cli-year-order', { fromYear, year }));
      const evaluation = evaluatePlan(loaded.table.plan);
      const plan = rollForward(evaluation, { fromYear, ...(title === undefined ? {} : { title }) });
      const { buildPlanTemplate } = await import('../../io/xlsx/template.js'); // exceljs: loaded by this command only
      const bytes = await buildPlanTemplate(plan).xlsx.writeBuffer();
      try {
        await writeWhole([{ path: options.output!, data: new Uint8Array(bytes as ArrayBuffer) }]);
      } catch (error) {
        return bad(cannotWrite(options.output!, error));
      }
      const baselines = plan.nodes.reduce((n, node) => n + node.indicators.filter((i) => i.baselineYear === fromYear).length, 0);
      process.stderr.write(`${say('cli-wrote-next-year', { file: options.output!, title: plan.title, ...planSize(plan), baselines, fromYear })}\n`);
    });
}
