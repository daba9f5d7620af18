/**
 * The Relazione's comparison with last year reads what the OIV validated, through HTTP on SQLite
 * and PostgreSQL. The 2024 plan is adopted, closed and its Relazione transmitted with a validated
 * value for A.3 (80 where 100 was reported); the 2025 plan, made from it, has its year end closed.
 * Before the OIV decides on 2024, the 2025 Relazione compares with the reported figures and says
 * they are not validated; once validated — at 23:30 UTC on 31 December 2025, which is 1 January
 * 2026 in Rome — with what the OIV validated, dated as Rome's calendar does; and a revision of the
 * 2024 plan and a correction of its year end after the validation move nothing in any output
 * (HTML, PDF, DOCX in LibreOffice, /trasparenza, JSON).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { docxText, pdfText } from '../support/files.js';
import { flat, sectionOf } from '../support/page-words.js';
import { closedYearAndNext, correctA3, enc, objective, relazioneNotValidatedPublished, transmitAndReview, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END_2024 = '2024-12-31';
/** The OIV's validation: the last half hour of 2025 in UTC, already 1 January 2026 in Rome. */
const VALIDATED_AT = '2025-12-31T23:30:00.000Z';
const VALIDATED_NOTE = "Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2024 validata il 01/01/2026).";
const NOT_VALIDATED_NOTE = "Dati dell'anno precedente non validati dall'OIV (la Relazione 2024 non è ancora stata validata)";

/** The comparison's table and what is said under it, from its caption to the next chapter: in any format's words. */
const comparison = (text: string): string => sectionOf(text, "Confronto con l'anno precedente per area");

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's comparison with a year the OIV validated, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let admin: Client;
  let citizen: Client;
  beforeAll(async () => {
    // 2024: adopted, its year end closed, the Relazione transmitted and reviewed (A.3 validated at 80).
    const review = [{ code: 'A.3', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }];
    ({ t, before, planId, controller, oiv, admin, citizen } = await closedYearAndNext(backend, { publish: true, review }));
    // 2025: its Relazione decided on and published, for the public.
    await relazioneNotValidatedPublished(planId, controller, oiv);
  });
  afterAll(async () => {
    vi.useRealTimers();
    await t?.close();
  });

  const download = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie: controller.cookie! } });
    expect(res.status, path).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  /** The 2025 comparison in every output: the office's HTML, PDF and DOCX, the public's pages, and the API's answer. */
  async function outputs(): Promise<Record<string, string>> {
    const export_ = `/api/plans/${planId}/relazione/export`;
    const found: Record<string, string> = {
      html: comparison(flat((await controller.get(`${export_}?format=html`)).text)),
      pdf: comparison(pdfText(await download(`${export_}?format=pdf`), { layout: false })),
      docx: comparison(docxText(await download(`${export_}?format=docx`))),
    };
    for (const path of [`/trasparenza/${planId}/relazione.html`, `${export_}?format=html`]) {
      const page = await citizen.get(path);
      expect(page.status, path).toBe(200);
      found[`public ${path}`] = comparison(flat(page.text));
    }
    const json = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    found.json = JSON.stringify({ generated: json.generated.confronto, previousYear: json.previousYear });
    return found;
  }

  it('compares with the reported figures until the OIV validates, then with what it validated, which nothing done to 2024 since moves', async () => {
    // Not validated yet: last year's reported figures (A.3 at 100%), said as not validated.
    const reported = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    expect(reported.previousYear).toEqual({
      year: 2024,
      source: { kind: 'reported', relazione: 'transmitted' },
      text: {
        it: `${NOT_VALIDATED_NOTE}: sono i valori rendicontati, che una correzione del piano dell'anno precedente può ancora cambiare.`,
        en: "Previous year's figures not validated by the OIV (the 2024 Relazione is not validated yet): they are the reported values, which a correction of the previous year's plan may still change.",
      },
    });
    const html = comparison(flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text));
    expect(html).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*100,00%/);
    expect(html).toContain(NOT_VALIDATED_NOTE);

    // Validated by the OIV late on New Year's Eve (UTC): in Rome, already 1 January 2026.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(VALIDATED_AT));
    const validated = await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated' });
    vi.useRealTimers();
    expect(validated.status, validated.text).toBe(200);
    expect(validated.body.decidedAt).toBe(VALIDATED_AT);

    const first = await outputs();
    for (const [name, text] of Object.entries(first)) {
      if (name === 'json') continue;
      // A.3 as the OIV validated it (80%), not as reported (100%); the area above it follows.
      expect(text, name).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*80,00%/);
      expect(text, name).not.toContain('100,00%');
      expect(text, name).toContain(VALIDATED_NOTE);
      expect(text, name).not.toContain('non validati');
    }
    const answer = JSON.parse(first.json!);
    expect(answer.previousYear).toEqual({
      year: 2024,
      source: { kind: 'validated', at: VALIDATED_AT, reservations: false },
      text: { it: VALIDATED_NOTE, en: "Previous year's figures: the values validated by the OIV (the 2024 Relazione validated on 01/01/2026)." },
    });

    // After the validation, 2024 goes on: its year end reopened by the administrator, a revision
    // raising A.3's target, its value corrected, the year end closed again.
    expect((await admin.request('POST', `/api/plans/${before}/periods/${YEAR_END_2024}/transition`, { to: 'collecting', reason: 'correzione dopo la validazione' })).status).toBe(200);
    const opened = await controller.request('POST', `/api/plans/${before}/revisions`, { reason: 'Target di A.3 rivisto' });
    expect(opened.status, opened.text).toBe(201);
    const a3 = objective((await controller.get(`/api/plans/${before}/tree?period=${YEAR_END_2024}`)).body, 'A.3').indicators[0];
    const target = await controller.request('PATCH', `/api/plans/${before}/indicators/${enc(a3.id)}`, { target: 500, version: a3.definitionVersion });
    expect(target.status, target.text).toBe(200);
    const approved = await controller.request('POST', `/api/plans/${before}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2025-05-20' } });
    expect(approved.status, approved.text).toBe(200);
    const fresh = objective((await controller.get(`/api/plans/${before}/tree?period=${YEAR_END_2024}`)).body, 'A.3').indicators[0];
    const corrected = await controller.request('PUT', `/api/plans/${before}/indicators/${enc(fresh.id)}/measurements/${YEAR_END_2024}`, { state: 'measured', actual: 50, version: fresh.version });
    expect(corrected.status, corrected.text).toBe(200);
    expect((await controller.request('POST', `/api/plans/${before}/periods/${YEAR_END_2024}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    // 2024 as it stands now reads otherwise (50 against a target of 500: nowhere near 80%)…
    expect(objective((await controller.get(`/api/plans/${before}/tree?period=${YEAR_END_2024}`)).body, 'A.3').performance).toBeLessThan(50);
    // …and the comparison of 2025 keeps what the OIV validated, everywhere.
    expect(await outputs()).toEqual(first);

    // The register of 2024 dates the validation as Rome's calendar does.
    const report = flat((await controller.get(`/api/plans/${before}/export?format=html&lang=it`)).text);
    expect(report).toContain(`Variazione n. ${opened.body.number} approvata dopo la validazione della Relazione del 01/01/2026`);
  }, 180_000); // two DOCX converted by LibreOffice, on a machine others share
});

/**
 * This year's Relazione validated while last year's is not: its comparison, part of what the OIV
 * validated, keeps last year's figures as they were then, whatever last year's correction or
 * validation does after.
 */
describe.each<Backend>(['sqlite', 'postgres'])("a validated Relazione's comparison, when last year changes after it, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  beforeAll(async () => {
    ({ t, before, planId, controller, oiv, citizen } = await closedYearAndNext(backend, { publish: true }));
  });
  afterAll(async () => t?.close());

  /** The 2025 comparison as the office's export, the public page and the API's answer give it. */
  const read = async (): Promise<Record<string, string>> => {
    const page = await citizen.get(`/trasparenza/${planId}/relazione.html`);
    expect(page.status).toBe(200);
    const json = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    return {
      html: comparison(flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text)),
      public: comparison(flat(page.text)),
      json: JSON.stringify({ generated: json.generated.confronto, previousYear: json.previousYear }),
    };
  };

  it('keeps the comparison it was validated with, through a correction and a validation of last year', async () => {
    // 2025 validated and published while 2024's Relazione is a draft: compared with 2024 as reported.
    await transmitAndReview(planId, controller, oiv);
    const validated = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(validated.status, validated.text).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    const first = await read();
    expect(first.html).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*100,00%/);
    expect(first.html).toContain("Dati dell'anno precedente non validati dall'OIV (la Relazione 2024 non è ancora stata validata)");
    expect(JSON.parse(first.json!).previousYear.source).toEqual({ kind: 'reported', relazione: 'draft' });

    // 2024 corrected (its year end reopened, A.3 at 1 against 10), then its Relazione validated with A.3 at 80.
    await correctA3(before, controller, controller, 1, 'correzione');
    expect(await read()).toEqual(first);
    await transmitAndReview(before, controller, oiv, [{ code: 'A.3', validated: 80, note: 'Valore rivisto.' }]);
    expect((await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated' })).status).toBe(200);
    expect(await read()).toEqual(first);
  });
});
