/**
 * What a command writes is written whole, or not at all: a disk that fills half-way through a file
 * (here `ulimit -f`, the same refusal the system gives at the file's size) leaves no truncated PDF,
 * no empty page and no half a site, and the file there before stays as it was. A standard output
 * that cannot be written is said in words with exit 2, not with Node's stack trace.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE, albero } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const IT = { locale: 'it_IT.UTF-8' };
/** 10 KB: every output of the fixture below is larger; the site's front page is smaller. */
const SMALL = 20;

describe('an output the disk cannot hold whole: none written, the one before kept', () => {
  const commands: [string, (out: string) => string[]][] = [
    ['report.pdf', (out) => ['report', FIXTURE, '--output', out]],
    ['report.html', (out) => ['report', FIXTURE, '--output', out]],
    ['relazione.docx', (out) => ['relazione', FIXTURE, '--output', out]],
    ['piano-2025.xlsx', (out) => ['next-year', FIXTURE, '--year', '2025', '--output', out]],
    ['piano.json', (out) => ['import', FIXTURE, '--output', out]],
    ['modello.xlsx', (out) => ['template', out]],
  ];
  for (const [name, args] of commands) {
    it(`${args('OUT')[0]} writing ${name}`, () => {
      const folder = mkdtempSync(join(dir, 'one-'));
      const fresh = albero(args(join(folder, name)), { fileSizeLimit: SMALL });
      expect(fresh.status).toBe(2);
      // It left a truncated file where the user looks for the output (a PDF of 10 KB, an empty page).
      expect(readdirSync(folder)).toEqual([]);
      expect(fresh.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')} cannot be written: the file is larger than the system allows\\n$`));
      expect(fresh.stderr).not.toMatch(/\n\s+at |EFBIG/);

      const before = 'the report the office published last week';
      writeFileSync(join(folder, name), before);
      const over = albero(args(join(folder, name)), { ...IT, fileSizeLimit: SMALL });
      expect(over.status).toBe(2);
      expect(over.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')} non può essere scritto: il file supera la dimensione massima che il sistema consente\\n$`));
      expect(readFileSync(join(folder, name), 'utf8')).toBe(before);
      expect(readdirSync(folder)).toEqual([name]);

      // With room, the same command writes it, over the one before.
      expect(albero(args(join(folder, name))).status).toBe(0);
      expect(readFileSync(join(folder, name), 'utf8')).not.toBe(before);
      expect(readdirSync(folder)).toEqual([name]);
    });
  }

  it('site: no page of a site the disk cannot hold, nor its folder; an existing site stays whole under --force', () => {
    const site = join(dir, 'sito');
    const fresh = albero(['site', FIXTURE, '--output', site], { fileSizeLimit: SMALL });
    expect(fresh.status).toBe(2);
    // It left index.html and a 2024 folder whose pages stopped at the first one too big: a site that looked published.
    expect(existsSync(site)).toBe(false);
    expect(fresh.stderr).toMatch(/sito cannot be written: the file is larger than the system allows\n$/);

    expect(albero(['site', FIXTURE, '--output', site]).status).toBe(0);
    const pages = (): Record<string, string> => Object.fromEntries(['index.html', '2024/index.html', '2024/piano.html', '2024/dati.csv'].map((p) => [p, readFileSync(join(site, p), 'utf8')]));
    const published = pages();
    writeFileSync(join(site, 'index.html'), 'la pagina di prima');
    const again = albero(['site', FIXTURE, '--output', site, '--force'], { ...IT, fileSizeLimit: SMALL });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/sito non può essere scritto: il file supera la dimensione massima che il sistema consente\n$/);
    expect(pages()).toEqual({ ...published, 'index.html': 'la pagina di prima' });
    expect(readdirSync(site).sort()).toEqual(['2024', 'index.html']);
    expect(readdirSync(join(site, '2024')).every((name) => !name.startsWith('.'))).toBe(true);
  });
});

describe('template says its refusals as every command does', () => {
  it('albero template: first, in both languages (it was the words alone)', () => {
    const name = albero(['template', join(dir, 'modello.ods')], IT);
    expect(name.status).toBe(2);
    expect(name.stderr).toMatch(/^albero template: .*modello\.ods: il modello è una cartella \.xlsx; dare al file un nome \.xlsx\n$/);
    const folder = albero(['template', join(dir, 'nessuna-cartella', 'modello.xlsx')]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/^albero template: .*modello\.xlsx cannot be written: the folder to hold it does not exist\n$/);
  });
});

describe('a standard output that cannot be written', () => {
  it('evaluate --json > /dev/full: the reason in words in the language, exit 2, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const en = albero(['evaluate', FIXTURE, '--json'], { stdout: full });
      expect(en.status).toBe(2);
      expect(en.stderr).toMatch(/\nalbero: the standard output cannot be written: the disk is full\n$/);
      const it = albero(['report', FIXTURE, '--format', 'csv'], { ...IT, stdout: full });
      expect(it.status).toBe(2);
      expect(it.stderr).toMatch(/\nalbero: l'output standard non può essere scritto: il disco è pieno\n$/);
    } finally {
      closeSync(full);
    }
  });
});
