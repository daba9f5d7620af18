/**
 * The JSON plan document (`albero import --output`'s) is checked as the workbook and the API check
 * codes (`OBJECTIVE_CODE`). A code of other characters (`__proto__`, `_x`, `A 1`) is refused at its
 * objective's `code`, in Italian and English, nothing imported or written: no Albero producer
 * writes one. A code only longer than 40 is a warning, the plan imported as written: a published
 * table bounds no length, and `import --output` writes its codes as read. Base measures named
 * `constructor` are read by own key: through the command line and the API's values. Before: every
 * code taken in silence, and a ratio of a `constructor` not entered an internal error.
 */
import { upload } from './support/files.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero } from './helpers.js';
import { indicatorOf, startTestServer, type Client, type TestServer } from './api/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-json-codes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG = 'A.1234567890.1234567890.1234567890.1234567890';
/** A published table of 2024 with one objective coded `code`, one indicator. */
const table = (code: string): string =>
  [
    'Albero della performance 2024',
    'Obiettivo\tIndicatore\tPeso\tTarget\tConsuntivo\tPerformance KPI\tPerformance Obiettivo',
    'A - Area\t\t\t\t\t\t',
    `${code} - Obiettivo\t\t\t\t\t\t`,
    '\tPratiche evase\t100% >=\t10\t12\t100,00%\t100,00%',
    '',
  ].join('\n');

interface Doc {
  objectives: { code: string; parent: string | null; indicators: { id: string; unit: string; target: unknown; actual: unknown; formula: unknown; inputs: unknown }[] }[];
}
/** The JSON plan document `albero import --output` writes of `text`. */
function documentOf(text: string): Doc {
  const source = join(dir, `source-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(source, text);
  const out = `${source}.json`;
  const run = albero(['import', source, '--output', out]);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as Doc;
}
/** The document of one objective A.1 whose indicator has the id `id`. */
function reidentified(id: string): string {
  const doc = documentOf(table('A.1'));
  doc.objectives[1]!.indicators[0]!.id = id;
  return JSON.stringify(doc, null, 2);
}
const ID_WORDS = {
  it: `«__proto__» (indicatore dell'obiettivo A.1) non è un identificativo come A.1:1: una lettera o una cifra, poi lettere, cifre, «.», «_», «-» o «:»`,
  en: '“__proto__” (an indicator of the objective A.1) is not an id such as A.1:1: a letter or a digit, then letters, digits, “.”, “_”, “-” or “:”',
};

/** The document with the objective A.1 recoded `code` (its indicators' ids with it). */
function recoded(code: string): string {
  const doc = documentOf(table('A.1'));
  const o = doc.objectives[1]!;
  o.code = code;
  for (const i of o.indicators) i.id = i.id.replace('A.1:', `${code}:`);
  return JSON.stringify(doc, null, 2);
}

interface JsonIssue {
  code: string;
  severity: string;
  message: string;
  location: { file?: string; node?: string; indicator?: string; field?: string };
}

const WORDS = {
  it: '«__proto__» non è un codice come A, A.1 o A.1.1: una lettera o una cifra, poi lettere, cifre, «.», «_» o «-», al più 40 caratteri',
  en: '“__proto__” is not a code such as A, A.1 or A.1.1: a letter or a digit, then letters, digits, “.”, “_” or “-”, at most 40 characters',
};

/**
 * The document `text`, written as `name`, refused by `albero import --output --json` (status 2), its
 * output never written: the file's path and the report.
 */
function refusedByCli(text: string, name: string, what: string): { file: string; report: { usable: boolean; issues: JsonIssue[] } } {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, text);
  const out = join(dir, `never-${name}.json`);
  const run = albero(['import', file, '--output', out, '--json']);
  expect(run.status, `${what}: ${run.stderr}`).toBe(2);
  expect(existsSync(out)).toBe(false);
  return { file, report: JSON.parse(run.stdout) as { usable: boolean; issues: JsonIssue[] } };
}

describe('codes in the JSON plan document, on the command line', { timeout: 120_000 }, () => {
  it('refuses a code the workbook and the API refuse, at its objective and field, in both languages, nothing written', () => {
    for (const code of ['__proto__', '_A.1', 'A 1', 'A/1']) {
      const { file, report } = refusedByCli(recoded(code), 'piano', code);
      expect(report.usable).toBe(false);
      expect(report.issues.map((i) => [i.severity, i.code, i.location.file, i.location.node, i.location.field])).toEqual([['error', 'json-invalid-code', file, code, 'code']]);
    }
    const file = join(dir, 'proto.json');
    writeFileSync(file, recoded('__proto__'));
    const english = albero(['import', file, '--check']);
    expect(english.status).toBe(2);
    expect(english.stderr).toContain(`${file} __proto__ field code: error: ${WORDS.en}`);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status).toBe(2);
    expect(italian.stderr).toContain(`${file} __proto__ campo code: errore: ${WORDS.it}`);
  });

  it('refuses an indicator id that is none Albero makes, at its indicator and field, in both languages, nothing written (before: taken)', () => {
    for (const id of ['__proto__', '', 'A.1 1', 'A.1/1', ':1']) {
      const { report } = refusedByCli(reidentified(id), 'piano-id', id);
      expect(report.issues.map((i) => [i.severity, i.code, i.location.node, i.location.indicator, i.location.field])).toEqual([['error', 'json-invalid-id', 'A.1', id, 'id']]);
    }
    const file = join(dir, 'proto-id.json');
    writeFileSync(file, reidentified('__proto__'));
    expect(albero(['import', file, '--check']).stderr).toContain(`error: ${ID_WORDS.en}`);
    expect(albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' }).stderr).toContain(`errore: ${ID_WORDS.it}`);
    // The ids Albero makes, and a workbook's own of a code's characters, are taken.
    for (const id of ['A.1:1', 'A.1:12', 'KPI-7', 'constructor']) {
      writeFileSync(file, reidentified(id));
      const run = albero(['import', file, '--check', '--json']);
      expect(run.status, `${id}: ${run.stderr}`).toBe(0);
    }
  });

  it('says every bad code, then every bad id, then the long codes, in the order of the objectives', () => {
    const doc = documentOf(table('A.1'));
    const [area, first] = doc.objectives as [Doc['objectives'][number], Doc['objectives'][number]];
    const copy = (code: string, id: string): Doc['objectives'][number] => ({ ...first, code, indicators: [{ ...first.indicators[0]!, id }] });
    first.indicators[0]!.id = 'A.1 1';
    doc.objectives = [area, first, copy('_B', '_B:1'), copy(LONG, 'x y'), copy('C 1', 'C 1:1')];
    const file = join(dir, 'ordine.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = albero(['import', file, '--check', '--json']);
    expect(run.status, run.stderr).toBe(2);
    expect((JSON.parse(run.stdout) as { issues: JsonIssue[] }).issues.map((i) => [i.severity, i.code, i.location.node, i.location.indicator ?? null])).toEqual([
      ['error', 'json-invalid-code', '_B', null],
      ['error', 'json-invalid-code', 'C 1', null],
      ['error', 'json-invalid-id', 'A.1', 'A.1 1'],
      ['error', 'json-invalid-id', LONG, 'x y'],
      ['warning', 'json-long-code', LONG, null],
    ]);
  });

  it("takes the codes they take, JavaScript's own words among them", () => {
    for (const code of ['constructor', 'OS1.2', '1.1', 'a-b_c', 'X'.repeat(40)]) {
      const file = join(dir, 'piano.json');
      writeFileSync(file, recoded(code));
      const run = albero(['import', file, '--check', '--json']);
      expect(run.status, `${code}: ${run.stderr}`).toBe(0);
      expect((JSON.parse(run.stdout) as { issues: JsonIssue[] }).issues).toEqual([]);
    }
  });

  it('a code longer than 40, as a published table may hold and import --output writes it: a warning, the plan imported as written', () => {
    // The producer: a published table's code has no bound on its length.
    const doc = documentOf(table(LONG));
    expect(doc.objectives.map((o) => o.code)).toEqual(['A', LONG]);
    const file = join(dir, 'lungo.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'lungo-again.json');
    const run = albero(['import', file, '--output', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`${file} ${LONG} field code: warning: the code “${LONG}” has 45 characters, more than the 40 the workbook and the API take: it is imported as written`);
    expect((JSON.parse(readFileSync(out, 'utf8')) as Doc).objectives.map((o) => o.code)).toEqual(['A', LONG]);
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.status).toBe(0);
    expect(italian.stderr).toContain(`${file} ${LONG} campo code: avviso: il codice «${LONG}» ha 45 caratteri, più dei 40 che il foglio di calcolo e l'API accettano`);
  });

  it('the published text layout warns of the same long code at its line, in both languages, and reads it as written (before: taken in silence)', () => {
    const file = join(dir, 'lungo.txt');
    writeFileSync(file, table(LONG));
    const run = albero(['import', file, '--check', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const issues = (JSON.parse(run.stdout) as { issues: (JsonIssue & { location: { line?: number } })[] }).issues;
    expect(issues.map((i) => [i.severity, i.code, i.location.file, i.location.line, i.location.node])).toEqual([['warning', 'table-long-code', file, 4, LONG]]);
    const english = albero(['import', file, '--check']);
    expect(english.stderr).toContain(
      `${file}:4 column Obiettivo ${LONG}: warning: the code “${LONG}” has 45 characters, more than the 40 the plan's workbook and the API take: it is read as written, but the plan exported as a workbook cannot be imported back`,
    );
    const italian = albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' });
    expect(italian.stderr).toContain(
      `${file}:4 colonna Obiettivo ${LONG}: avviso: il codice «${LONG}» ha 45 caratteri, più dei 40 che il foglio di calcolo del piano e l'API accettano: è letto come scritto`,
    );
    // A code of 40 is one the workbook takes: nothing said.
    writeFileSync(file, table('A.'.padEnd(40, '1')));
    expect((JSON.parse(albero(['import', file, '--check', '--json']).stdout) as { issues: unknown[] }).issues).toEqual([]);
  });

  it('refuses a base measure named __proto__ (no value could ever be entered under it) at its formula field, in both languages, nothing written', () => {
    const doc = documentOf(table('A.1'));
    Object.assign(doc.objectives[1]!.indicators[0]!, {
      unit: 'percent',
      target: 50,
      actual: null,
      formula: { kind: 'ratio', numerator: 'totale', denominator: '__proto__', scale: 100 },
      inputs: null,
    });
    const file = join(dir, 'proto-misura.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'never-misura.json');
    const run = albero(['import', file, '--output', out, '--json']);
    expect(run.status, run.stderr).toBe(2);
    expect(existsSync(out)).toBe(false);
    const issues = (JSON.parse(run.stdout) as { issues: JsonIssue[] }).issues;
    expect(issues.map((i) => [i.severity, i.code, i.location.node, i.location.indicator, i.location.field])).toEqual([['error', 'base-measure-name', 'A.1', 'A.1:1', 'formula.denominator']]);
    expect(albero(['import', file, '--check']).stderr).toContain(
      'error: the indicator “Pratiche evase” (A.1) names a base measure “__proto__”: under this name its value could never be entered; choose another name',
    );
    expect(albero(['import', file, '--check'], { locale: 'it_IT.UTF-8' }).stderr).toContain(
      "errore: l'indicatore «Pratiche evase» (A.1) chiama una misura di base «__proto__»: con questo nome il suo valore non si potrebbe mai inserire",
    );
  });

  it('a ratio whose base measure is named constructor and not given: said missing at the indicator (before: an internal error)', () => {
    const doc = documentOf(table('A.1'));
    const indicator = doc.objectives[1]!.indicators[0]!;
    Object.assign(indicator, { unit: 'percent', target: 50, actual: null, formula: { kind: 'ratio', numerator: 'constructor', denominator: 'totale', scale: 100 }, inputs: { totale: '50' } });
    const file = join(dir, 'rapporto.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = join(dir, 'rapporto-out.json');
    const run = albero(['import', file, '--output', out, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Doc & { issues: JsonIssue[] };
    expect(written.issues.map((i) => [i.code, i.message, i.location.node, i.location.indicator])).toEqual([
      ['formula-input', '“Pratiche evase”: the base measure constructor is missing', 'A.1', 'A.1:1'],
    ]);
    // Given, it counts: 45 of 50 is 90%.
    indicator.inputs = { constructor: '45', totale: '50' };
    writeFileSync(file, JSON.stringify(doc));
    expect(albero(['import', file, '--output', out]).status).toBe(0);
    const counted = (JSON.parse(readFileSync(out, 'utf8')) as Doc).objectives[1]!.indicators[0]!;
    expect([counted.actual, (counted as unknown as { performance: number }).performance]).toEqual([90, 100]);
  });
});

describe('codes and base measures through the API', { timeout: 120_000 }, () => {
  let t: TestServer;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    controller = await t.as('controller');
  });
  afterAll(async () => t.close());

  /** The import of the document `text` (as piano.json) at `query` refused as an invalid file, 422, nothing imported: its issues. */
  const refusedImport = async (query: string, text: string): Promise<JsonIssue[]> => {
    const before = (await controller.get('/api/plans')).body.length;
    const answer = await controller.request('POST', `/api/plans/import?${query}`, upload(text, 'piano.json'));
    expect(answer.status, answer.text).toBe(422);
    expect(answer.body.error.code).toBe('invalid-file');
    expect((await controller.get('/api/plans')).body.length).toBe(before);
    return answer.body.error.issues as JsonIssue[];
  };

  /** `text` refused so (`refusedImport`) in Italian and English, as a check (`dryRun`) and as an import: each time its issues given to `check` with the language. */
  const refusedEverywhere = async (text: string, check: (issues: JsonIssue[], lang: 'it' | 'en') => void): Promise<void> => {
    for (const lang of ['it', 'en'] as const) for (const dryRun of [true, false]) check(await refusedImport(`dryRun=${dryRun}&lang=${lang}`, text), lang);
  };

  it("refuses the document's bad code at its objective, in the reader's language; nothing imported", async () => {
    await refusedEverywhere(recoded('__proto__'), (issues, lang) => {
      expect(issues.map((i) => [i.severity, i.code, i.location.file, i.location.node, i.location.field])).toEqual([['error', 'json-invalid-code', 'piano.json', '__proto__', 'code']]);
      expect(issues[0]!.message).toContain(WORDS[lang]);
    });
  });

  it("refuses the document's bad indicator id at its indicator, in the reader's language; nothing imported", async () => {
    await refusedEverywhere(reidentified('__proto__'), (issues, lang) => {
      expect(issues.map((i) => [i.code, i.location.node, i.location.indicator, i.location.field])).toEqual([['json-invalid-id', 'A.1', '__proto__', 'id']]);
      expect(issues[0]!.message).toContain(ID_WORDS[lang]);
    });
  });

  it('refuses a base measure named __proto__ where an indicator is defined: the document (422 invalid-file) and the tree edit (422 base-measure-name), nothing stored', async () => {
    const doc = documentOf(table('A.1'));
    Object.assign(doc.objectives[1]!.indicators[0]!, { unit: 'percent', target: 50, actual: null, formula: { kind: 'trend', current: '__proto__', previous: 'prima' }, inputs: null });
    const refused = await refusedImport('lang=en', JSON.stringify(doc));
    expect(refused.map((i) => [i.code, i.location.indicator, i.location.field])).toEqual([['base-measure-name', 'A.1:1', 'formula.current']]);

    // A title of its own: the test after this one imports the same table, and a year holds one plan of a title.
    const imported = await controller.request('POST', '/api/plans/import', upload(JSON.stringify({ ...documentOf(table('A.1')), title: 'Definizioni 2024' }), 'piano.json'));
    expect(imported.status, imported.text).toBe(201);
    const planId = imported.body.plan.id as string;
    const indicators = async () =>
      (await controller.get(`/api/plans/${planId}/tree`)).body.objectives.flatMap((n: { indicators: { id: string; formula: unknown }[] }) => n.indicators.map((i) => [i.id, i.formula]));
    const stored = JSON.stringify(await indicators());
    const ratio = { kind: 'ratio', numerator: '__proto__', denominator: 'totale' };
    for (const lang of ['it', 'en'] as const) {
      const added = await controller.request(
        'POST',
        `/api/plans/${planId}/nodes/A.1/indicators?lang=${lang}`,
        { name: 'Quota', weight: 0, comparator: '>=', target: 50, unit: 'percent', formula: ratio },
        { 'accept-language': lang },
      );
      expect(added.status, added.text).toBe(422);
      expect(added.body.error.code).toBe('base-measure-name');
      expect((added.body.error.issues as JsonIssue[]).map((i) => i.location.field)).toEqual(['formula.numerator']);
      expect(added.body.error.message).toBe(
        lang === 'it'
          ? "l'indicatore «Quota» (A.1) chiama una misura di base «__proto__»: con questo nome il suo valore non si potrebbe mai inserire; scegliere un altro nome"
          : 'the indicator “Quota” (A.1) names a base measure “__proto__”: under this name its value could never be entered; choose another name',
      );
    }
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const changed = await controller.request('PATCH', `/api/plans/${planId}/indicators/${encodeURIComponent('A.1:1')}`, {
      unit: 'percent',
      formula: ratio,
      version: indicatorOf(tree, 'A.1:1').definitionVersion,
    });
    expect(changed.status, changed.text).toBe(422);
    expect(changed.body.error.code).toBe('base-measure-name');
    expect(JSON.stringify(await indicators())).toBe(stored);
  });

  it('takes a long code with its warning', async () => {
    const answer = await controller.request('POST', '/api/plans/import?dryRun=true&lang=en', upload(JSON.stringify(documentOf(table(LONG))), 'piano.json'));
    expect(answer.status, answer.text).toBe(200);
    expect((answer.body.issues as JsonIssue[]).map((i) => [i.severity, i.code, i.location.node, i.location.field])).toEqual([['warning', 'json-long-code', LONG, 'code']]);
  });

  it("warns of a published table's long code at its line, in the reader's language", async () => {
    for (const lang of ['it', 'en'] as const) {
      const answer = await controller.request('POST', `/api/plans/import?dryRun=true&lang=${lang}`, upload(table(LONG), 'lungo.txt'));
      expect(answer.status, answer.text).toBe(200);
      const issues = answer.body.issues as (JsonIssue & { location: { line?: number } })[];
      expect(issues.map((i) => [i.severity, i.code, i.location.line, i.location.node])).toEqual([['warning', 'table-long-code', 4, LONG]]);
      expect(issues[0]!.message).toContain(lang === 'it' ? `il codice «${LONG}» ha 45 caratteri` : `the code “${LONG}” has 45 characters`);
    }
  });

  it('a value of a ratio whose base measures are named constructor and toString: counted; one missing is said, not a 500', async () => {
    const doc = documentOf(table('A.1'));
    Object.assign(doc.objectives[1]!.indicators[0]!, {
      unit: 'percent',
      target: 50,
      actual: null,
      formula: { kind: 'ratio', numerator: 'constructor', denominator: 'toString', scale: 100 },
      inputs: null,
    });
    const imported = await controller.request('POST', '/api/plans/import', upload(JSON.stringify(doc), 'piano.json'));
    expect(imported.status, imported.text).toBe(201);
    const planId = imported.body.plan.id as string;
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const period = tree.period.id as string;
    const path = `/api/plans/${planId}/indicators/${encodeURIComponent('A.1:1')}/measurements/${period}`;
    const version = indicatorOf(tree, 'A.1:1').version as number;
    // Before: 500, the formula dividing by Object's own `toString`.
    const missing = await controller.request('PUT', path, { state: 'measured', inputs: { constructor: 45 }, version });
    expect(missing.status, missing.text).toBe(200);
    expect(missing.body.indicator.actual).toBe(null);
    const said = (await controller.get(`/api/plans/${planId}/tree?lang=en`)).body.issues as JsonIssue[];
    expect(said.map((i) => [i.code, i.message, i.location.indicator])).toEqual([['formula-input', '“Pratiche evase”: the base measure toString is missing', 'A.1:1']]);
    const given = await controller.request('PUT', path, { state: 'measured', inputs: { constructor: 45, toString: 50 }, version: missing.body.measurement.version });
    expect(given.status, given.text).toBe(200);
    expect([given.body.indicator.actual, given.body.indicator.performance]).toEqual([90, 100]);
  });
});
