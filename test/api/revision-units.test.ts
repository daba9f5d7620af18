/**
 * A revision's amounts in the published table's format, through HTTP on SQLite and PostgreSQL:
 * inside a revision the office lowers a percentage's target (60,00% → 55,00%) and its weight,
 * raises a count's target to a number with a fraction (1 → 1.587,10) and moves a date target;
 * each change keeps the indicator's unit, and the register, the reports (HTML, PDF, the
 * workbook), the Relazione (HTML, PDF, DOCX), the transparency page and the comparison with a
 * closed period print the amounts as the table does, in Italian and English. A change recorded
 * before units were kept (its unit null: nulled on the live database, and a register written at
 * schema 76 then migrated) is still said, by its values, as it was.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { revisionChangeText } from '../../src/io/report/revisions.js';
import { settingsToJson } from '../../src/store/codec.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { docxText, pdfText } from '../support/files.js';
import { oldDatabase } from '../support/old-database.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERCENT = 'A.2.1:2'; // "Capacità di risposta dello sportello": 20% >= 60,00%
const COUNT = 'A.2.1:3'; // "Grado di coinvolgimento delle imprese": 30% >= 1
// Each indicator by its name at the change (cut at a word after 60 characters) and its objective.
const PERCENT_NAMED = '«Capacità di risposta dello sportello internazionalizzazione» (A.2.1)';
const COUNT_NAMED = '«Grado di coinvolgimento delle imprese in attività di…» (A.2.1)';
const PERCENT_CHANGE_IT = `Indicatore ${PERCENT_NAMED}: peso 20% → 25%; target 60,00% → 55,00%`;
const PERCENT_CHANGE_EN = `Indicator ${PERCENT_NAMED}: weight 20% → 25%; target 60.00% → 55.00%`;
const COUNT_CHANGE_IT = `Indicatore ${COUNT_NAMED}: target 1 → 1.587,10`;
const COUNT_CHANGE_EN = `Indicator ${COUNT_NAMED}: target 1 → 1,587.10`;

/** The words of a document, whitespace folded (a PDF's lines wrap anywhere). */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

describe.each<Backend>(['sqlite', 'postgres'])("a revision's amounts in the table's format on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;
  let dateIndicator: string;

  const download = async (path: string): Promise<ArrayBuffer> => {
    const reply = await fetch(`${t.url}${path}`, { headers: { cookie: controller.cookie! } });
    expect(reply.status, path).toBe(200);
    return reply.arrayBuffer();
  };
  /** A PDF the API sends, its words as poppler reads them. */
  const pdfWords = async (path: string): Promise<string> => flat(pdfText(new Uint8Array(await download(path)), { layout: false }));

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    anyone = await t.as('public');
    const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    // The 30/06 closing: the plan as adopted, to compare the revised plan with.
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-06-30/transition`, { to: 'collecting' }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-06-30/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Rimodulazione dei target', date: '2024-07-15' }), 201);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const version = (id: string): number => indicatorOf(tree, id).definitionVersion;
    dateIndicator = tree.objectives.flatMap((o: any) => o.indicators).find((i: any) => i.unit === 'date' && i.target === '2024-09-30').id;
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { target: 55, weight: 25, version: version(PERCENT) }));
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(COUNT)}`, { target: '1587.1', version: version(COUNT) }));
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(dateIndicator)}`, { target: '2024-10-15', version: version(dateIndicator) }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true }));
  }, 120_000);
  afterAll(async () => t?.close());

  it("keeps each change's unit in the register, the public's and the office's", async () => {
    for (const reader of [controller, anyone]) {
      const [revision] = (await reader.get(`/api/plans/${planId}/revisions`)).body;
      expect(revision.changes.map((c: any) => [c.entityId, c.unit, c.after])).toEqual([
        [PERCENT, 'percent', { weight: '25', target: { kind: 'number', value: '55' } }],
        [COUNT, 'number', { target: { kind: 'number', value: '1587.1' } }],
        [dateIndicator, 'date', { target: { kind: 'date', value: '2024-10-15' } }],
      ]);
    }
  });

  it('prints the amounts as the table does in the report, HTML, PDF and workbook, in Italian and English', async () => {
    const html = (await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30`)).text;
    for (const change of [PERCENT_CHANGE_IT, COUNT_CHANGE_IT, `» (${dateIndicator.split(':')[0]}): target 30/09/2024 → 15/10/2024`]) expect(html).toContain(change);
    const english = (await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30&lang=en`)).text;
    for (const change of [PERCENT_CHANGE_EN, COUNT_CHANGE_EN, `» (${dateIndicator.split(':')[0]}): target 30/09/2024 → 15/10/2024`]) expect(english).toContain(change);
    expect(await pdfWords(`/api/plans/${planId}/export?format=pdf&period=2024-09-30`)).toContain(PERCENT_CHANGE_IT);
    expect(await pdfWords(`/api/plans/${planId}/export?format=pdf&period=2024-09-30&lang=en`)).toContain(COUNT_CHANGE_EN);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(`/api/plans/${planId}/export?format=xlsx`)) as unknown as ArrayBuffer);
    const changes = book.getWorksheet('Variazioni')!.getColumn(7).values;
    expect(changes).toContain(PERCENT_CHANGE_IT);
    expect(changes).toContain(COUNT_CHANGE_IT);
  });

  it('prints them so in the Relazione (HTML, PDF, DOCX opened in LibreOffice) and on the transparency page', async () => {
    const relazione = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;
    expect(relazione).toContain(PERCENT_CHANGE_IT);
    expect(relazione).toContain(COUNT_CHANGE_IT);
    expect(await pdfWords(`/api/plans/${planId}/relazione/export?format=pdf`)).toContain(PERCENT_CHANGE_IT);
    expect(docxText(await download(`/api/plans/${planId}/relazione/export?format=docx`))).toContain(COUNT_CHANGE_IT);
    const page = await anyone.get(`/trasparenza/${planId}/piano.html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(PERCENT_CHANGE_IT);
    expect(page.text).toContain(COUNT_CHANGE_IT);
  }, 120_000);

  it('says the revised targets so against the closed period (GET …/changes, as albero diff)', async () => {
    const target = (r: any, id: string): any => r.body.changes.find((c: any) => c.kind === 'target' && c.params.indicator === indicatorOf(tree, id).name);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const italian = await controller.request('GET', `/api/plans/${planId}/changes?againstPeriod=2024-06-30&lang=it`);
    expect(italian.status, italian.text).toBe(200);
    expect(target(italian, PERCENT)).toMatchObject({ beforeText: '60,00%', afterText: '55,00%' });
    expect(target(italian, PERCENT).message).toMatch(/— target: 60,00% → 55,00%$/);
    expect(target(italian, COUNT).message).toMatch(/— target: 1 → 1\.587,10$/);
    const english = await controller.request('GET', `/api/plans/${planId}/changes?againstPeriod=2024-06-30`, undefined, { 'accept-language': 'en' });
    expect(target(english, PERCENT).message).toMatch(/— target: 60\.00% → 55\.00%$/);
  });

  it('says a change recorded before units were kept by its values, as before', async () => {
    // A change as the register held it before the unit was stored with it.
    const db = backend === 'sqlite' ? openSqlite(t.location) : openPostgres(t.location);
    try {
      await db.run(`UPDATE plan_revision_changes SET unit = NULL WHERE plan_id = ? AND entity_id = ?`, [planId, PERCENT]);
    } finally {
      await db.close();
    }
    const [revision] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(revision.changes[0]).toMatchObject({ entityId: PERCENT, unit: null });
    const html = (await controller.get(`/api/plans/${planId}/export?format=html&period=2024-09-30`)).text;
    expect(html).toContain(`Indicatore ${PERCENT_NAMED}: peso 20% → 25%; target 60 → 55`);
    expect(html).toContain(COUNT_CHANGE_IT);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('the changes of a register kept before migration 77 on %s', (backend) => {
  const old = oldDatabase(backend);

  it('keep no unit after the migration and are said by their values, as before', async () => {
    const open = await old.opener();
    // A database as it was before migration 77: an adopted plan with a revision changing a percentage's target.
    const db = open();
    await migrate(db, 76);
    const at = '2024-07-15T10:00:00.000Z';
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Ente', ?)`, [at]);
    await db.run(
      `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at, status) VALUES ('p', 'o', 'Piano 2024', 2024, 'plan', 0, ?, 1, ?, ?, 'adopted')`,
      [JSON.stringify(settingsToJson(DEFAULT_SETTINGS)), at, at],
    );
    await db.run(
      `INSERT INTO plan_revisions (plan_id, seq, kind, reason, decided_on, status, opened_at, opened_by) VALUES ('p', 1, 'variazione', 'Target rivisto', '2024-07-15', 'open', ?, 'controller')`,
      [at],
    );
    await db.run(
      `INSERT INTO plan_revision_changes (plan_id, revision_seq, seq, at, username, action, entity, entity_id, node_code, indicator_id, before, after) VALUES ('p', 1, 1, ?, 'controller', 'update', 'indicator', 'A.2.1:2', 'A.2.1', 'A.2.1:2', ?, ?)`,
      [at, JSON.stringify({ target: { kind: 'number', value: '60' } }), JSON.stringify({ target: { kind: 'number', value: '55' } })],
    );
    await db.close();

    const store = await SqlStore.open(open());
    try {
      const [change] = (await store.listRevisions('p'))![0]!.changes;
      expect(change).toMatchObject({ entityId: 'A.2.1:2', unit: null, after: { target: { kind: 'number', value: '55' } } });
      expect(revisionChangeText(change!, 'it')).toBe('Indicatore A.2.1:2: target 60 → 55');
      expect(revisionChangeText(change!, 'en')).toBe('Indicator A.2.1:2: target 60 → 55');
    } finally {
      await store.close();
    }
  });
});
