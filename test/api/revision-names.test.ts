/**
 * A revision's change names the indicator as the published table does, through HTTP on SQLite and
 * PostgreSQL: a target lowered inside a revision is said «Indicatore «Capacità di risposta dello
 * sportello internazionalizzazione» (A.2.1): target …» in the register (JSON), the report (HTML) and the workbook read back;
 * the indicator renamed by a later revision (to a long name, cut in the sentence) leaves the first
 * change said by the name it had then.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERCENT = 'A.2.1:2';
const NAME = 'Capacità di risposta dello sportello internazionalizzazione';
const LONG = `${NAME} alle richieste delle imprese del territorio entro trenta giorni`;
const CHANGE_IT = `Indicatore «${NAME}» (A.2.1): target 60,00% → 55,00%`;
const CHANGE_EN = `Indicator «${NAME}» (A.2.1): target 60.00% → 55.00%`;
// The long name cut after its last whole word within 60 characters.
const RENAME_IT = `Indicatore «${NAME}…» (A.2.1): nome ${NAME} → ${LONG}`;

describe.each<Backend>(['sqlite', 'postgres'])('a revision names the indicator it changed on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;

  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
  const version = async (): Promise<number> => indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, PERCENT).definitionVersion;
  const workbookChanges = async (): Promise<readonly unknown[]> => {
    const reply = await fetch(`${t.url}/api/plans/${planId}/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    expect(reply.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await reply.arrayBuffer());
    return book.getWorksheet('Variazioni')!.getColumn(7).values;
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    anyone = await t.as('public');
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Target rivisto', date: '2024-07-15' }), 201);
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { target: 55, version: await version() }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, { act: { kind: 'Delibera di Giunta', number: '45', date: '2024-07-20' } }));
  }, 120_000);
  afterAll(async () => t?.close());

  it('says the name and the objective in the register and the documents', async () => {
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, PERCENT).name).toBe(NAME);
    const [revision] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(revision.changes[0]).toMatchObject({ entityId: PERCENT, node: 'A.2.1', name: NAME });
    const html = (await controller.get(`/api/plans/${planId}/export?format=html`)).text;
    expect(html).toContain(CHANGE_IT);
    expect(html).not.toContain(`Indicatore ${PERCENT}`);
    expect((await controller.get(`/api/plans/${planId}/export?format=html&lang=en`)).text).toContain(CHANGE_EN);
    expect(await workbookChanges()).toContain(CHANGE_IT);
  });

  it('keeps the name the indicator had at the change after a later rename', async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Nome più preciso', date: '2024-09-01' }), 201);
    ok(await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc(PERCENT)}`, { name: LONG, version: await version() }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/2/approve`, { act: { kind: 'Delibera di Giunta', number: '60', date: '2024-09-05' } }));
    const [first, second] = (await controller.get(`/api/plans/${planId}/revisions`)).body;
    expect(first.changes[0].name).toBe(NAME);
    expect(second.changes[0].name).toBe(LONG);
    // The public reads the same names (the approved revisions).
    expect((await anyone.get(`/api/plans/${planId}/revisions`)).body.map((r: any) => r.changes[0].name)).toEqual([NAME, LONG]);
    const html = (await controller.get(`/api/plans/${planId}/export?format=html`)).text;
    expect(html).toContain(CHANGE_IT);
    expect(html).toContain(RENAME_IT);
    const changes = await workbookChanges();
    expect(changes).toContain(CHANGE_IT);
    expect(changes).toContain(RENAME_IT);
  });
});
