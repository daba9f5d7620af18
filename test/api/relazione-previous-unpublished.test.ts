/**
 * The public Relazione compares with last year only once the body published last year's plan, as
 * the plan report's previous-year column does (server/relazione.ts `lastYearPlan`), through HTTP on
 * SQLite and PostgreSQL. The fixture's 2024 plan is kept unpublished, its year end closed (the
 * figures the public comparison would read); the 2025 plan made from it is published with its
 * Relazione. Before, /trasparenza and the public export showed 2024's figures in section 3.6.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat, sectionOf } from '../support/page-words.js';
import { closedYearAndNext, transmitAndReview, type Backend, type Client, type TestServer } from './harness.js';

const TABLE = "Confronto con l'anno precedente per area";
/** The pages print ’ where the sentences looked for here are written with '. */
const APOSTROPHES = { apostrophes: true };
const WITHHELD = "Il confronto con il 2024 non è mostrato: l'ente non ha pubblicato il piano della performance 2024, e i suoi risultati non sono pubblici.";

/** Section 3.6, from its heading to the next chapter. */
const section = (text: string): string => sectionOf(text, "3.6 Confronto con l'anno precedente");

describe.each<Backend>(['sqlite', 'postgres'])("the public Relazione's comparison with a year whose plan is not published, on %s", (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  beforeAll(async () => {
    ({ t, before, planId, controller, oiv, citizen } = await closedYearAndNext(backend));
    expect((await controller.get(`/api/plans/${before}`)).body.published).toBe(false);
  });
  afterAll(async () => t?.close());

  /** Section 3.6 as the public reads it (the year's page and the export without a session) and as the office does. */
  const read = async (): Promise<{ public: string[]; office: string }> => {
    const found: string[] = [];
    for (const path of [`/trasparenza/${planId}/relazione.html`, `/api/plans/${planId}/relazione/export?format=html`]) {
      const page = await citizen.get(path);
      expect(page.status, path).toBe(200);
      found.push(section(flat(page.text, APOSTROPHES)));
    }
    return { public: found, office: section(flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text, APOSTROPHES)) };
  };

  it('says the comparison is not shown, never 2024’s figures, until 2024’s plan is published; the office reads them all along', async () => {
    await transmitAndReview(planId, controller, oiv);
    expect((await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated', reason: 'dati da integrare' })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);

    const unpublished = await read();
    for (const text of unpublished.public) {
      expect(text).not.toContain(TABLE);
      expect(text).not.toContain('100,00%');
      expect(text).toContain(WITHHELD);
    }
    // The office's own reading is unchanged: 2024's figures, compared.
    expect(unpublished.office).toContain(TABLE);
    expect(unpublished.office).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*100,00%/);
    expect(unpublished.office).not.toContain(WITHHELD);
    // The plan report's column follows the same rule: no 2024 column for the public.
    const report = await citizen.get(`/api/plans/${planId}/export?format=html&lang=it`);
    expect(report.status, report.text).toBe(200);
    expect(flat(report.text, APOSTROPHES)).not.toContain('Performance 2024');

    // 2024's plan published: the public reads the comparison the office reads.
    expect((await controller.request('PATCH', `/api/plans/${before}`, { published: true })).status).toBe(200);
    const published = await read();
    for (const text of published.public) {
      expect(text).toContain(TABLE);
      expect(text).toMatch(/A\.3 Sostegno alle aggregazioni[^%]*100,00%/);
      expect(text).not.toContain(WITHHELD);
    }
    expect(flat((await citizen.get(`/api/plans/${planId}/export?format=html&lang=it`)).text, APOSTROPHES)).toContain('Performance 2024');
  });

  it('withholds the comparison a validation kept, too, once 2024’s plan is withdrawn from publication', async () => {
    // 2025 decided again, this time validated: its cover keeps the comparison with 2024 as read then.
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'draft' })).status).toBe(200);
    await transmitAndReview(planId, controller, oiv);
    const validated = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(validated.status, validated.text).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    for (const text of (await read()).public) expect(text).toContain(TABLE);

    expect((await controller.request('PATCH', `/api/plans/${before}`, { published: false })).status).toBe(200);
    const withdrawn = await read();
    for (const text of withdrawn.public) {
      expect(text).toContain(WITHHELD);
      expect(text).not.toContain(TABLE);
    }
    expect(withdrawn.office).toContain(TABLE);
  });
});
