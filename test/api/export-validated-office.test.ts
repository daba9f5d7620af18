/**
 * The office's exports of the year end state the OIV's validated figures as the office's own plan
 * screen does: once the OIV validated the Relazione (B.1 at 50%, reported 56%; B following it at
 * 78,75%, reported 80,25%), the office's CSV, HTML and PDF carry them beside the reported ones,
 * published or not. Before, they printed the reported figures alone under a period said «validato
 * dall'OIV con riserve», while the tree, the public's exports and /trasparenza held 50%. The public
 * still reads them only once the Relazione is published; a monitoring period carries none. Over
 * HTTP, on SQLite and on PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

/** The objectives' rows of an open-data CSV, by code. */
function csvObjectives(csv: string): Map<string, Record<string, string>> {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
  return new Map(parsed.data.filter((r) => r.tipo === 'obiettivo').map((r) => [r.codice_obiettivo!, r]));
}

describe.each<Backend>(['sqlite', 'postgres'])("the office's exports after the OIV validated B.1 at 50%, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let citizen: Client;
  const csv = async (who: Client, period = YEAR_END) => {
    const res = await who.get(`/api/plans/${planId}/export?format=csv&period=${period}`);
    expect(res.status).toBe(200);
    return csvObjectives(res.text);
  };
  /** The office's PDF as pdftotext reads it in drawing order, spaces collapsed (the client reads bodies as text: fetched here as bytes, with its cookie). */
  const pdfWords = async (who: Client) => {
    const res = await fetch(`${t.url}/api/plans/${planId}/export?format=pdf&lang=it&period=${YEAR_END}`, { headers: who.cookie === null ? {} : { cookie: who.cookie } });
    expect(res.status).toBe(200);
    const bytes = await res.arrayBuffer();
    const dir = mkdtempSync(join(tmpdir(), 'albero-office-validated-'));
    try {
      writeFileSync(join(dir, 'piano.pdf'), new Uint8Array(bytes));
      return execFileSync('pdftotext', ['-raw', join(dir, 'piano.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    const oiv = await t.as('oiv');
    citizen = await t.as('public');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const saved = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
      note: 'Esito della verifica.',
      reservations: 'Dati del PID da documentare.',
      checklist: current.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1', validated: 50, note: 'Il trend dei partecipanti al PID non è documentato.' }],
      version: current.version,
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated_with_reservations' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('states the validated figures to the office at once, to the public once published', async () => {
    // The office's screen states them (tree-validated.test.ts); its exports now too.
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    expect(tree.validation.objectives.map((o: any) => [o.code, o.validated])).toEqual([
      ['B', 78.75],
      ['B.1', 50],
    ]);
    const office = await csv(controller);
    expect([office.get('B.1')!.performance_obiettivo, office.get('B.1')!.performance_validata_oiv, office.get('B.1')!.fascia_validata_oiv]).toEqual(['56', '50', 'rosso']);
    expect([office.get('B')!.performance_obiettivo, office.get('B')!.performance_validata_oiv, office.get('B')!.fascia_validata_oiv]).toEqual(['80,25', '78,75', 'giallo']);
    expect(office.get('A.2')!.performance_validata_oiv).toBe('');
    const html = (await controller.get(`/api/plans/${planId}/export?format=html&lang=it&period=${YEAR_END}`)).text;
    expect(html).toContain('id="h-validation"');
    expect(await pdfWords(controller)).toContain("Performance complessiva dell'ente:");
    // A monitoring period: the Relazione reports on the year end only.
    expect((await csv(controller, '2024-09-30')).get('B.1')!.performance_validata_oiv).toBe('');

    // The public: nothing until the Relazione is published, then the same figures.
    expect((await csv(citizen)).get('B.1')!.performance_validata_oiv).toBe('');
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    expect((await csv(citizen)).get('B.1')!.performance_validata_oiv).toBe('50');
  });
});
