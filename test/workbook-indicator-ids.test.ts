/**
 * The plan workbook's Codice of an indicator is held to the rule the JSON plan document holds its
 * ids to (`isIndicatorId`): a letter or a digit, then letters, digits, «.», «_», «-» or «:». Before,
 * the workbook took any text (`KPI 7`, `A.1/1`), `albero import X.xlsx --output Y.json` wrote it as
 * read, and the document it wrote was one its own import refused (`json-invalid-id`). An empty
 * Codice is still made `<objective code>:<position>`. Now: refused at its cell (Albero!A3), in
 * Italian and English, CLI exit 2 and nothing written, API 422 `invalid-file`, nothing imported;
 * and a workbook's ids, given or made, come back from the JSON document as they were.
 */
import { upload } from './support/files.js';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero } from './helpers.js';
import { startTestServer, type Client, type TestServer } from './api/harness.js';
import { workbookBytes } from './support/workbook.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-workbook-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = ['Codice', 'Padre', 'Titolo', 'Tipo', 'Peso', 'Comparatore', 'Target', 'Unità', 'Consuntivo'];

/** A filled template of one objective A.1 and three indicators, the second coded `code` (empty: made). */
function workbook(code: string): Uint8Array {
  return workbookBytes([
    {
      name: 'Albero',
      rows: [
        HEADER,
        ['A.1', null, 'Internazionalizzazione', 'obiettivo'],
        ['KPI-7', 'A.1', 'Imprese assistite', 'indicatore', 40, '>=', 10, 'numero', 12],
        [code, 'A.1', 'Pratiche evase', 'indicatore', 30, '>=', 5, 'numero', 7],
        [null, 'A.1', 'Eventi organizzati', 'indicatore', 30, '>=', 3, 'numero', 1],
      ],
    },
  ]);
}

interface JsonIssue {
  code: string;
  severity: string;
  message: string;
  location: { file?: string; sheet?: string; cell?: string; node?: string; indicator?: string; field?: string };
}
interface Doc {
  objectives: { code: string; performance: number | null; indicators: { id: string; name: string; performance: number | null }[] }[];
}

const WORDS = {
  it: 'il codice di indicatore «A.1 2» non è un identificativo come A.1:1: una lettera o una cifra, poi lettere, cifre, «.», «_», «-» o «:»; correggerlo, o lasciare vuota la cella perché sia «codice obiettivo:posizione»',
  en: 'the indicator code “A.1 2” is not an id such as A.1:1: a letter or a digit, then letters, digits, “.”, “_”, “-” or “:”; correct it, or leave the cell empty to have “objective code:position”',
};

const write = (name: string, bytes: Uint8Array): string => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

describe("indicator ids in the plan's workbook, on the command line", { timeout: 120_000 }, () => {
  it("refuses a Codice the JSON document would refuse, at its cell, in both languages, nothing written (before: written, and the JSON's import refused it)", () => {
    for (const code of ['A.1 2', 'A.1/2', '__proto__', ':2', '_A', 'KPI#2']) {
      const file = write('piano.xlsx', workbook(code));
      const out = join(dir, 'never.json');
      const run = albero(['import', file, '--output', out, '--json']);
      expect(run.status, `${code}: ${run.stderr}`).toBe(2);
      expect(existsSync(out)).toBe(false);
      const report = JSON.parse(run.stdout) as { usable: boolean; issues: JsonIssue[] };
      expect(report.usable).toBe(false);
      expect(report.issues.map((i) => [i.severity, i.code, i.location.sheet, i.location.cell])).toEqual([['error', 'invalid-id', 'Albero', 'A4']]);
    }
    const file = write('spazio.xlsx', workbook('A.1 2'));
    const english = albero(['import', file, '--check']);
    expect(english.status).toBe(2);
    expect(english.stderr).toContain(`${file} Albero!A4: error: ${WORDS.en} [invalid-id]`);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status).toBe(2);
    expect(italian.stderr).toContain(`${file} Albero!A4: errore: ${WORDS.it} [invalid-id]`);
  });

  it('a repeated Codice is still said repeated', () => {
    const file = write('ripetuto.xlsx', workbook('KPI-7'));
    const run = albero(['import', file, '--check', '--json']);
    expect(run.status).toBe(2);
    expect((JSON.parse(run.stdout) as { issues: JsonIssue[] }).issues.map((i) => [i.code, i.location.cell])).toEqual([['duplicate-id', 'A4']]);
  });

  it('workbook → JSON → import back: the ids given and made come back as they were, with the same numbers', () => {
    for (const code of ['A.1:2', 'KPI_2', 'constructor', '7', '']) {
      const file = write('giro.xlsx', workbook(code));
      const json = join(dir, 'giro.json');
      const first = albero(['import', file, '--output', json]);
      expect(first.status, `${code}: ${first.stderr}`).toBe(0);
      const written = JSON.parse(readFileSync(json, 'utf8')) as Doc;
      const ids = ['KPI-7', code === '' ? 'A.1:2' : code, 'A.1:3'];
      expect(written.objectives[0]!.indicators.map((i) => i.id)).toEqual(ids);
      const again = join(dir, 'giro-again.json');
      const back = albero(['import', json, '--output', again]);
      expect(back.status, `${code}: ${back.stderr}`).toBe(0);
      const reread = JSON.parse(readFileSync(again, 'utf8')) as Doc;
      expect(reread.objectives[0]!.indicators.map((i) => [i.id, i.name, i.performance])).toEqual(written.objectives[0]!.indicators.map((i) => [i.id, i.name, i.performance]));
      // 40% + 30% + the third's 0 (1 event of 3).
      expect(reread.objectives[0]!.performance).toBe(70);
    }
  });
});

describe("indicator ids in the plan's workbook, through the API", { timeout: 120_000 }, () => {
  let t: TestServer;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    controller = await t.as('controller');
  });
  afterAll(async () => t.close());

  it("refuses the workbook's bad Codice at its cell, in the reader's language, 422 invalid-file; nothing imported", async () => {
    const before = (await controller.get('/api/plans')).body.length;
    for (const lang of ['it', 'en'] as const) {
      for (const dryRun of [true, false]) {
        const answer = await controller.request('POST', `/api/plans/import?dryRun=${dryRun}&lang=${lang}`, upload(workbook('A.1 2'), 'piano.xlsx'));
        expect(answer.status, answer.text).toBe(422);
        expect(answer.body.error.code).toBe('invalid-file');
        const issues = answer.body.error.issues as JsonIssue[];
        expect(issues.map((i) => [i.severity, i.code, i.location.file, i.location.sheet, i.location.cell])).toEqual([['error', 'invalid-id', 'piano.xlsx', 'Albero', 'A4']]);
        expect(issues[0]!.message).toBe(WORDS[lang]);
      }
    }
    expect((await controller.get('/api/plans')).body.length).toBe(before);
  });

  it('imports the workbook with its own ids, and the JSON the CLI writes of it too', async () => {
    const file = write('api.xlsx', workbook('KPI_2'));
    const imported = await controller.request('POST', '/api/plans/import', upload(workbook('KPI_2'), 'piano.xlsx'));
    expect(imported.status, imported.text).toBe(201);
    const tree = (await controller.get(`/api/plans/${imported.body.plan.id as string}/tree`)).body as { objectives: { code: string; indicators: { id: string }[] }[] };
    expect(tree.objectives.find((o) => o.code === 'A.1')!.indicators.map((i) => i.id)).toEqual(['KPI-7', 'KPI_2', 'A.1:3']);
    const json = join(dir, 'api.json');
    expect(albero(['import', file, '--output', json]).status).toBe(0);
    const again = await controller.request('POST', '/api/plans/import?dryRun=true', upload(readFileSync(json), 'api.json'));
    expect(again.status, again.text).toBe(200);
  });
});
