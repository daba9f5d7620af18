import type { Command } from 'commander';
import { EXIT, cannotWrite, say, writeWhole } from '../shared.js';
import { terminalText } from '../terminal.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description(say('cli-about-template', {}))
    .argument('<out>', say('cli-about-xlsx-output', {}))
    .action(async (out: string) => {
      if (!/\.xlsx$/i.test(out)) {
        process.stderr.write(`${terminalText(say('cli-xlsx-name', { file: out, what: 'template' }))}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      const { buildTemplate } = await import('../../io/xlsx/template.js');
      const bytes = await buildTemplate().xlsx.writeBuffer();
      try {
        await writeWhole([{ path: out, data: new Uint8Array(bytes as ArrayBuffer) }]);
      } catch (error) {
        process.stderr.write(`${terminalText(cannotWrite(out, error))}\n`);
        return void (process.exitCode = EXIT.badInput);
      }
      process.stderr.write(`${say('cli-wrote-template', { file: out })}\n`);
    });
}
