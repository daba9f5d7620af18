/**
 * The same workbook reads the same through the server's import as through `albero import`: hidden
 * rows said at the same cells, two tables refused alike (test/cli-workbook-sheets.test.ts has the
 * command line's words). Nothing is stored by a dry run or a refusal, so one backend is enough.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero } from '../helpers.js';
import { upload } from '../support/files.js';
import { fixtureRows, hiddenRowsSheet, rows2023, savedByLibreOffice } from '../support/office-workbooks.js';
import { startTestServer, type Client, type TestServer } from './harness.js';

interface IssueSeen {
  severity: string;
  code: string;
  location: { sheet?: string; cell?: string };
}

const dir = mkdtempSync(join(tmpdir(), 'albero-api-sheets-'));
let t: TestServer;
let controller: Client;
beforeAll(async () => {
  t = await startTestServer('sqlite');
  controller = await t.as('controller');
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Each issue as code, severity and place: what the CLI's `--json` and the server's reply both carry. */
const places = (issues: IssueSeen[]): string[] => issues.map((i) => `${i.severity} ${i.code} ${i.location.sheet ?? ''}!${i.location.cell ?? ''}`).sort();

describe('a LibreOffice workbook through the server and the command line', () => {
  it('hidden rows: the same warnings at the same cells, in the reader’s language', async () => {
    const { sheet, struck } = hiddenRowsSheet();
    const book = savedByLibreOffice(dir, 'nascoste', [sheet]);
    const cli = JSON.parse(albero(['import', book, '--json']).stdout) as { issues: IssueSeen[] };
    const reply = await controller.request('POST', '/api/plans/import?dryRun=true', upload(readFileSync(book), basename(book)), { 'accept-language': 'it' });
    expect(reply.status, reply.text).toBe(200);
    expect(places(reply.body.issues)).toEqual(places(cli.issues));
    expect(reply.body.issues.find((i: IssueSeen) => i.location.cell === `A${struck}`)).toMatchObject({
      code: 'hidden-rows',
      message: `la riga ${struck} è nascosta nel foglio ma è stata letta come parte della tabella: mostrarla per controllarla, o eliminarla se non deve contare`,
    });
  });

  it('two tables: refused alike, nothing imported', async () => {
    const book = savedByLibreOffice(dir, 'due-anni', [
      { name: 'Albero 2023', rows: rows2023() },
      { name: 'Albero 2024', rows: fixtureRows() },
    ]);
    const cli = JSON.parse(albero(['import', book, '--json']).stdout) as { usable: boolean; issues: IssueSeen[] };
    expect(cli.usable).toBe(false);
    const before = (await t.server.store.listPlans()).length;
    const reply = await controller.request('POST', '/api/plans/import', upload(readFileSync(book), basename(book)), { 'accept-language': 'en' });
    expect(reply.status, reply.text).toBe(422);
    expect(reply.body.error.code).toBe('invalid-file');
    expect(places(reply.body.error.issues)).toEqual(places(cli.issues));
    expect(reply.body.error.issues[0].message).toBe(
      'several sheets hold a table ("Albero 2023", "Albero 2024") and which to import is not known: keep in the workbook only the one to import, or name its sheet “Albero”',
    );
    expect((await t.server.store.listPlans()).length).toBe(before);
  });
});
