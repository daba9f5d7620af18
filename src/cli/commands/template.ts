import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EXIT } from '../shared.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('write a blank .xlsx template (one row per objective or indicator) with an Italian guide sheet')
    .argument('<out>', 'the .xlsx file to write')
    .action(async (out: string) => {
      if (!/\.xlsx$/i.test(out)) {
        process.stderr.write(`${out}: the template is an .xlsx workbook; give the file an .xlsx name\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      const { buildTemplate } = await import('../../io/xlsx/template.js');
      const bytes = await buildTemplate().xlsx.writeBuffer();
      try {
        await writeFile(out, new Uint8Array(bytes as ArrayBuffer));
      } catch (error) {
        process.stderr.write(`${out}: cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)})\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      process.stderr.write(`wrote ${out}: fill in the sheet "Albero" (see "Guida"), then check it with: albero import ${out} --check\n`);
    });
}
