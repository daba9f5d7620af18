/**
 * The Relazione's §5 read with a year of concluded appraisal forms (docs/benchmarks.md, "The
 * Relazione's §5 with 5,000 concluded forms"): a synthetic plan of 500 indicators, 20 units and 5,000
 * final forms (objectives, behaviours, the organisational results frozen at their evaluation) on
 * SQLite, the server in its own process (bench/server.ts). Every read of the Relazione gives §5's
 * figures (`individual`: the forms by state, the final ones' bands, the bonuses' table), so each
 * read scores the year's final forms. Measured: the first read, reads repeated with nothing
 * changed, and a read after one form changed (its next read must show it). Wall time and the
 * server's CPU per read. ALBERO_BENCH_BUILT=<checkout> runs that checkout's build as the server.
 *   npx tsx bench/relazione-individual.ts [runs] [forms]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Decimal } from '../src/core/index.js';
import { exampleSmvpJson, smvpFromJson, type StaffCategory } from '../src/core/appraisal/index.js';
import { emptyDocument, FieldProblems, objectivesToDocument, type FormDocument } from '../src/server/appraisal/forms.js';
import { hashPassword } from '../src/server/auth.js';
import { openStore, SYSTEM } from '../src/store/index.js';
import { addBenchAdmin, BENCH_PASSWORD, cpuSeconds, loadAverage, login, startProcess } from './server.js';
import { syntheticPlan } from './synthetic.js';

const RUNS = Number(process.argv[2] ?? 7);
const FORMS = Number(process.argv[3] ?? 5_000);
const UNITS = 20;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const smvp = smvpFromJson(exampleSmvpJson('Ente', 2024)).value;
if (smvp === null) throw new Error('the example SMVP does not read');
const categories: StaffCategory[] = ['dirigente', 'eq', 'personale', 'personale', 'personale'];

/** The database: the plan, the units, the SMVP, FORMS people each with a final form. */
async function prepare(database: string): Promise<{ planId: string; formId: string }> {
  const store = await openStore(database);
  const imported = await store.importPlan({ table: { plan: syntheticPlan(500), stated: [] }, year: 2024, title: 'Bench §5' }, SYSTEM);
  if (!imported.ok) throw new Error(imported.error.message);
  const planId = imported.value.id;
  const organisation = (await store.getPlan(planId))!.organisation;
  const units: string[] = [];
  for (let u = 0; u < UNITS; u++) {
    const unit = await store.createUnit({ code: `U${u}`, name: `Ufficio ${u}`, kind: 'Ufficio' }, SYSTEM);
    if (!unit.ok) throw new Error(unit.error.message);
    units.push(unit.value.id);
  }
  await addBenchAdmin(store);
  const saved = await store.appraisals.saveSmvp(organisation, 2024, exampleSmvpJson(organisation, 2024), null, SYSTEM);
  if (!saved.ok) throw new Error('the SMVP was not stored');
  const hash = await hashPassword(BENCH_PASSWORD);
  const people: string[] = [];
  for (let f = 0; f < FORMS; f++) {
    const u = await store.createUser({ username: `persona${f}`, displayName: `Persona ${f}`, role: 'referente', units: [], passwordHash: hash }, SYSTEM);
    if (!u.ok) throw new Error(u.error.message);
    people.push(u.value.id);
  }
  let formId = '';
  for (let f = 0; f < FORMS; f++) {
    const category = categories[f % categories.length]!;
    const scheme = smvp!.schemes.find((s) => s.category === category)!;
    const unitId = units[f % UNITS]!;
    const problems = new FieldProblems();
    const objectives = objectivesToDocument(
      [0, 1, 2].map((i) => ({
        id: `o${i + 1}`,
        title: `Obiettivo ${i + 1}`,
        weight: new Decimal(i < 2 ? 33 : 34),
        comparator: '>=',
        unit: 'number',
        target: 100,
        scoring: 'proportional',
        state: 'measured',
        actual: 60 + ((f * 7 + i * 13) % 50),
        reason: null,
      })) as Parameters<typeof objectivesToDocument>[0],
      2024,
      problems,
    );
    problems.refuseAny();
    const ratings: Record<string, number> = {};
    for (const [i, b] of scheme.behaviours.entries()) ratings[b.code] = 1 + ((f + i) % 5);
    const at = '2025-03-01T10:00:00.000Z';
    const doc: FormDocument = {
      ...emptyDocument(),
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: '100' }],
      objectives,
      ratings,
      acknowledged: { person: at, evaluator: at },
      // Frozen at the evaluation, as the route freezes it: the form no longer reads the plan.
      evaluation: { at, by: 'admin', smvpVersion: saved.value.version, org: { body: '82', units: { [unitId]: String(60 + (f % 40)) }, objectives: { [unitId]: [] } }, score: null, band: null },
      acceptance: { at },
      finalisedAt: at,
    };
    const created = await store.appraisals.createForm(
      { organisation, year: 2024, personId: people[f]!, evaluatorId: people[(f + FORMS - 20) % FORMS]!, category, planId, document: emptyDocument() as unknown as Record<string, unknown> },
      SYSTEM,
    );
    if (!created.ok) throw new Error(created.error.message);
    const final = await store.appraisals.updateForm(created.value.id, created.value.version, { state: 'final', document: doc as unknown as Record<string, unknown> }, 'finalise', null, SYSTEM);
    if (!final.ok) throw new Error(final.error.message);
    formId = final.value.id;
  }
  await store.close();
  return { planId, formId };
}

const dir = mkdtempSync(join(tmpdir(), 'albero-bench-individual-'));
let child: ChildProcess | undefined;
try {
  const database = join(dir, 'bench.sqlite');
  const t = performance.now();
  const { planId, formId } = await prepare(database);
  console.log(`stored ${FORMS.toLocaleString('en')} final forms in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const server = await startProcess(database, process.env.ALBERO_BENCH_BUILT);
  child = server.child;
  const admin = await login(server.url);
  const call = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 400)}`);
    return JSON.parse(text);
  };
  /** One read of the Relazione as the office's screen makes it: wall time and the server's CPU, in ms. */
  const read = async (): Promise<{ wall: number; cpu: number; individual: { total: number; concluded: number } }> => {
    const cpu = cpuSeconds(child!.pid);
    const start = performance.now();
    const body = await call('GET', `/api/plans/${planId}/relazione`);
    return { wall: performance.now() - start, cpu: (cpuSeconds(child!.pid) - cpu) * 1000, individual: body.individual };
  };
  const first = await read();
  if (first.individual?.concluded !== FORMS) throw new Error(`§5 counts ${JSON.stringify(first.individual)} concluded, not ${FORMS}`);
  const repeated: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) repeated.push(await read());
  // One form reopened (final → accepted), so that its next read must count one form fewer concluded.
  const form = await call('GET', `/api/appraisals/${formId}`);
  await call('POST', `/api/appraisals/${formId}/actions`, { action: 'reopen', reason: 'bench', version: form.version });
  const changed = await read();
  if (changed.individual.concluded !== FORMS - 1) throw new Error(`after a form reopened §5 counts ${changed.individual.concluded} concluded, not ${FORMS - 1}`);
  const again: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < RUNS; i++) again.push(await read());
  const line = (what: string, xs: { wall: number; cpu: number }[]): string =>
    `  ${what.padEnd(36)} median ${median(xs.map((x) => x.wall))
      .toFixed(0)
      .padStart(
        5,
      )} ms (best ${Math.min(...xs.map((x) => x.wall)).toFixed(0)}); server CPU median ${median(xs.map((x) => x.cpu)).toFixed(0)} ms, mean ${(xs.reduce((s, x) => s + x.cpu, 0) / xs.length).toFixed(1)} ms`;
  console.log(`${FORMS.toLocaleString('en')} final forms; ${RUNS} runs; load ${loadAverage()}`);
  console.log(`  first read                           ${first.wall.toFixed(0).padStart(5)} ms; server CPU ${first.cpu.toFixed(0)} ms`);
  console.log(line('read again, nothing changed', repeated));
  console.log(`  read after a form reopened           ${changed.wall.toFixed(0).padStart(5)} ms; server CPU ${changed.cpu.toFixed(0)} ms`);
  console.log(line('read again after it', again));
} finally {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
}
