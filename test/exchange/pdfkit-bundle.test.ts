/**
 * The one-file pdfkit the built program loads (scripts/vendor-pdfkit.mjs, src/io/report/pdfkit.ts)
 * writes the very bytes the package does, with its three swapped dependencies: the Unicode tables
 * inflated by zlib (line breaking and layout read them), brotli and AES loaded on first use.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontData, type Face } from '../../src/io/report/fonts.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
type Pdfkit = typeof import('pdfkit');

/** A tagged page in the three faces: Italian words, symbols, a paragraph that pdfkit wraps by its line-breaking rules. */
function draw(PDFDocument: Pdfkit, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', tagged: true, lang: 'it-IT', pdfVersion: '1.7', info: { Title: 'Prova', CreationDate: new Date('2024-06-30T10:00:00Z') }, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const fonts = fontData();
  for (const face of Object.keys(fonts) as Face[]) doc.registerFont(face, fonts[face]);
  const section = doc.struct('Sect');
  doc.addStructure(section);
  section.add(doc.struct('H1', {}, () => void doc.font('bold').fontSize(16).text('Relazione sulla performance — 2024')));
  const body =
    'Dei 46 obiettivi misurati, 36 sono in fascia verde (78,3%): perché è così? Città, università, caffè e più € ● ▲ ■ ≥ 90%. ' +
    'Un-anno-difficile/per le imprese; l’export (in calo) e il credito “più caro”. '.repeat(6);
  section.add(doc.struct('P', {}, () => void doc.font('regular').fontSize(10.5).text(body, { width: 260 })));
  section.add(doc.struct('P', {}, () => void doc.font('italic').fontSize(10).text('Nota: valori provvisori.', { width: 260 })));
  section.end();
  doc.end();
  return done;
}

describe('the bundled pdfkit', () => {
  let dir: string;
  let bundle: Pdfkit;
  beforeAll(() => {
    // Inside node_modules, as dist/ is inside the project: the bundle finds brotli and AES from there.
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    dir = mkdtempSync(join(root, 'node_modules', '.cache', 'albero-pdfkit-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'vendor-pdfkit.mjs'), dir], { stdio: 'pipe' });
    bundle = require(join(dir, 'pdfkit.cjs'));
  }, 60_000);
  afterAll(() => dir !== undefined && rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes as the package, and the text reads back', async () => {
    const fromPackage = await draw(require('pdfkit'));
    const fromBundle = await draw(bundle);
    expect(fromBundle.equals(fromPackage)).toBe(true);
    const file = join(dir, 'prova.pdf');
    writeFileSync(file, fromBundle);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('36 sono in fascia verde (78,3%): perché è così? Città, università, caffè e più € ● ▲ ■ ≥ 90%.');
    expect(text).toContain('Nota: valori provvisori.');
  });

  it('encrypts with AES, loaded on first use', async () => {
    const file = join(dir, 'cifrato.pdf');
    writeFileSync(file, await draw(bundle, { pdfVersion: '1.7ext3', userPassword: 'segreto' }));
    expect(execFileSync('pdfinfo', ['-upw', 'segreto', file], { encoding: 'utf8' })).toMatch(/Encrypted:\s+yes \(.*AES/);
    expect(execFileSync('pdftotext', ['-upw', 'segreto', file, '-'], { encoding: 'utf8' })).toContain('Relazione sulla performance');
  });
});
