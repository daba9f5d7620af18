/**
 * A published plan archived while a period it published was still open, as the public reads it
 * through HTTP on SQLite and PostgreSQL: not «risultati non ancora disponibili: il periodo è in
 * corso» (nobody collects values in an archived plan any more, so the results will not come) but
 * that the period was not closed before the plan was archived, on the /trasparenza pages, in the
 * open data, the public exports (Italian and English) and the explanations. Brought back from the
 * archive, the period is in progress again and said so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const IN_PROGRESS_IT = 'risultati non ancora disponibili: il periodo è in corso';
const IN_PROGRESS_EN = 'results not available yet: the period is in progress';
const NOT_CLOSED_IT = "risultati non disponibili: il periodo non è stato chiuso prima dell'archiviazione del piano";
const NOT_CLOSED_EN = 'results not available: the period was not closed before the plan was archived';

/** The HTML's text as a reader sees it: the escaped apostrophe said as one. */
const unescaped = (html: string): string => html.replace(/&#39;|&#x27;|&apos;/g, "'");

describe.each<Backend>(['sqlite', 'postgres'])('a plan archived with a published period still open, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let anyone: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    anyone = await t.as('public');
    const ok = (r: { status: number; text: string }): void => expect(r.status, r.text).toBe(200);
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/transition`, { to: 'collecting' }));
    ok(await controller.request('POST', `/api/plans/${planId}/periods/2024-12-31/publication`, { published: true }));
    ok(await controller.request('POST', `/api/plans/${planId}/archive`));
  }, 120_000);
  afterAll(async () => t?.close());

  it('says on /trasparenza and in the open data that the period was not closed, not that it is in progress', async () => {
    const year = unescaped((await anyone.get(`/trasparenza/${planId}/index.html`)).text);
    expect(year).toContain("<strong>Risultati non disponibili: il periodo non è stato chiuso prima dell'archiviazione del piano</strong>");
    expect(year).not.toContain('in corso');
    expect(year).not.toContain('saranno pubblicati alla chiusura');
    const plan = unescaped((await anyone.get(`/trasparenza/${planId}/piano.html`)).text);
    expect(plan).toContain(`<dt>Stato del periodo</dt><dd>${NOT_CLOSED_IT}</dd>`);
    expect(plan).not.toContain(IN_PROGRESS_IT);
    const json = (await anyone.get(`/trasparenza/${planId}/dati.json`)).body;
    expect(json.metadata.periodState).toBe(NOT_CLOSED_IT);
  });

  it('says it in the public exports and explanations, in Italian and English', async () => {
    expect((await anyone.get(`/api/plans/${planId}/export?format=json`)).body.metadata.periodState).toBe(NOT_CLOSED_IT);
    const html = unescaped((await anyone.get(`/api/plans/${planId}/export?format=html`)).text);
    expect(html).toContain(`<dt>Stato del periodo</dt><dd>${NOT_CLOSED_IT}</dd>`);
    expect(html).not.toContain(IN_PROGRESS_IT);
    const english = unescaped((await anyone.get(`/api/plans/${planId}/export?format=html&lang=en`)).text);
    expect(english).toContain(`<dt>Period state</dt><dd>${NOT_CLOSED_EN}</dd>`);
    expect(english).not.toContain(IN_PROGRESS_EN);
    const office = (await controller.get(`/api/plans/${planId}/tree`)).body;
    const leaf = office.objectives.find((o: any) => o.indicators.length > 0 && o.indicators.every((i: any) => !i.derived)).code;
    for (const [lang, notice] of [
      ['it', NOT_CLOSED_IT],
      ['en', NOT_CLOSED_EN],
    ]) {
      const explained = (await anyone.get(`/api/plans/${planId}/nodes/${enc(leaf)}/explanation?lang=${lang}`)).body;
      expect(explained.formula).toBe(`${leaf}: ${notice}`);
      expect([...new Set(explained.indicators.map((i: any) => i.scoring))]).toEqual([notice]);
      expect([...new Set(explained.contributions.map((c: any) => c.pending))]).toEqual([notice]);
    }
  });

  it('brought back from the archive, the period is in progress again and said so', async () => {
    expect((await controller.request('POST', `/api/plans/${planId}/unarchive`)).status).toBe(200);
    try {
      expect((await anyone.get(`/trasparenza/${planId}/dati.json`)).body.metadata.periodState).toBe(IN_PROGRESS_IT);
      expect((await anyone.get(`/trasparenza/${planId}/index.html`)).text).toContain('<strong>Risultati non ancora disponibili: il periodo è in corso</strong>');
      expect((await anyone.get(`/api/plans/${planId}/export?format=json`)).body.metadata.periodState).toBe(IN_PROGRESS_IT);
    } finally {
      expect((await controller.request('POST', `/api/plans/${planId}/archive`)).status).toBe(200);
    }
  });
});
