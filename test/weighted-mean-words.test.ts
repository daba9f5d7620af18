/**
 * A weighted-mean ("Media ponderata") indicator's actual is the mean of its objective's children's
 * performances: a performance, written as its objective's is, with two decimals (the published
 * table writes them `90,00%`). Here the mean is 98.125: before, the command line, the JSON and the
 * API said the actual `98,125%` beside the objective's `98,13%` (the PDF, HTML and workbook said
 * `98,13%`). Now every place says `98,13%` (`98.13%` in English); the actual stays exact (`98.125` in the JSON).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero } from './helpers.js';
import { startTestServer, type TestServer } from './api/harness.js';

const MEAN = "Media ponderata di performance degli obiettivi operativi associati all'obiettivo strategico A.1";
// A.1.1 scores 96.25 (on/off: the met indicator weighs 96.25%), A.1.2 scores 100: their mean is 98.125.
const TABLE = [
  '**Piano di prova**',
  '',
  'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
  'A - Strategia\t\t\t\t\t\t',
  'A.1 - Obiettivo strategico\t\t\t\t\t\t98,13%',
  `\t${MEAN}\t100% >=\t100,00%\t98,13%\t98,13%\t`,
  'A.1.1 - Operativo uno\t\t\t\t\t\t96,25%',
  '\tIndicatore uno\t96,25% >=\t1\t1\t100,00%\t',
  '\tIndicatore due\t3,75% >=\t1\t0\t0,00%\t',
  'A.1.2 - Operativo due\t\t\t\t\t\t100,00%',
  '\tIndicatore tre\t100% >=\t1\t1\t100,00%\t',
  '',
].join('\n');

describe("a weighted mean's actual, said as its objective's performance", () => {
  let dir: string;
  let file: string;
  let t: TestServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'albero-mean-'));
    file = join(dir, 'media.txt');
    writeFileSync(file, TABLE);
    t = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('on the command line: the table and --json, in Italian and English', () => {
    for (const [lang, text] of [
      ['it', '98,13%'],
      ['en', '98.13%'],
    ] as const) {
      const table = albero(['evaluate', file, '--lang', lang]);
      expect(table.status, table.stderr).toBe(0);
      const row = table.stdout.split('\n').find((l) => l.includes('Media ponderata'))!;
      expect(row.trim().split(/\s+/).slice(-2)).toEqual([text, text]);
      expect(table.stdout).not.toContain(lang === 'it' ? '98,125' : '98.125');
      const json = JSON.parse(albero(['evaluate', file, '--json', '--lang', lang]).stdout);
      const a1 = json.objectives.find((o: { code: string }) => o.code === 'A.1');
      expect(a1.indicators[0]).toMatchObject({ actual: 98.125, actualText: text });
      expect(a1.performance).toBe(98.13);
    }
    // What the published table states verifies as before.
    expect(albero(['verify', file]).status).toBe(0);
  });

  it('in the exported report, as in the table', () => {
    const out = join(dir, 'report.html');
    expect(albero(['report', file, '--output', out, '--lang', 'en']).status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('98.13%');
    expect(html).not.toContain('98.125');
  });

  it("in the API's tree, in Italian and English", async () => {
    const controller = await t.as('controller');
    const form = new FormData();
    form.set('file', new Blob([TABLE]), 'media.txt');
    const imported = await controller.request('POST', '/api/plans/import', form);
    expect(imported.status, imported.text).toBe(201);
    const planId = imported.body.plan.id as string;
    for (const [lang, text] of [
      ['it', '98,13%'],
      ['en', '98.13%'],
    ] as const) {
      const tree = (await controller.get(`/api/plans/${planId}/tree?lang=${lang}`)).body;
      const mean = tree.objectives.find((o: { code: string }) => o.code === 'A.1').indicators[0];
      expect(mean.actualText).toBe(text);
      // An indicator's years say it the same way.
      const years = await controller.get(`/api/plans/${planId}/indicators/${encodeURIComponent(mean.id)}/years?lang=${lang}`);
      expect(years.status, years.text).toBe(200);
      expect(JSON.stringify(years.body)).toContain(`"actualText":"${text}"`);
    }
  });
});
