/**
 * The OIV's validated values checked against each other, through HTTP on SQLite and PostgreSQL.
 * In the 2024 plan A.2 is 30% a trend (100) and 70% the mean of its operational objectives A.2.1
 * (80) and A.2.2 (100): 93. Validating A.2.1 at 75,5 makes A.2 30 + 0,7 × 87,75 = 91,425, so A.2
 * validated at 85 beside it contradicts the plan's rules: refused at its row, in the reader's
 * language, unless the OIV confirms the difference as deliberate; then the Relazione's validation
 * chapter and the documento di validazione (HTML, DOCX through LibreOffice, PDF through poppler)
 * state it with the value the children give and the OIV's note. A parent the OIV left alone follows
 * its validated children.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, pdfText } from '../support/files.js';
import { reviewValues, startWithTheOiv, YEAR_END } from '../support/relazione-oiv.js';
import { enc, objective, type Backend, type Client, type TestServer } from './harness.js';

const CHILD = { code: 'A.2.1', validated: '75,5', note: 'Lo sportello ha risposto al 40% delle richieste, non al 50%.' };
const DELIBERATE_NOTE = "L'OIV ritiene il trend delle imprese assistite non attendibile: A.2 vale 85.";

describe.each<Backend>(['sqlite', 'postgres'])("the OIV's validated values against each other, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => ({ t, planId, controller, oiv } = await startWithTheOiv(backend, 'transmitted')));
  afterAll(async () => t?.close());

  const review = (values: unknown[], language?: string) => reviewValues(oiv, planId, values, language);

  it('refuses a parent validated at a value its validated children do not give, at its row, in either language, storing nothing', async () => {
    const values = [CHILD, { code: 'A.2', validated: 85, note: 'Valutazione complessiva.' }];
    const english = await review(values);
    expect(english.status, english.text).toBe(422);
    expect(english.body.error).toMatchObject({ code: 'invalid', details: { field: 'values.1.validated' } });
    expect(english.body.error.message).toBe(
      "A.2 is validated at 85.00%, but its objectives, as validated and by the plan's rules, give 91.43%: validate it at that value, or confirm that the difference is deliberate (with the reason in the note)",
    );
    expect(english.body.error.issues).toEqual([
      expect.objectContaining({ location: { field: 'values.1.validated' }, params: expect.objectContaining({ code: 'A.2', validated: 85, fromChildren: 91.43 }) }),
    ]);
    const italian = await review(values, 'it');
    expect(italian.status).toBe(422);
    expect(italian.body.error.message).toBe(
      'A.2 è validato al 85,00%, ma dai suoi obiettivi, con i valori validati e le regole del piano, risulta 91,43%: validarlo a quel valore, o confermare che la differenza è voluta (motivandola nella nota)',
    );
    // The area above is checked too: A validated beside A.2.1 at a value its objectives do not give.
    const area = await review([CHILD, { code: 'A', validated: 95, note: 'Area.' }]);
    expect(area.status, area.text).toBe(422);
    expect(area.body.error.details).toMatchObject({ field: 'values.1.validated' });
    expect((await oiv.get(`/api/plans/${planId}/relazione`)).body.values).toEqual([]);
  });

  it('takes a parent that agrees with its children, and one the OIV validates without validating its children', async () => {
    const agreeing = await review([CHILD, { code: 'A.2', validated: '91,43', note: 'Coerente con A.2.1.' }]);
    expect(agreeing.status, agreeing.text).toBe(200);
    expect(agreeing.body.values).toEqual([
      { code: 'A.2.1', validated: 75.5, note: CHILD.note, deliberate: false, fromChildren: null, reported: 80 },
      { code: 'A.2', validated: 91.43, note: 'Coerente con A.2.1.', deliberate: false, fromChildren: 91.43, reported: 93 },
    ]);
    // An operational objective scored by its own indicators alone may be validated at any value (with its note),
    // and so may a parent none of whose objectives is validated: it differs from the reported value alone,
    // which the documents print beside it, and nothing validated contradicts it.
    const leaf = await review([{ code: 'A.2.2', validated: 60, note: 'Percorsi non documentati.' }]);
    expect(leaf.status, leaf.text).toBe(200);
    const alone = await review([{ code: 'B.1', validated: '50,5', note: 'Il trend dei partecipanti non è documentato.' }]);
    expect(alone.status, alone.text).toBe(200);
    expect(alone.body.values).toEqual([{ code: 'B.1', validated: 50.5, note: 'Il trend dei partecipanti non è documentato.', deliberate: false, fromChildren: null, reported: 56 }]);
  });

  it('makes a parent the OIV did not validate follow its validated children', async () => {
    const reply = await review([CHILD]);
    expect(reply.status, reply.text).toBe(200);
    // A.2 from 93 to 91,425; its area A (the mean of A.1…A.5) with it.
    const following = reply.body.following as { code: string; reported: number; following: number }[];
    expect(following.map((f) => f.code)).toEqual(['A', 'A.2']);
    expect(following.find((f) => f.code === 'A.2')).toEqual({ code: 'A.2', reported: 93, following: 91.43 });
    const area = following.find((f) => f.code === 'A')!;
    expect(area.following).toBeLessThan(area.reported);
    const html = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;
    expect(html).toMatch(/A\.2 Internazionalizzazione[^<]*<\/th>(?:(?!<\/tr>).)*93,00%(?:(?!<\/tr>).)*91,43%(?:(?!<\/tr>).)*segue i valori validati dei suoi obiettivi/s);
  });

  it('takes the difference confirmed as deliberate, and the Relazione and the documento di validazione state it with the note', async () => {
    const reply = await review([CHILD, { code: 'A.2', validated: 85, note: DELIBERATE_NOTE, deliberate: true }]);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.values[1]).toEqual({ code: 'A.2', validated: 85, note: DELIBERATE_NOTE, deliberate: true, fromChildren: 91.43, reported: 93 });
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.values[1]).toMatchObject({ deliberate: true, fromChildren: 91.43, reported: 93 });

    const sentence =
      "A.2: l'OIV lo ha validato al 85,00%, mentre dai suoi obiettivi, con i valori validati e le regole del piano, risulterebbe 91,43%. L'OIV ha confermato che la differenza è voluta; la sua nota: «L'OIV ritiene il trend delle imprese assistite non attendibile: A.2 vale 85.».";
    const download = async (path: string): Promise<ArrayBuffer> => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie: controller.cookie! } });
      expect(res.status).toBe(200);
      return res.arrayBuffer();
    };
    const flat = (text: string): string => text.replace(/\s+/g, ' ').replace(/[’‘]/g, "'");
    for (const what of ['export', 'validation']) {
      expect(flat(pdfText(new Uint8Array(await download(`/api/plans/${planId}/relazione/${what}?format=pdf`)), { layout: false })), `${what} PDF`).toContain(sentence);
      expect(flat(docxText(await download(`/api/plans/${planId}/relazione/${what}?format=docx`))), `${what} DOCX`).toContain(sentence);
    }
  }, 240_000);
});

describe("the OIV's validation re-checks its values against the year end as closed again", () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  beforeAll(async () => ({ t, planId, controller, oiv } = await startWithTheOiv('sqlite')));
  afterAll(async () => t?.close());

  it('refuses to validate a parent its children no longer give after a correction, at its row', async () => {
    const period = (to: string, reason?: string) =>
      controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
    for (const to of ['collecting', 'closed']) expect((await period(to)).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'yes' }));
    // A.2.2 confirmed at its reported 100, A.2 at its reported 93: they agree, with A.2.1 at 80.
    const values = [
      { code: 'A.2.2', validated: 100, note: 'Confermato.' },
      { code: 'A.2', validated: 93, note: 'Confermato.' },
    ];
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: '', reservations: '', checklist, values, version: current.version })).status).toBe(200);

    // The office reopens the year end and corrects A.2.1 (its answering rate 50% → 70%: A.2.1 at 100, A.2 at 100).
    expect((await period('collecting', 'dato dello sportello corretto')).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    const rate = objective(tree, 'A.2.1').indicators.find((i: any) => i.name === 'Capacità di risposta dello sportello internazionalizzazione');
    expect((await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(rate.id)}/measurements/${YEAR_END}`, { state: 'measured', actual: 70, version: rate.version })).status).toBe(200);
    expect((await period('closed')).status).toBe(200);

    const refused = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }, { 'accept-language': 'it' });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.error.details).toMatchObject({ field: 'values.1.validated' });
    expect(refused.body.error.message).toContain('A.2 è validato al 93,00%, ma dai suoi obiettivi, con i valori validati e le regole del piano, risulta 100,00%');
    expect((await oiv.get(`/api/plans/${planId}/relazione`)).body).toMatchObject({ state: 'transmitted', frozen: false });
  });
});
