/**
 * The year's Relazione through HTTP, on SQLite and on PostgreSQL: the controller writes a section
 * and transmits (only once the year-end period is closed); the OIV fills the checklist, records a
 * validated value differing from the reported one, and validates with a reservation; afterwards
 * the Relazione and its figures are frozen (423). Who may move which state; the public reads
 * nothing before publication, and never an internal note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextYearClosed, relazioneNotValidatedPublished, startTestServer, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const HOSTILE = '<script>alert(1)</script>';

interface FixtureWorld {
  readonly t: TestServer;
  readonly planId: string;
  readonly controller: Client;
  readonly oiv: Client;
  readonly referente: Client;
  readonly anyone: Client;
}

/** A server on `backend` with the fixture plan imported, and a client for each role the tests play. */
async function fixtureWorld(backend: Backend): Promise<FixtureWorld> {
  const t = await startTestServer(backend);
  return { t, planId: await t.importFixture(), controller: await t.as('controller'), oiv: await t.as('oiv'), referente: await t.as('referente'), anyone: await t.as('public') };
}

/** The Relazione's sentence on the body's overall performance, as a reader gets it. */
async function overall(who: Client, path: string): Promise<string> {
  const reply = await who.get(path);
  expect(reply.status, reply.text).toBe(200);
  const sentence = /La performance organizzativa complessiva dell&#39;ente, [^<]*/.exec(reply.text)?.[0];
  expect(sentence, reply.text.slice(0, 300)).toBeDefined();
  return sentence!;
}

describe.each<Backend>(['sqlite', 'postgres'])('the Relazione and its validation over HTTP on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let referente: Client;
  let anyone: Client;
  beforeAll(async () => void ({ t, planId, controller, oiv, referente, anyone } = await fixtureWorld(backend)));
  afterAll(async () => t?.close());

  const relazione = async (): Promise<any> => (await controller.get(`/api/plans/${planId}/relazione`)).body;
  const move = (who: Client, to: string) => who.request('POST', `/api/plans/${planId}/relazione/transition`, { to, confirmEmpty: true });

  it('starts as a draft with the sentences written from the data and the default checklist', async () => {
    const r = await relazione();
    expect(r).toMatchObject({ state: 'draft', texts: {}, version: 0, published: false, publishedPeriods: [] });
    expect(r.generated['performance-ente']).toContain('Dei 45 obiettivi misurati, 36 sono in fascia verde (80,00%), 4 in fascia gialla (8,89%) e 5 in fascia rossa (11,11%).');
    expect(r.checklist.map((p: any) => p.label)).toEqual([
      'Coerenza della Relazione con il Piano (obiettivi, indicatori, target)',
      'Attendibilità dei dati e delle informazioni',
      'Evidenze documentali a supporto dei valori rendicontati',
      'Chiarezza e comprensibilità della Relazione per i cittadini',
    ]);
    expect((await anyone.get(`/api/plans/${planId}/relazione`)).status).toBe(401);
  });

  it('lets the office write its sections, with optimistic versions, and nobody else', async () => {
    const texts = { 'contesto-esterno': `## Territorio\nUn anno **difficile**. ${HOSTILE}`, sintesi: 'La sintesi scritta dall’ufficio.' };
    const written = await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts, version: 0 });
    expect(written.status, written.text).toBe(200);
    expect(written.body).toMatchObject({ texts, version: 1 });
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts, version: 0 })).status).toBe(409);
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: { intro: 'x' }, version: 1 })).status).toBe(400);
    for (const who of [oiv, referente]) expect((await who.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts, version: 1 })).status).toBe(403);
    const html = await controller.get(`/api/plans/${planId}/relazione/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.text).not.toContain(HOSTILE);
    expect(html.text).toContain('<strong>difficile</strong>');
    expect(html.text).toContain('La sintesi scritta dall’ufficio.');
    const docx = await controller.get(`/api/plans/${planId}/relazione/export?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // The fixture's title already ends in its year: the name says it once.
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="relazione-albero-performance-2024.docx"');
    expect((await controller.get(`/api/plans/${planId}/relazione/export?format=odt`)).status).toBe(400);
  });

  it('is transmitted by the office only once the year-end period is closed, never by the OIV', async () => {
    const early = await move(controller, 'transmitted');
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('period-not-closed');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await move(oiv, 'transmitted')).status).toBe(403);
    expect((await move(referente, 'transmitted')).status).toBe(403);
    expect((await move(controller, 'validated')).status).toBe(409);
    // Sections only the office writes, left empty, would reach the OIV as «Sezione non ancora compilata»: asked first.
    const empty = { it: '', en: '' };
    for (const language of ['it', 'en'] as const) {
      const unconfirmed = await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted' }, { 'accept-language': language });
      expect(unconfirmed.status, unconfirmed.text).toBe(422);
      expect(unconfirmed.body.error.code).toBe('invalid');
      expect(unconfirmed.body.error.details).toEqual({
        field: 'texts.presentazione',
        sections: ['presentazione', 'contesto-interno', 'risorse', 'performance-individuale', 'processo'],
      });
      empty[language] = unconfirmed.body.error.message;
    }
    expect(empty).toEqual({
      // The sections by the titles the screen shows them under (messages/relazione.ts), in each language.
      it: "le sezioni «1.1 Presentazione», «2.2 L’organizzazione», «2.3 Le risorse umane ed economiche», «5 La performance individuale», «6 Il processo di redazione» sono vuote: l'OIV leggerebbe «Sezione non ancora compilata»; scriverle, o confermare la trasmissione così",
      en: 'the sections «1.1 Presentation», «2.2 The organisation», «2.3 Human and financial resources», «5 Individual performance», «6 How the report was written» are empty: the OIV would read «Sezione non ancora compilata» (section not written yet); write them, or confirm the transmission as it is',
    });
    expect((await relazione()).state).toBe('draft');
    const sent = await move(controller, 'transmitted');
    expect(sent.status, sent.text).toBe(200);
    expect(sent.body.state).toBe('transmitted');
    // With the OIV, the office's texts wait.
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: {}, version: sent.body.version })).status).toBe(409);
  });

  it("takes the OIV's review and decision, and freezes the Relazione and its figures", async () => {
    const r = await relazione();
    const checklist = r.checklist.map((p: any, i: number) => ({ ...p, outcome: i === 1 ? 'partly' : 'yes', note: i === 1 ? 'Evidenze parziali per B.1' : '' }));
    const review = {
      note: 'Relazione chiara e completa.',
      reservations: 'Il valore di **B.1** non è supportato da evidenze.',
      checklist,
      values: [
        // Typed with its sign, as a percent is everywhere else (before: refused as no percent).
        { code: 'B.1', validated: '50,5%', note: 'Evidenza mancante per un indicatore' },
        // The reported value itself, confirmed with a note: listed, but not as a different one.
        { code: 'A.5.1', validated: 0, note: 'Confermato in assenza di evidenze' },
      ],
      version: r.version,
    };
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/review`, review)).status).toBe(403);
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { ...review, values: [{ code: 'Z.9', validated: 1, note: 'x' }] })).status).toBe(422);
    const reviewed = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, review);
    expect(reviewed.status, reviewed.text).toBe(200);
    expect(reviewed.body.values).toEqual([
      { code: 'B.1', validated: 50.5, note: 'Evidenza mancante per un indicatore', deliberate: false, fromChildren: null, reported: 56 },
      { code: 'A.5.1', validated: 0, note: 'Confermato in assenza di evidenze', deliberate: false, fromChildren: null, reported: 0 },
    ]);
    // The trail says the review in the reader's words: each point by its label and outcome, not by the stored keys.
    const said = async (language: 'it' | 'en'): Promise<string> => {
      const reply = await controller.request('GET', `/api/audit?planId=${planId}&limit=1`, undefined, { 'accept-language': language });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body[0]).toMatchObject({ entity: 'relazione', action: 'review' });
      return reply.body[0].message;
    };
    const [italian, english] = [await said('it'), await said('en')];
    expect(italian).toContain(
      'verifiche «Coerenza della Relazione con il Piano (obiettivi, indicatori, target)»: non valutato, «Attendibilità dei dati e delle informazioni»: non valutato, «Evidenze documentali a supporto dei valori rendicontati»: non valutato, «Chiarezza e comprensibilità della Relazione per i cittadini»: non valutato → «Coerenza della Relazione con il Piano (obiettivi, indicatori, target)»: sì, «Attendibilità dei dati e delle informazioni»: in parte (Evidenze parziali per B.1), «Evidenze documentali a supporto dei valori rendicontati»: sì, «Chiarezza e comprensibilità della Relazione per i cittadini»: sì; valori validati — → B.1 50,5% (Evidenza mancante per un indicatore)',
    );
    expect(english).toContain("(the OIV's review): ");
    expect(english).toContain('«Attendibilità dei dati e delle informazioni»: partly (Evidenze parziali per B.1)');
    expect(english).toContain('validated values — → B.1 50.5% (Evidenza mancante per un indicatore)');
    for (const sentence of [italian, english]) expect(sentence).not.toMatch(/label:|outcome:|code:/);
    expect((await move(controller, 'validated_with_reservations')).status).toBe(403);
    // The OIV's account carries the name the validation document prints beside the decision.
    const admin = await t.as('admin');
    const oivAccount = (await admin.get('/api/users')).body.find((u: any) => u.username === 'oiv');
    expect((await admin.request('PATCH', `/api/users/${oivAccount.id}`, { displayName: 'Maria Rossi' })).status).toBe(200);
    const decided = await move(oiv, 'validated_with_reservations');
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ state: 'validated_with_reservations', decidedBy: 'oiv', frozen: true });

    // Frozen: texts, review, moves and the year-end values.
    expect((await controller.request('PUT', `/api/plans/${planId}/relazione/texts`, { texts: {}, version: decided.body.version })).status).toBe(423);
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { ...review, version: decided.body.version })).status).toBe(423);
    expect((await move(oiv, 'validated')).status).toBe(423);
    const periods = (await controller.get(`/api/plans/${planId}/periods`)).body;
    expect(periods.find((p: any) => p.id === YEAR_END).state).toBe('validated');
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    // Read before the decision (the review checks its codes on the tree), the year end is now
    // validated in the tree and in the report made from it, not still "closed".
    expect(tree.period.state).toBe('validated');
    expect((await controller.get(`/api/plans/${planId}/export?format=html`)).text).toContain('<dd>validato dall&#39;OIV con riserve</dd>');
    const indicator = tree.objectives.find((o: any) => o.code === 'B.1').indicators.find((i: any) => !i.derived);
    const write = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(indicator.id)}/measurements/${YEAR_END}`, {
      state: 'measured',
      actual: 1,
      version: indicator.version,
    });
    expect(write.status).toBe(423);

    // Both values shown, and which one counts.
    const html = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;
    expect(html).toContain('validata con riserva');
    expect(html).toContain('ai fini della valutazione conta il valore validato dall&#39;OIV');
    expect(html).toMatch(/B\.1 Transizione digitale e innovazione<\/th><td class="num band-red">.*56,00%.*<\/td><td class="num band-red">.*50,50%/);
    const validation = await controller.get(`/api/plans/${planId}/relazione/validation?format=html`);
    expect(validation.text).toContain('VALIDATA CON RISERVA');
    expect(validation.text).toMatch(/Data della decisione: [\d/: ]+, registrata da Maria Rossi\./);
    expect(validation.text).toContain('Evidenze parziali per B.1');
    expect(validation.text).toContain('<caption>Valori validati dall&#39;OIV</caption>');
    expect(validation.text).not.toContain('diversi da quelli rendicontati');
    expect(validation.text).toContain('per uno è diverso da quello rendicontato, per uno lo conferma');
    expect(validation.text).toContain('<strong>B.1</strong> non è supportato da evidenze.');
    for (const format of ['pdf', 'docx']) expect((await controller.get(`/api/plans/${planId}/relazione/validation?format=${format}`)).status).toBe(200);

    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body.filter((e: any) => e.entity === 'relazione');
    expect(trail.map((e: any) => [e.action, e.user, e.after.state])).toEqual([
      ['validate', 'oiv', 'validated_with_reservations'],
      ['review', 'oiv', 'transmitted'],
      ['transition', 'controller', 'transmitted'],
      ['update', 'controller', 'draft'],
    ]);
  });

  it('shows the public nothing before publication, then the Relazione and its validation', async () => {
    for (const path of ['relazione/export?format=html', 'relazione/validation?format=pdf']) expect((await anyone.get(`/api/plans/${planId}/${path}`)).status).toBe(404);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(403);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    // The Relazione is published, the plan not yet: still nothing.
    expect((await anyone.get(`/api/plans/${planId}/relazione/export?format=html`)).status).toBe(404);
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
    const page = await anyone.get(`/api/plans/${planId}/relazione/export?format=html`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Relazione sulla performance 2024');
    expect((await anyone.get(`/api/plans/${planId}/relazione/validation?format=pdf`)).status).toBe(200);

    // The transparency pages: plain HTML, the year with its documents and open data.
    const index = await anyone.get('/trasparenza');
    expect(index.status).toBe(200);
    expect(index.text).not.toMatch(/<script/i);
    expect(index.text).toContain(`href="/trasparenza/${planId}/index.html"`);
    const year = await anyone.get(`/trasparenza/${planId}/index.html`);
    expect(year.text).toContain('href="relazione.pdf"');
    expect(year.text).toContain('href="validazione.docx"');
    expect(year.text).toContain('href="dati.csv"');
    const published = await anyone.get(`/trasparenza/${planId}/relazione.html`);
    expect(published.status).toBe(200);
    expect(published.text).toContain('validata con riserva');
    expect(published.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Its own inline styles apply; no script and no request, whatever a text holds.
    for (const page of [published, index, year, await controller.get(`/api/plans/${planId}/relazione/export?format=html`)]) {
      expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    expect((await anyone.get(`/trasparenza/${planId}/validazione.pdf`)).headers.get('content-type')).toBe('application/pdf');
    expect((await anyone.get(`/trasparenza/${planId}/dati.csv`)).text).toContain('A.2');
    // The year's page links the description of the open data's columns, served beside them.
    expect(year.text).toContain('href="colonne.html"');
    const columns = await anyone.get(`/trasparenza/${planId}/colonne.html`);
    expect(columns.status).toBe(200);
    expect(columns.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(columns.text).toContain('<code>performance_<wbr>obiettivo</code>');
    // The plan's page says its period as stored, validated with the Relazione (not "computed
    // from a file"), and discloses the plan's revisions, as the export of the same period does.
    const plan = (await anyone.get(`/trasparenza/${planId}/piano.html`)).text;
    expect(plan).toContain('<dd>validato dall&#39;OIV con riserve</dd>');
    expect(plan).not.toContain('calcolato da un file');
    expect(plan).toContain('Variazioni intervenute nel corso dell');
    expect((await anyone.get(`/trasparenza/${planId}/segreto.txt`)).status).toBe(404);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('what the public sees of a published plan on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;
  beforeAll(async () => {
    ({ t, planId, controller, anyone } = await fixtureWorld(backend));
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it("shows a collecting period's values only once the controller publishes them, and never an internal note", async () => {
    for (const to of ['collecting']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to })).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const indicator = tree.objectives.find((o: any) => o.code === 'A.2.1').indicators.find((i: any) => !i.derived);
    const written = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(indicator.id)}/measurements/${YEAR_END}`, {
      state: 'measured',
      actual: 6,
      version: indicator.version,
      notes: 'Dato estratto dal CRM',
      source: 'CRM interno',
      evidence: 'verbale-interno.pdf',
    });
    expect(written.status, written.text).toBe(200);

    // Not published: nothing of the period's values, in the tree, the exports or the transparency pages.
    expect((await anyone.get(`/trasparenza/${planId}/index.html`)).text).toContain('nessun valore ancora pubblicato');
    expect((await anyone.get(`/trasparenza/${planId}/dati.csv`)).status).toBe(404);
    expect((await anyone.get(`/trasparenza/${planId}/relazione.html`)).status).toBe(404);
    expect((await anyone.get(`/api/plans/${planId}/tree`)).status).toBe(404);
    expect((await anyone.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).status).toBe(404);
    expect((await anyone.get(`/api/plans/${planId}/export?format=csv`)).status).toBe(404);

    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/publication`, { published: true })).status).toBe(200);
    const seen = await anyone.get(`/api/plans/${planId}/tree`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain('Dato estratto dal CRM');
    expect(seen.text).not.toContain('CRM interno');
    expect(seen.text).not.toContain('verbale-interno.pdf');
    const shown = seen.body.objectives.find((o: any) => o.code === 'A.2.1').indicators.find((i: any) => i.id === indicator.id);
    expect(shown).toMatchObject({ notes: null, source: null, evidence: null, enteredBy: null, enteredByName: null });
    // The office still sees its note.
    expect((await controller.get(`/api/plans/${planId}/tree`)).text).toContain('Dato estratto dal CRM');
    const csv = await anyone.get(`/api/plans/${planId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('Dato estratto dal CRM');

    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/publication`, { published: false })).status).toBe(200);
    expect((await anyone.get(`/api/plans/${planId}/tree`)).status).toBe(404);
  });

  it('compares periods and follows an objective over the years only through values the public reads', async () => {
    const MID_YEAR = '2024-06-30';
    // Nothing published: no comparison, no year, said in Italian by default and in English when asked.
    const none = await anyone.request('GET', `/api/plans/${planId}/changes?againstPeriod=${MID_YEAR}`, undefined, { 'accept-language': 'it' });
    expect(none.status).toBe(404);
    expect(none.body.error).toMatchObject({ code: 'not-found', message: 'nessun periodo di questo piano ha ancora valori pubblicati' });
    expect((await anyone.get(`/api/plans/${planId}/changes?againstPeriod=${MID_YEAR}`)).body.error.message).toBe('no period of this plan has published values yet');
    const years = await anyone.get(`/api/plans/${planId}/nodes/A.2/years`);
    expect(years.status).toBe(200);
    expect(years.body.years).toEqual([]);
    // The office compares whatever it likes.
    expect((await controller.get(`/api/plans/${planId}/changes?againstPeriod=${MID_YEAR}`)).status).toBe(200);
    expect((await controller.get(`/api/plans/${planId}/nodes/A.2/years`)).body.years).toHaveLength(1);

    // The year end published, the mid-year still collecting: that side is refused, by name.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/publication`, { published: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${MID_YEAR}/transition`, { to: 'collecting' })).status).toBe(200);
    const half = await anyone.request('GET', `/api/plans/${planId}/changes?againstPeriod=${MID_YEAR}`, undefined, { 'accept-language': 'it' });
    expect(half.status).toBe(404);
    // Said by the period's label, not its id ("2024-06-30"), with the period the public may read instead.
    expect(half.body.error.message).toBe('i valori del periodo «30/06/2024» non sono ancora pubblicati; è pubblicato il periodo «31/12/2024»');
    expect((await anyone.get(`/api/plans/${planId}/changes?period=${MID_YEAR}&againstPeriod=${YEAR_END}`)).body.error.message).toBe(
      'the values of the period “30/06/2024” are not published yet; the published period is “31/12/2024”',
    );
    // A shared link to the plan at that period: the screen reads which period it was and which it may open.
    const shared = await anyone.get(`/api/plans/${planId}/tree?period=${MID_YEAR}`);
    expect(shared.status).toBe(404);
    expect(shared.body.error.details).toEqual({ period: { id: MID_YEAR, label: '30/06/2024' }, published: [{ id: YEAR_END, label: '31/12/2024' }] });
    expect((await anyone.get(`/api/plans/${planId}/changes?period=1999-01-01&againstPeriod=${YEAR_END}`)).status).toBe(404);
    const seen = await anyone.get(`/api/plans/${planId}/nodes/A.2/years`);
    // The year end is published while still open: its targets, no performance (server/public-periods.ts).
    expect(seen.body.years.map((y: any) => [y.year, y.period.id, y.performance])).toEqual([[2024, YEAR_END, null]]);

    // Closed, the mid-year's values are final: the public compares the two.
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${MID_YEAR}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const compared = await anyone.get(`/api/plans/${planId}/changes?againstPeriod=${MID_YEAR}`);
    expect(compared.status, compared.text).toBe(200);
    expect(compared.body).toMatchObject({ before: { planId, period: MID_YEAR }, after: { planId, period: YEAR_END } });
    expect(compared.text).not.toContain('Dato estratto dal CRM');
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('a published Relazione the OIV did not validate, after a reopening, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let anyone: Client;
  beforeAll(async () => {
    ({ t, planId, controller, oiv, anyone } = await fixtureWorld(backend));
    expect((await controller.request('PATCH', `/api/plans/${planId}`, { published: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows the public the year end as it was closed, never the values entered since', async () => {
    const period = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', period, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    await relazioneNotValidatedPublished(planId, controller, oiv);
    const pages = [`/trasparenza/${planId}/relazione.html`, `/api/plans/${planId}/relazione/export?format=html`];
    const published = await overall(anyone, pages[0]!);
    expect(await overall(anyone, pages[1]!)).toBe(published);

    // The office reopens the year end to correct it: a value the public has not been given yet.
    expect((await controller.request('POST', period, { to: 'collecting', reason: 'correzione dei dati' })).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
    const indicator = tree.objectives.find((o: any) => o.code === 'A.2.1').indicators.find((i: any) => !i.derived && i.performance === 0);
    const written = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(indicator.id)}/measurements/${YEAR_END}`, {
      state: 'not_evaluable',
      reason: 'Motivo ancora da verificare',
      version: indicator.version,
    });
    expect(written.status, written.text).toBe(200);
    // The office reads the Relazione as the data stand now…
    expect(await overall(controller, pages[1]!)).not.toBe(published);
    // …the public as the OIV was given it, until the year end is closed again.
    for (const page of pages) {
      expect(await overall(anyone, page)).toBe(published);
      expect((await anyone.get(page)).text).not.toContain('Motivo ancora da verificare');
    }
  });
});

describe.each<Backend>(['sqlite', 'postgres'])("the public Relazione's comparison with a predecessor still collecting, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let anyone: Client;
  beforeAll(async () => {
    ({ t, planId: before, controller, oiv, anyone } = await fixtureWorld(backend));
    expect((await controller.request('PATCH', `/api/plans/${before}`, { published: true })).status).toBe(200);
    // The 2025 plan: one value at its year end, closed, transmitted, decided on and published.
    planId = await nextYearClosed(before, controller);
    await relazioneNotValidatedPublished(planId, controller, oiv);
  });
  afterAll(async () => t?.close());

  const pages = (): string[] => [`/trasparenza/${planId}/relazione.html`, `/api/plans/${planId}/relazione/export?format=html`];
  /** The Relazione's comparison with last year (sentence and table), as a reader gets it. */
  const comparison = async (who: Client, path: string): Promise<string> => {
    const reply = await who.get(path);
    expect(reply.status, reply.text).toBe(200);
    const section = /<section aria-labelledby="s-confronto">[\s\S]*?<\/section>/.exec(reply.text)?.[0];
    expect(section, reply.text.slice(0, 300)).toBeDefined();
    return section!;
  };
  /** Sets the predecessor's year-end value of A.3's indicator (target 10): 206 in the fixture. */
  const enter = async (actual: number): Promise<void> => {
    const indicator = (await controller.get(`/api/plans/${before}/tree?period=${YEAR_END}`)).body.objectives.find((o: any) => o.code === 'A.3').indicators[0];
    const written = await controller.request('PUT', `/api/plans/${before}/indicators/${encodeURIComponent(indicator.id)}/measurements/${YEAR_END}`, {
      state: 'measured',
      actual,
      version: indicator.version,
    });
    expect(written.status, written.text).toBe(200);
  };

  it('gives the public no comparison before the predecessor closed a period, then only figures it closed', async () => {
    const period = `/api/plans/${before}/periods/${YEAR_END}/transition`;
    // Last year's year end collecting, a value entered nobody has closed: the office sees it…
    expect((await controller.request('POST', period, { to: 'collecting' })).status).toBe(200);
    await enter(1);
    const provisional = await comparison(controller, pages()[1]!);
    expect(provisional).toContain('<table');
    // …the public reads no comparison at all, as without a predecessor.
    for (const page of pages()) expect(await comparison(anyone, page)).toContain('non sono disponibili');
    // A mid-year period closed does not stand in for the year end under last year's heading.
    const september = `/api/plans/${before}/periods/2024-09-30/transition`;
    expect((await controller.request('POST', september, { to: 'collecting' })).status).toBe(200);
    expect((await controller.request('POST', september, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    for (const page of pages()) expect(await comparison(anyone, page)).toContain('non sono disponibili');
    // Nor a column of last year's figures in the plan's own report.
    const report = `/api/plans/${planId}/export?format=html`;
    expect((await controller.get(report)).text).toContain('Performance 2024');
    const publicReport = await anyone.get(report);
    expect(publicReport.status, publicReport.text).toBe(200);
    expect(publicReport.text).not.toContain('Performance 2024');

    // Closed: the public reads last year's figures as closed.
    await enter(206);
    expect((await controller.request('POST', period, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const closed = await comparison(controller, pages()[1]!);
    expect(closed).not.toBe(provisional);
    for (const page of pages()) expect(await comparison(anyone, page)).toBe(closed);
    expect((await anyone.get(report)).text).toContain('Performance 2024');

    // Reopened and changed: the public still reads them as closed, the office as they stand.
    expect((await controller.request('POST', period, { to: 'collecting', reason: 'correzione dei dati' })).status).toBe(200);
    await enter(1);
    expect(await comparison(controller, pages()[1]!)).toBe(provisional);
    for (const page of pages()) expect(await comparison(anyone, page)).toBe(closed);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's refusals in Italian and English on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let referente: Client;
  beforeAll(async () => void ({ t, planId, controller, oiv, referente } = await fixtureWorld(backend)));
  afterAll(async () => t?.close());

  const version = async (): Promise<number> => (await controller.get(`/api/plans/${planId}/relazione`)).body.version;
  /**
   * Sends the request in Italian (no Accept-Language: the server's default) and in English, and
   * checks the status, the code and both sentences; a refused request stores nothing, so sending
   * it twice is harmless.
   */
  const refused = async (who: Client, method: string, path: string, body: unknown, expected: { status: number; code: string; it: string; en: string }): Promise<any> => {
    const said: Record<string, string> = {};
    let last: any;
    for (const language of ['it', 'en'] as const) {
      const reply = await who.request(method, `/api/plans/${planId}/${path}`, body, language === 'en' ? { 'accept-language': 'en' } : { 'accept-language': 'it' });
      expect(reply.status, reply.text).toBe(expected.status);
      expect(reply.body.error.code).toBe(expected.code);
      expect(reply.headers.get('content-language')).toBe(language);
      said[language] = reply.body.error.message;
      last = reply.body.error;
    }
    expect(said).toEqual({ it: expected.it, en: expected.en });
    return last;
  };
  const move = (to: string) => ({ to, confirmEmpty: true });

  it('says each refusal of the office and the OIV in the reader’s language, by code', async () => {
    await refused(controller, 'GET', 'relazione/export?format=odt', undefined, {
      status: 400,
      code: 'invalid-query',
      it: 'format deve essere uno tra docx, pdf, html, non «odt»',
      en: 'format must be one of docx, pdf, html, not “odt”',
    });
    await refused(controller, 'GET', 'relazione/validation', undefined, {
      status: 400,
      code: 'invalid-query',
      it: 'format deve essere uno tra docx, pdf, html',
      en: 'format must be one of docx, pdf, html',
    });
    const early = await refused(controller, 'POST', 'relazione/transition', move('transmitted'), {
      status: 409,
      code: 'invalid-transition',
      it: "chiudere il periodo di fine anno (31/12/2024) prima di trasmettere la Relazione all'OIV: i suoi dati devono essere definitivi",
      en: 'close the year-end period (31/12/2024) before transmitting the Relazione to the OIV: its figures must be final',
    });
    expect(early.details.reason).toBe('period-not-closed');
    await refused(referente, 'POST', 'relazione/transition', move('transmitted'), {
      status: 403,
      code: 'forbidden',
      it: "il tuo ruolo (referente) non può rendere la Relazione «trasmessa all'OIV» (può farlo: amministratore, controllo di gestione)",
      en: 'your role (data owner) may not make the Relazione sent to the OIV (administrator, management control may)',
    });
    await refused(oiv, 'POST', 'relazione/transition', move('draft'), {
      status: 409,
      code: 'invalid-transition',
      it: 'la Relazione non può passare da «bozza» a «bozza»',
      en: 'the Relazione cannot go from draft to draft',
    });
    await refused(
      controller,
      'PUT',
      'relazione/texts',
      { texts: { sintesi: 'x' }, version: 7 },
      {
        status: 409,
        code: 'conflict',
        it: 'la Relazione è stata modificata da qualcun altro nel frattempo (versione 0, inviata 7): ricaricare e riprovare',
        en: 'the Relazione was changed by someone else in the meantime (version 0, you sent 7): reload and try again',
      },
    );
    const review = { note: '', reservations: '', checklist: [], values: [], version: await version() };
    await refused(oiv, 'PUT', 'relazione/review', review, {
      status: 409,
      code: 'invalid-transition',
      it: "l'OIV esamina una Relazione che gli è stata trasmessa; questa è bozza",
      en: 'the OIV reviews a Relazione transmitted to it; this one is draft',
    });
    await refused(
      controller,
      'POST',
      'relazione/publication',
      { published: true },
      {
        status: 409,
        code: 'invalid-transition',
        it: "si pubblica solo una Relazione su cui l'OIV si è pronunciato; questa è bozza",
        en: 'only a Relazione the OIV has decided on is published; this one is draft',
      },
    );
    await refused(
      controller,
      'POST',
      'periods/2099-12-31/publication',
      { published: true },
      { status: 404, code: 'not-found', it: 'il piano non ha il periodo 2099-12-31', en: 'the plan has no period 2099-12-31' },
    );

    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, move('transmitted'))).status).toBe(200);
    await refused(controller, 'POST', 'relazione/transition', move('not_validated'), {
      status: 403,
      code: 'forbidden',
      it: 'il tuo ruolo (controllo di gestione) non può rendere la Relazione «non validata» (può farlo: OIV)',
      en: 'your role (management control) may not make the Relazione not validated (OIV may)',
    });
    await refused(
      controller,
      'PUT',
      'relazione/texts',
      { texts: {}, version: await version() },
      {
        status: 409,
        code: 'invalid-transition',
        it: "la Relazione è all'esame dell'OIV: riportarla in bozza prima di modificarla",
        en: 'the Relazione is with the OIV: take it back to draft before changing it',
      },
    );
    const values = (v: unknown) => ({ ...review, version: review.version + 1, values: [v] });
    // An objective unknown, or given twice, is said at its row's code (before: at "values").
    const rows = (...list: unknown[]) => ({ ...review, version: review.version + 1, values: list });
    const unknown = await refused(oiv, 'PUT', 'relazione/review', rows({ code: 'B.1', validated: 50, note: 'x' }, { code: 'Z.9', validated: 1, note: 'x' }), {
      status: 422,
      code: 'invalid',
      it: 'il piano non ha un obiettivo Z.9',
      en: 'there is no objective Z.9 in this plan',
    });
    expect(unknown.details).toEqual({ field: 'values.1.code', code: 'Z.9' });
    const twice = await refused(oiv, 'PUT', 'relazione/review', rows({ code: 'B.1', validated: 50, note: 'x' }, { code: 'B.2', validated: 60, note: 'y' }, { code: 'B.1', validated: 55, note: 'z' }), {
      status: 400,
      code: 'invalid-body',
      it: 'la richiesta non è come prevista: controllare values.2.code',
      en: 'the body is not as expected: check values.2.code',
    });
    expect(twice.issues).toEqual([expect.objectContaining({ params: expect.objectContaining({ field: 'values.2.code', problem: 'one-per-objective' }) })]);
    const percent = await refused(oiv, 'PUT', 'relazione/review', values({ code: 'B.1', validated: 'molto', note: 'x' }), {
      status: 400,
      code: 'invalid-body',
      it: 'la richiesta non è come prevista: controllare values.0.validated',
      en: 'the body is not as expected: check values.0.validated',
    });
    expect(percent.issues[0]).toMatchObject({
      params: { field: 'values.0.validated', problem: 'percent' },
      message: 'values.0.validated: a performance in percent from 0 to 1000, e.g. 85, “85.5” or “85%”',
    });
    const inItalian = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, values({ code: 'B.1', validated: 'molto', note: 'x' }), { 'accept-language': 'it' });
    expect(inItalian.body.error.issues[0].message).toBe('values.0.validated: una performance in percentuale da 0 a 1000, es. 85, «85,5» o «85%»');
    await refused(oiv, 'POST', 'relazione/transition', move('validated_with_reservations'), {
      status: 422,
      code: 'invalid',
      it: 'una validazione con riserva le indica: scrivere prima le riserve',
      en: 'a validation with reservations states them: write the reservations first',
    });
    // A validation records each check's outcome: none left "non valutato", and not without any check.
    const unassessed = await refused(oiv, 'POST', 'relazione/transition', move('validated'), {
      status: 422,
      code: 'invalid',
      it: "il punto di verifica «Coerenza della Relazione con il Piano (obiettivi, indicatori, target)» non ha un esito: la validazione registra l'esito di ogni verifica",
      en: 'the checkpoint “Coerenza della Relazione con il Piano (obiettivi, indicatori, target)” has no outcome: a validation records the outcome of every check',
    });
    expect(unassessed.details).toEqual({ field: 'checklist.0.outcome' });
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { ...review, version: await version() })).status).toBe(200);
    const empty = await refused(oiv, 'POST', 'relazione/transition', move('validated'), {
      status: 422,
      code: 'invalid',
      it: 'la validazione registra le verifiche svolte: indicare almeno un punto di verifica con il suo esito',
      en: 'a validation records the checks made: give at least one checkpoint with its outcome',
    });
    expect(empty.details).toEqual({ field: 'checklist' });
    // A check answered "no" takes reservations at least: a plain validation would certify it unsaid.
    const failing = {
      ...review,
      checklist: [
        { label: 'Coerenza con il Piano', outcome: 'yes', note: '' },
        { label: 'Attendibilità dei dati', outcome: 'no', note: 'Evidenze mancanti' },
      ],
      version: await version(),
    };
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, failing)).status).toBe(200);
    const failed = await refused(oiv, 'POST', 'relazione/transition', move('validated'), {
      status: 422,
      code: 'invalid',
      it: 'il punto di verifica «Attendibilità dei dati» ha esito negativo: la Relazione si valida con riserva, indicandola, o non si valida',
      en: 'the checkpoint “Attendibilità dei dati” was answered “no”: the Relazione is validated with reservations, stating them, or not validated',
    });
    expect(failed.details).toEqual({ field: 'checklist.1.outcome' });
    const checked = { ...review, checklist: [{ label: 'Attendibilità dei dati', outcome: 'partly', note: '' }], version: await version() };
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, checked)).status).toBe(200);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, move('validated'))).status).toBe(200);
    await refused(
      controller,
      'PUT',
      'relazione/texts',
      { texts: {}, version: await version() },
      {
        status: 423,
        code: 'period-locked',
        it: 'la Relazione è validata: né il testo né i suoi dati si possono più modificare',
        en: 'the Relazione is validated: it and its figures can no longer be changed',
      },
    );
    // Nothing refused was stored: the trail holds the moves and reviews that were made, and no text.
    const trail = (await controller.get(`/api/audit?planId=${planId}`)).body.filter((e: any) => e.entity === 'relazione');
    expect(trail.map((e: any) => [e.action, e.after.state])).toEqual([
      ['validate', 'validated'],
      ['review', 'transmitted'],
      ['review', 'transmitted'],
      ['review', 'transmitted'],
      ['transition', 'transmitted'],
    ]);
    expect((await controller.get(`/api/plans/${planId}/relazione`)).body.texts).toEqual({});
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('a Relazione validated right after a value is saved, on %s', (backend) => {
  let world: FixtureWorld;
  beforeAll(async () => void (world = await fixtureWorld(backend)));
  afterAll(async () => world?.t.close());

  /** The office's reading of the Relazione's overall sentence. */
  const office = (): Promise<string> => overall(world.controller, `/api/plans/${world.planId}/relazione/export?format=html`);

  // Since the OIV decides only once the year end is closed again, the closing gives the validation a
  // fresh tree and this passes with either plan frozen; it guards the outcome (the saved value in the
  // validated Relazione), and the route freezes `currentPlan()` so no in-place save can be lost.
  it('freezes the plan with a value saved during a reopening, once the year end is closed again', async () => {
    const { planId, controller, oiv } = world;
    const period = `/api/plans/${planId}/periods/${YEAR_END}/transition`;
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', period, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    // Reopened while with the OIV: a correction the office makes before the OIV decides.
    expect((await controller.request('POST', period, { to: 'collecting', reason: 'correzione dei dati' })).status).toBe(200);
    // Read first, as the office's screen does: the cached tree the save then brings forward in place.
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.period.id).toBe(YEAR_END);
    const before = await office();
    const indicator = tree.objectives.find((o: any) => o.code === 'A.2.1').indicators.find((i: any) => !i.derived && i.performance === 0);
    const written = await controller.request('PUT', `/api/plans/${planId}/indicators/${encodeURIComponent(indicator.id)}/measurements/${YEAR_END}`, {
      state: 'not_evaluable',
      reason: 'Dato della fonte ritirato',
      version: indicator.version,
    });
    expect(written.status, written.text).toBe(200);
    const saved = await office();
    expect(saved).not.toBe(before);

    // Closed again, as the OIV decides only on closed figures; the checklist answered, as a validation needs.
    expect((await controller.request('POST', period, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'yes' }));
    const reviewed = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: current.note, reservations: '', checklist, values: [], version: current.version });
    expect(reviewed.status, reviewed.text).toBe(200);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body.frozen).toBe(true);
    // Read from the frozen plan from now on: it holds the value saved just before the decision.
    expect(await office()).toBe(saved);
  });
});
