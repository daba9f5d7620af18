/**
 * The documento di validazione says that the OIV confirms the reported values only once it has
 * validated the Relazione: before its decision, and when it does not validate, it confirms none
 * (before: "L'OIV conferma i valori rendicontati per tutti gli obiettivi" under "NON VALIDATA").
 * Through HTTP, in each of the three formats.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWithFixture, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const CONFIRMS = "L'OIV conferma i valori rendicontati per tutti gli obiettivi.";

describe('the documento di validazione before and without a validation', { timeout: 120_000 }, () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  const dir = mkdtempSync(join(tmpdir(), 'albero-validation-words-'));
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite'));
    oiv = await t.as('oiv');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Section 5 of the documento as each format prints it (the PDF read by poppler), in one line. */
  async function valuesSection(): Promise<Record<string, string>> {
    const html = (await controller.get(`/api/plans/${planId}/relazione/validation?format=html`)).text.replace(/&#39;/g, "'");
    const pdf = await fetch(`${t.url}/api/plans/${planId}/relazione/validation?format=pdf`, { headers: { cookie: controller.cookie! } });
    expect(pdf.status).toBe(200);
    const file = join(dir, 'validazione.pdf');
    writeFileSync(file, new Uint8Array(await pdf.arrayBuffer()));
    const pdfText = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    const from = (text: string): string => text.slice(text.lastIndexOf('Valori validati'));
    return { html: from(html), pdf: from(pdfText) };
  }

  it('says the OIV has not decided yet while the Relazione is with it, and confirms nothing', async () => {
    for (const text of Object.values(await valuesSection())) {
      expect(text).not.toContain(CONFIRMS);
      expect(text).toContain("L'OIV non ha ancora deciso: nessun valore rendicontato è ancora confermato.");
    }
  });

  it('says a Relazione not validated has no value confirmed', async () => {
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated', reason: 'Mancano le evidenze.' });
    expect(decided.status, decided.text).toBe(200);
    for (const text of Object.values(await valuesSection())) {
      expect(text).not.toContain(CONFIRMS);
      expect(text).toContain("La Relazione non è validata: l'OIV non conferma i valori rendicontati.");
    }
  });
});
