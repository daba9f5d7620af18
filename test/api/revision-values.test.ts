/**
 * Deleting an objective or an indicator inside a revision, through HTTP on SQLite and PostgreSQL:
 * the referente has entered B.1.1's values in June (then closed) and September (with an evidence
 * file, approved by the controller); the year end holds the imported actuals. The deletion first
 * says what the open periods would lose (409, Italian or English, nothing deleted) and is done only
 * with `removeValues=true`; then the register and the audit trail keep each removed value (period,
 * indicator, value, who entered it, its files by SHA-256, its review), the public's register never
 * shows them, and the closed June period reads as it was closed. A closed period's evidence files
 * are never lost: while one keeps files of the objective, the deletion is refused (423).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf, upload } from '../support/files.js';
import { enc, figures, indicatorOf, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const JUNE = '2024-06-30';
const SEPTEMBER = '2024-09-30';
const YEAR_END = '2024-12-31';
const B111 = 'B.1.1:1';
const A31 = 'A.3:1';
const SOURCE = 'Registro eventi PID';

describe.each<Backend>(['sqlite', 'postgres'])('values a deletion takes in a revision, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  let anyone: Client;
  const pdf = tinyPdf('Verbale eventi settembre');
  const juneFile = tinyPdf('Registro presenze giugno');
  let juneTree: any;
  let juneClosing: any;
  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
  const value = (indicator: string, period: string) => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}`;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    referente = await t.as('referente');
    anyone = await t.as('public');
    // The referente's work on B.1.1 (their unit's objective): June, then September with a file the controller approves.
    ok(await referente.request('PUT', value(B111, JUNE), { state: 'measured', actual: 7, source: SOURCE, version: 0 }));
    ok(await referente.request('PUT', value(B111, SEPTEMBER), { state: 'measured', actual: 12, source: SOURCE, version: 0 }));
    ok(await referente.request('POST', `${value(B111, SEPTEMBER)}/attachments`, upload(pdf, 'verbale-settembre.pdf')), 201);
    ok(await controller.request('POST', `${value(B111, SEPTEMBER)}/reviews`, { action: 'approve', version: 1 }), 201);
    // A.3's June value with its evidence: June closes with the file in it.
    ok(await controller.request('PUT', value(A31, JUNE), { state: 'measured', actual: 5, version: 0 }));
    ok(await controller.request('POST', `${value(A31, JUNE)}/attachments`, upload(juneFile, 'presenze-giugno.pdf')), 201);
    for (const to of ['collecting', 'closed']) ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to }));
    juneTree = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    juneClosing = (await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body;
    ok(await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } }));
    ok(await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Rimodulazione di metà anno', date: '2024-07-15' }), 201);
  });
  afterAll(async () => t?.close());

  it('says what the open periods would lose, in Italian and English, and deletes nothing until confirmed', async () => {
    const yearEnd = objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'B.1.1').indicators.filter((i: any) => i.state !== 'not_measured').length;
    expect(yearEnd).toBe(5);
    const refused = await controller.request('DELETE', `/api/plans/${planId}/nodes/B.1.1`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'values-to-remove',
      details: {
        values: 1 + yearEnd,
        files: 1,
        // June is closed: it keeps its values in its closing, and is not among what is lost.
        periods: [
          { period: SEPTEMBER, values: 1, files: 1 },
          { period: YEAR_END, values: yearEnd, files: 0 },
        ],
      },
    });
    expect(refused.body.error.message).toMatch(/^the deletion removes 6 values and 1 evidence file of periods still open \(30\/09\/2024 and 31\/12\/2024\): confirm/);
    const italian = await controller.request('DELETE', `/api/plans/${planId}/nodes/B.1.1`, undefined, { 'accept-language': 'it' });
    expect(italian.body.error.message).toMatch(/^l'eliminazione toglie 6 valori e 1 documento di evidenza dei periodi ancora aperti \(30\/09\/2024 e 31\/12\/2024\): conferma/);
    // A flag that is neither true nor false is said at its field, not read as "no".
    const typo = await controller.request('DELETE', `/api/plans/${planId}/nodes/B.1.1?removeValues=yes`);
    expect(typo.status).toBe(400);
    expect(typo.body.error.issues.map((i: any) => i.location?.field)).toEqual(['removeValues']);

    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${SEPTEMBER}`)).body;
    expect(indicatorOf(tree, B111)).toMatchObject({ state: 'measured', source: SOURCE });
    expect((await controller.get(`${value(B111, SEPTEMBER)}/attachments`)).body).toHaveLength(1);
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes).toEqual([]);
  });

  it('deletes with removeValues=true and keeps every removed value on the register and the audit trail', async () => {
    ok(await controller.request('DELETE', `/api/plans/${planId}/nodes/B.1.1?removeValues=true`));
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'B.1.1')).toBeUndefined();

    const change = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === 'B.1.1');
    expect(change).toMatchObject({ action: 'delete', entity: 'node', user: 'controller' });
    const removed = change.before.removedValues;
    expect(removed.map((e: any) => [e.period, e.indicator])).toEqual([[SEPTEMBER, B111], ...[1, 2, 3, 4, 5].map((n) => [YEAR_END, `B.1.1:${n}`])]);
    expect(removed[0]).toMatchObject({
      periodLabel: '30/09/2024',
      value: { state: 'measured', actual: { kind: 'number', value: '12' }, source: SOURCE, enteredBy: 'referente' },
      files: [{ name: 'verbale-settembre.pdf', sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.length, uploadedBy: 'referente' }],
      review: { action: 'approve', by: 'controller' },
    });
    // The closed June value is not removed by the revision: it is not listed.
    expect(removed.some((e: any) => e.period === JUNE)).toBe(false);

    const audit = (await controller.get(`/api/audit?planId=${planId}&node=B.1.1&lang=it`)).body.find((e: any) => e.action === 'delete' && e.entity === 'node');
    expect(audit.before.removedValues).toEqual(removed);
    expect(audit.reason).toMatch(/^variazione n. 1/);
    expect(audit.message).toContain('valori tolti dai periodi aperti: B.1.1:1 al 30/09/2024 12 (inserito da referente; 1 documento di evidenza)');
    const english = (await controller.get(`/api/audit?planId=${planId}&node=B.1.1&lang=en`)).body.find((e: any) => e.action === 'delete' && e.entity === 'node');
    expect(english.message).toContain('values removed from the open periods: B.1.1:1 at 30/09/2024 12 (entered by referente; 1 evidence file)');
  });

  it('leaves the closed June period as it was closed', async () => {
    const june = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    expect(figures(june)).toEqual(figures(juneTree));
    expect(indicatorOf(june, B111)).toMatchObject({ state: 'measured', source: SOURCE });
    // Still nothing changed against its closing: the revision did not rewrite it.
    expect((await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body).toEqual(juneClosing);
  });

  it('refuses to delete an objective while a closed period keeps its evidence files, and keeps them', async () => {
    const refused = await controller.request('DELETE', `/api/plans/${planId}/nodes/A.3?removeValues=true`, undefined, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(423);
    expect(refused.body.error).toMatchObject({ code: 'locked-evidence', details: { period: JUNE, files: 1 } });
    expect(refused.body.error.message).toMatch(/^il periodo 30\/06\/2024 è chiuso e conserva 1 documento di evidenza/);
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.3')).toBeDefined();
    const files = (await controller.get(`${value(A31, JUNE)}/attachments`)).body;
    expect(files.map((f: any) => f.name)).toEqual(['presenze-giugno.pdf']);
    const refusedIndicator = await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc(A31)}?removeValues=true`);
    expect(refusedIndicator.status).toBe(423);
    expect(refusedIndicator.body.error.message).toMatch(/^the period 30\/06\/2024 is closed and keeps 1 evidence file/);
  });

  it('asks the same for one indicator, and deletes one holding no value at once', async () => {
    const refused = await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc('B.2.2:2')}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toMatchObject({ values: 1, files: 0, periods: [{ period: YEAR_END, values: 1, files: 0 }] });
    expect(indicatorOf((await controller.get(`/api/plans/${planId}/tree`)).body, 'B.2.2:2')).toBeDefined();
    ok(await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc('B.2.2:2')}?removeValues=true`));
    const change = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === 'B.2.2:2');
    expect(change.before.removedValues).toEqual([
      expect.objectContaining({ period: YEAR_END, indicator: 'B.2.2:2', value: expect.objectContaining({ state: 'measured', actual: { kind: 'number', value: '0' } }), files: [], review: null }),
    ]);

    const added = await controller.request('POST', `/api/plans/${planId}/nodes/B.2.2/indicators`, { name: 'Nuovo indicatore', weight: 10, comparator: '>=', target: 1, unit: 'number' });
    ok(added, 201);
    ok(await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc(added.body.id)}`));
    const plain = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === added.body.id && c.action === 'delete');
    expect(Object.keys(plain.before)).not.toContain('removedValues');
  });
  // Last: it approves the revision the other cases add their changes to.
  it('shows the public the deletion once approved but never the removed values, nor who entered them, in the register and in one revision', async () => {
    // Still open, the revision is the office's draft: nothing of it reaches the public.
    expect((await anyone.get(`/api/plans/${planId}/revisions`)).body).toEqual([]);
    expect((await anyone.get(`/api/plans/${planId}/revisions/1`)).status).toBe(404);
    ok(await controller.request('POST', `/api/plans/${planId}/revisions/1/approve`, {}));
    for (const path of [`/api/plans/${planId}/revisions`, `/api/plans/${planId}/revisions/1`]) {
      const register = await anyone.get(path);
      expect(register.status, path).toBe(200);
      const changes = Array.isArray(register.body) ? register.body[0].changes : register.body.changes;
      const deleted = changes.find((c: any) => c.entityId === 'B.1.1');
      expect(deleted.user, path).toBeNull();
      expect(Object.keys(deleted.before), path).not.toContain('removedValues');
      expect(register.text, path).not.toContain('verbale-settembre.pdf');
      expect(register.text, path).not.toContain('referente');
    }
    const page = await anyone.get(`/api/plans/${planId}/export?format=html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Obiettivo B.1.1 eliminato');
    expect(page.text).not.toContain('valori tolti');
  });
});
