/**
 * Baselines following later corrections of last year's actuals, over real HTTP on SQLite and
 * PostgreSQL: next-year takes each baseline from the 2024 year end; a 2024 actual corrected later
 * (in the open year end, or after reopening a closed one) shows as "206 → 210" on the 2025 plan
 * until the office takes it over, inside a revision once the 2025 plan is adopted, on the record.
 * A baseline the office typed is never listed nor overwritten.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselinesDocumentSchema, TreeDocumentSchema } from '../../src/contract/index.js';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { pdfText } from '../support/files.js';
import { oldDatabase } from '../support/old-database.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const SOGGETTI = 'A.3:1'; // A.3 "Soggetti coinvolti": actual 206 in 2024
const SPORTELLO = 'A.2.1:2'; // Capacità di risposta dello sportello: actual 50% in 2024
const TREND = 'A.1:2'; // Trend percentuale di soggetti coinvolti: actual 25,59% in 2024
const YEAR_END = '2024-12-31';
const ACT = { kind: 'Delibera di Giunta', number: '7', date: '2025-01-28' };

describe.each<Backend>(['sqlite', 'postgres'])('baselines following last year on %s', (backend) => {
  let t: TestServer;
  let controller: Client;
  let plan2024: string;
  let plan2025: string;

  /** Corrects a 2024 year-end actual as the office would (the value's current version first). */
  async function correct(indicator: string, actual: number | null): Promise<void> {
    const current = indicatorOf((await controller.get(`/api/plans/${plan2024}/tree?period=${YEAR_END}`)).body, indicator);
    const body = actual === null ? { state: 'not_measured', version: current.version } : { state: 'measured', actual, version: current.version };
    const put = await controller.request('PUT', `/api/plans/${plan2024}/indicators/${enc(indicator)}/measurements/${YEAR_END}?tree=false`, body);
    expect(put.status, put.text).toBe(200);
  }

  beforeAll(async () => {
    ({ t, planId: plan2024, controller } = await startWithFixture(backend));
    const made = await controller.request('POST', `/api/plans/${plan2024}/next-year`, { year: 2025 });
    expect(made.status, made.text).toBe(201);
    plan2025 = made.body.id;
  });
  afterAll(async () => t?.close());

  it('lists nothing while last year is as it was: every baseline follows it', async () => {
    const reply = await controller.get(`/api/plans/${plan2025}/baselines`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ planId: plan2025, following: 88, changed: [] });
    // A plan without a predecessor has nothing to follow.
    expect((await controller.get(`/api/plans/${plan2024}/baselines`)).body).toEqual({ planId: plan2024, following: 0, changed: [] });
    expect((await (await t.as('public')).get(`/api/plans/${plan2025}/baselines`)).status).toBe(401);
  });

  it('shows a corrected 2024 actual against the baseline taken from it; a typed baseline stays the office’s own', async () => {
    await correct(SOGGETTI, 210);
    // The office types its own baseline for the sportello, then 2024's value is corrected too.
    const sportello = indicatorOf((await controller.get(`/api/plans/${plan2025}/tree`)).body, SPORTELLO);
    expect(sportello).toMatchObject({ baseline: 50, baselineYear: 2024 });
    expect((await controller.request('PATCH', `/api/plans/${plan2025}/indicators/${enc(SPORTELLO)}`, { baseline: 48, baselineYear: 2024, version: sportello.definitionVersion })).status).toBe(200);
    await correct(SPORTELLO, 55);

    const reply = (await controller.get(`/api/plans/${plan2025}/baselines`)).body;
    expect(BaselinesDocumentSchema.safeParse(reply).error).toBeUndefined();
    expect(reply.following).toBe(87);
    // A.3's correction moves nothing else: only its own baseline is stale.
    expect(reply.changed).toEqual([
      {
        indicatorId: SOGGETTI,
        code: 'A.3',
        name: 'Soggetti coinvolti',
        unit: 'number',
        definitionVersion: 1,
        baseline: 206,
        baselineText: '206',
        baselineYear: 2024,
        current: 210,
        currentText: '210',
        currentYear: 2024,
        predecessor: { planId: plan2024, indicatorId: SOGGETTI, period: { id: YEAR_END, label: '31/12/2024', state: 'open' } },
      },
    ]);
    // Nothing was overwritten by the correction itself; the tree carries "206 → 210" beside the baseline.
    const tree = (await controller.get(`/api/plans/${plan2025}/tree`)).body;
    expect(TreeDocumentSchema.safeParse(tree).error).toBeUndefined();
    expect(indicatorOf(tree, SOGGETTI)).toMatchObject({ baseline: 206, baselineYear: 2024, baselineChange: { current: 210, currentText: '210', currentYear: 2024 } });
    expect(indicatorOf(tree, SPORTELLO)).toMatchObject({ baseline: 48, baselineYear: 2024, baselineChange: null });
    expect(tree.objectives.flatMap((o: any) => o.indicators).filter((i: any) => i.baselineChange !== null)).toHaveLength(1);
  });

  /** The bytes of an export of the 2025 plan, as the signed-in controller downloads it. */
  async function exported(format: string, lang = 'it'): Promise<Uint8Array> {
    const reply = await fetch(`${t.url}/api/plans/${plan2025}/export?format=${format}&lang=${lang}`, { headers: { cookie: controller.cookie! } });
    expect(reply.status).toBe(200);
    return new Uint8Array(await reply.arrayBuffer());
  }

  it('lists "206 → 210" in the PDF, the HTML page and the workbook, in Italian and English', async () => {
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    const italian = flat(pdfText(await exported('pdf')));
    expect(italian).toContain('Baseline da aggiornare');
    expect(italian).toContain(`${SOGGETTI} Soggetti coinvolti: baseline 206 → 210 (consuntivo 2024 corretto dopo la creazione del piano)`);
    // Only the stale one: the typed baseline of the sportello is the office's own.
    expect(italian).not.toContain(`${SPORTELLO} Capacità`);
    const english = flat(pdfText(await exported('pdf', 'en')));
    expect(english).toContain('Baselines to update');
    expect(english).toContain(`${SOGGETTI} Soggetti coinvolti: baseline 206 → 210 (the 2024 actual was corrected after this plan was made)`);
    const html = new TextDecoder().decode(await exported('html'));
    expect(html).toContain('<h2 id="h-baselines">Baseline da aggiornare</h2>');
    expect(html).toContain(`<li>${SOGGETTI} Soggetti coinvolti: baseline 206 → 210 (consuntivo 2024 corretto dopo la creazione del piano)</li>`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await exported('xlsx')) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Baseline da aggiornare');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).values).toEqual([undefined, 'Indicatore', 'Nome', 'Baseline', 'Consuntivo corretto', 'Anno', 'Nota']);
    expect((sheet!.getRow(2).values as unknown[]).slice(1, 6)).toEqual([SOGGETTI, 'Soggetti coinvolti', '206', '210', 2024]);
    expect(sheet!.getRow(3).values).toEqual([]);
    // Last year's plan follows nothing: no list, no sheet.
    const before = await fetch(`${t.url}/api/plans/${plan2024}/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    const earlier = new ExcelJS.Workbook();
    await earlier.xlsx.load(Buffer.from(await before.arrayBuffer()) as unknown as ArrayBuffer);
    expect(earlier.getWorksheet('Baseline da aggiornare')).toBeUndefined();
  });

  it('takes the correction over only inside a revision once adopted, refuses a typed baseline at its place, and records it', async () => {
    expect((await controller.request('POST', `/api/plans/${plan2025}/adopt`, { act: ACT })).status).toBe(200);
    const outside = await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, {});
    expect(outside.status).toBe(409);
    expect(outside.body.error.code).toBe('revision-required');
    expect((await (await t.as('referente')).request('POST', `/api/plans/${plan2025}/baselines/refresh`, {})).status).toBe(403);

    const opened = await controller.request('POST', `/api/plans/${plan2025}/revisions`, { reason: 'Consuntivo 2024 rettificato dopo la validazione' });
    expect(opened.status, opened.text).toBe(201);
    // The typed baseline is not the predecessor's to change: refused at its place, in Italian, nothing stored.
    const typed = await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, { indicators: [SOGGETTI, SPORTELLO] }, { 'accept-language': 'it-IT' });
    expect(typed.status).toBe(422);
    expect(typed.body.error).toMatchObject({ code: 'baseline-not-changed', issues: [{ location: { field: 'indicators.1', indicator: SPORTELLO } }] });
    expect(typed.body.error.message).toContain(`la baseline dell'indicatore ${SPORTELLO} non è da aggiornare`);
    expect(indicatorOf((await controller.get(`/api/plans/${plan2025}/tree`)).body, SOGGETTI)).toMatchObject({ baseline: 206 });
    const english = await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, { indicators: ['Z:9'] }, { 'accept-language': 'en' });
    expect(english.status).toBe(422);
    expect(english.body.error.message).toContain("indicator Z:9's baseline has nothing to take over");

    const refreshed = await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, {});
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.body).toEqual({ planId: plan2025, following: 87, changed: [], refreshed: 1 });
    expect(BaselinesDocumentSchema.safeParse(refreshed.body).error).toBeUndefined();
    const tree = (await controller.get(`/api/plans/${plan2025}/tree`)).body;
    expect(indicatorOf(tree, SOGGETTI)).toMatchObject({ baseline: 210, baselineText: '210', baselineYear: 2024, definitionVersion: 2, baselineChange: null });
    expect(indicatorOf(tree, SPORTELLO)).toMatchObject({ baseline: 48 });
    // In the revision's changes, before → after, and in the audit trail with why.
    const revision = (await controller.get(`/api/plans/${plan2025}/revisions`)).body.find((r: any) => r.status === 'open');
    expect(revision.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        entity: 'indicator',
        indicator: SOGGETTI,
        before: { baseline: { kind: 'number', value: '206' } },
        after: { baseline: { kind: 'number', value: '210' } },
      }),
    ]);
    const audit = (await controller.get(`/api/audit?planId=${plan2025}&indicator=${enc(SOGGETTI)}&lang=it`)).body;
    expect(audit[0]).toMatchObject({ action: 'refresh-baseline', user: 'controller', before: { baseline: { kind: 'number', value: '206' } }, after: { baseline: { kind: 'number', value: '210' } } });
    expect(audit[0].reason).toBe('variazione n. 1: Consuntivo 2024 rettificato dopo la validazione; baseline aggiornata al consuntivo 2024 corretto nel piano precedente');
    // In English the program's words are English, the revision's reason as typed.
    expect((await controller.get(`/api/audit?planId=${plan2025}&indicator=${enc(SOGGETTI)}&lang=en`)).body[0].reason).toBe(
      'revision n. 1: Consuntivo 2024 rettificato dopo la validazione; baseline updated to the 2024 actual corrected in the previous plan',
    );
    // Still following: a later correction shows again.
    expect((await controller.get(`/api/plans/${plan2025}/baselines`)).body.following).toBe(87);
  });

  it('reads a closed year end from its closing: a correction after reopening shows once closed again; a withdrawn value is listed', async () => {
    for (const to of ['collecting', 'closed'])
      expect((await controller.request('POST', `/api/plans/${plan2024}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.get(`/api/plans/${plan2025}/baselines`)).body.changed).toEqual([]);
    const reopened = await controller.request('POST', `/api/plans/${plan2024}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'rettifica del dato di A.3' });
    expect(reopened.status, reopened.text).toBe(200);
    await correct(SOGGETTI, 212);
    expect((await controller.request('POST', `/api/plans/${plan2024}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = (await controller.get(`/api/plans/${plan2025}/baselines`)).body.changed;
    expect(closed.map((b: any) => [b.indicatorId, b.baselineText, b.currentText, b.predecessor.period.state])).toEqual([[SOGGETTI, '210', '212', 'closed']]);

    // Withdrawn (reopened and set back to not measured): listed with no current value, and nothing to take over.
    expect((await controller.request('POST', `/api/plans/${plan2024}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'dato di A.3 non attendibile' })).status).toBe(200);
    await correct(SOGGETTI, null);
    const withdrawn = (await controller.get(`/api/plans/${plan2025}/baselines`)).body.changed;
    expect(withdrawn).toEqual([expect.objectContaining({ indicatorId: SOGGETTI, baseline: 210, current: null, currentText: '' })]);
    expect((await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, { indicators: [SOGGETTI] })).status).toBe(422);
    expect((await controller.request('POST', `/api/plans/${plan2025}/baselines/refresh`, {})).body).toMatchObject({ refreshed: 0 });
  });

  it('never sends the public a baseline change, nor a period read from its closing', async () => {
    // The controller still sees the withdrawn 2024 value beside A.3's baseline.
    const open = indicatorOf((await controller.get(`/api/plans/${plan2025}/tree?period=2025-12-31`)).body, SOGGETTI);
    expect(open.baselineChange).toEqual({ current: null, currentText: '', currentYear: 2024 });
    expect((await controller.request('PATCH', `/api/plans/${plan2025}`, { published: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${plan2025}/periods/2025-12-31/publication`, { published: true })).status).toBe(200);
    const reader = await t.as('public');
    const tree = await reader.get(`/api/plans/${plan2025}/tree?period=2025-12-31`);
    expect(tree.status, tree.text).toBe(200);
    expect(TreeDocumentSchema.safeParse(tree.body).error).toBeUndefined();
    const all = tree.body.objectives.flatMap((o: any) => o.indicators);
    expect(all).toHaveLength(88);
    expect(all.filter((i: any) => i.baselineChange !== null)).toEqual([]);
    expect(tree.text).not.toContain('currentYear');
    // Nor in the public's report.
    const pdf = await fetch(`${t.url}/api/plans/${plan2025}/export?format=pdf&period=2025-12-31`);
    expect(pdf.status).toBe(200);
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).not.toContain('Baseline da aggiornare');

    // A period read from its closing shows its baselines as they stood: no change, in the tree and the report.
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${plan2025}/periods/2025-06-30/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = (await controller.get(`/api/plans/${plan2025}/tree?period=2025-06-30`)).body;
    expect(closed.period).toMatchObject({ id: '2025-06-30', state: 'closed' });
    expect(closed.objectives.flatMap((o: any) => o.indicators).filter((i: any) => i.baselineChange !== null)).toEqual([]);
    const closedPdf = await fetch(`${t.url}/api/plans/${plan2025}/export?format=pdf&period=2025-06-30`, { headers: { cookie: controller.cookie! } });
    expect(pdfText(new Uint8Array(await closedPdf.arrayBuffer()))).not.toContain('Baseline da aggiornare');
    // The open year end still has it.
    expect(indicatorOf((await controller.get(`/api/plans/${plan2025}/tree?period=2025-12-31`)).body, SOGGETTI).baselineChange).not.toBeNull();
  });

  it('says the baselines in the language asked, as the tree does: Italian by default, English with ?lang=en, in the English report too', async () => {
    // A.1's trend, 25,59% in 2024, corrected to 1.587,1% (the 2024 year end is collecting again).
    await correct(TREND, 1587.1);
    const italian = (await controller.get(`/api/plans/${plan2025}/baselines`)).body.changed.find((b: any) => b.indicatorId === TREND);
    expect(italian).toMatchObject({ baselineText: '25,59%', currentText: '1.587,10%' });
    const english = await controller.get(`/api/plans/${plan2025}/baselines?lang=en`);
    expect(english.status).toBe(200);
    expect(english.body.changed.find((b: any) => b.indicatorId === TREND)).toMatchObject({ baselineText: '25.59%', currentText: '1,587.10%' });
    expect((await controller.get(`/api/plans/${plan2025}/baselines?lang=fr`)).status).toBe(400);
    // The English report lists it in English numbers, as the tree's.
    const flat = (text: string): string => text.replace(/\s+/g, ' ');
    const pdf = await fetch(`${t.url}/api/plans/${plan2025}/export?format=pdf&period=2025-12-31&lang=en`, { headers: { cookie: controller.cookie! } });
    expect(flat(pdfText(new Uint8Array(await pdf.arrayBuffer())))).toContain(`${TREND} ${english.body.changed.find((b: any) => b.indicatorId === TREND).name}: baseline 25.59% → 1,587.10%`);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('migration 16 (baselines follow last year) on %s', (backend) => {
  const old = oldDatabase(backend);

  it('lets the baselines of plans made before follow, except an indicator edited since (its baseline may be typed)', async () => {
    const open = await old.opener();
    // A database as it was before migration 16: a 2025 plan made by next-year from 2024, one indicator edited since.
    const db = open();
    await migrate(db, 15);
    const at = '2025-01-10T00:00:00.000Z';
    const settings = JSON.stringify(settingsToJson(DEFAULT_SETTINGS));
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Ente', ?)`, [at]);
    await db.run(
      `INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES ('p24', 'o', 'Piano 2024', 2024, 'plan', 0, ?, 1, ?, ?), ('p25', 'o', 'Piano 2025', 2025, 'plan', 0, ?, 1, ?, ?)`,
      [settings, at, at, settings, at, at],
    );
    await db.run(`UPDATE plans SET predecessor_id = 'p24' WHERE id = 'p25'`);
    await db.run(
      `INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version) VALUES ('p24', 'A', 0, NULL, 'A', NULL, NULL, NULL, NULL, 1), ('p25', 'A', 0, NULL, 'A', NULL, NULL, NULL, NULL, 1)`,
    );
    for (const plan of ['p24', 'p25']) {
      await db.run(
        `INSERT INTO indicators (plan_id, id, node_code, position, name, weight, comparator, target, unit, version) VALUES (?, 'A:1', 'A', 0, 'kept', '50', '>=', NULL, 'number', ?), (?, 'A:2', 'A', 1, 'edited', '50', '>=', NULL, 'number', ?)`,
        [plan, 1, plan, plan === 'p25' ? 2 : 1],
      );
    }
    await db.run(`INSERT INTO node_lineage (plan_id, code, predecessor_plan_id, predecessor_code) VALUES ('p25', 'A', 'p24', 'A')`);
    await db.run(`INSERT INTO indicator_lineage (plan_id, indicator_id, predecessor_plan_id, predecessor_indicator_id) VALUES ('p25', 'A:1', 'p24', 'A:1'), ('p25', 'A:2', 'p24', 'A:2')`);
    await db.close();

    const store = await SqlStore.open(open());
    try {
      expect((await store.followingBaselines('p25'))?.map((b) => [b.indicatorId, b.predecessor])).toEqual([['A:1', { planId: 'p24', ref: 'A:1' }]]);
      expect(await store.followingBaselines('p24')).toEqual([]);
      expect(await store.followingBaselines('nope')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
