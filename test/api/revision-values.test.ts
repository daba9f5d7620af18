/**
 * Deleting an objective or an indicator inside a revision, through HTTP on SQLite and PostgreSQL:
 * the referente has entered B.1.1's values in June (then closed) and September (with an evidence
 * file, approved by the controller), and discussed them with the office in both periods; the year
 * end holds the imported actuals. The deletion first says what the open periods would lose (409,
 * Italian or English, nothing deleted) and is done only with `removeValues=true`; then the register
 * and the audit trail keep each removed value (period, indicator, value, who entered it, its files
 * by SHA-256, its review), the public's register never shows them, and the closed June period reads
 * as it was closed. A locked period loses nothing: an objective whose closed June keeps an evidence
 * file is deleted going forward, June keeps the file (byte for byte), its value and every thread,
 * read-only; reopened, June is read under the plan as it is now and its closing's record stays.
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
const A212 = 'A.2.1:2';
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
    // The discussion on the record: June's before the closing, September's in the open period.
    ok(await referente.request('POST', `${value(B111, JUNE)}/comments`, { body: 'Dato di giugno dal registro eventi' }), 201);
    ok(await controller.request('POST', `${value(B111, JUNE)}/comments`, { body: 'Verificato sul registro, grazie' }), 201);
    ok(await referente.request('POST', `${value(B111, SEPTEMBER)}/comments`, { body: 'Il verbale di settembre è allegato' }), 201);
    ok(await controller.request('POST', `${value(A31, JUNE)}/comments`, { body: 'Presenze dal foglio firme' }), 201);
    for (const to of ['collecting', 'closed']) ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to, acknowledgeUnreviewed: true }));
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
    expect(audit.message).toContain(
      'valori tolti dai periodi aperti: «Grado di coinvolgimento delle imprese in attività di…» (B.1.1) al 30/09/2024 12,00% (inserito da referente; 1 documento di evidenza)',
    );
    const english = (await controller.get(`/api/audit?planId=${planId}&node=B.1.1&lang=en`)).body.find((e: any) => e.action === 'delete' && e.entity === 'node');
    expect(english.message).toContain(
      'values removed from the open periods: «Grado di coinvolgimento delle imprese in attività di…» (B.1.1) at 30/09/2024 12.00% (entered by referente; 1 evidence file)',
    );
  });

  it('leaves the closed June period as it was closed', async () => {
    const june = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    expect(figures(june)).toEqual(figures(juneTree));
    expect(indicatorOf(june, B111)).toMatchObject({ state: 'measured', source: SOURCE });
    // Still nothing changed against its closing: the revision did not rewrite it.
    expect((await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body).toEqual(juneClosing);
  });

  it("keeps every thread of a deleted objective, the closed period's value among its records, read-only for the same readers", async () => {
    const change = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === 'B.1.1');
    // June's value (closed) and the three comments of June and September were kept, not removed.
    expect(change.before.keptRecords).toEqual({ values: 1, files: 0, comments: 3 });
    const audit = (await controller.get(`/api/audit?planId=${planId}&node=B.1.1&lang=it`)).body.find((e: any) => e.action === 'delete' && e.entity === 'node');
    expect(audit.message).toMatch(/; conservati com'erano: 1 valore dei periodi chiusi o validati, 3 commenti$/);
    for (const reader of [controller, referente]) {
      const june = await reader.get(`${value(B111, JUNE)}/comments`);
      expect(june.status, june.text).toBe(200);
      expect(june.body.map((c: any) => [c.author, c.body])).toEqual([
        ['referente', 'Dato di giugno dal registro eventi'],
        ['controller', 'Verificato sul registro, grazie'],
      ]);
      const september = await reader.get(`${value(B111, SEPTEMBER)}/comments`);
      expect(september.body.map((c: any) => c.body)).toEqual(['Il verbale di settembre è allegato']);
    }
    // The tree of the closed June still counts them beside the value, as it was closed.
    const juneNow = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    expect(indicatorOf(juneNow, B111)).toMatchObject({ state: 'measured', source: SOURCE });
    // and names them as deleted since, for the screen to show their threads read-only; the public reads the same.
    const deletedIds = juneNow.objectives.flatMap((o: any) => (o.code === 'B.1.1' ? o.indicators.map((i: any) => i.id) : []));
    expect(deletedIds).toContain(B111);
    expect(juneNow.closing.deletedIndicators).toEqual(deletedIds);
    expect((await anyone.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body.closing.deletedIndicators).toEqual(deletedIds);
    // Read-only: the thread of an indicator no longer in the plan takes no new comment, said in either language.
    const more = await referente.request('POST', `${value(B111, JUNE)}/comments`, { body: 'Ancora una nota' }, { 'accept-language': 'it' });
    expect(more.status, more.text).toBe(409);
    expect(more.body.error).toMatchObject({ code: 'indicator-deleted' });
    expect(more.body.error.message).toMatch(/^l'indicatore B\.1\.1:1 è stato eliminato dal piano: /);
    expect((await controller.get(`${value(B111, JUNE)}/comments`)).body).toHaveLength(2);
    // The public reads no thread, kept or not.
    expect((await anyone.get(`${value(B111, JUNE)}/comments`)).status).toBe(401);
    // September, open and holding no value any more, keeps the kept thread: a period with a conversation is not deleted.
    const september = await controller.request('DELETE', `/api/plans/${planId}/periods/${SEPTEMBER}`);
    expect(september.status, september.text).toBe(409);
    expect(september.body.error.details).toMatchObject({ reason: 'has-comments', comments: 1 });
  });

  it('deletes an objective whose closed period keeps evidence files: the period keeps them, byte for byte, and reads as it was closed', async () => {
    const before = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    const deleted = await controller.request('DELETE', `/api/plans/${planId}/nodes/A.3?removeValues=true`);
    expect(deleted.status, deleted.text).toBe(200);
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.3')).toBeUndefined();
    const change = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === 'A.3');
    expect(change.before.keptRecords).toEqual({ values: 1, files: 1, comments: 1 });
    const audit = (await controller.get(`/api/audit?planId=${planId}&node=A.3&lang=en`)).body.find((e: any) => e.action === 'delete' && e.entity === 'node');
    expect(audit.message).toMatch(/; kept as they were: 1 value and 1 evidence file of closed or validated periods, 1 comment$/);
    // June, closed, is read from its closing: the same tree, A.3's value with it.
    const june = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    expect(figures(june)).toEqual(figures(before));
    expect(indicatorOf(june, A31)).toMatchObject({ state: 'measured' });
    const files = (await controller.get(`${value(A31, JUNE)}/attachments`)).body;
    expect(files.map((f: any) => [f.name, f.sha256])).toEqual([['presenze-giugno.pdf', createHash('sha256').update(juneFile).digest('hex')]]);
    const download = await fetch(`${controller.base}${value(A31, JUNE)}/attachments/${files[0].id}`, { headers: { cookie: controller.cookie! } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(juneFile))).toBe(true);
    expect((await controller.get(`${value(A31, JUNE)}/comments`)).body.map((c: any) => c.body)).toEqual(['Presenze dal foglio firme']);
    // Nobody removes or adds a file of it: the record is read-only.
    const removal = await controller.request('DELETE', `${value(A31, JUNE)}/attachments/${files[0].id}`);
    expect(removal.status, removal.text).toBe(409);
    expect(removal.body.error.message).toMatch(/^the indicator A\.3:1 was deleted from the plan: /);
    expect((await controller.request('POST', `${value(A31, JUNE)}/attachments`, upload(tinyPdf('Altro'), 'altro.pdf'))).status).toBe(409);
    expect((await controller.get(`${value(A31, JUNE)}/attachments`)).body).toHaveLength(1);
  });

  it("reopened, reads June under the plan as it is now, and keeps its closing's record of what was deleted", async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'collecting', reason: 'rettifica dei dati di giugno' }));
    const june = (await controller.get(`/api/plans/${planId}/tree?period=${JUNE}`)).body;
    // The revision deleted B.1.1 and A.3 going forward: the reopened period neither scores them nor takes their values.
    expect(objective(june, 'B.1.1')).toBeUndefined();
    expect(objective(june, 'A.3')).toBeUndefined();
    const put = await controller.request('PUT', value(A31, JUNE), { state: 'measured', actual: 6, version: 1 });
    expect(put.status).toBe(404);
    // What its closing held is said against it: the objectives the reopened period no longer has, with their performance.
    const since = (await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body;
    expect(since.changes.filter((c: any) => c.kind === 'objective-removed').map((c: any) => c.code)).toEqual(expect.arrayContaining(['A.3', 'B.1.1']));
    expect(since.changes.find((c: any) => c.kind === 'indicator-removed' && c.code === 'A.3')).toMatchObject({ params: { beforeTarget: '10', beforeUnit: 'number' } });
    // A.3's June value, 5 against a target of 10, scored 0%: the performance June had, and has no more.
    expect(since.changes.find((c: any) => c.kind === 'performance' && c.code === 'A.3')).toMatchObject({ before: 0, after: null });
    // Beside each deleted indicator's definition, the value its deletion kept, as the closing had it, with who entered it.
    const keptOf = (doc: any, code: string) => doc.changes.filter((c: any) => c.kind === 'indicator-removed' && c.code === code).map((c: any) => [c.indicator, c.keptValue]);
    const at = (iso: string) => expect.stringMatching(new RegExp(`^${iso}`));
    expect(keptOf(since, 'A.3')).toEqual([
      [indicatorOf(juneTree, A31).name, { state: 'measured', actual: 5, actualText: '5', enteredBy: 'controller', enteredByName: 'controller', enteredAt: at('20') }],
    ]);
    // B.1.1's first indicator had June's value; the others none, and nothing was kept of them.
    const b11 = keptOf(since, 'B.1.1');
    expect(b11[0]).toEqual([indicatorOf(juneTree, B111).name, { state: 'measured', actual: 7, actualText: '7.00%', enteredBy: 'referente', enteredByName: 'referente', enteredAt: at('20') }]);
    expect(b11.slice(1).map(([, kept]: any) => kept)).toEqual(b11.slice(1).map(() => undefined));
    // The table's text in the reader's language: the percent as the Italian table prints it.
    const italian = (await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true&lang=it`)).body;
    expect(keptOf(italian, 'B.1.1')[0][1]).toMatchObject({ actual: 7, actualText: '7,00%' });
    // The OIV reads it too; the public, reading the reopened June once its values are published, never.
    expect(keptOf((await (await t.as('oiv')).get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body, 'A.3')[0][1]).toMatchObject({ enteredBy: 'controller' });
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/publication`, { published: true }));
    const publicSince = await anyone.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`);
    ok(publicSince);
    expect(keptOf(publicSince.body, 'A.3')).toEqual([[indicatorOf(juneTree, A31).name, undefined]]);
    expect(publicSince.text).not.toContain('keptValue');
    expect(publicSince.text).not.toContain('referente');
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/publication`, { published: false }));
    // And the kept records stay where they were: files, threads, still read-only.
    expect((await controller.get(`${value(A31, JUNE)}/attachments`)).body.map((f: any) => f.name)).toEqual(['presenze-giugno.pdf']);
    expect((await referente.get(`${value(B111, JUNE)}/comments`)).body).toHaveLength(2);
    expect((await controller.request('POST', `${value(A31, JUNE)}/comments`, { body: 'riaperto' })).status).toBe(409);
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
    expect((await controller.get(`${value(A31, JUNE)}/attachments`)).body.map((f: any) => f.name)).toEqual(['presenze-giugno.pdf']);
  });

  it("gives a new indicator an id of its own, never a deleted one's with kept records", async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/nodes`, { code: 'A.3', title: 'Obiettivo nuovo', parent: 'A' }), 201);
    const added = await controller.request('POST', `/api/plans/${planId}/nodes/A.3/indicators`, { name: 'Nuovo', weight: 100, comparator: '>=', target: 1, unit: 'number' });
    ok(added, 201);
    expect(added.body.id).not.toBe(A31);
    expect((await controller.get(`${value(added.body.id, JUNE)}/attachments`)).body).toEqual([]);
    expect((await controller.get(`${value(A31, JUNE)}/attachments`)).body).toHaveLength(1);
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
    // Added and deleted inside the revision, it is no change of the plan: the register leaves it out, the trail keeps its deletion, without removed values.
    expect((await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.filter((c: any) => c.entityId === added.body.id)).toEqual([]);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(added.body.id)}`)).body;
    const plain = trail.find((e: any) => e.entity === 'indicator' && e.action === 'delete');
    expect(Object.keys(plain.before)).not.toContain('removedValues');
  });
  it("shows, once a reopened period's indicator is deleted with its value, the value its closing froze, and the register and the audit trail say what was removed", async () => {
    // June's answering rate, entered and closed, then June reopened: the revision deletes the indicator from an open period.
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'collecting', reason: 'rettifica dei dati di giugno' }));
    ok(await controller.request('PUT', value(A212, JUNE), { state: 'measured', actual: 55.5, source: SOURCE, version: 0 }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'collecting', reason: 'seconda rettifica di giugno' }));
    const refused = await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc(A212)}`);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error.details.periods).toEqual([
      { period: JUNE, label: '30/06/2024', values: 1, files: 0 },
      { period: YEAR_END, label: '31/12/2024', values: 1, files: 0 },
    ]);
    ok(await controller.request('DELETE', `/api/plans/${planId}/indicators/${enc(A212)}?removeValues=true`));

    // The register and the audit trail keep June's value as removed from an open period, with who entered it.
    const change = (await controller.get(`/api/plans/${planId}/revisions/1`)).body.changes.find((c: any) => c.entityId === A212);
    expect(change.before.removedValues.map((e: any) => [e.period, e.value.actual, e.value.enteredBy])).toEqual([
      [JUNE, { kind: 'number', value: '55.5' }, 'controller'],
      [YEAR_END, expect.anything(), expect.anything()],
    ]);
    const audit = (lang: string) => controller.get(`/api/audit?planId=${planId}&indicator=${enc(A212)}&lang=${lang}`);
    const deletion = (entries: any[]) => entries.find((e: any) => e.action === 'delete' && e.entity === 'indicator');
    expect(deletion((await audit('it')).body).before.removedValues).toEqual(change.before.removedValues);
    expect(deletion((await audit('it')).body).message).toContain(
      `valori tolti dai periodi aperti: «Capacità di risposta dello sportello internazionalizzazione» (A.2.1) al 30/06/2024 55,50% (inserito da controller)`,
    );
    expect(deletion((await audit('en')).body).message).toContain(
      `values removed from the open periods: «Capacità di risposta dello sportello internazionalizzazione» (A.2.1) at 30/06/2024 55.50% (entered by controller)`,
    );

    // Against its closing, the reopened June shows beside the deleted definition the value the closing froze, marked as the closing's.
    const closingOf = (doc: any) => doc.changes.filter((c: any) => c.kind === 'indicator-removed' && c.code === 'A.2.1').map((c: any) => [c.indicator, c.keptValue, c.closingValue]);
    const since = (await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body;
    const name = indicatorOf(juneTree, A212).name;
    expect(closingOf(since)).toEqual([
      [name, undefined, { state: 'measured', actual: 55.5, actualText: '55.50%', enteredBy: 'controller', enteredByName: 'controller', enteredAt: expect.stringMatching(/^20\d\d-/) }],
    ]);
    const italian = (await controller.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true&lang=it`)).body;
    expect(closingOf(italian)[0][2]).toMatchObject({ actual: 55.5, actualText: '55,50%' });
    // The other indicators deleted before, with nothing at the closing, show nothing.
    expect(since.changes.filter((c: any) => c.closingValue !== undefined).map((c: any) => c.code)).toEqual(['A.2.1']);
    // The OIV reads it; the public, reading the reopened June once its values are published, never.
    expect(closingOf((await (await t.as('oiv')).get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`)).body)[0][2]).toMatchObject({ enteredBy: 'controller' });
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/publication`, { published: true }));
    const publicSince = await anyone.get(`/api/plans/${planId}/changes?period=${JUNE}&againstClosing=true`);
    ok(publicSince);
    expect(closingOf(publicSince.body)).toEqual([[name, undefined, undefined]]);
    expect(publicSince.text).not.toContain('closingValue');
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/publication`, { published: false }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/${JUNE}/transition`, { to: 'closed', acknowledgeUnreviewed: true }));
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
      // What the deletion kept counts the internal discussion: the office's, not the public's.
      expect(Object.keys(deleted.before), path).not.toContain('keptRecords');
      expect(register.text, path).not.toContain('verbale-settembre.pdf');
      expect(register.text, path).not.toContain('referente');
    }
    const page = await anyone.get(`/api/plans/${planId}/export?format=html`);
    expect(page.status, page.text).toBe(200);
    expect(page.text).toContain('Obiettivo B.1.1 eliminato');
    expect(page.text).not.toContain('valori tolti');
    expect(page.text).not.toContain('conservati com');
  });
});
