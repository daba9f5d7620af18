import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { evaluatePlan, rollForward } from '../../core/index.js';
import { yearOf } from '../../io/report/meta.js';
import { EXIT, loadOrReport } from '../shared.js';

interface Options {
  year?: string;
  from?: string;
  output?: string;
  title?: string;
}

export function registerNextYear(program: Command): void {
  program
    .command('next-year')
    .description("write next year's plan as a filled .xlsx template: the same tree, weights, rules and owners, targets rolled forward, this year's actuals as baselines, no values")
    .argument('<file>', "this year's plan: a published table (.txt/.tsv) or a workbook (.xlsx)")
    .requiredOption('--year <year>', "the new plan's year, e.g. 2025")
    .requiredOption('--output <out>', 'the .xlsx file to write')
    .option('--from <year>', "this plan's year (default: from its title, else the year before --year)")
    .option('--title <title>', "the new plan's title (default: this one's with the year replaced)")
    .action(async (file: string, options: Options) => {
      const bad = (message: string): void => {
        process.stderr.write(`albero next-year: ${message}\n`);
        process.exitCode = EXIT.badInput;
      };
      if (!/^\d{4}$/.test(options.year ?? '')) return bad(`--year must be a year such as 2025, not "${options.year ?? ''}"`);
      if (options.from !== undefined && !/^\d{4}$/.test(options.from)) return bad(`--from must be a year such as 2024, not "${options.from}"`);
      if (!/\.xlsx$/i.test(options.output ?? '')) return bad(`${options.output ?? ''}: the new plan is an .xlsx workbook; give the file an .xlsx name`);
      const year = Number(options.year);
      const loaded = await loadOrReport(file);
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      const fromYear = options.from !== undefined ? Number(options.from) : (yearOf({}, loaded.table.plan.title) ?? year - 1);
      if (year <= fromYear) return bad(`the next year's plan must be for a year after ${fromYear}, not ${year}`);
      const evaluation = evaluatePlan(loaded.table.plan);
      const plan = rollForward(evaluation, { fromYear, year, ...(options.title === undefined ? {} : { title: options.title }) });
      const { buildPlanTemplate } = await import('../../io/xlsx/template.js'); // exceljs: loaded by this command only
      const bytes = await buildPlanTemplate(plan).xlsx.writeBuffer();
      try {
        await writeFile(options.output!, new Uint8Array(bytes as ArrayBuffer));
      } catch (error) {
        return bad(`${options.output!}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      const indicators = plan.nodes.reduce((n, node) => n + node.indicators.length, 0);
      const baselines = plan.nodes.reduce((n, node) => n + node.indicators.filter((i) => i.baselineYear === fromYear).length, 0);
      process.stderr.write(
        `wrote ${options.output!}: "${plan.title}", ${plan.nodes.length} objectives and ${indicators} indicators, ${baselines} baselines from the ${fromYear} actuals, no values; check it with: albero import ${options.output!} --check\n`,
      );
    });
}
