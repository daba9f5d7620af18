/**
 * `albero report` and `albero relazione` on a plan's open data (dati.json, the server's export as
 * JSON): the body, the act adopting the plan and the OIV's published validation it carries are
 * printed as the server's own documents print them. The fixture, adopted (Delibera di Giunta n. 12 of
 * 30/01/2024), its Relazione validated with reservations with B.1 at 50% (56% reported; B follows at
 * 78,75%, yellow), published. Before, the CLI printed B.1 at 56% with no word of the validation, and
 * neither the body nor the act. A dati.json whose metadata are of another shape is refused at the
 * field, with exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albero } from '../helpers.js';
import { flat } from '../support/page-words.js';
import { adopt, startWithFixture, step, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const NOTE = 'Il trend dei partecipanti al PID non è documentato.';

/** The objective row of `code` in a plan report's table, as words. */
function planRow(html: string, code: string): string {
  const table = html.slice(html.indexOf('<table class="relazione"'));
  const row = table.split('</tr>').find((r) => r.includes(`id="o-${code}"`));
  expect(row, code).toBeDefined();
  return flat(row!).trim();
}

/** A report's words from its validation's heading to the next section. */
function validationOf(html: string): string {
  const at = html.indexOf('<section class="oiv-validation"');
  expect(at, 'validation section').toBeGreaterThan(0);
  return flat(html.slice(at, html.indexOf('</section>', at))).trim();
}

/** The heading's facts of a report (year, act, period…), as words. */
function factsOf(html: string): string {
  return flat(html.slice(0, html.indexOf('<table class="relazione"')));
}

describe("the CLI on a published plan's dati.json", () => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let citizen: Client;
  let dir: string;
  let dati: string;
  let body: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture('sqlite', { publish: true }));
    const oiv = await t.as('oiv');
    citizen = await t.as('public');
    body = (await adopt(planId, controller)).body.organisation;
    for (const to of ['collecting', 'closed']) step(`year end ${to}`, await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true }));
    step('transmit', await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }));
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    step(
      'review',
      await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
        note: 'Esito della verifica.',
        reservations: 'Dati del PID da documentare.',
        checklist,
        values: [{ code: 'B.1', validated: 50, note: NOTE }],
        version: current.version,
      }),
    );
    step('decide', await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated_with_reservations' }));
    step('publish', await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
    dir = mkdtempSync(join(tmpdir(), 'albero-dati-'));
    dati = join(dir, 'dati.json');
    const exported = await citizen.get(`/api/plans/${planId}/export?format=json`);
    expect(exported.status).toBe(200);
    writeFileSync(dati, exported.text);
  });
  afterAll(async () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it.each(['it', 'en'] as const)('report (%s): the body, the act and the validated figures as the server prints them', async (lang) => {
    const server = (await citizen.get(`/api/plans/${planId}/export?format=html&lang=${lang}`)).text;
    const run = albero(['report', dati, '--format', 'html', '--lang', lang]);
    expect(run.status, run.stderr).toBe(0);
    const cli = run.stdout;
    expect(flat(cli)).toContain(body);
    const act = lang === 'it' ? 'Delibera di Giunta n. 12 del 30/01/2024' : 'Delibera di Giunta no. 12 of 30/01/2024';
    expect(factsOf(server)).toContain(act);
    expect(factsOf(cli)).toContain(act);
    // B.1 as the OIV validated it, beside the reported figure, with its note; B following it.
    expect(planRow(cli, 'B.1')).toContain(lang === 'it' ? "50,00% rosso validato dall'OIV 56,00% rendicontato" : '50.00% red validated by the OIV 56.00% reported');
    for (const code of ['B.1', 'B', 'A']) expect(planRow(cli, code), code).toBe(planRow(server, code));
    expect(validationOf(cli)).toBe(validationOf(server));
  });

  it("relazione: the body, the act and section 7's validated figures as the server's Relazione says them", async () => {
    const output = join(dir, 'relazione.html');
    const run = albero(['relazione', dati, '--output', output]);
    expect(run.status, run.stderr).toBe(0);
    const cli = flat(readFileSync(output, 'utf8'), { apostrophes: true });
    const server = flat((await citizen.get(`/api/plans/${planId}/relazione/export?format=html`)).text, { apostrophes: true });
    expect(cli).toContain(body);
    expect(cli).toContain('Delibera di Giunta n. 12 del 30/01/2024');
    expect(cli).toContain('Stato della Relazione: validata con riserva (');
    // The sentences of section 7, word for word the server's.
    const sentences = [
      /Per gli obiettivi seguenti l'OIV ha validato un valore diverso da quello rendicontato\.[^.]*\./,
      /Con i valori validati dall'OIV la performance organizzativa complessiva dell'ente è [^.]*\.[^.]*\./,
      /Stato della Relazione: [^)]*\)\./,
    ];
    for (const sentence of sentences) {
      const said = sentence.exec(server)?.[0];
      expect(said, String(sentence)).toBeDefined();
      expect(cli).toContain(said);
    }
    expect(cli).toMatch(/B\.1 Transizione digitale[^%]*56,00%[^%]*50,00%/);
    expect(cli).toContain(NOTE);
  });

  it.each([
    ['it', 'campo', 'non è un piano calcolato come lo scrive Albero'],
    ['en', 'field', 'this is not a computed plan as Albero writes it'],
  ] as const)('refuses (%s) a dati.json whose validation is of another shape, at its field', (lang, field, words) => {
    const doc = JSON.parse(readFileSync(dati, 'utf8'));
    doc.metadata.validation.decidedAt = 5;
    const b1 = doc.objectives.findIndex((o: { code: string }) => o.code === 'B.1');
    expect(doc.objectives[b1].validated.byOiv).toBe(true);
    delete doc.objectives[b1].validated.byOiv;
    const bad = join(dir, `other-${lang}.json`);
    writeFileSync(bad, JSON.stringify(doc));
    for (const command of [
      ['report', bad, '--format', 'html'],
      ['relazione', bad, '--output', join(dir, `never-${lang}.html`)],
    ]) {
      const run = albero([...command, '--lang', lang]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${bad} ${field} metadata.validation.decidedAt: `);
      expect(run.stderr).toContain(`${bad} ${field} objectives[${b1}].validated.byOiv: `);
      expect(run.stderr).toContain(words);
      expect(run.stdout).toBe('');
    }
  });
});
