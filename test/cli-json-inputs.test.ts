/**
 * The command line reads the JSON documents Albero itself writes: the import document
 * (`albero import --output`) and the open data JSON (`albero report --format json`, the server's
 * `GET …/export?format=json`). Round trips are the proof: the table, its import document and its
 * open data evaluate to the same output, byte for byte; `verify` of the open data checks every
 * stated performance, as of the table it came from.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, albero } from './helpers.js';
import { startWithFixture, type Client, type TestServer } from './api/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'albero-cli-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const IMPORTED = join(dir, 'imported.json');
const OPEN_DATA = join(dir, 'open-data.json');

interface Doc {
  objectives: { code: string; performance: number | null; indicators: { id: string; scoring: string; performance: number | null }[] }[];
  issues: unknown[];
}

beforeAll(() => {
  expect(albero(['import', FIXTURE, '--output', IMPORTED]).status).toBe(0);
  expect(albero(['report', FIXTURE, '--format', 'json', '--output', OPEN_DATA]).status).toBe(0);
});

function edited(name: string, edit: (doc: Doc) => void): string {
  const doc = JSON.parse(readFileSync(OPEN_DATA, 'utf8')) as Doc;
  edit(doc);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(doc, null, 2));
  return path;
}

describe('the JSON documents as a plan', () => {
  it('evaluate: the table, its import document and its open data give the same output, byte for byte', () => {
    const table = albero(['evaluate', FIXTURE]);
    expect(table.status).toBe(0);
    for (const file of [IMPORTED, OPEN_DATA]) {
      const run = albero(['evaluate', file]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(table.stdout);
    }
    // --json too, with the issues: the table's reading warnings (a cell at line 84) the documents list, said where the table had them.
    const json = albero(['evaluate', FIXTURE, '--json']);
    expect((JSON.parse(json.stdout) as Doc).issues).toContainEqual(expect.objectContaining({ code: 'bare-percent-actual', location: expect.objectContaining({ line: 84 }) }));
    for (const file of [IMPORTED, OPEN_DATA]) {
      const run = albero(['evaluate', file, '--json']);
      expect(run.stdout).toBe(json.stdout);
      // And on stderr, as the table's reading says them.
      expect(run.stderr).toBe(json.stderr);
      expect(run.stderr).toContain('albero-performance-2024.txt:84 column Consuntivo: warning: the Consuntivo 0,69 has no % sign');
    }
  });

  it("evaluate: a document's own engine issues are not said twice, and what it lists as an error is not taken as one", () => {
    const listed = edited('listed.json', (doc) => {
      doc.issues.push(
        { severity: 'warning', code: 'zero-weights', message: 'stale engine words', params: { code: 'Z' }, location: { node: 'Z' } },
        { severity: 'error', code: 'bare-percent-actual', message: 'written by hand', params: {}, location: null },
      );
    });
    const run = albero(['evaluate', listed, '--json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(albero(['evaluate', FIXTURE, '--json']).stdout);
  });

  it('explain, diff and relazione read them as they read the table', () => {
    expect(albero(['explain', OPEN_DATA, 'A.2']).stdout).toBe(albero(['explain', FIXTURE, 'A.2']).stdout);
    expect(albero(['explain', IMPORTED, 'B.1', '--json']).stdout).toBe(albero(['explain', FIXTURE, 'B.1', '--json']).stdout);
    const diff = albero(['diff', FIXTURE, OPEN_DATA]);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('no changes');
    // A changed target is a change between the document and the table.
    const later = edited('later.json', (doc) => {
      (doc.objectives.find((o) => o.code === 'B.2.2')!.indicators[0] as unknown as { target: number }).target = 25;
    });
    const changed = albero(['diff', OPEN_DATA, later, '--json']);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain('B.2.2');
    const html = join(dir, 'relazione.html');
    expect(albero(['relazione', OPEN_DATA, '--output', html]).status).toBe(0);
  });

  it('verify: the open data checks as its table does; a changed performance is said at its objective and indicator', () => {
    expect(albero(['verify', FIXTURE]).status).toBe(0);
    const clean = albero(['verify', OPEN_DATA]);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('0 differ');
    const tampered = edited('tampered.json', (doc) => {
      const b1 = doc.objectives.find((o) => o.code === 'B.1')!;
      b1.performance = 60;
      b1.indicators[0]!.performance = 55;
    });
    const run = albero(['verify', tampered]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('tampered.json B.1 field performance: B.1 Performance Obiettivo: stated 60.00%, computed 56.00%');
    expect(run.stdout).toMatch(/tampered\.json B\.1 field performance: B\.1 “Media ponderata[^\n]*” Performance KPI: stated 55\.00%, computed 80\.00%/);
    expect(run.stdout).toContain('2 differ');
    const json = JSON.parse(albero(['verify', tampered, '--json']).stdout) as { differences: { code: string; stated: number; computed: number }[] };
    expect(json.differences.map((d) => [d.code, d.stated, d.computed])).toEqual([
      ['B.1', 60, 56],
      ['B.1', 55, 80],
    ]);
  });

  it('verify: the open data of a plan with targets only says there is nothing stated to check, not that every cell agrees, in Italian and English', () => {
    const next = join(dir, 'next.xlsx');
    const targets = join(dir, 'dati.json');
    expect(albero(['next-year', FIXTURE, '--year', '2025', '--output', next]).status).toBe(0);
    expect(albero(['report', next, '--format', 'json', '--output', targets]).status).toBe(0);
    const en = albero(['verify', targets]);
    // Nothing checked is no check passed: exit 2, as for a table with no stated cell.
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toContain(`nothing checked: ${targets} states no result (every performance and band is empty, as in a plan with targets only): there is nothing stated to check`);
    const it = albero(['verify', targets, '--lang', 'it']);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(
      `nessuna cella controllata: ${targets} non dichiara alcun risultato (ogni performance e ogni fascia sono vuote, come in un piano con i soli target): non c'è nulla di dichiarato da controllare`,
    );
    const json = albero(['verify', targets, '--json']);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ checked: 0, differences: [] });
  });

  it('verify: a band changed by hand, its performance left as it was, is said at its objective, in Italian and English', () => {
    const green = edited('green.json', (doc) => {
      (doc.objectives.find((o) => o.code === 'B.1') as unknown as { band: string }).band = 'green';
    });
    const en = albero(['verify', green]);
    expect(en.status).toBe(1);
    expect(en.stdout).toContain('green.json B.1 field band: B.1 band: stated green, computed red');
    expect(en.stdout).toContain('1 differ');
    expect(albero(['verify', green, '--lang', 'it']).stdout).toContain('green.json B.1 campo band: B.1 fascia: dichiarato verde, calcolato rosso');
    const json = JSON.parse(albero(['verify', green, '--json']).stdout) as { differences: unknown[] };
    expect(json.differences).toEqual([{ code: 'B.1', line: null, cell: 'band', indicator: null, stated: 'green', computed: 'red' }]);
  });

  it('verify: cells and bands that differ are one list, the cells first, in the text and in the JSON alike', () => {
    const both = edited('both.json', (doc) => {
      const b1 = doc.objectives.find((o) => o.code === 'B.1')!;
      (b1 as unknown as { band: string }).band = 'green';
      b1.performance = 60;
      (doc.objectives.find((o) => o.code === 'A.2') as unknown as { band: null }).band = null;
    });
    const run = albero(['verify', both]);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').map((l) => l.replace(/^.*both\.json /, ''))).toEqual([
      'B.1 field performance: B.1 Performance Obiettivo: stated 60.00%, computed 56.00%',
      'A.2 field band: A.2 band: stated empty, computed green',
      'B.1 field band: B.1 band: stated green, computed red',
      '✘ 197 cells checked, 3 differ',
      '',
    ]);
    const json = albero(['verify', both, '--json']);
    expect(json.status).toBe(1);
    expect(json.stdout).toBe(
      [
        '{',
        '  "checked": 197,',
        '  "differences": [',
        '    {"code":"B.1","line":null,"cell":"Performance Obiettivo","indicator":null,"stated":60,"computed":56},',
        '    {"code":"A.2","line":null,"cell":"band","indicator":null,"stated":null,"computed":"green"},',
        '    {"code":"B.1","line":null,"cell":"band","indicator":null,"stated":"green","computed":"red"}',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses what the open data does not carry, at its indicator and field, in Italian and English', () => {
    const bands = edited('bands.json', (doc) => {
      doc.objectives.find((o) => o.code === 'B.2.2')!.indicators[0]!.scoring = 'bands';
    });
    const en = albero(['evaluate', bands]);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toMatch(/bands\.json B\.2\.2 field scoring: error: the open data does not carry the points of the “bands” rule of the indicator “[^”]+”/);
    const it = albero(['verify', bands, '--lang', 'it']);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain('i dati aperti non dicono i valori della regola «bands» dell');
    // A derived indicator of an objective without children is a ratio or a trend, whose base measures the open data does not write.
    const ratio = edited('ratio.json', (doc) => {
      (doc.objectives.find((o) => o.code === 'B.2.2')!.indicators[0] as unknown as { derived: boolean }).derived = true;
    });
    const derived = albero(['explain', ratio, 'B.2.2']);
    expect(derived.status).toBe(2);
    expect(derived.stderr).toMatch(/ratio\.json B\.2\.2 field derived: error: the open data does not carry the formula nor the base measures of the indicator/);
  });

  it('a ratio inside an objective with children: the import document evaluates as the formula it is, the open data refuses it at its actual, in Italian and English', () => {
    // A.1 has child objectives; its second indicator made a ratio of two base measures (45 / 50 × 100 = 90%), not the children's mean (100%).
    const doc = JSON.parse(readFileSync(IMPORTED, 'utf8')) as { objectives: { code: string; indicators: Record<string, unknown>[] }[] };
    Object.assign(doc.objectives.find((o) => o.code === 'A.1')!.indicators[1]!, {
      formula: { kind: 'ratio', numerator: 'fatte', denominator: 'previste', scale: 100 },
      inputs: { fatte: '45', previste: '50' },
    });
    const source = join(dir, 'ratio-plan.json');
    writeFileSync(source, JSON.stringify(doc, null, 2));
    const evaluated = albero(['evaluate', source, '--json']);
    expect(evaluated.status).toBe(0);
    const a1 = (JSON.parse(evaluated.stdout) as Doc).objectives.find((o) => o.code === 'A.1')!;
    expect(a1.indicators[1]).toMatchObject({ id: 'A.1:2', actual: 90, derived: true });
    // Imported again, the document is the same plan.
    const again = join(dir, 'ratio-again.json');
    expect(albero(['import', source, '--output', again]).status).toBe(0);
    expect((JSON.parse(albero(['evaluate', again, '--json']).stdout) as Doc).objectives).toEqual((JSON.parse(evaluated.stdout) as Doc).objectives);
    // Its open data says `derived` only: not the children's mean it would have been read as (100), but refused at the indicator's actual.
    const open = join(dir, 'ratio-open.json');
    expect(albero(['report', source, '--format', 'json', '--output', open]).status).toBe(0);
    const en = albero(['evaluate', open]);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toContain(
      'ratio-open.json A.1 field actual: error: the actual 90 of the derived indicator “Trend percentuale di soggetti coinvolti nelle iniziative legate al sostegno del turismo e della cultura” is not the weighted mean of the child objectives (100): it is a ratio or a trend, and the open data does not carry the formula nor the base measures it is computed by',
    );
    const it = albero(['verify', open, '--lang', 'it']);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(
      "ratio-open.json A.1 campo actual: errore: il consuntivo 90 dell'indicatore derivato «Trend percentuale di soggetti coinvolti nelle iniziative legate al sostegno del turismo e della cultura» non è la media ponderata degli obiettivi figli (100): è un rapporto o un trend, e i dati aperti non dicono la formula né le misure di base con cui è calcolato",
    );
  });

  it("the open data: a child's performance changed by hand is a difference for verify, not a parent's mean refused", () => {
    const child = edited('child.json', (doc) => {
      doc.objectives.find((o) => o.code === 'A.1.1')!.performance = 50;
    });
    const run = albero(['verify', child]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('child.json A.1.1 field performance: A.1.1 Performance Obiettivo: stated 50.00%, computed 100.00%');
  });

  it('the open data: a date far from the plan year is said at its indicator and field, as in the import document, in Italian and English', () => {
    const far = edited('far.json', (doc) => {
      (doc.objectives.find((o) => o.code === 'C.1.2')!.indicators[0] as unknown as { target: string }).target = '2724-09-30';
    });
    const en = albero(['evaluate', far]);
    expect(en.status).toBe(0);
    expect(en.stderr).toContain(
      "far.json C.1.2 field target: warning: C.1.2:1 · target: the date 30/09/2724 is more than 10 years from the plan's year (2024); a date this far off is most often a slip in its year: check the date in the document. The date is read as written",
    );
    const it = albero(['evaluate', far, '--lang', 'it']);
    expect(it.stderr).toContain(
      "far.json C.1.2 campo target: avviso: C.1.2:1 · target: la data 30/09/2724 è a più di 10 anni dall'anno del piano (2024); una data così lontana è di solito un errore di battitura nell'anno: controllare la data nel documento. La data è letta come scritta",
    );
    // The untouched open data says none.
    expect(albero(['evaluate', OPEN_DATA]).stderr).not.toContain('date-far-from-year');
  });

  it('bad JSON: located, not evaluated, exit 2, in Italian and English', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "title": "x",\n  "objectives": [,]\n}\n');
    const en = albero(['evaluate', broken]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('the document is not valid JSON: the text breaks off at line 3, column 18');
    const it = albero(['evaluate', broken, '--lang', 'it']);
    expect(it.stderr).toContain('il documento non è JSON valido: il testo si interrompe alla riga 3, colonna 18');
    const wrong = edited('wrong.json', (doc) => {
      (doc.objectives[2]!.indicators[0] as unknown as { weight: string }).weight = 'tanto';
    });
    const field = albero(['evaluate', wrong, '--lang', 'it']);
    expect(field.status).toBe(2);
    expect(field.stderr).toContain('objectives[2].indicators[0].weight manca o non è del tipo atteso');
  });

  it('a table saved under a .json name is said not to be JSON, with the name to give it, in Italian and English; a JSON document starting after a BOM and blanks is read as before', () => {
    const table = readFileSync(FIXTURE, 'utf8');
    // The fixture's first line with text is its third: the error is there.
    const text = join(dir, 'tabella.json');
    writeFileSync(text, table);
    const en = albero(['evaluate', text]);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(
      `${text}:3: error: the file has a JSON document's name but is not one: it does not start with “{” or “[”; it is a text table: rename it to .txt or .tsv [json-not-json]\n${text}: 1 error; nothing was evaluated\n`,
    );
    const csv = join(dir, 'tabella-csv.json');
    writeFileSync(csv, table.replaceAll('\t', ';'));
    const it = albero(['import', csv, '--check'], { locale: 'it_IT.UTF-8' });
    expect(it.status).toBe(2);
    expect(it.stderr).toContain(`${csv}:3: errore: il file ha il nome di un documento JSON ma non lo è: non comincia con «{» o «[»; è una tabella CSV: rinominarlo in .csv [json-not-json]`);
    const other = join(dir, 'appunti.json');
    writeFileSync(other, 'appunti della riunione\n');
    expect(albero(['evaluate', other]).stderr).toContain(`${other}:1: error: the file has a JSON document's name but is not one: it does not start with “{” or “[” [json-not-json]`);
    // The way it says works; and a document after a byte-order mark and blank lines is still JSON.
    const renamed = join(dir, 'tabella.txt');
    writeFileSync(renamed, table);
    expect(albero(['evaluate', renamed]).status).toBe(0);
    const padded = join(dir, 'padded.json');
    writeFileSync(padded, `\ufeff\n  \n${readFileSync(IMPORTED, 'utf8')}`);
    expect(albero(['evaluate', padded, '--json']).stdout).toBe(albero(['evaluate', IMPORTED, '--json']).stdout);
  });
});

describe('a plan the server exported', () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => ({ t, planId, controller } = await startWithFixture('sqlite')));
  afterAll(async () => t?.close());

  it('its open data JSON evaluates and verifies as the table it was imported from', async () => {
    const reply = await controller.get(`/api/plans/${planId}/export?format=json`);
    expect(reply.status).toBe(200);
    const exported = join(dir, 'exported.json');
    writeFileSync(exported, reply.text);
    const run = albero(['evaluate', exported]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(albero(['evaluate', FIXTURE]).stdout);
    const verify = albero(['verify', exported]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('0 differ');
  });

  it('its tree (GET …/tree) evaluates, compares and verifies as the table it was imported from; a wrong field is said by its path, in Italian and English', async () => {
    const reply = await controller.get(`/api/plans/${planId}/tree`);
    expect(reply.status).toBe(200);
    const tree = join(dir, 'tree.json');
    writeFileSync(tree, reply.text);
    const run = albero(['evaluate', tree]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(albero(['evaluate', FIXTURE]).stdout);
    expect(JSON.parse(albero(['evaluate', tree, '--json']).stdout).objectives).toEqual(JSON.parse(albero(['evaluate', FIXTURE, '--json']).stdout).objectives);
    const diff = albero(['diff', FIXTURE, tree]);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('no changes');
    const verify = albero(['verify', tree]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('0 differ');
    // The tree carries its formulas and rules: an explanation is the table's.
    expect(albero(['explain', tree, 'A.2']).stdout).toBe(albero(['explain', FIXTURE, 'A.2']).stdout);
    // It carries the formulas: a ratio inside an objective with children is read as the ratio it is (45 / 50 × 100), not as the children's mean.
    const withRatio = JSON.parse(reply.text) as { objectives: { code: string; indicators: Record<string, unknown>[] }[] };
    Object.assign(withRatio.objectives.find((o) => o.code === 'A.1')!.indicators[1]!, {
      formula: { kind: 'ratio', numerator: 'fatte', denominator: 'previste', scale: 100 },
      inputs: { fatte: '45', previste: '50' },
    });
    const ratio = join(dir, 'tree-ratio.json');
    writeFileSync(ratio, JSON.stringify(withRatio));
    const a1 = (JSON.parse(albero(['evaluate', ratio, '--json']).stdout) as Doc).objectives.find((o) => o.code === 'A.1')!;
    expect(a1.indicators[1]).toMatchObject({ id: 'A.1:2', actual: 90, derived: true });
    const doc = JSON.parse(reply.text) as { objectives: { indicators: { weight: unknown }[] }[] };
    doc.objectives[2]!.indicators[0]!.weight = 'tanto';
    const wrong = join(dir, 'tree-wrong.json');
    writeFileSync(wrong, JSON.stringify(doc));
    const en = albero(['evaluate', wrong]);
    expect(en.status).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toContain(
      "tree-wrong.json field objectives[2].indicators[0].weight: error: this is not a plan's tree as the server gives it (“GET /api/plans/:id/tree”): objectives[2].indicators[0].weight is missing or not of the expected kind",
    );
    const it = albero(['diff', FIXTURE, wrong, '--lang', 'it']);
    expect(it.status).toBe(2);
    expect(it.stderr).toContain("non è l'albero di un piano come lo dà il server («GET /api/plans/:id/tree»): objectives[2].indicators[0].weight manca o non è del tipo atteso");
  });
});
