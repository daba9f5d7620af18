/**
 * What a command writes is written whole, or not at all: a disk that fills half-way through a file
 * (here `ulimit -f`, the same refusal the system gives at the file's size) leaves no truncated PDF,
 * no empty page and no half a site, and the file there before stays as it was. A standard output
 * that cannot be written is said in words with exit 2, not with Node's stack trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

describe('a write killed half-way: its temporary file goes with the next write there', () => {
  /** A process writing `folder`'s output as `writeWhole` does (its `.part`, named by its pid), left running mid-write. */
  async function writer(folder: string): Promise<{ child: ChildProcess; part: string }> {
    const child = spawn(
      process.execPath,
      ['-e', `require('node:fs').writeFileSync(require('node:path').join(process.argv[1], '.albero-' + process.pid + '-0.part'), '%PDF-1.7 half'); setInterval(() => {}, 1000)`, folder],
      { stdio: 'ignore' },
    );
    const part = `.albero-${child.pid}-0.part`;
    for (let i = 0; i < 200 && !existsSync(join(folder, part)); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(readdirSync(folder)).toContain(part);
    return { child, part };
  }
  async function kill(child: ChildProcess): Promise<void> {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  it("report --output after a run killed mid-write: the dead one's .part removed, a running one's kept", async () => {
    const folder = mkdtempSync(join(dir, 'killed-'));
    const dead = await writer(folder);
    await kill(dead.child);
    const live = await writer(folder);
    try {
      const run = albero(['report', FIXTURE, '--output', join(folder, 'relazione.html')], IT);
      expect(run.status, run.stderr).toBe(0);
      // The killed run's hidden half file stayed beside the report for ever.
      expect(readdirSync(folder).sort()).toEqual([live.part, 'relazione.html']);
      expect(readFileSync(join(folder, live.part), 'utf8')).toBe('%PDF-1.7 half');
    } finally {
      await kill(live.child);
    }
    // Once that one is gone too, the next write removes its file as well.
    expect(albero(['report', FIXTURE, '--output', join(folder, 'relazione.html')]).status).toBe(0);
    expect(readdirSync(folder)).toEqual(['relazione.html']);
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

describe('an output that is the file read', () => {
  it('report, next-year, relazione and import refuse to write over their input, by any path, in both languages; the file stays as it was', () => {
    const folder = mkdtempSync(join(dir, 'same-'));
    // The office's table saved as CSV with semicolons (the open data is written as CSV too) and as a JSON plan.
    const table = join(folder, 'albero-2024.csv');
    writeFileSync(table, readFileSync(FIXTURE, 'utf8').replaceAll('\t', ';'));
    const plan = join(folder, 'piano.json');
    expect(albero(['import', FIXTURE, '--output', plan]).status).toBe(0);
    const xlsx = join(folder, 'albero-2024.xlsx');
    expect(albero(['report', FIXTURE, '--output', xlsx]).status).toBe(0);
    symlinkSync(xlsx, join(folder, 'link.xlsx'));
    const texts = join(folder, 'testi.html');
    writeFileSync(texts, '{}');
    const cases: [string, string[], string][] = [
      // It replaced the table with the open data; next year's plan, with no values, replaced this year's.
      ['report', ['report', table, '--output', table], table],
      ['next-year', ['next-year', join(folder, 'link.xlsx'), '--year', '2025', '--output', xlsx], join(folder, 'link.xlsx')],
      ['relazione', ['relazione', FIXTURE, '--texts', texts, '--output', texts], texts],
      ['import', ['import', plan, '--output', `${folder}/./piano.json`], plan],
    ];
    for (const [command, args, input] of cases) {
      const before = readFileSync(input);
      const run = albero(args, { cwd: folder });
      expect(run.status, command).toBe(2);
      expect(run.stderr, command).toContain(`albero ${command}: --output ${args.at(-1)} is the file ${input} the command reads: writing it would replace it; give the output another name`);
      expect(readFileSync(input).equals(before), command).toBe(true);
    }
    const it = albero(['report', table, '--output', table], IT);
    expect(it.stderr).toBe(`albero report: --output ${table} è il file ${table} che il comando legge: scriverlo lo sostituirebbe; dare all'uscita un altro nome\n`);
    expect(readdirSync(folder).sort()).toEqual(['albero-2024.csv', 'albero-2024.xlsx', 'link.xlsx', 'piano.json', 'testi.html']);
    // Another name is written.
    expect(albero(['report', table, '--output', join(folder, 'dati.csv')]).status).toBe(0);
  });
});

describe('an output path that cannot be opened as a file', () => {
  it('--output /dev/stdout on a socket (a spawning program reads the output so) is said in words with the path, exit 2, in both languages', () => {
    // The test spawns the CLI with pipes, which Node makes sockets: opening /dev/stdout there fails with ENXIO.
    const en = albero(['report', FIXTURE, '--output', '/dev/stdout', '--format', 'html']);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toMatch(
      /albero report: \/dev\/stdout cannot be written: it cannot be opened as a file: a socket, or a device with nothing behind it; to write to the standard output, leave out --output\n$/,
    );
    expect(en.stderr).not.toMatch(/ENXIO|system error/);
    const it = albero(['report', FIXTURE, '--output', '/dev/stdout', '--format', 'csv'], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toMatch(
      /\/dev\/stdout non può essere scritto: non si può aprire come file: è un socket o un dispositivo senza nulla dietro; per scrivere sull'output standard, omettere --output\n$/,
    );
    // The way the message gives works.
    const printed = albero(['report', FIXTURE, '--format', 'html']);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^<!doctype html>/);
  });
});
