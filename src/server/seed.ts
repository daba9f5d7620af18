/**
 * The demo on first start: the 2024 fixture as a published plan adopted by its act, its year-end period collecting
 * and its values published (they are the published table's),
 * one account per role, and objective A.2 assigned to the referente's unit so entering a value is
 * possible straight away. Runs only on an empty database, and only when asked (the demo database).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importTableBytes } from '../io/load.js';
import { SYSTEM, type Role, type Store } from '../store/index.js';
import { hashPassword } from './auth.js';

export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
  readonly units: readonly string[];
}

export const DEMO_UNIT = 'Ufficio Internazionalizzazione';
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
  await store.transitionPeriod(plan.value.id, '2024-12-31', 'collecting', null, SYSTEM);
  // Its year-end values are the published table's: the public reads them, as a body publishes its
  // monitoring while the values are still collected, and is told they are provisional (web/src/periods/
  // PublicNotice.tsx, the transparency pages, the open data's periodState) until the period is closed.
  const published = await store.relazioni.publishPeriod(plan.value.id, '2024-12-31', true, SYSTEM);
  if (!published.ok) throw new Error(published.error.message);
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
