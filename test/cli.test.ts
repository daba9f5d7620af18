/** The command line as a user meets it: real files, exit codes, stdout for data, stderr for problems. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE, albero, fixtureText, type CliRun } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-'));
function file(name: string, contents: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

describe('verify finds what does not follow from the inputs', () => {
  it('lists a tampered objective value and a tampered KPI with their lines, exit 1', () => {
    const lines = fixtureText().split('\n');
    const a2 = lines.findIndex((l) => l.startsWith('A.2 - '));
    lines[a2] = lines[a2]!.replace('93,00%', '95,00%');
    const b22 = lines.findIndex((l) => l.includes('N. assessment (sostenibilità, energia)'));
    lines[b22] = lines[b22]!.replace(/0,00%\t$/, '100,00%\t');
    const path = file('tampered.txt', lines.join('\n'));
    const run = albero(['verify', path, '--json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { checked: number; differences: Array<Record<string, unknown>> };
    expect(result.differences).toEqual([
      { code: 'A.2', line: a2 + 1, cell: 'Performance Obiettivo', indicator: null, stated: 95, computed: 93 },
      { code: 'B.2.2', line: b22 + 1, cell: 'Performance KPI', indicator: 'N. assessment (sostenibilità, energia)', stated: 100, computed: 0 },
    ]);
    const text = albero(['verify', path]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`tampered.txt:${a2 + 1} column Performance Obiettivo: A.2 Performance Obiettivo: stated 95.00%, computed 93.00%`);
    expect(text.stdout).toMatch(/\d+ cells checked, 2 differ/);
  });

  it('a changed input changes the computation, not the check (an actual moved below target)', () => {
    const tampered = fixtureText().replace(
      'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t60,00%\t50,00%',
      'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t60,00%\t70,00%',
    );
    const run = albero(['verify', file('input-changed.txt', tampered), '--json']);
    const result = JSON.parse(run.stdout) as { differences: Array<{ code: string; cell: string; computed: number }> };
    // A.2.1's KPI and objective cells, A.2's derived Consuntivo and KPI, A.2's objective cell all move.
    expect(result.differences.map((d) => `${d.code} ${d.cell} ${d.computed}`)).toEqual([
      'A.2 Performance Obiettivo 100',
      'A.2 Consuntivo 100',
      'A.2 Performance KPI 100',
      'A.2.1 Performance Obiettivo 100',
      'A.2.1 Performance KPI 100',
    ]);
  });
});

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
const F = fixtureText();

describe('bad input: a clear message, a non-zero exit, never a stack trace', () => {
  const at = (needle: string): number => lineOf(F, needle);
  const cases: Array<[string, string | Uint8Array, RegExp]> = [
    ['empty.txt', '', /empty\.txt: error: the file is empty \[empty-file\]/],
    ['binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), /binary\.txt: error: this is a binary file/],
    ['zip.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0, 8, 0, 0, 0, 0xff, 0xfe]), /zip\.txt: error: the workbook is damaged or cut short/],
    [
      'columns.txt',
      F.replace('\tAziende coinvolte nei percorsi di animazione delle destinazioni turistiche\t30% >=\t10\t12\t100,00%\t', '\tAziende coinvolte\t30% >=\t10\t12'),
      new RegExp(`columns\\.txt:${at('Aziende coinvolte nei')}: error: expected 7 columns .* found 5 \\[column-count\\]`),
    ],
    ['comparator.txt', F.replace('70% >=\t1\t4', '70% >>\t1\t4'), new RegExp(`comparator\\.txt:${at('70% >=\t1\t4')} column Peso: error: unknown comparator “>>”`)],
    ['weight.txt', F.replace('70% >=\t1\t4', '170% >=\t1\t4'), new RegExp(`weight\\.txt:${at('70% >=\t1\t4')} column Peso: error: the weight 170% is over 100%`)],
    ['number.txt', F.replace('70% >=\t1\t4', '70% >=\t1\tquattro'), new RegExp(`number\\.txt:${at('70% >=\t1\t4')} column Consuntivo: error: Consuntivo: “quattro” is not a number`)],
    [
      'duplicate.txt',
      F.replace('A.1.2 - Attrattività del territorio', 'A.1.1 - Attrattività del territorio'),
      new RegExp(`duplicate\\.txt:${at('A.1.2 - ')} column Obiettivo: error: the code A\\.1\\.1 is already used at line ${at('A.1.1 - ')}`),
    ],
    [
      // The indicators under the refused row belong to it: they were said to come "before any objective".
      'duplicate-indicators.txt',
      F.replace('A.1.2 - Attrattività del territorio', 'A.1.1 - Attrattività del territorio'),
      new RegExp(
        `duplicate-indicators\\.txt:${at('A.1.2 - ') + 1} column Indicatore: error: the indicator “Supporto alle iniziative fieristiche realizzate sul territorio” belongs to the objective at line ${at('A.1.2 - ')}, which could not be read \\[indicator-of-unread-objective\\]`,
      ),
    ],
    [
      'no-code-indicators.txt',
      F.replace('A.1.2 - Attrattività del territorio', 'Attrattività del territorio'),
      new RegExp(
        `no-code-indicators\\.txt:${at('A.1.2 - ') + 2} column Indicatore: error: the indicator “N\\. interventi .*” belongs to the objective at line ${at('A.1.2 - ')}, which could not be read`,
      ),
    ],
    [
      'orphan.txt',
      F.replace('A Competitività e sviluppo delle imprese e del territorio\t', '\tIndicatore orfano\t10% >=\t1\t1\t100,00%\t\nA Competitività e sviluppo delle imprese e del territorio\t'),
      new RegExp(`orphan\\.txt:${at('A Competitività')} column Indicatore: error: the indicator “Indicatore orfano” comes before any objective`),
    ],
  ];
  for (const [name, contents, message] of cases) {
    it(name, () => {
      const path = file(name, contents);
      for (const command of ['evaluate', 'verify']) {
        const run = albero([command, path]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }

  it('a missing file and an unknown code', () => {
    const missing = albero(['evaluate', join(dir, 'nope.txt')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.txt: error: no such file [unreadable-file]');
    const unknown = albero(['explain', FIXTURE, 'Z.9']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no objective with the code “Z.9”');
  });

  it('the plan as JSON that `import --output` wrote is read by evaluate and verify as the table it came from', () => {
    const json = join(dir, 'piano.json');
    expect(albero(['import', FIXTURE, '--output', json]).status).toBe(0);
    // It was refused as "a JSON document, not a table": test/cli-json-inputs.test.ts has the round trips.
    const run = albero(['evaluate', json]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(albero(['evaluate', FIXTURE]).stdout);
    const verify = albero(['verify', json], { locale: 'it_IT.UTF-8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('197 celle controllate, 0 diverse');
  });

  it('import reads back its own JSON document by its first `{` whatever its name and encoding: UTF-16 as Notepad saves "Unicode" too', () => {
    const json = join(dir, 'piano-da-rileggere.json');
    expect(albero(['import', FIXTURE, '--output', json]).status).toBe(0);
    const text = readFileSync(json, 'utf8');
    // Before, the bytes were sniffed: the UTF-16 byte-order mark hid the `{`, and the document was read as a table without its header.
    for (const [name, bytes] of [
      ['piano-senza-nome', Buffer.from(text, 'utf8')],
      ['piano-unicode.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ] as const) {
      const run = albero(['import', file(name, bytes), '--check']);
      expect(run.stderr, name).toBe(`${join(dir, name)}: 3 strategic areas, 46 objectives, 88 indicators; 0 errors, 0 warnings; dry run, nothing was imported\n`);
      expect(run.status, name).toBe(0);
    }
  });

  it('usage errors', () => {
    const run = albero(['evaluate']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("missing required argument 'file'");
  });
});

describe('a table saved by Excel as "Unicode text": UTF-16 with its BOM', () => {
  // Its zero bytes made it "a binary file … use a .xlsx name", though it is the table as text.
  const utf8 = albero(['evaluate', FIXTURE, '--json']);
  const bom = { le: [0xff, 0xfe], be: [0xfe, 0xff] } as const;
  for (const order of ['le', 'be'] as const) {
    it(`UTF-16${order.toUpperCase()} reads as the UTF-8 table: the same tree, every stated cell checked`, () => {
      const body = Buffer.from(fixtureText().replace(/\n/g, '\r\n'), 'utf16le');
      if (order === 'be') body.swap16();
      const path = file(`unicode-${order}.txt`, Buffer.concat([Buffer.from(bom[order]), body]));
      const run = albero(['evaluate', path, '--json']);
      expect(run.stderr).not.toContain('error');
      expect(run.status).toBe(0);
      expect(run.stdout.replaceAll(JSON.stringify(path), JSON.stringify(FIXTURE))).toBe(utf8.stdout);
      const verified = albero(['verify', path]);
      expect(verified.stdout).toMatch(/^✔ 145 cells checked, 0 differ\n$/);
      expect(verified.status).toBe(0);
    });
  }
});

describe('a table saved as UTF-16 without its BOM', () => {
  // Its zero bytes made it "a binary file … use a .xlsx name" (a script's export, a BOM cut off).
  const utf8 = albero(['evaluate', FIXTURE, '--json']);
  for (const order of ['le', 'be'] as const) {
    it(`UTF-16${order.toUpperCase()} is told by its zero bytes and reads as the UTF-8 table`, () => {
      const body = Buffer.from(fixtureText(), 'utf16le');
      if (order === 'be') body.swap16();
      const path = file(`senza-bom-${order}.txt`, body);
      const run = albero(['evaluate', path, '--json']);
      expect(run.status).toBe(0);
      expect(run.stdout.replaceAll(JSON.stringify(path), JSON.stringify(FIXTURE))).toBe(utf8.stdout);
    });
  }
  it('one that cannot be read as UTF-16 (an odd length) is said to look like it, with how to save it, in Italian and English', () => {
    const body = Buffer.from(fixtureText(), 'utf16le');
    const path = file('senza-bom-tronco.txt', body.subarray(0, body.length - 1));
    const en = albero(['evaluate', path]);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(
      `${path}: error: the file looks like UTF-16LE text without a BOM, but does not read as such (an odd length or invalid characters): save it again as UTF-8 (in Excel: “Unicode Text” or “CSV UTF-8”) [utf16-without-bom]\n${path}: 1 error; nothing was evaluated\n`,
    );
    const it = albero(['evaluate', path], { locale: 'it_IT.UTF-8' });
    expect(it.stderr).toContain(`${path}: errore: il file sembra testo UTF-16LE senza BOM, ma non si legge come tale (lunghezza dispari o caratteri non validi): salvarlo di nuovo come UTF-8`);
  });
});

describe("the locale's language, or --lang", () => {
  const IT = { locale: 'it_IT.UTF-8' };
  it('an Italian locale says every problem and the summary in Italian; --lang en says them in English', () => {
    const line = lineOf(F, '70% >=\t1\t4');
    const path = file('peso-it.txt', F.replace('70% >=\t1\t4', '170% >=\t1\t4'));
    const it = albero(['evaluate', path], IT);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`peso-it.txt:${line} colonna Peso: errore: il peso 170% supera il 100% [weight-over-100]`);
    expect(it.stderr).toContain('peso-it.txt: 1 errore; nulla è stato valutato');
    const en = albero(['evaluate', path, '--lang', 'en'], IT);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain(`peso-it.txt:${line} column Peso: error: the weight 170% is over 100% [weight-over-100]`);
    expect(en.stderr).toContain('peso-it.txt: 1 error; nothing was evaluated');
    expect(albero(['evaluate', path, '--lang', 'it']).stderr).toBe(it.stderr);
  });

  it('import --check and explain in Italian under an Italian locale', () => {
    const check = albero(['import', FIXTURE, '--check'], IT);
    expect(check.status).toBe(0);
    expect(check.stderr).toMatch(/avviso: il Consuntivo .+ non ha il segno % ma il target .+ è una percentuale/);
    expect(check.stderr).toMatch(/: 3 aree strategiche, 46 obiettivi, 88 indicatori; 0 errori, 1 avviso; prova, nulla è stato importato/);
    // --json counts as the summary does: the areas apart, not 49 "objectives".
    expect(JSON.parse(albero(['import', FIXTURE, '--check', '--json']).stdout)).toMatchObject({ areas: 3, objectives: 46, indicators: 88 });
    const explainIt = albero(['explain', FIXTURE, 'A.2'], IT);
    expect(explainIt.status).toBe(0);
    expect(explainIt.stdout).toBe(albero(['explain', FIXTURE, 'A.2', '--lang', 'it']).stdout);
    expect(explainIt.stdout).not.toBe(albero(['explain', FIXTURE, 'A.2']).stdout);
    const unknown = albero(['explain', FIXTURE, 'Z.9'], IT);
    expect(unknown.stderr).toContain('nessun obiettivo con il codice «Z.9»');
  });
});

describe('--help on every command', () => {
  for (const command of ['evaluate', 'verify', 'explain', 'diff', 'report', 'import', 'template']) {
    it(command, () => {
      const run = albero([command, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: albero ${command}`);
    });
  }
  it('the program', () => {
    const run = albero(['--help']);
    expect(run.stdout).toMatch(/evaluate[\s\S]*verify[\s\S]*explain/);
  });
});

describe('explain --json', () => {
  it('gives the contributions as numbers', () => {
    const run = albero(['explain', FIXTURE, 'B.1', '--json']);
    const doc = JSON.parse(run.stdout) as { performance: number; contributions: Array<{ share: number; score: number; points: number }> };
    expect(doc.performance).toBe(56);
    expect(doc.contributions.map((c) => [c.share, c.score, c.points])).toEqual([
      [0.7, 80, 56],
      [0.3, 0, 0],
    ]);
  });
});

describe('the legend and the default rule are configuration', () => {
  it('--legend 90/70 and --scoring proportional (a Parma-style plan) change bands and numbers, not the file', () => {
    const run = albero(['evaluate', FIXTURE, '--json', '--legend', '90/70', '--scoring', 'proportional']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as { legend: Array<{ band: string; min: number | null }>; objectives: Array<{ code: string; performance: number; band: string }> };
    expect(doc.legend.map((l) => [l.band, l.min])).toEqual([
      ['green', 90],
      ['yellow', 70],
      ['red', null],
    ]);
    const get = (code: string) => doc.objectives.find((o) => o.code === code)!;
    // A.2.1: 50·100 + 20·(50/60·100) + 30·100 = 96,67
    expect(get('A.2.1')).toMatchObject({ performance: 96.67, band: 'green' });
    // B.2.2: 50·100 + 20·0 + 30·(19/20·100) = 78,5 → yellow under 90/70
    expect(get('B.2.2')).toMatchObject({ performance: 78.5, band: 'yellow' });
  });

  it('refuses a legend that is not GREEN/YELLOW with GREEN above YELLOW', () => {
    const run = albero(['evaluate', FIXTURE, '--legend', '60/80']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('the green threshold must be above the yellow one');
  });

  it('reads 80.5 as 80,5 (it was refused as not GREEN/YELLOW), and refuses thresholds outside 0–100', () => {
    const legend = (value: string, locale?: string): CliRun => albero(['evaluate', FIXTURE, '--json', '--legend', value], locale === undefined ? {} : { locale });
    const mins = (run: CliRun): unknown => (JSON.parse(run.stdout) as { legend: Array<{ min: number | null }> }).legend.map((l) => l.min);
    expect(mins(legend('80.5/60'))).toEqual([80.5, 60, null]);
    expect(mins(legend('80.5/60', 'it_IT.UTF-8'))).toEqual([80.5, 60, null]);
    expect(mins(legend('80,5/60'))).toEqual([80.5, 60, null]);
    // A score is always within 0–100: a green above 101 would never be met, a yellow from -5 always (it read 1.000 as a thousand).
    for (const value of ['101/50', '-1/-5', '1.000/60']) {
      const run = legend(value);
      expect(run.status, value).toBe(2);
      expect(run.stdout).toBe('');
    }
    expect(legend('101/50').stderr).toContain('the thresholds are percentages, from 0 to 100');
    expect(legend('-1/-5', 'it_IT.UTF-8').stderr).toContain('le soglie sono percentuali, da 0 a 100');
  });

  it('refuses thresholds that leave a band empty: green at 100 (100/60 was taken, and no objective could be green), yellow at 0', () => {
    const legend = (value: string, locale?: string): CliRun => albero(['evaluate', FIXTURE, '--json', '--legend', value], locale === undefined ? {} : { locale });
    const green = legend('100/60');
    expect(green.status).toBe(2);
    expect(green.stdout).toBe('');
    expect(green.stderr).toContain(
      "error: option '--legend <green/yellow>' argument '100/60' is invalid. with the green threshold at 100 green could never show: green is above the threshold and no performance is above 100%; give a green threshold below 100",
    );
    expect(legend('100,00/60', 'it_IT.UTF-8').stderr).toContain("il valore '100,00/60' dell'opzione '--legend <green/yellow>' non è valido: con la soglia verde a 100 il verde non comparirebbe mai");
    const red = legend('80/0');
    expect(red.status).toBe(2);
    expect(red.stderr).toContain("argument '80/0' is invalid. with the yellow threshold at 0 red could never show: red is below the threshold and no performance is below 0%");
    // Just inside either end, every band can still show.
    const mins = (run: CliRun): unknown => (JSON.parse(run.stdout) as { legend: Array<{ min: number | null }> }).legend.map((l) => l.min);
    expect(mins(legend('99.99/0.01'))).toEqual([99.99, 0.01, null]);
  });
});

describe('diff lists what changed between two versions of a plan', () => {
  it('a revised target, a corrected actual and a renamed indicator, with the performances they moved; exit 1', () => {
    const revised = fixtureText()
      .replace(
        'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t60,00%\t50,00%\t0,00%',
        'Capacità di risposta dello sportello internazionalizzazione\t20% >=\t50,00%\t50,00%\t100,00%',
      )
      .replace('N. assessment (sostenibilità, energia)\t30% >=\t20\t19\t0,00%', 'N. assessment (sostenibilità e energia)\t30% >=\t20\t21\t100,00%');
    const path = file('revised.txt', revised);
    const run = albero(['diff', FIXTURE, path, '--json']);
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as { counts: Record<string, number>; changes: Array<Record<string, unknown>> };
    expect(result.counts).toEqual({ structure: 1, plan: 1, measurement: 1, result: 6 });
    const line = revised.split('\n').findIndex((l) => l.includes('Capacità di risposta dello sportello')) + 1;
    expect(result.changes).toContainEqual({
      group: 'plan',
      kind: 'target',
      code: 'A.2.1',
      indicator: 'Capacità di risposta dello sportello internazionalizzazione',
      before: '60.00%',
      after: '50.00%',
      beforeText: '60.00%',
      afterText: '50.00%',
      messageCode: 'diff-target',
      params: { objective: 'A.2.1', indicator: 'Capacità di risposta dello sportello internazionalizzazione', before: '60', beforeUnit: 'percent', after: '50', afterUnit: 'percent' },
      message: 'A.2.1 “Capacità di risposta dello sportello internazionalizzazione” — target: 60.00% → 50.00%',
      // A changed item is located in the later file, as the text output names it.
      line,
      side: 'after',
    });
    // The same change in Italian: the words differ, the code and parameters do not.
    const italian = JSON.parse(albero(['diff', FIXTURE, path, '--json', '--lang', 'it']).stdout) as typeof result;
    const target = italian.changes.find((c) => c.kind === 'target')!;
    expect(target.message).toBe('A.2.1 «Capacità di risposta dello sportello internazionalizzazione» — target: 60,00% → 50,00%');
    expect([target.messageCode, target.params]).toEqual([result.changes.find((c) => c.kind === 'target')!.messageCode, result.changes.find((c) => c.kind === 'target')!.params]);
    const actual = (doc: typeof result): unknown => doc.changes.find((c) => c.kind === 'measurement');
    expect(actual(result)).toMatchObject({
      messageCode: 'diff-measurement',
      params: { objective: 'B.2.2', before: 'measured', beforeActual: '19', after: 'measured', afterActual: '21' },
      message: 'B.2.2 “N. assessment (sostenibilità e energia)” — actual: 19 → 21',
    });
    expect(actual(italian)).toMatchObject({ message: 'B.2.2 «N. assessment (sostenibilità e energia)» — consuntivo: 19 → 21' });
    const performance = (doc: typeof result): unknown => doc.changes.find((c) => c.kind === 'performance' && c.code === 'A.2');
    expect(performance(result)).toMatchObject({
      params: { before: '93.00', beforeBand: 'green', after: '100.00', afterBand: 'green' },
      message: 'A.2 — objective performance: 93.00% (green) → 100.00% (green)',
    });
    expect(performance(italian)).toMatchObject({ message: 'A.2 — performance dell’obiettivo: 93,00% (verde) → 100,00% (verde)' });
    expect(result.changes).toContainEqual(expect.objectContaining({ kind: 'performance', code: 'A.2', before: 93, after: 100 }));
    expect(result.changes).toContainEqual(expect.objectContaining({ kind: 'indicator-name', code: 'B.2.2', before: 'N. assessment (sostenibilità, energia)' }));

    const text = albero(['diff', FIXTURE, path, '--only', 'plan']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Plan: targets, weights and rules (changes to disclose in the Relazione) (1)');
    expect(text.stdout).toContain(`~ A.2.1 “Capacità di risposta dello sportello internazionalizzazione” target: 60.00% → 50.00%  (${path}:${line}`);
    expect(text.stdout).not.toContain('Results');
  });

  it('an objective removed is listed as one added is: its line, each of its indicators, its performance; in text and JSON', () => {
    // A.1.2 with its two indicators (lines 13–15) taken out.
    const lines = fixtureText().split('\n');
    const at = lines.findIndex((l) => l.startsWith('A.1.2 - '));
    const without = file('without-a12.txt', [...lines.slice(0, at), ...lines.slice(at + 3)].join('\n'));
    type Doc = { counts: Record<string, number>; changes: Array<{ kind: string; code: string; indicator: string | null; before: unknown; after: unknown; line: number; side: string | null }> };
    const json = (before: string, after: string): Doc => JSON.parse(albero(['diff', before, after, '--json']).stdout) as Doc;
    const removed = json(FIXTURE, without);
    const added = json(without, FIXTURE);
    const names = ['Supporto alle iniziative fieristiche realizzate sul territorio', expect.stringMatching(/^N\. interventi per contributi/)];
    expect(removed.changes.map((c) => [c.kind, c.code, c.indicator])).toEqual([
      ['objective-removed', 'A.1.2', null],
      ['indicator-removed', 'A.1.2', names[0]],
      ['indicator-removed', 'A.1.2', names[1]],
      ['performance', 'A.1.2', null],
    ]);
    expect(added.changes.map((c) => [c.kind, c.code, c.indicator])).toEqual([
      ['objective-added', 'A.1.2', null],
      ['indicator-added', 'A.1.2', names[0]],
      ['indicator-added', 'A.1.2', names[1]],
      ['performance', 'A.1.2', null],
    ]);
    expect(removed.counts).toEqual(added.counts);
    // Each side the other's mirror, located at the lines of the plan that has them.
    expect(removed.changes.map((c) => [c.before, c.after, c.line])).toEqual(added.changes.map((c) => [c.after, c.before, c.line]));
    // …and each says which plan that is: a line alone was the earlier file's here and the later one's there.
    expect(removed.changes.map((c) => c.side)).toEqual(['before', 'before', 'before', 'before']);
    expect(added.changes.map((c) => c.side)).toEqual(['after', 'after', 'after', 'after']);
    expect(removed.changes[1]).toMatchObject({ before: 'Supporto alle iniziative fieristiche realizzate sul territorio (70%, >= 4)', after: null, line: at + 2, side: 'before' });
    expect(removed.changes[3]).toMatchObject({ before: 100, after: null });

    const text = albero(['diff', FIXTURE, without, '--only', 'structure']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Structure: objectives and indicators added, removed, moved or renamed (3)');
    expect(text.stdout).toContain(
      `− A.1.2 “Supporto alle iniziative fieristiche realizzate sul territorio” indicator removed: Supporto alle iniziative fieristiche realizzate sul territorio (70%, >= 4)  (${FIXTURE}:${at + 2}`,
    );
    expect(albero(['diff', without, FIXTURE, '--only', 'structure']).stdout).toContain('Structure: objectives and indicators added, removed, moved or renamed (3)');
  });

  it('two equal versions: no change, exit 0; an unreadable version: exit 2 and nothing on stdout', () => {
    const same = albero(['diff', FIXTURE, FIXTURE]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('no changes');
    const broken = albero(['diff', FIXTURE, file('broken.txt', 'A - Area\t\t\t\t\t\t\nnot a row')]);
    expect(broken.status).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/broken\.txt:\d+/);
  });
});

describe("a text table with the English report's headings", () => {
  // As the English report writes its table (`Objective, Indicator, …`, numbers 1,587.10, N.E.,
  // a Legend), saved as tab-separated text; `|` stands for a tab.
  const english = (...rows: string[]): string =>
    [
      '**Performance plan 2024**',
      '',
      'Objective|Indicator|Weight|Target|Actual|KPI performance|Objective performance',
      ...rows,
      '',
      'Legend',
      'Green: performance at or above 40%',
      'Yellow: performance from 20% to 40%',
      'Red: performance below 20%',
    ]
      .join('\n')
      .replace(/\|/g, '\t');
  const rows = ['A - Services||||||50.00%', '|Training hours|50% >=|1,500.00|1,587.10|100.00%|', '|Reports sent on time|50% <=|30/09/2024|01/10/2024|0.00%|', '|Register of owners|0% >=|2|N.E.||'];

  it('is read as the Italian one is: evaluate, and verify agreeing with its stated cells (it was "no header row")', () => {
    const path = file('english.tsv', english(...rows));
    const evaluated = albero(['evaluate', path, '--json']);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.status).toBe(0);
    const doc = JSON.parse(evaluated.stdout) as {
      title: string;
      legend: Array<{ min: number | null }>;
      objectives: Array<{ code: string; performance: number; indicators: Array<{ actual: unknown; state: string }> }>;
    };
    expect(doc.title).toBe('Performance plan 2024');
    expect(doc.legend.map((l) => l.min)).toEqual([40, 20, null]);
    expect(doc.objectives.map((o) => [o.code, o.performance])).toEqual([['A', 50]]);
    expect(doc.objectives[0]!.indicators.map((i) => [i.actual, i.state])).toEqual([
      [1587.1, 'measured'],
      ['2024-10-01', 'measured'],
      [null, 'not_evaluable'],
    ]);
    const verified = albero(['verify', path]);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toBe('✔ 4 cells checked, 0 differ\n');

    // A stated cell that does not follow is found, at its line and under its English heading.
    const tampered = file('english-tampered.tsv', english(rows[0]!.replace('50.00%', '75.00%'), ...rows.slice(1)));
    const differs = albero(['verify', tampered]);
    expect(differs.status).toBe(1);
    expect(differs.stdout).toContain(`english-tampered.tsv:4 column Objective performance: A Objective performance: stated 75.00%, computed 50.00%`);
    expect(albero(['verify', tampered], { locale: 'it_IT.UTF-8' }).stdout).toContain(
      `english-tampered.tsv:4 colonna Objective performance: A Objective performance: dichiarato 75,00%, calcolato 50,00%`,
    );
    // --json names the cell by the layout's Italian head whatever the table's language: a value to match on.
    expect(JSON.parse(albero(['verify', tampered, '--json']).stdout)).toMatchObject({ differences: [{ code: 'A', line: 4, cell: 'Performance Obiettivo' }] });
  });

  it("names the table's columns as it heads them in every problem, in English and in Italian (they said Peso, Consuntivo, Indicatore)", () => {
    const path = file(
      'english-bad.tsv',
      english(
        'A - Services|Training hours|||||',
        '|No weight||10|12|100.00%|',
        '|No comparator|50%|10|12|100.00%|',
        '|Bad weight|abc|10|12|0.00%|',
        '|Huge weight|1234567890123456789% >=|10|12|0.00%|',
        '|Bad actual|50% >=|10|abc|0.00%|',
        '|Mixed|50% >=|10|30/09/2024|0.00%|',
        '|Share|50% >=|60.00%|50.00|0.00%|',
        '|Too few|50% >=|10|',
        'B - Other||||7||',
      ),
    );
    const inEnglish = albero(['import', path, '--check']);
    expect(inEnglish.status).toBe(2);
    for (const words of [
      'english-bad.tsv:4 column Indicator: error: an objective row must leave the Indicator column empty; put the indicator on its own row',
      'english-bad.tsv:5 column Weight: error: the indicator “No weight” has no Weight',
      'english-bad.tsv:6 column Weight: error: the Weight “50%” has no comparator; write it as “50% >=”, “<=” or “=”',
      'english-bad.tsv:7 column Weight: error: the Weight “abc” is not a weight such as “50% >=”',
      'english-bad.tsv:8 column Weight: error: Weight: “1234567890123456789% >=”: the number has more than 15 digits before the decimal point',
      'english-bad.tsv:9 column Actual: error: Actual: “abc” is not a number (write numbers such as 1,587.10 or 60.00%), a date (dd/mm/yyyy) or yes/no',
      'english-bad.tsv:10 column Actual: error: the Actual “30/09/2024” is a date but the Target “10” is a number; write both the same way',
      'english-bad.tsv:11 column Actual: warning: the Actual 50.00 has no % sign but the target 60.00% is a percentage: read as 50%',
      'english-bad.tsv:12: error: expected 7 columns (Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance), found 5',
      "english-bad.tsv:13 column Actual: warning: an objective row's Actual cell is ignored (“7”)",
    ]) {
      expect(inEnglish.stderr).toContain(words);
    }
    const italian = albero(['import', path, '--check'], { locale: 'it_IT.UTF-8' });
    for (const words of [
      "english-bad.tsv:4 colonna Indicator: errore: una riga di obiettivo deve lasciare vuota la colonna Indicator; mettere l'indicatore su una riga a sé",
      `english-bad.tsv:5 colonna Weight: errore: l'indicatore «No weight» ha vuota la cella Weight`,
      'english-bad.tsv:6 colonna Weight: errore: la cella Weight «50%» non ha comparatore',
      'english-bad.tsv:7 colonna Weight: errore: la cella Weight «abc» non è un peso come «50% >=»',
      'english-bad.tsv:8 colonna Weight: errore: Weight: «1234567890123456789% >=» — il numero ha più di 15 cifre prima del punto decimale',
      "english-bad.tsv:9 colonna Actual: errore: Actual: «abc» non è un numero (scrivere numeri all'inglese come 1,587.10 o 60.00%)",
      'english-bad.tsv:10 colonna Actual: errore: la cella Actual «30/09/2024» è una data ma la cella Target «10» è un numero',
      'english-bad.tsv:11 colonna Actual: avviso: la cella Actual 50.00 non ha il segno % ma il target 60.00% è una percentuale',
      'english-bad.tsv:12: errore: attese 7 colonne (Objective, Indicator, Weight, Target, Actual, KPI performance, Objective performance), trovate 5',
      'english-bad.tsv:13 colonna Actual: avviso: la cella Actual di una riga di obiettivo è ignorata («7»)',
    ]) {
      expect(italian.stderr).toContain(words);
    }
    for (const run of [inEnglish, italian]) expect(run.stderr).not.toMatch(/Obiettivo|Indicatore|Peso|Consuntivo/);
  });
});
