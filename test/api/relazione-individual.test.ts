/**
 * Section 5 of the Relazione, the individual performance in aggregate (guideline n. 3/2018), through
 * HTTP on SQLite and on PostgreSQL: the forms by category and state (the lone manager's form merged
 * with the EQ ones, never a row of one), «3 schede su 6 concluse al <day>», the concluded forms by
 * band, and the art. 20 bonuses once distributed (a band of one person counted without its amount),
 * in the JSON answer (Italian and English), the HTML, the PDF (pdftotext) and the DOCX (converted by
 * LibreOffice); no name anywhere. Validated, the Relazione keeps the figures of its validation while
 * the appraisals go on. Before, §5 was only the office's text.
 */
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { RelazioneSchema } from '../../src/contract/index.js';
import { formatItalianDate } from '../../src/core/italian-date.js';
import { officeDay } from '../../src/core/messages/index.js';
import { pdfText } from '../support/files.js';
import { convertWithLibreOffice } from '../support/libreoffice.js';
import { storeDistribution } from '../support/distributions.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { adoptAndReview, Client, signedInPeople, startWithHr, type Backend, type People, type Reply, type TestServer } from './harness.js';

const OFFICE_TEXT = 'Il sistema di valutazione è stato applicato a tutto il personale.';
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const words = (html: string): string => flat(html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'"));

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's individual performance in aggregate on %s", (backend) => {
  let t: TestServer;
  let restarted: RunningServer | null = null;
  let planId: string;
  let hr: Client;
  let controller: Client;
  let people: People;
  const forms: Record<string, string> = {};
  const today = formatItalianDate(officeDay());

  async function act(who: string, form: string, body: Record<string, unknown>): Promise<Reply> {
    const client = who === 'hr' ? hr : people.clients[who]!;
    const current = await client.get(`/api/appraisals/${forms[form]}`);
    const r = await client.request('POST', `/api/appraisals/${forms[form]}/actions`, { ...body, version: current.body.version });
    expect(r.status, r.text).toBe(200);
    return r;
  }

  /** `person`'s form evaluated by capo with every behaviour rated 4 and its objective reached. */
  async function evaluated(person: string): Promise<void> {
    await act('capo', person, { action: 'acknowledge' });
    await act(person, person, { action: 'acknowledge' });
    await act('capo', person, { action: 'interview', note: 'a metà anno' });
    const current = await people.clients.capo!.get(`/api/appraisals/${forms[person]}`);
    const rated = await people.clients.capo!.request('PATCH', `/api/appraisals/${forms[person]}`, { version: current.body.version, ratings: { C1: 4, C2: 4, C3: 4 } });
    expect(rated.status, rated.text).toBe(200);
    await act('capo', person, { action: 'evaluate' });
  }

  const exported = async (format: 'html' | 'pdf' | 'docx'): Promise<string> => {
    const res = await fetch(`${t.url}/api/plans/${planId}/relazione/export?format=${format}`, { headers: { cookie: controller.cookie! } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (format === 'html') return words(new TextDecoder().decode(bytes));
    if (format === 'pdf') return flat(pdfText(bytes));
    // The DOCX as the office opens it: converted by LibreOffice, read back by poppler.
    const dir = mkdtempSync(join(tmpdir(), 'albero-individual-'));
    const file = join(dir, 'relazione.docx');
    writeFileSync(file, bytes);
    return flat(execFileSync('pdftotext', ['-layout', convertWithLibreOffice(file, 'pdf', join(dir, 'converted')), '-'], { encoding: 'utf8' }));
  };

  /** §5 of a document's words: from its title to §6's. */
  const section5 = (text: string): string => {
    const from = text.lastIndexOf('Misurazione e valutazione della performance individuale');
    return text.slice(from, text.indexOf('Il processo di redazione della Relazione', from));
  };

  beforeAll(async () => {
    let unitId: string;
    ({ t, planId, hr, controller, unitId } = await startWithHr(backend));
    people = await signedInPeople(t, ['capo', 'anna', 'bruno', 'carla', 'dario', 'elena', 'franco'], (u) => `${u.charAt(0).toUpperCase()}${u.slice(1)} Rossi`);
    expect((await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024) })).status).toBe(200);
    for (const [person, category] of [
      ['anna', 'eq'],
      ['bruno', 'eq'],
      ['carla', 'eq'],
      ['dario', 'eq'],
      ['elena', 'eq'],
      ['franco', 'dirigente'],
    ] as const) {
      const made = await hr.request('POST', '/api/appraisals', {
        year: 2024,
        personId: people.ids[person],
        evaluatorId: people.ids.capo,
        category,
        planId,
        assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
        objectives: [{ title: 'Pratiche evase', weight: 100, target: 10, state: 'measured', actual: 10 }],
      });
      expect(made.status, made.text).toBe(201);
      forms[person] = made.body.id;
    }
    // Three concluded, one disputed, two still in progress (elena's and the manager's).
    for (const person of ['anna', 'bruno', 'carla']) {
      await evaluated(person);
      await act(person, person, { action: 'accept' });
      await act('hr', person, { action: 'finalise' });
    }
    await evaluated('dario');
    await act('dario', 'dario', { action: 'contest', reason: 'le pratiche erano di più' });
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: { 'performance-individuale': OFFICE_TEXT }, version: 0 })).status).toBe(200);
  }, 240_000);
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  it('says in JSON, in Italian and English, how many forms are concluded and that nothing is distributed yet', async () => {
    const r = await controller.get(`/api/plans/${planId}/relazione`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.individual).toMatchObject({ total: 6, concluded: 3 });
    expect(r.body.individual.text.it).toContain(`3 schede su 6 concluse al ${today}: la valutazione individuale non è ancora conclusa`);
    expect(r.body.individual.text.it).toContain('Le categorie con meno di 3 schede sono riportate insieme ad altre');
    expect(r.body.individual.text.it).toContain('Distribuzione per fascia non riportata per Dirigente: meno di 3 schede concluse.');
    expect(r.body.individual.text.it).toContain('Il fondo per i premi non è ancora stato ripartito.');
    expect(r.body.individual.text.en).toContain(`3 of 6 forms concluded as of ${today}`);
    expect(r.body.individual.text.en).toContain('The bonus fund has not been shared out yet.');
    // The tables' figures, for the screen to show where §5 is written: the manager merged with the EQ forms.
    expect(RelazioneSchema.parse(r.body).individual).toMatchObject({
      withheld: false,
      states: [{ categories: ['dirigente', 'eq'], forms: 6, concluded: 3, inProgress: 2, disputed: 1 }],
      bandsWithheld: ['dirigente'],
      bonuses: null,
    });
    expect(r.body.individual.bands).toEqual([{ category: 'eq', rows: expect.arrayContaining([expect.objectContaining({ people: 3 })]) }]);
  });

  it('shows a form changed at the next read, its figures kept between reads only while no form changed', async () => {
    const admin = await t.as('admin');
    const concluded = async (): Promise<number> => ((await controller.get(`/api/plans/${planId}/relazione`)).body.individual as { concluded: number }).concluded;
    expect(await concluded()).toBe(3);
    expect(await concluded()).toBe(3);
    // Anna's form reopened (final → evaluated), then concluded again: each step read at once.
    const current = await admin.get(`/api/appraisals/${forms.anna}`);
    const reopened = await admin.request('POST', `/api/appraisals/${forms.anna}/actions`, { action: 'reopen', reason: 'punteggio da rivedere', version: current.body.version });
    expect(reopened.status, reopened.text).toBe(200);
    expect(await concluded()).toBe(2);
    await act('anna', 'anna', { action: 'accept' });
    await act('hr', 'anna', { action: 'finalise' });
    expect(await concluded()).toBe(3);
  }, 240_000);

  it('prints the forms by state and band before the office’s text, with the bonuses once distributed, in HTML, PDF and DOCX', async () => {
    // One "Eccellente" alone, whose bonus must not be printed; "Adeguato" withheld with it (the rewards' rule).
    await storeDistribution(t.server.store, 'Ente', 2024, 'eq', [
      ['Buono', 100_000],
      ['Buono', 120_000],
      ['Buono', 90_000],
      ['Eccellente', 150_017],
      ['Adeguato', 50_000],
      ['Adeguato', 50_000],
      ['Adeguato', 50_003],
    ]);
    const band = (await hr.get(`/api/appraisals/${forms.anna}`)).body.result.band.label as string;
    for (const format of ['html', 'pdf', 'docx'] as const) {
      const text = section5(await exported(format));
      expect(text, format).toContain(`3 schede su 6 concluse al ${today}`);
      // The manager alone is never a row: merged with the EQ forms (6 forms: 3 concluded, 2 in progress, 1 disputed).
      // (LibreOffice and the PDF wrap the long label around the figures.)
      expect(text, format).toMatch(/Dirigente \+ Elevata[^0-9]{0,60}6 3 2 1 /);
      expect(text, format).not.toMatch(/Dirigente\s+1\s/);
      expect(text, format).toContain('Schede concluse per fascia di valutazione: Elevata qualificazione / posizione organizzativa');
      expect(text, format).toMatch(new RegExp(`${band}\\s+3\\s+100,00%`));
      expect(text, format).toContain('Premi distribuiti per categoria e fascia (d.lgs. 33/2013, art. 20)');
      expect(text, format).toMatch(/Buono\s+3\s+3\.100,00\s+1\.033,33/);
      expect(text, format).toMatch(/Eccellente\s+1\s+non pubblicato\s+non pubblicato/);
      expect(text, format).not.toMatch(/1\.500,17|Rossi/);
      // The office's words after the figures.
      expect(text.indexOf(OFFICE_TEXT), format).toBeGreaterThan(text.indexOf('Premi distribuiti per categoria'));
    }
  }, 240_000);

  it('keeps the figures of its validation once validated, while the appraisals go on', async () => {
    const oiv = await t.as('oiv');
    await adoptAndReview(planId, controller, oiv);
    const validated = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(validated.status, validated.text).toBe(200);
    // The dispute settled after the validation: four forms concluded now.
    await act('hr', 'dario', { action: 'conciliate', outcome: 'confirmed', note: 'confermata' });
    const r = await controller.get(`/api/plans/${planId}/relazione`);
    expect(r.body.individual).toMatchObject({ total: 6, concluded: 3 });
    const html = section5(await exported('html'));
    expect(html).toContain(`3 schede su 6 concluse al ${today}`);
    expect(html).toMatch(/6\s+3\s+2\s+1/);
    expect(html).not.toContain('4 schede su 6');
  }, 240_000);

  it('keeps §5 as validated, the office’s text alone, when the Relazione was validated before the figures were kept', async () => {
    // A cover as kept before: without the figures (the server restarted on it, nothing read before kept).
    const db = backend === 'postgres' ? openPostgres(t.location) : openSqlite(t.location);
    try {
      const [row] = await db.all(`SELECT frozen_cover FROM relazioni WHERE plan_id = ?`, [planId]);
      const { individual, ...before } = JSON.parse(String(row!.frozen_cover)) as Record<string, unknown>;
      expect(individual).toMatchObject({ total: 6, concluded: 3 });
      await db.run(`UPDATE relazioni SET frozen_cover = ? WHERE plan_id = ?`, [JSON.stringify(before), planId]);
    } finally {
      await db.close();
    }
    restarted = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    const office = new Client(restarted.url);
    expect((await office.login('controller')).status).toBe(200);
    expect((await office.get(`/api/plans/${planId}/relazione`)).body.individual).toBeNull();
    const text = section5(words((await office.get(`/api/plans/${planId}/relazione/export?format=html`)).text));
    expect(text).toContain(OFFICE_TEXT);
    expect(text).not.toMatch(/schede su|Schede di valutazione|Premi distribuiti/);
  }, 240_000);
});
