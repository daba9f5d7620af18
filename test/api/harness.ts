/**
 * Test harness: the real server on a random port against a fresh database (a SQLite file, or a
 * database on a throwaway PostgreSQL server), and a small HTTP client that keeps its session
 * cookie and CSRF token like a browser tab.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OidcSettings } from '../../src/server/api.js';
import type { ReminderOptions } from '../../src/server/reminders.js';
import type { OffThreadOptions } from '../../src/server/off-thread/pool.js';
import type { ExportJobs } from '../../src/server/exports/jobs.js';
import type { StoreOptions } from '../../src/store/index.js';
import { hashPassword } from '../../src/server/auth.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { SYSTEM, type Role } from '../../src/store/index.js';
import { FIXTURE } from '../helpers.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

export const PASSWORD = 'correct horse battery';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  /**
   * The `Accept-Language` sent unless a request sets its own: English, the language the tests'
   * assertions on messages are written in (the server's default is Italian); null sends none.
   */
  language: string | null = 'en';
  constructor(readonly base: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.language !== null && !Object.keys(h).some((k) => k.toLowerCase() === 'accept-language')) h['accept-language'] = this.language;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    if (typeof body === 'string') h['content-type'] ??= 'application/json';
    if (this.cookie !== null) h.cookie = this.cookie;
    if (this.csrf !== null && method !== 'GET' && h['x-csrf-token'] === undefined) h['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: payload });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie !== null) {
      const value = /albero_session=([^;]*)/.exec(setCookie)?.[1];
      this.cookie = value === undefined || value === '' ? null : `albero_session=${value}`;
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = any>(path: string): Promise<Reply<T>> {
    return this.request<T>('GET', path);
  }

  async login(username: string, password = PASSWORD): Promise<Reply> {
    const reply = await this.request('POST', '/api/session', { username, password });
    if (reply.status === 200) this.csrf = reply.body.csrfToken;
    return reply;
  }
}

export type Backend = 'sqlite' | 'postgres';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** The database (a SQLite file or a PostgreSQL URL), for a second server on it. */
  location: string;
  /** A client signed in as the account of this role (usernames: admin, controller, referente, oiv, personale). */
  as(role: Role | 'public'): Promise<Client>;
  /**
   * Imports the fixture as the controller; returns the plan id. A body holds one plan per year and
   * title: the first import is the body `Ente`'s, each later one another body's (`Ente 2`, …).
   */
  importFixture(options?: { publish?: boolean }): Promise<string>;
  close(): Promise<void>;
}

let postgres: TestPostgres | null = null;
let postgresUsers = 0;

export const REFERENTE_UNIT = 'Ufficio Digitale';

/** What a test server is started with beyond its backend: lower limits, OIDC, workers, reminders. */
export interface TestServerOptions {
  uploadBytes?: number;
  attachmentBytes?: number;
  oidc?: OidcSettings;
  offThread?: OffThreadOptions;
  reminders?: ReminderOptions;
  exports?: ExportJobs;
  /** How the store is opened (a short SQLite busy timeout for the tests of a locked database). */
  store?: StoreOptions;
  /** A database of the test's own (a migration's: ../support/old-database.ts), left to it when the server closes. */
  location?: string;
}

export async function startTestServer(backend: Backend = 'sqlite', options: TestServerOptions = {}): Promise<TestServer> {
  let location: string;
  let dir: string | null = null;
  const own = options.location !== undefined;
  if (options.location !== undefined) {
    location = options.location;
  } else if (backend === 'postgres') {
    postgres ??= await startPostgres();
    postgresUsers++;
    location = await postgres.database();
  } else {
    dir = mkdtempSync(join(tmpdir(), 'albero-api-'));
    location = join(dir, 'albero.sqlite');
  }
  const server = await startServer({
    location,
    port: 0,
    host: '127.0.0.1',
    limits: { ...(options.uploadBytes ? { uploadBytes: options.uploadBytes } : {}), ...(options.attachmentBytes ? { attachmentBytes: options.attachmentBytes } : {}) },
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.offThread ? { offThread: options.offThread } : {}),
    ...(options.reminders ? { reminders: options.reminders } : {}),
    ...(options.exports ? { exports: options.exports } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const hash = await hashPassword(PASSWORD);
  const units: Record<Role, string[]> = { admin: [], controller: [], referente: [REFERENTE_UNIT], oiv: [], personale: [] };
  for (const role of ['admin', 'controller', 'referente', 'oiv', 'personale'] as const) {
    const created = await server.store.createUser({ username: role, displayName: role, role, units: units[role], passwordHash: hash }, SYSTEM);
    if (!created.ok) throw new Error(created.error.message);
  }
  const url = server.url;
  let imports = 0;
  const as = async (role: Role | 'public'): Promise<Client> => {
    const client = new Client(url);
    if (role !== 'public') {
      const reply = await client.login(role);
      if (reply.status !== 200) throw new Error(`login ${role}: ${reply.status} ${reply.text}`);
    }
    return client;
  };
  return {
    server,
    url,
    location,
    as,
    async importFixture(opts = {}) {
      const controller = await as('controller');
      const form = new FormData();
      form.set('file', new Blob([readFileSync(FIXTURE)]), 'albero-performance-2024.txt');
      if (++imports > 1) form.set('organisation', `Ente ${imports}`);
      const reply = await controller.request('POST', '/api/plans/import', form);
      if (reply.status !== 201) throw new Error(`import: ${reply.status} ${reply.text}`);
      const planId = reply.body.plan.id as string;
      // B.1.1 belongs to the referente's unit: the referente may enter its values, and only those.
      const assigned = await controller.request('PATCH', `/api/plans/${planId}/nodes/B.1.1`, { unit: REFERENTE_UNIT });
      if (assigned.status !== 200) throw new Error(`assign: ${assigned.status} ${assigned.text}`);
      if (opts.publish === true) await controller.request('PATCH', `/api/plans/${planId}`, { published: true });
      return planId;
    },
    async close() {
      await server.close();
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres' && !own && --postgresUsers === 0 && postgres !== null) {
        await postgres.stop();
        postgres = null;
      }
    },
  };
}

/** A server with the fixture imported (see `TestServer.importFixture`) and the controller signed in. */
export interface FixtureServer {
  t: TestServer;
  planId: string;
  controller: Client;
}

/**
 * How most API suites begin: a server on `backend`, the fixture plan imported (published with
 * `publish`), and a client signed in as the controller.
 *
 * @example
 * beforeAll(async () => ({ t, planId, controller } = await startWithFixture(backend)));
 */
export async function startWithFixture(backend: Backend = 'sqlite', options: TestServerOptions & { publish?: boolean } = {}): Promise<FixtureServer> {
  const { publish, ...serverOptions } = options;
  const t = await startTestServer(backend, serverOptions);
  try {
    const planId = await t.importFixture(publish === undefined ? {} : { publish });
    const controller = await t.as('controller');
    return { t, planId, controller };
  } catch (error) {
    // The suite's afterAll never sees this server: close it here.
    await t.close();
    throw error;
  }
}

/** A server with the fixture for the appraisal suites: HR and the administrator signed in beside the controller. */
export interface HrServer extends FixtureServer {
  hr: Client;
  admin: Client;
  /** The registry id of the referente's unit (`REFERENTE_UNIT`, B.1.1's): the unit a form's assignment names. */
  unitId: string;
}

/**
 * How the appraisal suites begin: `startWithFixture` (the plan the forms take their organisational
 * results from, the body `Ente`'s), with clients signed in as HR (`personale`) and as the
 * administrator, and the referente's unit's id.
 *
 * @example
 * beforeAll(async () => ({ t, planId, hr, admin, unitId } = await startWithHr(backend)));
 */
export async function startWithHr(backend: Backend = 'sqlite'): Promise<HrServer> {
  const fixture = await startWithFixture(backend);
  try {
    const [hr, admin] = [await fixture.t.as('personale'), await fixture.t.as('admin')];
    const unitId = (await fixture.t.server.store.listUnits()).find((u) => u.name === REFERENTE_UNIT)!.id;
    return { ...fixture, hr, admin, unitId };
  } catch (error) {
    await fixture.t.close();
    throw error;
  }
}

/** A suite's own people: their ids and signed-in clients by username (`signedInPeople`). */
export interface People {
  ids: Record<string, string>;
  clients: Record<string, Client>;
}

/**
 * Accounts for `usernames` on `t` (referenti of the referente's unit, `PASSWORD`), each signed in;
 * `displayName` names each (by default its username).
 */
export async function signedInPeople(t: TestServer, usernames: readonly string[], displayName = (username: string): string => username): Promise<People> {
  const hash = await hashPassword(PASSWORD);
  const people: People = { ids: {}, clients: {} };
  for (const username of usernames) {
    const u = await t.server.store.createUser({ username, displayName: displayName(username), role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM);
    if (!u.ok) throw new Error(u.error.message);
    people.ids[username] = u.value.id;
    const client = new Client(t.url);
    const reply = await client.login(username);
    if (reply.status !== 200) throw new Error(`login ${username}: ${reply.status} ${reply.text}`);
    people.clients[username] = client;
  }
  return people;
}

/**
 * The form of 2024 HR makes of `personId`, evaluated by `evaluatorId`, category eq, on `planId`,
 * the person in the unit `unitId` all year, full time: the server's answer (an Error unless 201).
 */
export async function wholeYearForm(hr: Client, form: { personId: string; evaluatorId: string; planId: string; unitId: string }): Promise<Reply> {
  const { personId, evaluatorId, planId, unitId } = form;
  const assignments = [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }];
  const created = await hr.request('POST', '/api/appraisals', { year: 2024, personId, evaluatorId, category: 'eq', planId, assignments });
  if (created.status !== 201) throw new Error(`form: ${created.status} ${created.text}`);
  return created;
}

export const enc = encodeURIComponent;

export const step = (what: string, reply: Reply): void => {
  if (reply.status !== 200) throw new Error(`${what}: ${reply.status} ${reply.text}`);
};

/** The fixture's plan adopted by its act (Delibera di Giunta n. 12 of 30/01/2024): in force, its deadlines remind. */
export async function adopt(planId: string, controller: Client): Promise<Reply> {
  const adopted = await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
  step('adopt', adopted);
  return adopted;
}

/**
 * The fixture's plan adopted (Delibera di Giunta n. 12 of 30/01/2024), its year end closed and its
 * Relazione brought to the OIV (`transmitAndReview`): ready for the OIV's decision. `atYearEnd`: what
 * the office does while the year end takes values, before it is closed (a variance). Gives the plan
 * as adopted (its title, its body).
 */
export async function adoptAndReview(
  planId: string,
  controller: Client,
  oiv: Client,
  values: readonly unknown[] = [],
  atYearEnd: () => Promise<void> = async () => {},
): Promise<{ title: string; organisation: string }> {
  const adopted = await adopt(planId, controller);
  const transition = `/api/plans/${planId}/periods/2024-12-31/transition`;
  step('year end collecting', await controller.request('POST', transition, { to: 'collecting' }));
  await atYearEnd();
  step('year end closed', await controller.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true }));
  await transmitAndReview(planId, controller, oiv, values);
  return { title: adopted.body.title, organisation: adopted.body.organisation };
}

/** A plan's Relazione, its year end closed, transmitted and reviewed by `oiv` (every checkpoint answered yes, `values` validated). */
export async function transmitAndReview(planId: string, controller: Client, oiv: Client, values: readonly unknown[] = []): Promise<void> {
  step('transmit', await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }));
  const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
  const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
  step('review', await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values, version: current.version }));
}

/**
 * The 2025 plan made from `before` (next-year), published unless `publish` is false, with `values`
 * at its year end (indicator id, actual; by default A.3's, 9 against 10), closed: a year to compare
 * with the fixture's 2024. Gives its id.
 */
export async function nextYearClosed(before: string, controller: Client, options: { publish?: boolean; values?: ReadonlyArray<readonly [string, number]> } = {}): Promise<string> {
  const next = await controller.request('POST', `/api/plans/${before}/next-year`, { year: 2025 });
  if (next.status !== 201) throw new Error(`next-year: ${next.status} ${next.text}`);
  const planId = next.body.id as string;
  if (options.publish !== false) step('publish', await controller.request('PATCH', `/api/plans/${planId}`, { published: true }));
  const period = `/api/plans/${planId}/periods/2025-12-31/transition`;
  step('year end collecting', await controller.request('POST', period, { to: 'collecting' }));
  for (const [id, actual] of options.values ?? [['A.3:1', 9]]) {
    step(`${id} at the year end`, await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(id)}/measurements/2025-12-31`, { state: 'measured', actual, version: 0 }));
  }
  step('year end closed', await controller.request('POST', period, { to: 'closed', acknowledgeUnreviewed: true }));
  return planId;
}

/** A closed 2024 and its 2025 (see `closedYearAndNext`): the fixture's plan, the one made from it, and the office's clients. */
export interface TwoYears extends FixtureServer {
  /** The fixture's 2024 plan, its year end closed. */
  before: string;
  oiv: Client;
  admin: Client;
  /** The public: no session. */
  citizen: Client;
}

/**
 * How the tests of last year's figures begin: a server on `backend` with the fixture's 2024 plan
 * (published with `publish`), its year end closed — with `review`, the plan adopted and its Relazione
 * transmitted and reviewed by the OIV with those validated values (`adoptAndReview`), ready for the
 * OIV's decision —, and its 2025 made from it, one value at its year end, closed (`nextYearClosed`).
 * `planId` is the 2025 plan; the clients signed in as the office's roles, and the public's.
 *
 * @example
 * beforeAll(async () => ({ t, before, planId, controller, oiv } = await closedYearAndNext(backend, { publish: true })));
 */
export async function closedYearAndNext(backend: Backend, options: { publish?: boolean; review?: readonly unknown[] } = {}): Promise<TwoYears> {
  const { t, planId: before, controller } = await startWithFixture(backend, options.publish === undefined ? {} : { publish: options.publish });
  try {
    const oiv = await t.as('oiv');
    if (options.review !== undefined) await adoptAndReview(before, controller, oiv, options.review);
    else for (const to of ['collecting', 'closed']) step(`year end ${to}`, await controller.request('POST', `/api/plans/${before}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true }));
    return { t, before, planId: await nextYearClosed(before, controller), controller, oiv, admin: await t.as('admin'), citizen: await t.as('public') };
  } catch (error) {
    await t.close();
    throw error;
  }
}

/**
 * A year end corrected after it was closed: reopened by `reopener` for `reason`, A.3's value (its
 * only indicator, target 10; 206 in the fixture) set to `actual` by the controller, closed again.
 */
export async function correctA3(planId: string, reopener: Client, controller: Client, actual: number, reason: string, period = '2024-12-31'): Promise<void> {
  const transition = `/api/plans/${planId}/periods/${period}/transition`;
  step('year end reopened', await reopener.request('POST', transition, { to: 'collecting', reason }));
  const a3 = objective((await controller.get(`/api/plans/${planId}/tree?period=${period}`)).body, 'A.3').indicators[0];
  step('A.3 corrected', await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(a3.id)}/measurements/${period}`, { state: 'measured', actual, version: a3.version }));
  step('year end closed again', await controller.request('POST', transition, { to: 'closed', acknowledgeUnreviewed: true }));
}

/**
 * A plan's Relazione (its year end closed) transmitted, sent back by the OIV as not validated ("dati
 * da integrare") and published: what the public reads of a year whose Relazione is not validated.
 */
export async function relazioneNotValidatedPublished(planId: string, controller: Client, oiv: Client): Promise<void> {
  step('transmit', await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true }));
  step('not validated', await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'not_validated', reason: 'dati da integrare' }));
  step('publish', await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true }));
}

/** Starts an export job of `planId` as `client`, follows it until it is done and gives its file's bytes (an Error otherwise). */
export async function exportJobFile(t: TestServer, client: Client, planId: string, body: { format: 'pdf' | 'xlsx'; lang?: 'it' | 'en' }): Promise<Uint8Array> {
  const started = await client.request('POST', `/api/plans/${planId}/exports`, body);
  if (started.status !== 202) throw new Error(`export job: ${started.status} ${started.text}`);
  let state = started.body.state as string;
  for (let i = 0; i < 1200 && state !== 'done' && state !== 'failed'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    state = (await client.get(`/api/exports/${started.body.id}`)).body.state;
  }
  if (state !== 'done') throw new Error(`export job ${started.body.id}: ${state}`);
  const res = await fetch(`${t.url}/api/exports/${started.body.id}/file`, { headers: { cookie: client.cookie! } });
  if (res.status !== 200) throw new Error(`export job file: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function objective(tree: any, code: string): any {
  return tree.objectives.find((o: any) => o.code === code);
}

export function indicatorOf(tree: any, id: string): any {
  for (const o of tree.objectives) for (const i of o.indicators) if (i.id === id) return i;
  return undefined;
}

/** The tree without what legitimately moves with the plan (its data version, the periods' states, the closing's list of later revisions). */
export function figures(tree: any): unknown {
  const { dataVersion: _v, period: _p, periods: _ps, closing: _c, ...rest } = tree;
  return rest;
}
