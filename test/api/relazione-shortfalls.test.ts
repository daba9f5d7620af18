/**
 * The Relazione's §3.4 (objectives not reached: causes and corrective actions) against what the
 * office may record, through HTTP on SQLite and PostgreSQL: a green objective below 100% (A.2, 93%)
 * is refused a variance (422 `variance-not-short`), so its empty cells say it was not asked for one;
 * before, they read «non rilevata» / «non indicata», as if the office had failed to find a cause it
 * could not record. A yellow or red objective left unexplained still says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat, sectionOf } from '../support/page-words.js';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])("the Relazione's objectives not reached on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('says a green objective below target was not asked for a cause, and an unexplained yellow one has none', async () => {
    const variance = (code: string) =>
      controller.request('PUT', `/api/plans/${planId}/nodes/${code}/variances/${YEAR_END}`, {
        cause: 'external',
        explanation: `Bando rinviato (${code})`,
        correctiveAction: 'Nuovo bando',
        version: 0,
      });
    const green = await variance('A.2');
    expect(green.status, green.text).toBe(422);
    expect(green.body.error.code).toBe('variance-not-short');
    expect((await variance('B.1')).status).toBe(200);

    const page = await controller.get(`/api/plans/${planId}/relazione/export?format=html`);
    expect(page.status, page.text).toBe(200);
    const shortfalls = sectionOf(flat(page.text), '3.4 Obiettivi non raggiunti');
    const row = (code: string, next: string) => shortfalls.slice(shortfalls.indexOf(`${code} `), shortfalls.indexOf(`${next} `, shortfalls.indexOf(`${code} `) + 1));
    expect(row('A.2', 'A.2.1')).toContain('93,00% verde non richiesta in fascia verde non richieste in fascia verde');
    expect(row('A.2.1', 'A.5')).toContain('80,00% giallo non rilevata non indicata');
    expect(row('B.1', 'B.1.1')).toContain('56,00% rosso causa esterna: Bando rinviato (B.1) Nuovo bando');
  });
});
