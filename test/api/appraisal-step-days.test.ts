/**
 * The day of each step of an appraisal form is the body's (Europe/Rome), as the Relazione dates its
 * moments (`momentDayText`): a step taken at 23:30 UTC in winter or at 22:30 UTC in summer is of the
 * next day in Rome, and the form's PDF and DOCX, in Italian and English, say that day, as the screen
 * does; so does the refusal of a second acknowledgement. Before, the documents printed the UTC day
 * the timestamp starts with.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { unpackZip } from '../../src/io/xlsx/zip.js';
import { SYSTEM } from '../../src/store/index.js';
import { pdfText } from '../support/files.js';
import { Client, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

/** Each step's moment (UTC) and the day it is in Rome. */
const ACKNOWLEDGED = '2024-01-31T23:30:00.000Z'; // winter, UTC+1: 1 February
const INTERVIEW = '2024-07-15T22:30:00.000Z'; // summer, UTC+2: 16 July
const EVALUATED = '2025-01-20T23:30:00.000Z'; // winter: 21 January
const ACCEPTED = '2025-03-31T22:30:00.000Z'; // summer time since 30 March: 1 April
const FINALISED = '2025-12-31T23:30:00.000Z'; // winter: 1 January 2026

describe.each<Backend>(['sqlite', 'postgres'])("the days of an appraisal form's steps on %s", (backend) => {
  let t: TestServer;
  let formId: string;
  const clients: Record<string, Client> = {};

  /** `step` taken at `at` (the server's clock set there for the request alone). */
  async function at<T>(moment: string, step: () => Promise<T>): Promise<T> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(moment));
    try {
      return await step();
    } finally {
      vi.useRealTimers();
    }
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    const planId = await t.importFixture();
    const hr = await t.as('personale');
    clients.hr = hr;
    const hash = await hashPassword(PASSWORD);
    const ids: Record<string, string> = {};
    for (const username of ['valutatrice', 'impiegata']) {
      const u = await t.server.store.createUser({ username, displayName: username, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
      if (!u.ok) throw new Error(u.error.message);
      ids[username] = u.value.id;
      clients[username] = new Client(t.url);
      await clients[username]!.login(username);
    }
    const unitId = (await t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    expect((await hr.request('PUT', '/api/smvp/2024', { document: exampleSmvpJson('Ente', 2024) })).status).toBe(200);
    const made = await hr.request('POST', '/api/appraisals', {
      year: 2024,
      personId: ids.impiegata,
      evaluatorId: ids.valutatrice,
      category: 'eq',
      planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31' }],
      objectives: [{ title: 'Pratiche evase', weight: 100, target: 10, state: 'measured', actual: 10 }],
    });
    expect(made.status, made.text).toBe(201);
    formId = made.body.id;
  });
  afterAll(async () => t?.close());

  it("refuses a second acknowledgement naming the first's day in Rome, in Italian and English", async () => {
    const evaluator = clients.valutatrice!;
    const form = (await evaluator.get(`/api/appraisals/${formId}`)).body;
    const first = await at(ACKNOWLEDGED, () => evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: form.version }));
    expect(first.status, first.text).toBe(200);
    expect(first.body.record.acknowledged.evaluator).toBe(ACKNOWLEDGED);
    for (const [lang, said] of [
      ['it', 'hai già preso visione degli obiettivi il 01/02/2024: la presa visione resta quella'],
      ['en', 'you already acknowledged the objectives on 01/02/2024: that acknowledgement stands'],
    ] as const) {
      const again = await evaluator.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: first.body.version }, { 'accept-language': lang });
      expect([again.status, again.body.error?.code, again.body.error?.message]).toEqual([409, 'already-acknowledged', said]);
    }
  });

  it("dates each step in the form's PDF and DOCX by Rome's day, in winter and in summer, in both languages", async () => {
    const { valutatrice: evaluator, impiegata: person, hr } = clients as Required<typeof clients>;
    let r = await evaluator!.get(`/api/appraisals/${formId}`);
    r = await person!.request('POST', `/api/appraisals/${formId}/actions`, { action: 'acknowledge', version: r.body.version });
    expect(r.status, r.text).toBe(200);
    r = await at(INTERVIEW, () => evaluator!.request('POST', `/api/appraisals/${formId}/actions`, { action: 'interview', version: r.body.version, note: 'a metà anno' }));
    expect(r.status, r.text).toBe(200);
    r = await evaluator!.request('PATCH', `/api/appraisals/${formId}`, { version: r.body.version, ratings: { C1: 4, C2: 4, C3: 4 } });
    expect(r.status, r.text).toBe(200);
    r = await at(EVALUATED, () => evaluator!.request('POST', `/api/appraisals/${formId}/actions`, { action: 'evaluate', version: r.body.version }));
    expect(r.status, r.text).toBe(200);
    r = await at(ACCEPTED, () => person!.request('POST', `/api/appraisals/${formId}/actions`, { action: 'accept', version: r.body.version }));
    expect(r.status, r.text).toBe(200);
    r = await at(FINALISED, () => hr!.request('POST', `/api/appraisals/${formId}/actions`, { action: 'finalise', version: r.body.version }));
    expect(r.status, r.text).toBe(200);
    expect(r.body.record).toMatchObject({ interview: { at: INTERVIEW }, evaluation: { at: EVALUATED }, acceptance: { at: ACCEPTED }, finalisedAt: FINALISED });

    for (const [lang, steps] of [
      ['it', ['Colloquio intermedio (16/07/2024): a metà anno', 'Valutazione: 21/01/2025', 'Accettazione: 01/04/2025', 'Definitiva: 01/01/2026']],
      ['en', ['Mid-year interview (16/07/2024): a metà anno', 'Evaluation: 21/01/2025', 'Acceptance: 01/04/2025', 'Final: 01/01/2026']],
    ] as const) {
      const document = async (format: 'pdf' | 'docx'): Promise<string> => {
        const reply = await fetch(`${t.url}/api/appraisals/${formId}/document?format=${format}&lang=${lang}`, { headers: { cookie: hr!.cookie! } });
        expect(reply.status).toBe(200);
        const bytes = new Uint8Array(await reply.arrayBuffer());
        if (format === 'pdf') return pdfText(bytes, { layout: false });
        const parts = unpackZip(bytes, { inflatedBytes: 64 * 1024 * 1024, entries: 100 });
        if (!(parts instanceof Map)) throw new Error('the DOCX does not unpack');
        return new TextDecoder().decode(parts.get('word/document.xml')).replace(/<[^>]+>/g, ' ');
      };
      for (const format of ['pdf', 'docx'] as const) {
        const text = (await document(format)).replace(/\s+/g, ' ');
        for (const step of steps) expect(text, `${lang} ${format}`).toContain(step);
        // The UTC days the timestamps start with are no step's.
        for (const utc of ['15/07/2024', '20/01/2025', '31/03/2025', '31/12/2025']) expect(text, `${lang} ${format}`).not.toContain(utc);
      }
    }
  });
});
