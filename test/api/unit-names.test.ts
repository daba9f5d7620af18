/**
 * An objective given to an organisation unit, as the audit trail and the register of revisions say
 * it, on SQLite and PostgreSQL: «struttura — → Ufficio Digitale», not the unit's id (before, the OIV
 * read «struttura — → 4f0c…» on the trail, the register and the report's chapter of revisions). The
 * name is the one the unit had when the change was made: renamed later, the register stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeText } from '../../src/messages/changes.js';
import { REFERENTE_UNIT, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])("a unit's name in the trail and the register on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  it('says the unit an objective was given to by its name, as it was then, in Italian and English', async () => {
    const plan = `/api/plans/${planId}`;
    expect((await controller.request('POST', `${plan}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } })).status).toBe(200);
    expect((await controller.request('POST', `${plan}/revisions`, { reason: 'nuove responsabilità' })).status).toBe(201);
    const given = await controller.request('PATCH', `${plan}/nodes/A.3`, { unit: REFERENTE_UNIT });
    expect(given.status, given.text).toBe(200);
    // Renamed afterwards: what was recorded keeps the name of the moment.
    const admin = await t.as('admin');
    const unit = ((await admin.get('/api/units')).body as Array<{ id: string; name: string; version: number }>).find((u) => u.name === REFERENTE_UNIT)!;
    expect((await admin.request('PATCH', `/api/units/${unit.id}`, { name: 'Ufficio Transizione Digitale', version: unit.version })).status).toBe(200);

    const trail = async (lang: 'it' | 'en') => ((await controller.get(`/api/audit?planId=${planId}&node=A.3&lang=${lang}`)).body as Array<{ message: string }>)[0]!.message;
    expect(await trail('it')).toBe(`Obiettivo A.3 «Sostegno alle aggregazioni e collaborazioni tra imprese»: struttura — → ${REFERENTE_UNIT}`);
    expect(await trail('en')).toBe(`Objective A.3 «Sostegno alle aggregazioni e collaborazioni tra imprese»: organisational unit — → ${REFERENTE_UNIT}`);
    // The register, as the web's panel and the reports say each change (one sentence maker).
    const register = (await controller.get(`${plan}/revisions`)).body as Array<{ changes: Parameters<typeof changeText>[0][] }>;
    expect(register[0]!.changes.map((c) => changeText(c, 'it'))).toEqual([`Obiettivo A.3: struttura — → ${REFERENTE_UNIT}`]);
    const report = await controller.get(`${plan}/export?format=html`);
    expect(report.status).toBe(200);
    expect(report.text).toContain(`Obiettivo A.3: struttura — → ${REFERENTE_UNIT}`);
    expect(report.text).not.toContain(unit.id);
  });
});
