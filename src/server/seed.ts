/**
 * The demo on first start: the 2024 fixture as a published plan adopted by its act, with what a
 * transparency office shows the public: the 30/09 monitoring closed, with its results, and the
 * year end collecting and published, as the plan's targets without a value until it is closed;
 * one account per role, and objective A.2 assigned to the referente's unit so entering a value is
 * possible straight away. Runs only on an empty database, and only when asked (the demo database).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importTableBytes } from '../io/load.js';
import { SYSTEM, type Role, type Store } from '../store/index.js';
import { hashPassword } from './auth.js';
import { must } from './errors.js';

export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
  readonly units: readonly string[];
}

export const DEMO_UNIT = 'Ufficio Internazionalizzazione';
const MONITORING = '2024-09-30';
const YEAR_END = '2024-12-31';
/** The act that adopted the demo plan (illustrative: a Giunta's resolution at the end of January). */
export const DEMO_ACT = { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } as const;

/** Seeds an empty store; returns the accounts created (their passwords are shown once) or null when there was something already. */
export async function seedDemo(store: Store, fixturePath: string, password?: string): Promise<DemoAccount[] | null> {
  if ((await store.countUsers()) > 0 || (await store.listPlans({ archived: 'all' })).length > 0) return null;
  const table = await importTableBytes(await readFile(fixturePath), 'albero-performance-2024.txt');
  if (table.value === null) throw new Error(`the demo plan ${fixturePath} cannot be read`);
  const plan = await store.importPlan({ table: table.value, year: 2024, organisation: 'Camera di commercio (demo)' }, SYSTEM);
  if (!plan.ok) throw new Error(plan.error.message);
  await store.updatePlan(plan.value.id, { published: true }, SYSTEM);
  await store.updateNode(plan.value.id, 'A.2', { unit: DEMO_UNIT }, undefined, SYSTEM);
  // The published 2024 plan was adopted: from now on it changes only by recorded revisions.
  const adopted = await store.adoptPlan(plan.value.id, DEMO_ACT, SYSTEM);
  if (!adopted.ok) throw new Error(adopted.error.message);
  // The 30/09 monitoring, closed: the public reads its results. Its values are the published
  // table's (illustrative: the table is the year end's), entered as a referente enters them.
  const table2024 = must(await store.planForPeriod(plan.value.id, YEAR_END));
  for (const [indicatorId, meta] of table2024.indicators) {
    const m = meta.measurement;
    if (m === null) continue;
    must(await store.putMeasurement(plan.value.id, indicatorId, MONITORING, { state: m.state, actual: m.actual, inputs: m.inputs, reason: m.reason, source: m.source }, 0, SYSTEM));
  }
  must(await store.transitionPeriod(plan.value.id, MONITORING, 'collecting', null, SYSTEM));
  // Closed as entered, unreviewed: the demo shows a closing made knowingly, its count on the trail.
  must(await store.transitionPeriod(plan.value.id, MONITORING, 'closed', null, SYSTEM, { acknowledgeUnreviewed: true }));
  // The year end, collecting and published: the public reads the adopted plan, its targets and
  // baselines, and is told its results are not available yet (server/public-periods.ts) until it is
  // closed; the values entered meanwhile are the office's.
  must(await store.transitionPeriod(plan.value.id, YEAR_END, 'collecting', null, SYSTEM));
  must(await store.relazioni.publishPeriod(plan.value.id, YEAR_END, true, SYSTEM));
  const accounts: DemoAccount[] = (
    [
      { username: 'admin', role: 'admin', units: [], password: '' },
      { username: 'controller', role: 'controller', units: [], password: '' },
      { username: 'referente', role: 'referente', units: [DEMO_UNIT], password: '' },
      { username: 'oiv', role: 'oiv', units: [], password: '' },
      { username: 'personale', role: 'personale', units: [], password: '' },
    ] as DemoAccount[]
  ).map((a) => ({ ...a, password: password ?? randomBytes(9).toString('base64url') }));
  // People's names, as a real office's accounts have: named after their roles, the header said
  // "Connesso come Controllo di gestione (Controllo di gestione)".
  const names: Record<Role, string> = {
    admin: 'Giulia Ferri',
    controller: 'Marco Rinaldi',
    referente: 'Sara Conti',
    oiv: 'Luca Marino',
    personale: 'Elena Gallo',
  };
  for (const a of accounts) {
    const created = await store.createUser({ username: a.username, displayName: names[a.role], role: a.role, units: a.units, passwordHash: await hashPassword(a.password) }, SYSTEM);
    if (!created.ok) throw new Error(created.error.message);
  }
  return accounts;
}
