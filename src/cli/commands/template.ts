import type { Command } from 'commander';
import { badInput, cannotWrite, say, writeWhole } from '../shared.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description(say('cli-about-template', {}))
    .argument('<out>', say('cli-about-xlsx-output', {}))
    .action(async (out: string) => {
      // Said as every other command's refusal, `albero template: …` (it was the words alone).
      if (!/\.xlsx$/i.test(out)) return badInput('template', say('cli-output-name', { file: out, what: 'template' }));
      const { buildTemplate } = await import('../../io/xlsx/template.js');
      const bytes = await buildTemplate().xlsx.writeBuffer();
      try {
        await writeWhole([{ path: out, data: new Uint8Array(bytes as ArrayBuffer) }]);
      } catch (error) {
        return badInput('template', cannotWrite(out, error));
      }
      process.stderr.write(`${say('cli-wrote-template', { file: out })}\n`);
    });
}
