/**
 * Objective codes that are also JavaScript's own words (`constructor`, `valueOf`,
 * `hasOwnProperty`): the JSON plan document, the workbook and the tree editor's API take them
 * (`__proto__` none of them: test/json-plan-codes), and every object keyed by a code must hold them
 * as any other code. Through HTTP on SQLite and PostgreSQL: the fixture's 2024 plan imported as the
 * JSON document `albero import --output` writes, with A.3 coded `constructor`, B.2 `valueOf`
 * (yellow: a variance, its unit) and A.8 `hasOwnProperty`, strategic objectives all three;
 * evaluated, its Relazione transmitted and validated (`constructor` at 80 where 100 was reported),
 * published; its 2025 compared with it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat } from '../support/page-words.js';
import { adoptAndReview, enc, nextYearClosed, objective, startTestServer, transmitAndReview, REFERENTE_UNIT, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END_2024 = '2024-12-31';
const RENAMED = new Map([
  ['A.3', 'constructor'],
  ['B.2', 'valueOf'],
  ['A.8', 'hasOwnProperty'],
]);
const CAUSE = 'Bando regionale rinviato a novembre';

/** The fixture as the JSON plan document, its codes renamed as `RENAMED` says. */
function renamedDocument(): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-code-keys-'));
  try {
    const out = join(dir, 'piano.json');
    execFileSync(process.execPath, ['dist/cli/main.js', 'import', 'fixtures/albero-performance-2024.txt', '--output', out, '--lang', 'it'], { stdio: 'pipe' });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    const renamed = (code: string | null): string | null => (code === null ? null : (RENAMED.get(code) ?? code));
    for (const o of doc.objectives) {
      for (const i of o.indicators) i.id = i.id.replace(`${o.code}:`, `${renamed(o.code)}:`);
      o.code = renamed(o.code);
      o.parent = renamed(o.parent);
    }
    return JSON.stringify(doc);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each<Backend>(['sqlite', 'postgres'])('objective codes that are JavaScript words, on %s', (backend) => {
  let t: TestServer;
  let before: string;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  let citizen: Client;
  beforeAll(async () => {
    t = await startTestServer(backend);
    controller = await t.as('controller');
    oiv = await t.as('oiv');
    citizen = await t.as('public');
    const form = new FormData();
    form.set('file', new Blob([renamedDocument()]), 'piano-2024.json');
    const imported = await controller.request('POST', '/api/plans/import', form);
    expect(imported.status, imported.text).toBe(201);
    before = imported.body.plan.id;
    const ok = (what: string, reply: { status: number; text: string }, status = 200): void => expect(reply.status, `${what}: ${reply.text}`).toBe(status);
    ok('unit', await controller.request('PATCH', `/api/plans/${before}/nodes/${enc('valueOf')}`, { unit: REFERENTE_UNIT }));
    ok('publish', await controller.request('PATCH', `/api/plans/${before}`, { published: true }));
    // Adopted, its year end closed with a variance for valueOf, the Relazione with the OIV (constructor validated at 80); its 2025 closed with a value each.
    const variance = { cause: 'external', explanation: CAUSE, correctiveAction: 'Nuovo bando a gennaio', version: 0 };
    const review = [{ code: 'constructor', validated: 80, note: 'Le aggregazioni documentate sono meno di quelle dichiarate.' }];
    await adoptAndReview(before, controller, oiv, review, async () => {
      ok('variance', await controller.request('PUT', `/api/plans/${before}/nodes/${enc('valueOf')}/variances/${YEAR_END_2024}`, variance));
    });
    planId = await nextYearClosed(before, controller, {
      publish: false,
      values: [
        ['constructor:1', 9],
        ['valueOf:2', 48],
        ['hasOwnProperty:1', 2],
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  /** The 2025 Relazione's comparison: each renamed objective's figure of last year (the first on its line), as pairs. */
  const comparedWith = async (): Promise<[string, string][]> => {
    const words = flat((await controller.get(`/api/plans/${planId}/relazione/export?format=html`)).text, { apostrophes: true });
    const table = words.slice(words.lastIndexOf("Confronto con l'anno precedente"));
    return [...RENAMED.values()].map((code) => [code, new RegExp(`${code} [^%]*?(\\d+,\\d\\d%)`).exec(table)?.[1] ?? 'missing']);
  };

  it('evaluates them, validates the Relazione with their units and causes, and compares next year with what the OIV validated', async () => {
    const tree = (await controller.get(`/api/plans/${before}/tree?period=${YEAR_END_2024}`)).body;
    expect(objective(tree, 'constructor').performance).toBe(100);
    expect(objective(tree, 'valueOf').performance).toBe(65);
    // The closed year end is read from its closing, which keeps each objective's unit by code.
    expect(objective(tree, 'valueOf').unit).toBe(REFERENTE_UNIT);
    expect(objective(tree, 'hasOwnProperty').performance).toBe(100);

    // Before the decision the comparison reads 2024's reported figures.
    expect(await comparedWith()).toEqual([
      ['constructor', '100,00%'],
      ['valueOf', '65,00%'],
      ['hasOwnProperty', '100,00%'],
    ]);

    const shown = (await oiv.get(`/api/plans/${before}/relazione`)).body;
    const validated = await oiv.request('POST', `/api/plans/${before}/relazione/transition`, { to: 'validated', seen: shown.seen });
    expect(validated.status, validated.text).toBe(200);

    // The validated Relazione keeps valueOf's unit and its cause as any objective's.
    const relazione = flat((await controller.get(`/api/plans/${before}/relazione/export?format=html`)).text, { apostrophes: true });
    const shortfalls = relazione.slice(relazione.indexOf('Causa dello scostamento Azioni correttive'));
    expect(/valueOf Transizione green e sostenibilità ▲ 65,00% giallo (causa \S+?):/.exec(shortfalls)?.[1]).toBe('causa esterna');
    expect(relazione.includes(CAUSE)).toBe(true);
    expect(/4\.3 Obiettivi per unità organizzativa (.*?) 5 Misurazione/.exec(relazione)?.[1]).toContain(REFERENTE_UNIT);
    const stored = (await t.server.store.relazioni.getRelazione(before))!;
    expect(Object.hasOwn(stored.frozenCover!.units, 'valueOf')).toBe(true);

    // 2025's comparison reads what the validation kept: constructor as validated, the others as reported.
    expect(await comparedWith()).toEqual([
      ['constructor', '80,00%'],
      ['valueOf', '65,00%'],
      ['hasOwnProperty', '100,00%'],
    ]);

    // 2025's Relazione validated in its turn keeps last year's figures in its cover, and reads them from there.
    await transmitAndReview(planId, controller, oiv);
    const shown2025 = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const validated2025 = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated', seen: shown2025.seen });
    expect(validated2025.status, validated2025.text).toBe(200);
    expect(Object.keys((await t.server.store.relazioni.getRelazione(planId))!.frozenCover!.previous!.objectives)).toEqual(expect.arrayContaining([...RENAMED.values()]));
    expect(await comparedWith()).toEqual([
      ['constructor', '80,00%'],
      ['valueOf', '65,00%'],
      ['hasOwnProperty', '100,00%'],
    ]);

    // The public export of 2024, once the Relazione is published: constructor's validated figure beside the reported one.
    expect((await controller.request('POST', `/api/plans/${before}/relazione/publication`, { published: true })).status).toBe(200);
    const open = (await citizen.get(`/api/plans/${before}/export?format=json`)).body;
    const byCode = new Map<string, any>(open.objectives.map((o: any) => [o.code, o]));
    expect(byCode.get('constructor').validated?.performance).toBe(80);
    expect(byCode.get('valueOf').performance).toBe(65);
    expect(byCode.get('hasOwnProperty').performance).toBe(100);
  }, 120_000);
});
