/**
 * GET /api/plans/:planId/export over real HTTP: the server on a random port with a fresh SQLite
 * database, the fixture imported through the API, each format downloaded and read back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluatePlan } from '../../src/core/index.js';
import { importTableBytes } from '../../src/io/load.js';
import { startTestServer, type TestServer } from '../api/harness.js';
import { tempDir } from './helpers.js';

const dir = tempDir();

async function download(t: TestServer, path: string, cookie: string | null): Promise<{ status: number; type: string | null; disposition: string | null; bytes: Uint8Array; json: any }> {
  const res = await fetch(`${t.url}${path}`, { headers: cookie === null ? {} : { cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  let json: unknown = null;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    json = null;
  }
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes, json };
}

describe('GET /api/plans/:planId/export', () => {
  let t: TestServer;
  let planId: string;
  let cookie: string | null;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    planId = await t.importFixture();
    cookie = (await t.as('oiv')).cookie;
  });
  afterAll(async () => t?.close());

  it('gives the workbook, which imports back to the published values', async () => {
    const reply = await download(t, `/api/plans/${planId}/export?format=xlsx`, cookie);
    expect(reply.status).toBe(200);
    expect(reply.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(reply.disposition).toMatch(/^attachment; filename="albero-performance-2024-12-31\.xlsx"$/);
    const back = await importTableBytes(reply.bytes, 'download.xlsx');
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const evaluation = evaluatePlan(back.value!.plan);
    expect(evaluation.node('A.2')!.performance!.toString()).toBe('93');
    expect(evaluation.node('B.1')!.band).toBe('red');
  });

  it('gives open data as CSV and JSON, agreeing with the tree', async () => {
    const tree = (await (await t.as('oiv')).get(`/api/plans/${planId}/tree`)).body;
    const json = await download(t, `/api/plans/${planId}/export?format=json`, cookie);
    expect(json.status).toBe(200);
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(json.json.metadata).toMatchObject({ format: 'albero-evaluation', year: 2024, period: 'Periodo al 31/12/2024' });
    expect(json.json.objectives.map((o: any) => [o.code, o.performance, o.band])).toEqual(tree.objectives.map((o: any) => [o.code, o.performance, o.band]));
    const csv = await download(t, `/api/plans/${planId}/export?format=csv&period=2024-12-31`, cookie);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM
    const text = new TextDecoder().decode(csv.bytes); // (which the decoder drops)
    const rows = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true }).data;
    expect(rows.find((r) => r['tipo'] === 'obiettivo' && r['codice_obiettivo'] === 'A.2.1')).toMatchObject({ performance_obiettivo: '80', fascia: 'giallo' });
  });

  it('gives the Relazione as HTML and as PDF', async () => {
    const html = await download(t, `/api/plans/${planId}/export?format=html`, cookie);
    expect(html.status).toBe(200);
    expect(html.disposition).toMatch(/^inline;/);
    const page = new TextDecoder().decode(html.bytes);
    expect(page).toContain('<h1>Albero performance 2024</h1>');
    expect(page).toContain('<dd>Periodo al 31/12/2024</dd>');
    expect(page).toMatch(/<dt>Stato del periodo<\/dt><dd>(aperto|in raccolta): valori provvisori<\/dd>/);

    expect(existsSync('/usr/bin/pdftotext'), 'apt-get install -y poppler-utils').toBe(true);
    const pdf = await download(t, `/api/plans/${planId}/export?format=pdf`, cookie);
    expect(pdf.status, new TextDecoder().decode(pdf.bytes).slice(0, 300)).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const file = join(dir, 'api.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text.split('\n').find((l) => /^\s*A\.2 - Internazionalizzazione/.test(l))).toMatch(/93,00%\s+verde\s*$/);
  }, 60_000);

  it('refuses a missing or unknown format, an unknown period or plan, and keeps unpublished plans from the public', async () => {
    const missing = await download(t, `/api/plans/${planId}/export`, cookie);
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ code: 'invalid-query' });
    const unknown = await download(t, `/api/plans/${planId}/export?format=docx`, cookie);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'invalid-query', params: { field: 'format', value: 'docx' } });
    expect(unknown.json.error.message).toContain('«docx»');
    expect((await download(t, `/api/plans/${planId}/export?format=csv&period=2031-01-01`, cookie)).status).toBe(404);
    expect((await download(t, `/api/plans/no-such-plan/export?format=csv`, cookie)).status).toBe(404);
    const anonymous = await download(t, `/api/plans/${planId}/export?format=csv`, null);
    expect(anonymous.status).toBe(404);
    const controller = await t.as('controller');
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
    // A published plan's period still collecting reaches the public only once the controller
    // publishes it, and then as its targets (test/api/public-targets-only.test.ts).
    expect((await download(t, `/api/plans/${planId}/export?format=csv`, null)).status).toBe(404);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true })).status).toBe(200);
    expect((await download(t, `/api/plans/${planId}/export?format=csv`, null)).status).toBe(200);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await (await t.as('public')).get('/api/openapi.json')).body;
    expect(doc.paths['/api/plans/{planId}/export'].get.parameters.map((p: any) => p.name)).toEqual(['planId', 'format', 'period', 'lang']);
  });
});
