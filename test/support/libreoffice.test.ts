/**
 * The tests' LibreOffice (support/libreoffice.ts): one instance per worker process serves every
 * conversion, each call returning once its file is written; a conversion that writes nothing fails
 * the test, saying so. Needs soffice (installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../exchange/helpers.js';
import { convertWithLibreOffice } from './libreoffice.js';

const dir = tempDir('albero-lo-test-');

/** The LibreOffice programs running with a profile of this process (its folder is named with the pid). */
function instances(): string[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return '';
      }
    })
    .filter((cmd) => cmd.includes('soffice.bin') && cmd.includes(`albero-lo-${process.pid}-`) && !cmd.includes('--convert-to'));
}

describe("the tests' LibreOffice", () => {
  it('converts one document after another through one instance, each file there when the call returns', () => {
    const texts = ['Primo documento', 'Secondo documento', 'Terzo documento'];
    texts.forEach((text, i) => writeFileSync(join(dir, `doc-${i}.txt`), `${text}\n`));
    const started = Date.now();
    const pdfs = texts.map((_, i) => convertWithLibreOffice(join(dir, `doc-${i}.txt`), 'pdf', join(dir, 'out')));
    const took = Date.now() - started;
    pdfs.forEach((pdf, i) => expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain(texts[i]));
    expect(instances()).toHaveLength(1);
    expect(took).toBeLessThan(90_000);
  }, 180_000);

  it('fails, saying so, when LibreOffice writes nothing', () => {
    writeFileSync(join(dir, 'note.txt'), 'Nota\n');
    // A text document has no spreadsheet's CSV export: LibreOffice writes no file.
    expect(() => convertWithLibreOffice(join(dir, 'note.txt'), 'csv:Text - txt - csv (StarCalc):44,34,76,1', join(dir, 'csv'))).toThrow(/LibreOffice did not convert .*note\.txt/);
    expect(existsSync(join(dir, 'csv', 'note.csv'))).toBe(false);
    expect(() => convertWithLibreOffice(join(dir, 'missing.docx'), 'pdf', join(dir, 'out'))).toThrow(/LibreOffice did not convert .*missing\.docx/);
  }, 180_000);
});
