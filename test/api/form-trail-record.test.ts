/**
 * A form's record complete, on SQLite and PostgreSQL. The trail says what each step recorded (the
 * acknowledgements' days, the interview's note, the score and band given, the contest's reason, the
 * conciliation's outcome and note), in Italian and English; and the form's PDF and DOCX print the
 * trail («Registro delle modifiche» / "Trail of changes"), oldest first, in the document's language,
 * each entry with when, who, what, why and before → after in the trail's own words.
 */
import { describe, expect, it } from 'vitest';
import { computedAtText, momentDayText } from '../../src/core/messages/index.js';
import { docxText, pdfText } from '../support/files.js';
import { formPlanKit } from './form-plans.js';
import { Client, type Backend } from './harness.js';

interface Said {
  at: string;
  action: string;
  userName: string | null;
  reason: string | null;
  what: string;
  changes: { field: string; before: string; after: string }[];
}

describe.each<Backend>(['sqlite', 'postgres'])("a form's record complete, on %s", (backend) => {
  const { server, people, plan, smvp } = formPlanKit(backend);
  const objectives = [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }];

  /** A form of `body` moved to a second plan with a reason, its objective changed, then taken through every step to a conciliation. */
  const recordedForm = async (tag: string, body: string): Promise<{ id: string; score: number; band: string }> => {
    const { t, hr } = server;
    const first = await plan(body, `Piano di ${tag}`);
    const second = await plan(body, `Piano di ${tag}, secondo`);
    await smvp(body);
    const who = await people(tag);
    const person = new Client(t.url);
    const evaluator = new Client(t.url);
    await person.login(`persona-${tag}`);
    await evaluator.login(`valutatore-${tag}`);
    const made = await hr.request('POST', '/api/appraisals', { year: 2024, ...who, category: 'eq', planId: first, objectives });
    expect(made.status, made.text).toBe(201);
    const id = String(made.body.id);
    let version = Number(made.body.version);
    const step = async (client: Client, body: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST') => {
      const r = await client.request(method, `/api/appraisals/${id}${method === 'POST' ? '/actions' : ''}`, { ...body, version });
      expect(r.status, r.text).toBe(200);
      version = Number(r.body.version);
      return r.body;
    };
    await step(hr, { planId: second, reason: 'delibera n. 3' }, 'PATCH');
    await step(hr, { objectives: [{ ...objectives[0], actual: 0.5 }] }, 'PATCH');
    await step(evaluator, { action: 'acknowledge' });
    await step(person, { action: 'acknowledge' });
    await step(evaluator, { action: 'interview', note: 'Colloquio svolto a luglio' });
    await step(evaluator, { ratings: { C1: 3, C2: 3, C3: 3 } }, 'PATCH');
    const evaluated = await step(evaluator, { action: 'evaluate' });
    await step(person, { action: 'contest', reason: 'Il giudizio C1 non tiene conto del progetto' });
    await step(hr, { action: 'conciliate', outcome: 'confirmed', note: 'Sentite le parti' });
    await step(await t.as('admin'), { action: 'reopen', reason: 'Errore materiale nel giudizio' });
    return { id, score: evaluated.result.score, band: evaluated.result.band.label };
  };

  const said = async (id: string, lang: 'it' | 'en'): Promise<Said[]> => {
    const r = await server.hr.get(`/api/appraisals/${id}/trail?lang=${lang}`);
    expect(r.status, r.text).toBe(200);
    return r.body;
  };

  it("lists what each step recorded as changes in the trail's words, Italian and English", async () => {
    const { id, score, band } = await recordedForm('registro', 'Comune di Registro');
    const two = (lang: 'it' | 'en') => (lang === 'it' ? score.toFixed(2).replace('.', ',') : score.toFixed(2));
    for (const lang of ['it', 'en'] as const) {
      const entries = await said(id, lang);
      expect(entries.map((e) => e.action)).toEqual(['create', 'plan-changed', 'update', 'acknowledge', 'acknowledge', 'interview', 'update', 'evaluate', 'contest', 'conciliate', 'reopen']);
      const day = (i: number) => momentDayText(entries[i]!.at);
      const change = (i: number, field: string) => entries[i]!.changes.find((c) => c.field === field);
      const w =
        lang === 'it'
          ? {
              ack: 'Presa visione degli obiettivi',
              interview: 'Colloquio intermedio',
              evaluation: 'Valutazione',
              contest: 'Contestazione',
              conciliation: 'Conciliazione',
              final: 'Scheda definitiva',
              reopenings: 'Riaperture',
            }
          : {
              ack: 'Objectives acknowledged',
              interview: 'Mid-year interview',
              evaluation: 'Evaluation',
              contest: 'Contest',
              conciliation: 'Conciliation',
              final: 'Form final',
              reopenings: 'Reopenings',
            };
      expect(change(3, w.ack)).toEqual({ field: w.ack, before: '—', after: lang === 'it' ? `valutato —, valutatore ${day(3)}` : `appraisee —, evaluator ${day(3)}` });
      expect(change(4, w.ack)).toEqual({
        field: w.ack,
        before: lang === 'it' ? `valutato —, valutatore ${day(3)}` : `appraisee —, evaluator ${day(3)}`,
        after: lang === 'it' ? `valutato ${day(4)}, valutatore ${day(3)}` : `appraisee ${day(4)}, evaluator ${day(3)}`,
      });
      expect(change(5, w.interview)).toEqual({ field: w.interview, before: '—', after: `${day(5)}: Colloquio svolto a luglio` });
      const given = lang === 'it' ? `${day(7)}: punteggio ${two(lang)}, fascia «${band}»` : `${day(7)}: score ${two(lang)}, band “${band}”`;
      expect(change(7, w.evaluation)).toEqual({ field: w.evaluation, before: '—', after: given });
      expect(change(8, w.contest)).toEqual({ field: w.contest, before: '—', after: `${day(8)}: Il giudizio C1 non tiene conto del progetto` });
      const outcome = lang === 'it' ? 'valutazione confermata' : 'appraisal confirmed';
      expect(change(9, w.conciliation)).toEqual({ field: w.conciliation, before: '—', after: `${day(9)}: ${outcome} — Sentite le parti` });
      expect(change(9, w.final)).toEqual({ field: w.final, before: '—', after: day(9) });
      // A reopening by the administrator: its reason kept, the outcome it undid said gone.
      expect(change(10, w.reopenings)).toEqual({ field: w.reopenings, before: '—', after: `${day(10)}: Errore materiale nel giudizio` });
      expect(change(10, w.conciliation)).toEqual({ field: w.conciliation, before: `${day(9)}: ${outcome} — Sentite le parti`, after: '—' });
      expect(change(10, w.final)).toEqual({ field: w.final, before: day(9), after: '—' });
      expect(change(10, w.evaluation)).toBeUndefined();
      // A step says only what it changed: the interview's entry names no evaluation, the contest's no interview.
      expect(change(5, w.evaluation)).toBeUndefined();
      expect(change(8, w.interview)).toBeUndefined();
      // Each note or reason said once: a step's in its dated change, not again as the entry's reason; the plan's change keeps its reason.
      expect(entries.map((e) => e.reason)).toEqual([null, 'delibera n. 3', null, null, null, null, null, null, null, null, null]);
      // Titles and bands quoted as the reader's language quotes them.
      if (lang === 'en') expect(JSON.stringify(entries)).not.toMatch(/[«»]/);
      else expect(JSON.stringify(entries)).not.toMatch(/[“”]/);
    }
  }, 120_000);

  it('prints the trail in the PDF and DOCX, oldest first, in the words of the trail, Italian and English', async () => {
    const { t, hr } = server;
    const { id } = await recordedForm('stampa', 'Comune di Stampa');
    const file = async (format: 'pdf' | 'docx', lang: 'it' | 'en'): Promise<string> => {
      const reply = await fetch(`${t.url}/api/appraisals/${id}/document?format=${format}&lang=${lang}`, { headers: { cookie: hr.cookie! } });
      expect(reply.status, format).toBe(200);
      const bytes = new Uint8Array(await reply.arrayBuffer());
      return format === 'pdf' ? pdfText(bytes, { layout: false }).replace(/\s+/g, ' ') : docxText(bytes);
    };
    for (const lang of ['it', 'en'] as const) {
      const entries = await said(id, lang);
      const fixed =
        lang === 'it'
          ? {
              heading: 'Registro delle modifiche',
              reason: 'Motivo: delibera n. 3',
              plan: 'Piano: «Piano di stampa» → «Piano di stampa, secondo»',
              objectives: 'Obiettivi individuali: «Archivio digitale» (peso 100%, target ≥ 1, consuntivo 1) → «Archivio digitale» (peso 100%, target ≥ 1, consuntivo 0,50)',
              created: `${computedAtText(new Date(entries[0]!.at), 'it')} — personale: Scheda creata`,
            }
          : {
              heading: 'Trail of changes',
              reason: 'Reason: delibera n. 3',
              plan: 'Plan: “Piano di stampa” → “Piano di stampa, secondo”',
              objectives: 'Individual objectives: “Archivio digitale” (weight 100%, target ≥ 1, actual 1) → “Archivio digitale” (weight 100%, target ≥ 1, actual 0.50)',
              created: `${computedAtText(new Date(entries[0]!.at), 'en')} — personale: Form created`,
            };
      for (const format of ['pdf', 'docx'] as const) {
        const text = await file(format, lang);
        const where = `${lang} ${format}`;
        for (const words of Object.values(fixed)) expect(text, where).toContain(words);
        // Every entry as the trail says it, in the order it was made: when, who, what; the reason; each change before → after.
        let from = text.indexOf(fixed.heading);
        expect(from, where).toBeGreaterThan(-1);
        for (const e of entries) {
          const head = `${computedAtText(new Date(e.at), lang)} — ${e.userName}: ${e.what}`;
          const at = text.indexOf(head, from);
          expect(at, `${where}: ${head}`).toBeGreaterThan(from);
          from = at;
          for (const c of e.changes) expect(text.indexOf(`${c.field}: ${c.before} → ${c.after}`, at), `${where}: ${c.field}`).toBeGreaterThan(at);
          if (e.reason !== null) expect(text.indexOf(`${lang === 'it' ? 'Motivo' : 'Reason'}: ${e.reason}`, at), where).toBeGreaterThan(at);
        }
        // Each step's note or reason printed once in the trail, in its change, never as a reason.
        const trail = text.slice(text.indexOf(fixed.heading));
        // (The contest and the conciliation are said again as the reopening undoes them.)
        for (const [note, times] of [
          ['Colloquio svolto a luglio', 1],
          ['Il giudizio C1 non tiene conto del progetto', 2],
          ['Sentite le parti', 2],
          ['Errore materiale nel giudizio', 1],
        ] as const) {
          expect(trail.split(note).length - 1, `${where}: ${note}`).toBe(times);
          expect(trail, where).not.toContain(`${lang === 'it' ? 'Motivo' : 'Reason'}: ${note}`);
        }
        // Before the signatures: what is signed includes the trail.
        expect(text.indexOf(lang === 'it' ? 'Firma del valutatore' : 'Evaluator’s signature'), where).toBeGreaterThan(from);
      }
    }
  }, 240_000);
});
