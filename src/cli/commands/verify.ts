import type { Command } from 'commander';
import pc from 'picocolors';
import { evaluatePlan, formatLocation, formatPercentIn, statedCellHead, toJsonNumber, verifyTable, type Difference, type TableDifference } from '../../core/index.js';
import { EXIT, type PlanOptions, addPlanOptions, applyPlanOptions, cliLanguage, loadOrReport, say, writeChunks } from '../shared.js';
import { terminalText } from '../terminal.js';

export function registerVerify(program: Command): void {
  addPlanOptions(program.command('verify'))
    .description(say('cli-about-verify', {}))
    .argument('<file>', say('cli-about-table', {}))
    .option('--json', say('cli-about-verify-json', {}))
    .action(async (file: string, options: { json?: boolean } & PlanOptions) => {
      // A workbook from `albero report` is read from its published table: the stated values are there.
      const loaded = await loadOrReport(file, { stated: true, published: true });
      if (loaded === null) return void (process.exitCode = EXIT.badInput);
      // Every indicator's stated cells are checked: kept, its score need not be made again.
      const evaluation = evaluatePlan(applyPlanOptions(loaded.table.plan, options), { keepScores: true });
      // A computed document (the open data) states each objective's band too: checked against its recomputed performance.
      const found = verifyTable(evaluation, loaded.table.stated, loaded.table.statedBands ?? []);
      const differ = found.differences.length;
      // A plan with targets only (the open data of a plan with no values yet) states no result at
      // all: each empty cell agrees with an empty computation, which is no check passed either.
      const statesNothing = differ === 0 && found.checked > 0 && loaded.table.stated.every((c) => c.value === null) && (loaded.table.statedBands ?? []).every((b) => b.band === null);
      const result = statesNothing ? { ...found, checked: 0 } : found;
      const name = (d: Difference): string | null => (d.indicator === undefined ? null : (evaluation.indicator(d.indicator)?.indicator.name ?? null));
      if (options.json === true) {
        const difference = (d: TableDifference): string =>
          d.cell === 'band'
            ? // A band's difference: `cell` is "band", its values the band's code (green, yellow, red; null: none).
              JSON.stringify({ code: d.code, line: null, cell: 'band', indicator: null, stated: d.stated, computed: d.computed })
            : JSON.stringify({
                code: d.code,
                line: d.origin.line ?? null,
                ...(d.origin.cell === undefined ? {} : { sheet: d.origin.sheet ?? null, address: d.origin.cell }),
                // The published layout's Italian head whatever the table's language: a value scripts match on (README).
                cell: statedCellHead(d.cell, 'it'),
                indicator: name(d),
                stated: toJsonNumber(d.stated),
                computed: toJsonNumber(d.computed),
              });
        // Streamed, one difference a line: a table whose every cell differs prints as it goes.
        await writeChunks(
          (function* () {
            let out = `{\n  "checked": ${result.checked},\n  "differences": [`;
            for (let k = 0; k < differ; k++) {
              out += `${k === 0 ? '' : ','}\n    ${difference(result.differences[k]!)}`;
              if (out.length >= 1 << 20) {
                yield out;
                out = '';
              }
            }
            yield `${out}${differ === 0 ? '' : '\n  '}]\n}\n`;
          })(),
        );
      } else if (result.checked > 0) {
        const language = cliLanguage();
        // Each cell named as the table heads it (`Performance KPI`, or `KPI performance` in an English table).
        const heads = loaded.table.language ?? 'it';
        for (const d of result.differences) {
          const where = formatLocation(d.origin, language);
          const line =
            d.cell === 'band'
              ? say('cli-verify-band-difference', { where, code: pc.bold(d.code), stated: d.stated, computed: d.computed })
              : say('cli-verify-difference', {
                  where,
                  code: pc.bold(d.code),
                  ...(d.indicator === undefined ? {} : { indicator: name(d) ?? '' }),
                  cell: statedCellHead(d.cell, heads),
                  stated: formatPercentIn(d.stated, language),
                  computed: formatPercentIn(d.computed, language),
                });
          process.stdout.write(`${line}\n`);
        }
        const summary = say('cli-verify-summary', { checked: result.checked, differ });
        process.stdout.write(`${differ === 0 ? pc.green(`✔ ${summary}`) : pc.red(`✘ ${summary}`)}\n`);
      }
      // Nothing checked is no check passed (a template, a next-year plan): said, and not exit 0.
      if (result.checked === 0) {
        process.stderr.write(`${terminalText(say(statesNothing ? 'cli-verify-nothing-stated' : 'cli-verify-nothing', { file }))}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      process.exitCode = differ === 0 ? EXIT.ok : EXIT.differences;
    });
}
