/**
 * The OIV's validation table as a citizen reads it, through HTTP on SQLite and PostgreSQL: the
 * transparency pages (relazione.html, validazione.html) and the public export show the rows the
 * cross-checks add (a parent validated at a value its objectives do not give, confirmed as
 * deliberate, with the value they give and the OIV's note; the objectives that follow the
 * validated ones) from the same builder as the office's export, and nothing internal: after the
 * year end is reopened and a value corrected (with the office's note), the public still reads the
 * figures the OIV decided on, and never the note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat } from '../support/page-words.js';
import { enc, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const CHILD = { code: 'A.2.1', validated: '75,5', note: 'Lo sportello ha risposto al 40% delle richieste, non al 50%.' };
const DELIBERATE_NOTE = "L'OIV ritiene il trend delle imprese assistite non attendibile: A.2 vale 85.";
const OFFICE_NOTE = 'Dato provvisorio dello sportello, da verificare (uso interno)';
const RATE = 'Capacità di risposta dello sportello internazionalizzazione';

/** The text of the validation table's row of `code` (its cells, tags dropped), or undefined. */
function validationRow(html: string, code: string): string | undefined {
  const at = html.indexOf('Valori validati dall');
  expect(at, 'the validation table').toBeGreaterThan(0);
  const table = html.slice(at, html.indexOf('</table>', at));
  const row = table.split('</tr>').find((r) => r.includes(`>${code} `));
  return row === undefined ? undefined : flat(row).trim();
}

/**
 * The year end reopened (by the administrator: a validated period too) and A.2.1's answering rate
 * corrected (50% → 70%: A.2.1 at 100, A.2 at 100), with the office's note.
 */
async function reopenAndCorrect(t: TestServer, planId: string, controller: Client): Promise<void> {
  const admin = await t.as('admin');
  const reopened = await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'dato dello sportello corretto' });
  expect(reopened.status, reopened.text).toBe(200);
  const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body;
  const rate = objective(tree, 'A.2.1').indicators.find((i: any) => i.name === RATE);
  const written = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(rate.id)}/measurements/${YEAR_END}`, {
    state: 'measured',
    actual: 70,
    version: rate.version,
    notes: OFFICE_NOTE,
  });
  expect(written.status, written.text).toBe(200);
  // The office reads the corrected value: the public must not.
  expect(objective((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body, 'A.2').performance).toBe(100);
}

/** The Relazione and the documento di validazione as HTML, as a citizen reads them: the transparency pages and the public exports. */
async function publicPages(citizen: Client, planId: string): Promise<Record<string, string>> {
  const pages: Record<string, string> = {};
  for (const path of [
    `/trasparenza/${planId}/relazione.html`,
    `/trasparenza/${planId}/validazione.html`,
    `/api/plans/${planId}/relazione/export?format=html`,
    `/api/plans/${planId}/relazione/validation?format=html`,
  ]) {
    const page = await citizen.get(path);
    expect(page.status, path).toBe(200);
    pages[path] = page.text;
  }
  return pages;
}

describe.each<Backend>(['sqlite', 'postgres'])("the OIV's validation table on the public pages, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  const period = (to: string, reason?: string) =>
    controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
  const review = async (values: unknown[]) => {
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'yes' }));
    return oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: 'Esito della verifica.', reservations: '', checklist, values, version: current.version });
  };
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    oiv = await t.as('oiv');
    citizen = await t.as('public');
    for (const to of ['collecting', 'closed']) expect((await period(to)).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows the deliberate difference and the objectives that follow, as validated, whatever the year end holds since', async () => {
    const saved = await review([
      CHILD,
      { code: 'A.2', validated: 85, note: DELIBERATE_NOTE, deliberate: true },
      { code: 'B.1', validated: '50,5', note: 'Il trend dei partecipanti non è documentato.' },
    ]);
    expect(saved.status, saved.text).toBe(200);
    const following = (saved.body.following as { code: string }[]).map((f) => f.code);
    expect(following).toContain('A');
    // Nothing public while the OIV works on its review.
    expect((await citizen.get(`/trasparenza/${planId}/relazione.html`)).status).toBe(404);
    expect((await citizen.get(`/api/plans/${planId}/relazione/validation?format=html`)).status).toBe(404);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    const office = (await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text;

    await reopenAndCorrect(t, planId, controller);
    const sentence =
      "A.2: l'OIV lo ha validato al 85,00%, mentre dai suoi obiettivi, con i valori validati e le regole del piano, risulterebbe 91,43%. L'OIV ha confermato che la differenza è voluta; la sua nota: «L'OIV ritiene il trend delle imprese assistite non attendibile: A.2 vale 85.».";
    for (const [path, html] of Object.entries(await publicPages(citizen, planId))) {
      expect(validationRow(html, 'A.2.1'), path).toMatch(/80,00%.*75,50%.*Lo sportello ha risposto al 40%/);
      expect(validationRow(html, 'A.2'), path).toMatch(/93,00%.*85,00%.*A\.2 vale 85/);
      expect(validationRow(html, 'B.1'), path).toMatch(/50,50%.*Il trend dei partecipanti/);
      // The areas above follow their validated objectives, said so in their row.
      for (const code of following) expect(validationRow(html, code), `${path} ${code}`).toContain('segue i valori validati dei suoi obiettivi');
      expect(flat(html), path).toContain(sentence);
      expect(html, path).not.toContain(OFFICE_NOTE);
      expect(html, path).not.toContain('dato dello sportello corretto');
    }
    // The public Relazione is the one the office exported at the validation (bar the date it was made).
    const relazione = (await citizen.get(`/trasparenza/${planId}/relazione.html`)).text;
    expect(validationRow(relazione, 'A')).toBe(validationRow(office, 'A'));
  });
});

describe("the OIV's validation table on the public pages of a Relazione not validated", () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite', { publish: true }));
    oiv = await t.as('oiv');
    citizen = await t.as('public');
  });
  afterAll(async () => t?.close());

  it('reads the figures the OIV decided on, not the year end reopened and corrected since', async () => {
    const period = (to: string, reason?: string) =>
      controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
    for (const to of ['collecting', 'closed']) expect((await period(to)).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: any) => ({ ...p, outcome: 'no' }));
    const saved = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
      note: 'I dati dello sportello non sono attendibili.',
      reservations: '',
      checklist,
      values: [CHILD],
      version: current.version,
    });
    expect(saved.status, saved.text).toBe(200);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated' })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);

    await reopenAndCorrect(t, planId, controller);
    for (const [path, html] of Object.entries(await publicPages(citizen, planId))) {
      expect(validationRow(html, 'A.2.1'), path).toMatch(/80,00%.*75,50%/);
      // A.2 follows A.2.1 as validated, from the year end as closed: 93 → 91,43 (not 100 → 91,43).
      expect(validationRow(html, 'A.2'), path).toMatch(/93,00%.*91,43%.*segue i valori validati dei suoi obiettivi/);
      expect(html, path).not.toContain(OFFICE_NOTE);
    }
  });
});
