/**
 * What probing found in the import (issue 14), each as a user meets it: the CLI on a file and the
 * import API on an upload. Every refusal is an error at its cell (or, for a whole file, naming the
 * file), never exit 70 or a 500, and nothing is stored.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importTableBytes } from '../src/io/load.js';
import { albero, fixtureText } from './helpers.js';
import { enc, indicatorOf, startTestServer, startWithFixture, type Client, type TestServer } from './api/harness.js';
import { layoutWorkbook, workbookBytes, workbookParts, zipBytes, LAYOUT_HEADER } from './support/workbook.js';

/**
 * The bytes each zip part was inflated to, in this process (the API's small uploads are read in
 * place): a bomb's cost is counted, not timed. A refused inflate counts the most it was let write.
 */
const { inflated } = vi.hoisted(() => ({ inflated: [] as number[] }));
vi.mock('node:zlib', async (importOriginal) => {
  const zlib = await importOriginal<typeof import('node:zlib')>();
  const inflateRawSync: typeof zlib.inflateRawSync = (buffer, options) => {
    try {
      const out = zlib.inflateRawSync(buffer, options);
      inflated.push(out.length);
      return out;
    } catch (error) {
      inflated.push(options?.maxOutputLength ?? Infinity);
      throw error;
    }
  };
  return { ...zlib, default: { ...zlib, inflateRawSync }, inflateRawSync };
});
const inflatedDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; bytes: number }> => {
  inflated.length = 0;
  const result = await work();
  return { result, bytes: inflated.reduce((a, b) => a + b, 0) };
};

const dir = mkdtempSync(join(tmpdir(), 'albero-hardening-'));
function file(name: string, contents: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

interface Checked {
  status: number;
  issues: Array<{ severity: string; code: string; message: string; location: Record<string, unknown> | null }>;
  stderr: string;
}

function check(name: string, contents: string | Uint8Array): Checked {
  const run = albero(['import', file(name, contents), '--check', '--json']);
  const parsed = run.stdout.trim() === '' ? { issues: [] } : (JSON.parse(run.stdout) as { issues: Checked['issues'] });
  return { status: run.status, issues: parsed.issues, stderr: run.stderr };
}

const errors = (c: Checked) => c.issues.filter((i) => i.severity === 'error');

/** The fixture with "Soggetti coinvolti" (A.3, target 10) given another actual. */
function withA3Actual(actual: string, target = '10'): string {
  return fixtureText().replace('\tSoggetti coinvolti\t100% >=\t10\t206\t', `\tSoggetti coinvolti\t100% >=\t${target}\t${actual}\t`);
}
const A3_LINE =
  fixtureText()
    .split('\n')
    .findIndex((l) => l.startsWith('\tSoggetti coinvolti\t')) + 1;

describe('numbers that do not fit (defect 1) and digit bounds (defect 3)', { timeout: 120_000 }, () => {
  it.each([
    ['1e400 in the Peso', { weight: { xml: '<v>1e400</v>' } }, 'C3'],
    ['Infinity in the Consuntivo', { actual: { xml: '<v>Infinity</v>' } }, 'E3'],
    ['NaN in the Target', { target: { xml: '<v>NaN</v>' } }, 'D3'],
    ['1e300 in the Target', { target: { xml: '<v>1e300</v>' } }, 'D3'],
  ])('%s: an error at its cell, exit 2', (_, cells, cell) => {
    const c = check('unfit.xlsx', layoutWorkbook(cells));
    expect(c.status).toBe(2);
    expect(c.stderr).not.toMatch(/internal error|DecimalError/);
    expect(errors(c)[0]).toMatchObject({ code: 'number-out-of-range', location: { sheet: 'Albero', cell } });
  });

  it('a 100,000-digit target in a text table is an error at its cell, refused by its length and quoted short', async () => {
    const huge = '9'.repeat(100_000);
    const read = await importTableBytes(new TextEncoder().encode(withA3Actual('206', huge)), 'huge.txt');
    // 'overlong': refused on the text's length, before any number is made of its digits.
    expect(read.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.params])).toEqual([['number-out-of-range', expect.objectContaining({ reason: 'overlong' })]]);
    const c = check('huge.txt', withA3Actual('206', huge));
    expect(c.status).toBe(2);
    const [e] = errors(c);
    expect(e).toMatchObject({ code: 'number-out-of-range', location: { line: A3_LINE, column: 'Target' } });
    expect(e!.message.length).toBeLessThan(300);
    expect(e!.message).toContain('(100000 characters)');
  });

  it('16 digits before the comma or 21 decimals are refused; 15 and 20 are fine', () => {
    expect(errors(check('wide.txt', withA3Actual('1234567890123456')))[0]).toMatchObject({ code: 'number-out-of-range', location: { line: A3_LINE, column: 'Consuntivo' } });
    expect(errors(check('fine.txt', withA3Actual('0,123456789012345678901')))[0]).toMatchObject({ code: 'number-out-of-range' });
    expect(check('ok.txt', withA3Actual('123.456.789.012.345,12345678901234567890')).status).toBe(0);
  });
});

describe('values of the wrong kind (defect 4)', { timeout: 120_000 }, () => {
  it.each([
    ['a date', '15/07/2024', 'a date'],
    ['sì', 'sì', 'a yes/no value'],
    ['5%', '5%', 'a percentage'],
  ])('a Consuntivo of %s against a number target is an error at its cell', (_, actual, words) => {
    const c = check('kind.txt', withA3Actual(actual));
    expect(c.status).toBe(2);
    expect(errors(c)).toEqual([expect.objectContaining({ code: 'kind-mismatch', location: expect.objectContaining({ line: A3_LINE, column: 'Consuntivo' }) })]);
    expect(errors(c)[0]!.message).toContain(`is ${words} but the Target “10” is a number`);
  });

  it('a date target against a number actual is an error at the Consuntivo', () => {
    const c = check('kind.txt', withA3Actual('206', '31/12/2024'));
    expect(errors(c)).toEqual([expect.objectContaining({ code: 'kind-mismatch', location: expect.objectContaining({ line: A3_LINE, column: 'Consuntivo' }) })]);
  });

  it('an ISO-date cell (t="d") in a number column is read as the date it is, and refused there', () => {
    const c = check('date.xlsx', layoutWorkbook({ actual: { xml: '<v>2024-07-15</v>', attributes: 't="d"' } }));
    expect(c.status).toBe(2);
    expect(errors(c)[0]).toMatchObject({ code: 'kind-mismatch', location: { sheet: 'Albero', cell: 'E3' } });
    expect(errors(c)[0]!.message).toContain('“15/07/2024” is a date');
    // The same cell against a date target is a date, not 2.024.
    const ok = check('date-ok.xlsx', layoutWorkbook({ target: '31/07/2024', weight: '60% <=', actual: { xml: '<v>2024-07-15</v>', attributes: 't="d"' } }));
    expect(ok.status).toBe(0);
  });

  it('a template with 5% in a number column is refused at the cell', () => {
    const header = ['Codice', 'Padre', 'Titolo', 'Tipo', 'Peso', 'Comparatore', 'Target', 'Unità', 'Consuntivo'];
    const c = check('template.xlsx', workbookBytes([{ name: 'Albero', rows: [header, ['A', null, 'Area', 'obiettivo'], [null, 'A', 'Pratiche', 'indicatore', '100', '>=', '10', 'numero', '5%']] }]));
    expect(errors(c)[0]).toMatchObject({ code: 'unit-mismatch', location: { sheet: 'Albero', cell: 'I3' } });
  });
});

describe('zip bombs and damaged workbooks (defects 2 and 11)', { timeout: 120_000 }, () => {
  it('an entry that unpacks to more than it declares is stopped while inflating, naming the file and the part', async () => {
    const parts = workbookParts([{ name: 'Albero', rows: [LAYOUT_HEADER, ['A.1 x'], [null, 'i', '100% >=', '1', '1']] }]);
    const sheet = parts[4]!;
    const padding = new Uint8Array(64 * 1024 * 1024).fill(32); // 64 MB of spaces deflate to ~64 KB
    const data = new Uint8Array(sheet.data.length + padding.length);
    data.set(sheet.data.subarray(0, 60));
    data.set(padding, 60);
    data.set(sheet.data.subarray(60), 60 + padding.length);
    parts[4] = { name: sheet.name, data, declaredSize: 2000 };
    const bomb = zipBytes(parts);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { result: read, bytes } = await inflatedDuring(() => importTableBytes(bomb, 'bomb.xlsx'));
    expect(read.issues.map((i) => [i.code, i.params])).toEqual([['damaged-workbook', expect.objectContaining({ reason: 'bigger', part: 'xl/worksheets/sheet1.xml', declared: 2000 })]]);
    // Stopped one byte past the declared 2,000: not one of the 64 MB more was unpacked (and the
    // count did see the unpacking: at least what was declared).
    expect(bytes).toBeGreaterThanOrEqual(2000);
    expect(bytes).toBeLessThan(64 * 1024);
    const c = check('bomb.xlsx', bomb);
    expect(c.status).toBe(2);
    expect(errors(c)).toEqual([expect.objectContaining({ code: 'damaged-workbook', location: { file: expect.stringContaining('bomb.xlsx') } })]);
    expect(errors(c)[0]!.message).toContain('xl/worksheets/sheet1.xml');
    expect(c.stderr + JSON.stringify(c.issues)).not.toMatch(/Bug :|uncompressed data size mismatch/);
  });

  it('an entry whose CRC does not match is refused', () => {
    const parts = workbookParts([{ name: 'Albero', rows: [LAYOUT_HEADER, ['A.1 x'], [null, 'i', '100% >=', '1', '1']] }]);
    parts[4] = { ...parts[4]!, declaredCrc: 0x12345678 };
    const c = check('crc.xlsx', zipBytes(parts));
    expect(errors(c)).toEqual([expect.objectContaining({ code: 'damaged-workbook', message: expect.stringContaining('checksum') })]);
  });

  it("a workbook exceljs chokes on gets our words, not the library's", () => {
    // A shared-string cell pointing past the end of a shared-strings table that is not there.
    const c = check('strings.xlsx', workbookBytes([{ name: 'Albero', rows: [LAYOUT_HEADER, [{ xml: '<v>7</v>', attributes: 't="s"' }, 'x']] }]));
    expect(c.status).toBe(2);
    expect(c.stderr + JSON.stringify(c.issues)).not.toMatch(/Cannot read properties|undefined|internal error/);
    // At the cell that points nowhere, in our words.
    expect(errors(c)).toEqual([
      expect.objectContaining({
        code: 'unreadable-workbook',
        location: { file: expect.stringContaining('strings.xlsx'), sheet: 'Albero', cell: 'A2' },
        message: expect.stringContaining('shared string 7'),
      }),
    ]);
  });

  it('a sheet whose XML is damaged is named in the error', () => {
    const c = check('tags.xlsx', workbookBytes([{ name: 'Albero', rows: [LAYOUT_HEADER, [{ xml: '<v>1</x>' }, 'x']] }]));
    expect(c.status).toBe(2);
    expect(errors(c)).toEqual([expect.objectContaining({ code: 'unreadable-workbook', location: { file: expect.stringContaining('tags.xlsx'), sheet: 'Albero' } })]);
  });

  it('a sheet name longer than 31 characters is a warning of ours, nothing on the console from exceljs', () => {
    const long = 'Albero della performance 2024 – versione finale';
    const c = check('long.xlsx', workbookBytes([{ name: long, rows: [LAYOUT_HEADER, ['A.1 x'], [null, 'i', '100% >=', '1', '1']] }]));
    expect(c.status).toBe(0);
    expect(c.issues).toContainEqual(expect.objectContaining({ code: 'long-sheet-name', severity: 'warning' }));
    expect(c.stderr).not.toMatch(/exceeds 31 chars/);
  });
});

describe('what the CLI prints (defects 6 and 7)', { timeout: 120_000 }, () => {
  it('evaluate --json gives an actual no double can hold as its exact decimal', () => {
    const run = albero(['evaluate', file('exact.txt', withA3Actual('123.456.789.012.345,12345678901234567891')), '--json']);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    const a3 = doc.objectives.find((o: { code: string }) => o.code === 'A.3').indicators[0];
    expect(a3).toMatchObject({ actual: '123456789012345.12345678901234567891', state: 'measured', met: true });
    const plain = JSON.parse(albero(['evaluate', file('plain.txt', fixtureText()), '--json']).stdout);
    expect(plain.objectives.find((o: { code: string }) => o.code === 'A.3').indicators[0].actual).toBe(206);
  });

  it('control and escape characters from the file are printed escaped', () => {
    const nasty = fixtureText().replace('A.3 - ', 'A.3 - \u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e');
    const path = file('nasty.txt', nasty.replace('\tSoggetti coinvolti\t100% >=\t10\t206', '\tSoggetti coinvolti\t100% >=\t10\tx\u001b[8m'));
    const checked = albero(['import', path, '--check']);
    expect(checked.status).toBe(2);
    expect(checked.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(checked.stderr).toContain('x\\u001b[8m');
    // A title with control characters is refused at its cell, as the API refuses them in its own fields.
    expect(checked.stderr).toMatch(/nasty\.txt:\d+ column Obiettivo: error: .*U\+001B.* \[control-character\]/);
    // What may be stored but must not steer the terminal (a bidi override) is printed escaped.
    const bidi = fixtureText().replace('A.3 - ', 'A.3 - \u202e');
    const tree = albero(['evaluate', file('bidi-title.txt', bidi)]);
    expect(tree.status).toBe(0);
    expect(tree.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(tree.stdout).toContain('\\u202e');
    const json = albero(['evaluate', path.replace('nasty.txt', 'bidi-title.txt'), '--json']);
    expect(JSON.parse(json.stdout).objectives.find((o: { code: string }) => o.code === 'A.3').title).toContain('\u202e');
    // A file name is printed escaped too.
    const named = albero(['import', file('nome\u001b[2J.txt', withA3Actual('sì')), '--check']);
    expect(named.status).toBe(2);
    expect(named.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(named.stderr).toContain('nome\\u001b[2J.txt');
  });

  it('a control character in any stored text of a table is an error at its cell, in text and workbooks alike', async () => {
    // NUL in an indicator's name past the first 8 KiB (where it would make the file binary): PostgreSQL answered 500 on it.
    const lines = fixtureText().split('\n');
    let offset = 0;
    const late = lines.findIndex((line) => (offset += line.length + 1) > 9000 && line.startsWith('\t') && line.split('\t')[1] !== '');
    lines[late] = lines[late]!.replace(/^\t([^\t]+)/, '\t$1\u0000');
    const nul = await importTableBytes(new TextEncoder().encode(lines.join('\n')), 'nul.txt');
    expect(nul.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'control-character', params: { character: 'U+0000' }, location: expect.objectContaining({ file: 'nul.txt', line: late + 1 }) }),
    ]);
    const rows = [LAYOUT_HEADER, ['A.1 - Servizi alle imprese'], [null, 'Pratiche\u009b evase', '100% >=', '100', '120']];
    const csi = await importTableBytes(workbookBytes([{ name: 'Albero', rows }]), 'csi.xlsx');
    expect(csi.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'control-character', params: { character: 'U+009B' }, location: expect.objectContaining({ file: 'csi.xlsx', sheet: 'Albero' }) }),
    ]);
  });
});

describe('the same through the import API and data entry', { timeout: 120_000 }, () => {
  let t: TestServer;
  let controller: Client;
  let planId: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite'));
  });
  afterAll(async () => t?.close());

  const counts = async () => ({ plans: (await t.server.store.listPlans()).length, audit: (await t.server.store.listAudit({ limit: 100_000 })).length });
  const upload = (bytes: string | Uint8Array, name: string, dryRun = false) => {
    const form = new FormData();
    form.set('file', new Blob([bytes as BlobPart]), name);
    return controller.request('POST', `/api/plans/import${dryRun ? '?dryRun=true' : ''}`, form);
  };

  it.each([
    ['1e400', () => layoutWorkbook({ weight: { xml: '<v>1e400</v>' } }), 'unfit.xlsx', 'number-out-of-range'],
    ['a 100,000-digit target', () => withA3Actual('206', '9'.repeat(100_000)), 'huge.txt', 'number-out-of-range'],
    ['a date actual', () => withA3Actual('15/07/2024'), 'kind.txt', 'kind-mismatch'],
    ['a t="d" cell', () => layoutWorkbook({ actual: { xml: '<v>2024-07-15</v>', attributes: 't="d"' } }), 'date.xlsx', 'kind-mismatch'],
  ])('%s: 422 with the located issue, nothing stored', async (_, make, name, code) => {
    const before = await counts();
    for (const dryRun of [true, false]) {
      const reply = await upload(make(), name, dryRun);
      expect(reply.status).toBe(422);
      const issue = reply.body.error.issues.find((i: { severity: string }) => i.severity === 'error');
      expect(issue).toMatchObject({ code, location: expect.objectContaining({ file: name }) });
    }
    expect(await counts()).toEqual(before);
  });

  it('an upload over the limit sent without a length (as FormData is) hears 413, not a reset connection', async () => {
    const small = await startTestServer('sqlite', { uploadBytes: 256 * 1024 });
    try {
      const client = await small.as('controller');
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(3 * 1024 * 1024).fill(65)]), 'grande.txt');
      const reply = await client.request('POST', '/api/plans/import', form, { 'accept-language': 'it' });
      expect(reply.status).toBe(413);
      expect(reply.body.error).toMatchObject({ code: 'too-large', message: 'la richiesta supera il limite di 256 KiB', params: { limitKiB: 256 } });
      // The limit is configurable (ALBERO_MAX_IMPORT_MB): the answer says it in the reader's language.
      const english = await client.request('POST', '/api/plans/import', form, { 'accept-language': 'en' });
      expect([english.status, english.body.error.message]).toEqual([413, 'the request is larger than the limit of 256 KiB']);
      expect((await client.get('/api/health')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('a bomb is refused unpacking no more than it declares', async () => {
    const parts = workbookParts([{ name: 'Albero', rows: [LAYOUT_HEADER, ['A.1 x'], [null, 'i', '100% >=', '1', '1']] }]);
    parts[4] = { name: parts[4]!.name, data: new Uint8Array(64 * 1024 * 1024).fill(60), declaredSize: 1000 };
    const bomb = zipBytes(parts);
    const { result: reply, bytes } = await inflatedDuring(() => upload(bomb, 'bomb.xlsx', true));
    expect(reply.status).toBe(422);
    expect(reply.body.error.issues[0]).toMatchObject({ code: 'damaged-workbook', params: { reason: 'bigger', declared: 1000 }, location: { file: 'bomb.xlsx' } });
    expect(bytes).toBeGreaterThanOrEqual(1000);
    expect(bytes).toBeLessThan(64 * 1024);
  });

  it('data entry refuses a date, a percentage and an out-of-bounds number for a number indicator, naming the field', async () => {
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=2024-12-31`)).body;
    const a3 = indicatorOf(tree, 'A.3:1');
    expect(a3.unit).toBe('number');
    const path = `/api/plans/${planId}/indicators/${enc('A.3:1')}/measurements/2024-12-31?tree=false`;
    for (const actual of ['15/07/2024', '2024-07-15', '5%', 'sì', '1e400', '9'.repeat(40), 1e300]) {
      const reply = await controller.request('PUT', path, { state: 'measured', actual, version: a3.version });
      expect(reply.status, String(actual)).toBe(400);
      expect(reply.body.error.issues[0].location).toEqual({ field: 'actual' });
    }
    const fine = await controller.request('PUT', path, { state: 'measured', actual: '207', version: a3.version });
    expect(fine.status).toBe(200);
  });
});
