/**
 * The year end the administrator reopens after the OIV validated the Relazione, while the validated
 * Relazione stays published: the public reads the year end as the OIV validated it — the plan frozen
 * with the validation and the OIV's validated figures beside it, never the reopened period's values —
 * and is told, in Italian and English, that the office reopened it on that day and the figures are
 * those the OIV validated on its day. So on the /trasparenza pages and open data, the public exports
 * (HTML it/en, JSON, CSV, PDF) and the public tree the web app reads; closed again, the same; with
 * the Relazione withdrawn, the results are not available, as for any period still taking values.
 * Before, the public read "risultati non ancora disponibili" and no validation while the validated
 * Relazione stayed published. Closed again with the Relazione withdrawn, the public reads the values
 * closed again, told plainly they are not those the OIV validated (when it validated, when the office
 * reopened); validated again by the OIV, the newer validation holds: its figures, no reopening said, the
 * Relazione's validated figures no longer beside them. dati.json says the same for a script
 * (`validatedAt`, `reopenedAt`; `validatedAt` from the period's own row, however long its trail: it
 * was read from the last 10,000 entries of the audit trail, null past them; the reopening, from its row
 * too, found behind more than 10,000 entries of the trail since: it was looked for in the last 10,000,
 * the year end read past them as never reopened). The office's plan
 * screen, closed again, says the same (no validated figure beside the values, no validated summary,
 * when it was reopened); while it takes values again, when, by whom and why it was reopened, the
 * validated figures not holding for the values changed since (before: nothing); validated again, the OIV's old figures gone, nothing said (before: the old
 * Relazione's figures and summary beside the values closed again). The public explanation of an
 * objective says which figures it explains, as every public page. Through HTTP, on SQLite and on
 * PostgreSQL.
 *
 * The fixture: A.3 has one indicator, target >= 10, actual 206 (100%); the reopened period gets 5
 * (0%). B.1 = 56% reported, validated by the OIV at 50%.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { flat } from '../support/page-words.js';
import { adoptAndReview, enc, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const NOTE = 'Il trend dei partecipanti al PID non è documentato.';
const DAY = String.raw`\d\d/\d\d/\d{4}`;
const NOTICE_IT = new RegExp(`validato dall'OIV il (${DAY}); l'ente ha riaperto il periodo il ${DAY}: i valori mostrati sono quelli validati dall'OIV il \\1, non quelli del periodo riaperto`);
const NOTICE_EN = new RegExp(`validated by the OIV on (${DAY}); the office reopened the period on ${DAY}: the figures shown are those the OIV validated on \\1, not the reopened period's`);
const PENDING_IT = 'risultati non ancora disponibili: il periodo è in corso';
const CLOSED_AGAIN_IT = new RegExp(
  `chiuso, in attesa di validazione: l'ente ha riaperto il periodo il ${DAY}, dopo la validazione dell'OIV del (${DAY}), e lo ha chiuso di nuovo; i valori mostrati non sono quelli validati dall'OIV il \\1`,
);
const CLOSED_AGAIN_EN = new RegExp(
  `closed, awaiting validation: the office reopened the period on ${DAY}, after the OIV validated it on (${DAY}), and closed it again; the figures shown are not those the OIV validated on \\1`,
);
const REOPENED_IT = new RegExp(
  `^riaperto il ${DAY} da admin perché «errore di caricamento su A\\.3», dopo la validazione dell'OIV del (${DAY}): il periodo raccoglie di nuovo valori, e le cifre della Relazione validate dall'OIV il \\1 non valgono per i valori cambiati da allora$`,
);
const REOPENED_EN = new RegExp(
  `^reopened on ${DAY} by admin because “errore di caricamento su A\\.3”, after the OIV validated it on (${DAY}): the period takes values again, and the Relazione's figures the OIV validated on \\1 do not hold for the values changed since$`,
);
const ISO = /^\d{4}-\d\d-\d\dT/;

const ok = (r: { status: number; text: string }): void => expect(r.status, r.text).toBe(200);

/** The objective row of `code` in the plan page's table, as words. */
function planRow(html: string, code: string): string {
  const table = html.slice(html.indexOf('<table class="relazione"'));
  const row = table.split('</tr>').find((r) => r.includes(`id="o-${code}"`));
  expect(row, code).toBeDefined();
  return flat(row!).replace(/\s+/g, ' ').trim();
}

/** dati.csv's rows of objective `code` and its indicators. */
function csvOf(csv: string, code: string): Record<string, string>[] {
  const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true }).data;
  return rows.filter((r) => r.codice_obiettivo === code);
}

describe.each<Backend>(['sqlite', 'postgres'])('the public year end after the administrator reopened it, validated and published, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  let citizen: Client;
  let a3: string;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    const oiv = await t.as('oiv');
    [admin, citizen] = [await t.as('admin'), await t.as('public')];
    // The year end published while it takes values, as the demo's is.
    await adoptAndReview(planId, controller, oiv, [{ code: 'B.1', validated: 50, note: NOTE }], async () =>
      ok(await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/publication`, { published: true })),
    );
    ok(await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' }));
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
    a3 = objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.3').indicators[0].id;
    ok(await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'errore di caricamento su A.3' }));
    const version = objective((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body, 'A.3').indicators[0].version;
    ok(await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3)}/measurements/${YEAR_END}`, { state: 'measured', actual: 5, version }));
  }, 180_000);
  afterAll(async () => t?.close());

  const get = async (path: string): Promise<string> => {
    const res = await citizen.get(path);
    expect(res.status, path).toBe(200);
    return res.text;
  };

  /** The public PDF's words, in Italian. */
  async function pdfWords(): Promise<string> {
    const res = await fetch(`${t.url}/api/plans/${planId}/export?format=pdf&lang=it`);
    expect(res.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'albero-reopened-pdf-'));
    try {
      writeFileSync(join(dir, 'piano.pdf'), new Uint8Array(await res.arrayBuffer()));
      return execFileSync('pdftotext', ['-raw', join(dir, 'piano.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The public explanation of A.3 in `lang`: its notice, undefined when it has none. */
  async function explanationNotice(lang: 'it' | 'en'): Promise<string | undefined> {
    const explained = await citizen.get(`/api/plans/${planId}/nodes/A.3/explanation?lang=${lang}`);
    expect(explained.status, explained.text).toBe(200);
    return explained.body.notice;
  }

  /** The office's explanation of A.3 in `lang`: its notice, undefined when it has none. */
  async function officeExplanationNotice(lang: 'it' | 'en'): Promise<string | undefined> {
    const explained = await controller.get(`/api/plans/${planId}/nodes/A.3/explanation?lang=${lang}`);
    expect(explained.status, explained.text).toBe(200);
    return explained.body.notice;
  }

  /** The office's tree of the year end closed again since the OIV's decision: its values, no validated figure, when it was reopened; an objective's explanation says so. */
  async function expectOfficeClosedAgain(): Promise<void> {
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.period).toMatchObject({ id: YEAR_END, state: 'closed' });
    expect(objective(tree, 'A.3').performance).toBe(0);
    expect(tree.validation).toMatchObject({ periodId: null, reopenedAt: expect.stringMatching(ISO), objectives: [], summary: null, body: null, reopening: null });
    expect(tree.validation.reopenedAt > tree.validation.decidedAt).toBe(true);
    // The explanation of the office's own values says what the tree says (before: nothing).
    expect(await officeExplanationNotice('it')).toMatch(CLOSED_AGAIN_IT);
    expect(await officeExplanationNotice('en')).toMatch(CLOSED_AGAIN_EN);
  }

  /** Every public reading of the year end: the validated figures, the notice, the reopened value nowhere. */
  async function expectAsValidated(): Promise<void> {
    // The office reads the reopened period's value: the public does not.
    expect(objective((await controller.get(`/api/plans/${planId}/tree`)).body, 'A.3').performance).toBe(0);

    for (const html of [await get(`/trasparenza/${planId}/piano.html`), await get(`/api/plans/${planId}/export?format=html&lang=it`)]) {
      const words = flat(html);
      expect(words).toMatch(NOTICE_IT);
      expect(words).not.toContain(PENDING_IT);
      expect(planRow(html, 'A.3')).toContain('100,00%');
      expect(planRow(html, 'B.1')).toContain("50,00% rosso validato dall'OIV 56,00% rendicontato");
      expect(words).toMatch(/L'OIV ha validato la Relazione sulla performance il \d\d\/\d\d\/\d{4}\./);
    }
    const en = flat(await get(`/api/plans/${planId}/export?format=html&lang=en`));
    expect(en).toMatch(NOTICE_EN);
    expect(en).toContain('50.00% red validated by the OIV 56.00% reported');
    expect(flat(await get(`/trasparenza/${planId}/index.html`))).toMatch(new RegExp(`Validato dall'OIV il ${DAY}; l'ente ha riaperto il periodo`));

    for (const json of [JSON.parse(await get(`/trasparenza/${planId}/dati.json`)), JSON.parse(await get(`/api/plans/${planId}/export?format=json`))]) {
      expect(json.metadata.periodState).toMatch(NOTICE_IT);
      expect(json.metadata.validation).not.toBeNull();
      // For a script: the figures are those validated on that day, the period reopened since.
      expect(json.metadata.validatedAt).toBe(json.metadata.validation.decidedAt);
      expect(json.metadata.reopenedAt).toMatch(ISO);
      expect(json.metadata.reopenedAt > json.metadata.validatedAt).toBe(true);
      const of = (code: string) => json.objectives.find((o: any) => o.code === code);
      expect(of('A.3').performance).toBe(100);
      expect(of('A.3').indicators[0].actual).toBe(206);
      expect(of('B.1').validated).toEqual({ performance: 50, band: 'red', byOiv: true, note: NOTE });
    }
    for (const csv of [await get(`/trasparenza/${planId}/dati.csv`), await get(`/api/plans/${planId}/export?format=csv`)]) {
      const [a3Row, a3Indicator] = csvOf(csv, 'A.3');
      expect(a3Row).toMatchObject({ performance_obiettivo: '100' });
      expect(a3Indicator).toMatchObject({ consuntivo: '206' });
      expect(csvOf(csv, 'B.1')[0]).toMatchObject({ performance_obiettivo: '56', performance_validata_oiv: '50', nota_oiv: NOTE });
    }

    // The public PDF, as the HTML page.
    expect(await pdfWords()).toMatch(/l'ente ha riaperto il periodo il \d\d\/\d\d\/\d{4}: i valori mostrati sono quelli validati dall'OIV/);

    // The public tree the web app reads: the period as validated, the frozen value, the OIV's figures, when it was reopened.
    const tree = (await citizen.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.period).toMatchObject({ id: YEAR_END, state: 'validated' });
    expect(objective(tree, 'A.3').performance).toBe(100);
    expect(objective(tree, 'A.3').indicators[0].actual).toBe(206);
    expect(tree.validation).toMatchObject({ published: true, periodId: YEAR_END });
    expect(tree.validation.reopenedAt).toEqual(expect.any(String));
    expect(tree.validation.objectives.find((o: any) => o.code === 'B.1')).toMatchObject({ validated: 50, reported: 56 });
    // An objective's explanation, for the public, is the validated one too.
    const explained = await citizen.get(`/api/plans/${planId}/nodes/A.3/explanation`);
    expect(explained.status, explained.text).toBe(200);
    expect(explained.text).toContain('206');
    expect(await explanationNotice('it')).toMatch(NOTICE_IT);
    expect(await explanationNotice('en')).toMatch(NOTICE_EN);
  }

  it('shows the figures the OIV validated and says the year end was reopened, the reopened value absent', async () => {
    await expectAsValidated();
    // The office, while the year end takes values again (not closed again): its tree says when, by whom and why it was
    // reopened (before: nothing, as if the OIV's figures still held), and so does an explanation, in the reader's language.
    const office = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(office.period).toMatchObject({ id: YEAR_END, state: 'collecting' });
    expect(office.validation).toMatchObject({
      reopenedAt: null,
      objectives: [],
      summary: null,
      body: null,
      reopening: { at: expect.stringMatching(ISO), by: 'admin', reason: 'errore di caricamento su A.3' },
    });
    expect(office.validation.reopening.at > office.validation.decidedAt).toBe(true);
    expect(await officeExplanationNotice('it')).toMatch(REOPENED_IT);
    expect(await officeExplanationNotice('en')).toMatch(REOPENED_EN);
    // The public is told nothing of who reopened it nor why: it reads the year end as validated.
    expect((await citizen.get(`/api/plans/${planId}/tree`)).body.validation.reopening).toBeNull();
  }, 120_000);

  it('with the Relazione withdrawn, the results are not available; published again, as validated', async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: false }));
    const piano = flat(await get(`/trasparenza/${planId}/piano.html`));
    expect(piano).toContain(PENDING_IT);
    expect(piano).not.toMatch(/riaperto il periodo/);
    const json = JSON.parse(await get(`/trasparenza/${planId}/dati.json`));
    expect(json.metadata.validation).toBeNull();
    expect(json.objectives.find((o: any) => o.code === 'A.3').performance).toBeNull();
    expect((await citizen.get(`/api/plans/${planId}/tree`)).body.validation).toBeNull();
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
    await expectAsValidated();
  }, 120_000);

  /** `n` entries of the year end's trail (renames, deadlines) made a second after `after`: a trail longer than a read of it once took. */
  async function longTrail(after: string, n: number): Promise<void> {
    const db = backend === 'sqlite' ? openSqlite(t.location) : openPostgres(t.location);
    try {
      await db.run(
        `INSERT INTO audit (at, username, action, entity, entity_id, plan_id, before, after)
           WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
           SELECT ?, 'controller', 'update', 'period', ?, ?, '{"deadline":null}', '{"deadline":null}' FROM n`,
        [n, new Date(Date.parse(after) + 1000).toISOString(), YEAR_END, planId],
      );
    } finally {
      await db.close();
    }
  }

  it('closed again, nothing changes until a new validation', async () => {
    const closed = await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true });
    ok(closed);
    // More than 10,000 entries of the period since its reopening: the reopening is still found (it was
    // looked for in the latest 10,000 entries of the trail, and the year end read as never reopened).
    await longTrail(closed.body.updatedAt, 10_001);
    await expectAsValidated();
    // The office reads the values closed again, not beside the OIV's figures, which were for the values as they stood then.
    await expectOfficeClosedAgain();
  }, 120_000);

  it('closed again with the Relazione withdrawn: the values closed again, said not to be those the OIV validated', async () => {
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: false }));
    for (const html of [await get(`/trasparenza/${planId}/piano.html`), await get(`/api/plans/${planId}/export?format=html&lang=it`)]) {
      const words = flat(html);
      expect(words).toMatch(CLOSED_AGAIN_IT);
      expect(words).not.toMatch(NOTICE_IT);
      expect(words).not.toContain(PENDING_IT);
      expect(planRow(html, 'A.3')).toContain('0,00%');
      expect(planRow(html, 'B.1')).not.toContain("validato dall'OIV");
    }
    expect(flat(await get(`/api/plans/${planId}/export?format=html&lang=en`))).toMatch(CLOSED_AGAIN_EN);
    expect(await pdfWords()).toMatch(/e lo ha chiuso di nuovo; i valori mostrati non sono quelli validati dall'OIV/);
    expect(flat(await get(`/trasparenza/${planId}/index.html`))).toMatch(new RegExp(`Chiuso, in attesa di validazione: l'ente ha riaperto il periodo il ${DAY}`));
    for (const json of [JSON.parse(await get(`/trasparenza/${planId}/dati.json`)), JSON.parse(await get(`/api/plans/${planId}/export?format=json`))]) {
      expect(json.metadata.periodState).toMatch(CLOSED_AGAIN_IT);
      expect(json.metadata.validatedAt).toBeNull();
      expect(json.metadata.reopenedAt).toMatch(ISO);
      expect(json.metadata.validation).toBeNull();
      const of = (code: string) => json.objectives.find((o: any) => o.code === code);
      expect(of('A.3').performance).toBe(0);
      expect(of('A.3').indicators[0].actual).toBe(5);
      expect(of('B.1').validated).toBeNull();
    }
    for (const csv of [await get(`/trasparenza/${planId}/dati.csv`), await get(`/api/plans/${planId}/export?format=csv`)]) {
      expect(csvOf(csv, 'A.3')[1]).toMatchObject({ consuntivo: '5' });
      expect(csvOf(csv, 'B.1')[0]).toMatchObject({ performance_obiettivo: '56', performance_validata_oiv: '', nota_oiv: '' });
    }
    // The screen: the period closed with its values, and when it was validated and reopened, no validated figure.
    const tree = (await citizen.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.period).toMatchObject({ id: YEAR_END, state: 'closed' });
    expect(objective(tree, 'A.3').performance).toBe(0);
    expect(tree.validation).toMatchObject({ published: false, periodId: null, reopenedAt: expect.stringMatching(ISO), objectives: [], body: null });
    // An objective's explanation says so too, in the reader's language.
    expect(await explanationNotice('it')).toMatch(CLOSED_AGAIN_IT);
    expect(await explanationNotice('en')).toMatch(CLOSED_AGAIN_EN);
    await expectOfficeClosedAgain();
  }, 120_000);

  it('validated again by the OIV: its figures as they are, no reopening said, the old validated figures gone', async () => {
    // The Relazione published again: the newer validation holds all the same.
    ok(await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
    const oiv = await t.as('oiv');
    const validated = await oiv.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'validated' });
    ok(validated);
    // A trail longer than 10,000 entries of the period since (renames, deadlines): the validation is read from the period's row.
    await longTrail(validated.body.updatedAt, 10_001);
    for (const html of [await get(`/trasparenza/${planId}/piano.html`), await get(`/api/plans/${planId}/export?format=html&lang=it`)]) {
      const words = flat(html);
      expect(words).not.toMatch(/riaperto il periodo/);
      expect(words).toContain("validato dall'OIV");
      expect(planRow(html, 'A.3')).toContain('0,00%');
      expect(planRow(html, 'B.1')).not.toContain("validato dall'OIV");
    }
    expect(flat(await get(`/api/plans/${planId}/export?format=html&lang=en`))).not.toMatch(/reopened the period/);
    expect(flat(await get(`/trasparenza/${planId}/index.html`))).not.toMatch(/riaperto il periodo/);
    for (const json of [JSON.parse(await get(`/trasparenza/${planId}/dati.json`)), JSON.parse(await get(`/api/plans/${planId}/export?format=json`))]) {
      expect(json.metadata.periodState).toBe("validato dall'OIV");
      expect(json.metadata.reopenedAt).toBeNull();
      expect(json.metadata.validatedAt).toBe(validated.body.updatedAt);
      expect(json.metadata.validation).toBeNull();
      const of = (code: string) => json.objectives.find((o: any) => o.code === code);
      expect(of('A.3').performance).toBe(0);
      expect(of('B.1').validated).toBeNull();
    }
    for (const csv of [await get(`/trasparenza/${planId}/dati.csv`), await get(`/api/plans/${planId}/export?format=csv`)]) {
      expect(csvOf(csv, 'A.3')[1]).toMatchObject({ consuntivo: '5' });
      expect(csvOf(csv, 'B.1')[0]).toMatchObject({ performance_validata_oiv: '' });
    }
    const tree = (await citizen.get(`/api/plans/${planId}/tree`)).body;
    expect(tree.period).toMatchObject({ id: YEAR_END, state: 'validated' });
    expect(objective(tree, 'A.3').performance).toBe(0);
    expect(tree.validation).toMatchObject({ reopenedAt: null, periodId: null, objectives: [], body: null });
    const explained = await citizen.get(`/api/plans/${planId}/nodes/A.3/explanation`);
    expect(explained.status, explained.text).toBe(200);
    expect(explained.text).not.toContain('206');
    expect(explained.body.notice).toBeUndefined();
    // The office: the newer validation holds, the old Relazione's figures no longer beside the values, nothing said of the reopening.
    const office = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(office.period).toMatchObject({ id: YEAR_END, state: 'validated' });
    expect(office.validation).toMatchObject({ reopenedAt: null, reopening: null, periodId: null, objectives: [], summary: null, body: null });
    expect(await officeExplanationNotice('it')).toBeUndefined();
  }, 120_000);
});
