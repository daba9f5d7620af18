/**
 * A value changed after its approval, on SQLite and PostgreSQL: the approval is left behind, so
 * every reader says the value is to be reviewed again (the worklist with the approval it was changed
 * after, the review list's counts and filters, the value's thread, the dashboard, the work due, the
 * closing checklist, the dashboard's workbook), the trail says the approval was superseded by the
 * change (who, when), and the files the approval was given on may be corrected again, until the
 * value is approved anew. What leaves an approval standing: the value saved again exactly as it
 * stands (nothing written); what it refuses: a file added to the approved value.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf, upload } from '../support/files.js';
import { adopt, enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-09-30';
const MINE = 'B.1.1:5';

describe.each<Backend>(['sqlite', 'postgres'])('a value changed after its approval, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  const value = (): string => `/api/plans/${planId}/indicators/${enc(MINE)}/measurements/${PERIOD}`;
  const row = async (query = '') => (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}${query}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === MINE);
  const totals = async () => (await controller.get(`/api/plans/${planId}/dashboard`)).body.totals.find((r: { periodId: string }) => r.periodId === PERIOD);
  const closing = async () => (await controller.get(`/api/plans/${planId}/periods/${PERIOD}/closing-preview`)).body;
  const ids = (items: Array<{ indicatorId: string }>): string[] => items.map((i) => i.indicatorId);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    // Adopted: a draft plan has no work due.
    await adopt(planId, controller);
    referente = await t.as('referente');
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, { to: 'collecting' })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('puts the value back to review everywhere, says whose approval it left behind, and records the change on the trail', async () => {
    expect((await referente.request('PUT', value(), { state: 'measured', actual: 0.5, version: 0 })).status).toBe(200);
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(tinyPdf('Registro'))]), 'registro.pdf');
    const file = await referente.request('POST', `${value()}/attachments`, form);
    expect(file.status, file.text).toBe(201);
    const approved = await controller.request('POST', `${value()}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status, approved.text).toBe(201);
    expect(await row()).toMatchObject({ state: 'approved', supersededApproval: null });
    const before = await totals();
    expect(ids((await closing()).toReview)).not.toContain(MINE);
    // Refused, saying both ways the file can be removed: the value sent back, or changed (as this test then does).
    const kept = await referente.request('DELETE', `${value()}/attachments/${file.body.id}`, undefined, { 'accept-language': 'it' });
    expect([kept.status, kept.body.error.code]).toEqual([409, 'evidence-approved']);
    expect(kept.body.error.message).toContain(
      'resta allegato, come è stato approvato; si potrà togliere se il controllo di gestione rimanda indietro il valore con una richiesta di integrazione, o se il valore viene modificato (torna da rivedere)',
    );
    const keptEnglish = await referente.request('DELETE', `${value()}/attachments/${file.body.id}`, undefined, { 'accept-language': 'en' });
    expect(keptEnglish.body.error.message).toContain(
      'it stays attached, as it was approved; it can be removed once management control sends the value back with a request for more, or once the value is changed (it is then to be reviewed again)',
    );

    // The referente changes the approved figure.
    const changed = await referente.request('PUT', value(), { state: 'measured', actual: 0.6, version: 1 });
    expect(changed.status, changed.text).toBe(200);

    // The worklist: to review again, no current step, and the approval it was changed after.
    expect(await row()).toMatchObject({
      state: 'entered',
      version: 2,
      review: null,
      supersededApproval: { by: 'controller', byName: approved.body.byName, at: approved.body.at },
    });
    // The review list's filters and counts, the value's thread, the dashboard: all say the same.
    expect(await row('&state=approved')).toBeUndefined();
    expect(await row('&state=entered')).toMatchObject({ state: 'entered' });
    const thread = await referente.get(`${value()}/reviews`);
    expect(thread.body).toMatchObject({ state: 'entered', version: 2 });
    expect(thread.body.steps.map((s: { action: string; measurementVersion: number }) => [s.action, s.measurementVersion])).toEqual([['approve', 1]]);
    expect(await totals()).toMatchObject({ approved: before.approved - 1, toReview: before.toReview + 1 });
    const due = (await controller.get('/api/work-due')).body.items.find((i: { planId: string; periodId: string }) => i.planId === planId && i.periodId === PERIOD);
    expect(due.toReview).toBe(before.toReview + 1);

    // The closing checklist counts it as unreviewed, with the approval it was changed after.
    const preview = await closing();
    expect(preview.toReview.find((i: { indicatorId: string }) => i.indicatorId === MINE)).toMatchObject({ state: 'entered', supersededApproval: { by: 'controller' } });
    expect(preview.counts.approved).toBe(before.approved - 1);

    // The trail: the approval superseded by the change, by whoever changed it, in the reader's language.
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body;
    const superseded = trail.find((e: { action: string }) => e.action === 'supersede');
    expect(superseded).toMatchObject({
      user: 'referente',
      entity: 'review',
      entityId: `${MINE}@${PERIOD}`,
      before: { review: 'approve', version: 1, approvedBy: 'controller', approvedAt: approved.body.at },
      after: { review: 'to_review', version: 2 },
    });
    expect(superseded.message).toBe(
      `Review of the value of «N. partecipanti ad eventi organizzati sul PID» (B.1.1) at 30/09/2024 (approval superseded by a change of the value): outcome approved → to be reviewed; approved by controller → —`,
    );
    const italian = (await controller.request('GET', `/api/audit?planId=${planId}&indicator=${enc(MINE)}&lang=it`)).body.find((e: { action: string }) => e.action === 'supersede');
    expect(italian.message).toContain('(approvazione superata dalla modifica del valore): esito approvato → da rivedere');
    // Newest first: the change of the value, then the approval it superseded.
    expect(trail.findIndex((e: { action: string }) => e.action === 'approve')).toBeGreaterThan(trail.indexOf(superseded));

    // The files are no longer approved as they stand: the referente may correct them.
    const removed = await referente.request('DELETE', `${value()}/attachments/${file.body.id}`);
    expect(removed.status, removed.text).toBe(200);

    // Approved again, as it now is: approved everywhere, nothing superseded; a second change supersedes that approval.
    expect((await controller.request('POST', `${value()}/reviews`, { action: 'approve', version: 2 })).status).toBe(201);
    expect(await row()).toMatchObject({ state: 'approved', supersededApproval: null, review: { action: 'approve' } });
    expect(await totals()).toMatchObject({ approved: before.approved, toReview: before.toReview });
    expect((await referente.request('PUT', value(), { state: 'not_achieved', version: 2 })).status).toBe(200);
    expect(await row()).toMatchObject({ state: 'entered', supersededApproval: { by: 'controller' } });
    const supersedes = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(MINE)}`)).body.filter((e: { action: string }) => e.action === 'supersede');
    expect(supersedes.map((e: { before: { version: number } }) => e.before.version)).toEqual([2, 1]);
  });

  it('writes nothing when an approved value is saved again exactly as it stands; a change of its notes or source still leaves the approval behind', async () => {
    const indicator = 'B.1.1:2';
    const url = `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${PERIOD}`;
    const item = async () => (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === indicator);
    const trail = async () => (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(indicator)}`)).body as Array<{ action: string; entity: string }>;
    const first = await referente.request('PUT', url, { state: 'measured', actual: 17, source: 'Registro eventi', notes: 'Seminari e webinar', version: 0 });
    expect(first.status, first.text).toBe(200);
    expect(first.body.unchanged).toBe(false);
    const approved = await controller.request('POST', `${url}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status, approved.text).toBe(201);
    const trailBefore = await trail();

    // The same figure (written another way), the same source and notes, sent again or left out: nothing to write.
    for (const body of [
      { state: 'measured', actual: 17, source: 'Registro eventi', notes: 'Seminari e webinar', version: 1 },
      { state: 'measured', actual: '17,00', version: 1 },
    ]) {
      const again = await referente.request('PUT', url, body);
      expect(again.status, again.text).toBe(200);
      expect(again.body).toMatchObject({ unchanged: true, measurement: { version: 1, source: 'Registro eventi', notes: 'Seminari e webinar', enteredAt: first.body.measurement.enteredAt } });
      expect(again.body.changes.dataVersion).toBe(first.body.changes.dataVersion);
    }
    expect(await item()).toMatchObject({ state: 'approved', version: 1, supersededApproval: null, review: { action: 'approve' } });
    expect(await trail()).toEqual(trailBefore);
    // A stale version is still a conflict, the same value or not; it names who saved the value and when.
    const stale = await referente.request('PUT', url, { state: 'measured', actual: 17, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({
      version: 1,
      updatedBy: 'referente',
      updatedByName: first.body.measurement.enteredByName,
      updatedAt: first.body.measurement.enteredAt,
    });

    // A change of the notes alone, then of the source alone: a new version each, the approval left behind.
    const notes = await referente.request('PUT', url, { state: 'measured', actual: 17, notes: 'Seminari, webinar e incontri', version: 1 });
    expect(notes.body).toMatchObject({ unchanged: false, measurement: { version: 2 } });
    expect(await item()).toMatchObject({ state: 'entered', version: 2, supersededApproval: { by: 'controller' } });
    expect((await controller.request('POST', `${url}/reviews`, { action: 'approve', version: 2 })).status).toBe(201);
    const source = await referente.request('PUT', url, { state: 'measured', actual: 17, source: 'Protocollo', version: 2 });
    expect(source.body).toMatchObject({ unchanged: false, measurement: { version: 3, source: 'Protocollo' } });
    expect(await item()).toMatchObject({ state: 'entered', version: 3, supersededApproval: { by: 'controller' } });
    const after = await trail();
    expect(after.filter((e) => e.action === 'measure')).toHaveLength(3);
    expect(after.filter((e) => e.action === 'supersede')).toHaveLength(2);
  });

  it('refuses a file added to an approved value (409 evidence-approved, in Italian and English), storing nothing; changed, the value takes it', async () => {
    const indicator = 'B.1.1:3';
    const url = `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${PERIOD}`;
    expect((await referente.request('PUT', url, { state: 'measured', actual: 196, version: 0 })).status).toBe(200);
    const kept = await referente.request('POST', `${url}/attachments`, upload(tinyPdf('Assessment'), 'assessment.pdf'));
    expect(kept.status, kept.text).toBe(201);
    const approved = await controller.request('POST', `${url}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status, approved.text).toBe(201);
    const trailBefore = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc(indicator)}`)).body;

    const refused = await referente.request('POST', `${url}/attachments`, upload(tinyPdf('Altro verbale'), 'verbale.pdf'), { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'evidence-approved', details: { approvedBy: 'controller', approvedAt: approved.body.at } });
    expect(refused.body.error.message).toMatch(
      new RegExp(
        `^il valore è stato approvato da ${approved.body.byName} il \\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d con le evidenze che aveva: il file «verbale\\.pdf» non è stato allegato; si potrà allegare se il controllo di gestione rimanda indietro il valore con una richiesta di integrazione, o se il valore viene modificato \\(torna da rivedere\\)$`,
      ),
    );
    const english = await controller.request('POST', `${url}/attachments`, upload(tinyPdf('Altro verbale'), 'verbale.pdf'), { 'accept-language': 'en' });
    expect([english.status, english.body.error.code]).toEqual([409, 'evidence-approved']);
    expect(english.body.error.message).toContain(`the value was approved by ${approved.body.byName} on `);
    expect(english.body.error.message).toContain(
      'the file “verbale.pdf” was not attached; it can be attached once management control sends the value back with a request for more, or once the value is changed',
    );
    // Nothing stored: the one file approved, no attach on the trail.
    expect((await referente.get(`${url}/attachments`)).body.map((f: { name: string }) => f.name)).toEqual(['assessment.pdf']);
    expect((await controller.get(`/api/audit?planId=${planId}&indicator=${enc(indicator)}`)).body).toEqual(trailBefore);

    // Changed, the value is no longer approved as it stands: the file is attached.
    expect((await referente.request('PUT', url, { state: 'measured', actual: 197, version: 1 })).status).toBe(200);
    const added = await referente.request('POST', `${url}/attachments`, upload(tinyPdf('Altro verbale'), 'verbale.pdf'));
    expect(added.status, added.text).toBe(201);
  });

  it('says «da rivedere» in the dashboard workbook for a value changed after its approval, and whose approval it was, in the workbook’s language', async () => {
    const indicator = 'B.1.1:4';
    const url = `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${PERIOD}`;
    expect((await referente.request('PUT', url, { state: 'measured', actual: 12, version: 0 })).status).toBe(200);
    const approved = await controller.request('POST', `${url}/reviews`, { action: 'approve', version: 1 });
    expect(approved.status, approved.text).toBe(201);
    expect((await referente.request('PUT', url, { state: 'measured', actual: 13, version: 1 })).status).toBe(200);
    // Another value entered and never reviewed: plainly «compilato».
    const plain = 'A.1.1:1';
    expect((await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(plain)}/measurements/${PERIOD}`, { state: 'not_achieved', version: 0 })).status).toBe(200);
    const work = (await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body as { period: { label: string }; items: Array<{ indicatorId: string; node: string; indicator: string }> };
    const key = (id: string): string => {
      const i = work.items.find((it) => it.indicatorId === id)!;
      return `${work.period.label} ${i.node} ${i.indicator}`;
    };
    const states = async (lang: string, sheet: string, column = 6): Promise<Map<string, unknown>> => {
      const reply = await fetch(`${t.url}/api/plans/${planId}/dashboard/export?lang=${lang}`, { headers: { cookie: controller.cookie! } });
      expect(reply.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await reply.arrayBuffer()) as unknown as ExcelJS.Buffer);
      const rows = book.getWorksheet(sheet)!.getSheetValues().filter(Boolean) as unknown[][];
      // Period, node and indicator (the columns A, D and E) → state (F), or the note (H).
      return new Map(rows.map((r) => [`${String(r[1])} ${String(r[4])} ${String(r[5])}`, r[column]]));
    };
    const italian = await states('it', 'Da completare');
    expect([italian.get(key(indicator)), italian.get(key(plain))]).toEqual(['da rivedere', 'compilato']);
    const english = await states('en', 'To complete');
    expect([english.get(key(indicator)), english.get(key(plain))]).toEqual(['to be reviewed', 'entered']);
    // Whose approval it was changed after, and when (Italian time), as the worklist says it; nothing for the plain one.
    const moment = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
      .format(new Date(approved.body.at))
      .replace(',', '');
    const italianNotes = await states('it', 'Da completare', 8);
    expect([italianNotes.get(key(indicator)), italianNotes.get(key(plain)) ?? '']).toEqual([`modificato dopo l'approvazione di ${approved.body.byName} del ${moment}`, '']);
    const englishNotes = await states('en', 'To complete', 8);
    expect(englishNotes.get(key(indicator))).toBe(`changed after the approval by ${approved.body.byName} on ${moment}`);
  });

  it('leaves the trail alone when a value changes that was never approved, or was sent back', async () => {
    const other = `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/measurements/${PERIOD}`;
    expect((await referente.request('PUT', other, { state: 'measured', actual: 3, version: 0 })).status).toBe(200);
    expect((await referente.request('PUT', other, { state: 'measured', actual: 4, version: 1 })).status).toBe(200);
    expect((await controller.request('POST', `${other}/reviews`, { action: 'return', note: 'Manca la fonte', version: 2 })).status).toBe(201);
    expect((await referente.request('PUT', other, { state: 'measured', actual: 5, source: 'Protocollo', version: 2 })).status).toBe(200);
    const trail = (await controller.get(`/api/audit?planId=${planId}&indicator=${enc('B.1.1:1')}`)).body;
    expect(trail.filter((e: { action: string }) => e.action === 'supersede')).toEqual([]);
    expect((await controller.get(`/api/plans/${planId}/worklist?period=${PERIOD}`)).body.items.find((i: { indicatorId: string }) => i.indicatorId === 'B.1.1:1')).toMatchObject({
      state: 'entered',
      supersededApproval: null,
      correctedRequest: { note: 'Manca la fonte' },
    });
  });
});
