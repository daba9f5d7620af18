/**
 * The set-up the tests of appraisal forms and their plans share (form-plan-link, form-plan-integrity,
 * form-plan-change): a server of its own per backend with the controller and HR signed in, and the
 * few steps they all take — people to appraise, a plan of a body, its SMVP, a form, the form taken
 * to its evaluation, a row written past the store. Registers its own beforeAll/afterAll: call it at the top of the `describe`.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { hashPassword } from '../../src/server/auth.js';
import type { Db } from '../../src/store/db.js';
import { SYSTEM } from '../../src/store/index.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { Client, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type Reply, type TestServer } from './harness.js';

export interface FormPlanServer {
  t: TestServer;
  controller: Client;
  hr: Client;
}

export function formPlanKit(backend: Backend) {
  const server = {} as FormPlanServer;
  beforeAll(async () => {
    server.t = await startTestServer(backend);
    server.controller = await server.t.as('controller');
    server.hr = await server.t.as('personale');
  }, 60_000);
  afterAll(async () => server.t?.close());

  /** Two accounts of their own (named after `tag`): the person and their evaluator. */
  const people = async (tag: string): Promise<{ personId: string; evaluatorId: string }> => {
    const hash = await hashPassword(PASSWORD);
    const [person, evaluator] = await Promise.all(
      ['persona', 'valutatore'].map((role) =>
        server.t.server.store.createUser({ username: `${role}-${tag}`, displayName: `${role} ${tag}`, role: 'referente', units: [REFERENTE_UNIT], passwordHash: hash }, SYSTEM),
      ),
    );
    if (!person!.ok || !evaluator!.ok) throw new Error('accounts not made');
    return { personId: person!.value.id, evaluatorId: evaluator!.value.id };
  };
  /** A new empty plan of the body and year (the controller's); its id. */
  const plan = async (organisation: string, title: string, year = 2024): Promise<string> => {
    const r = await server.controller.request('POST', '/api/plans', { title, year, organisation });
    expect(r.status, r.text).toBe(201);
    return String(r.body.id);
  };
  /** The body's SMVP of 2024, adopted by HR. */
  const smvp = async (organisation: string): Promise<void> => {
    const r = await server.hr.request('PUT', `/api/smvp/2024?organisation=${enc(organisation)}`, { document: exampleSmvpJson(organisation, 2024), reason: 'delibera n. 7' });
    expect(r.status, r.text).toBe(200);
  };
  /** New empty plans of the body of 2024, titled `titles`, then its SMVP of 2024 (`plan`, `smvp`): the plans' ids. */
  const plansWithSmvp = async <Titles extends string[]>(organisation: string, ...titles: Titles): Promise<{ [K in keyof Titles]: string }> => {
    const ids: string[] = [];
    for (const title of titles) ids.push(await plan(organisation, title));
    await smvp(organisation);
    return ids as { [K in keyof Titles]: string };
  };
  /** A form of 2024 made by HR for two new accounts (named after `tag`), with what `body` adds. */
  const form = async (tag: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> => {
    const r = await server.hr.request('POST', '/api/appraisals', { year: 2024, ...(await people(tag)), category: 'eq', ...body });
    expect(r.status, r.text).toBe(201);
    return { id: String(r.body.id), version: Number(r.body.version) };
  };
  /**
   * The form `f` of the accounts named after `tag` (`form`) taken by them to its evaluation: both
   * acknowledge, the mid-year interview, the ratings, evaluated. Gives their signed-in clients and
   * `step`, which takes the form on as a client (its version followed) and gives the new version.
   */
  const evaluate = async (tag: string, f: { id: string; version: number }) => {
    const [person, evaluator] = [new Client(server.t.url), new Client(server.t.url)];
    expect((await person.login(`persona-${tag}`)).status).toBe(200);
    expect((await evaluator.login(`valutatore-${tag}`)).status).toBe(200);
    let version = f.version;
    const step = async (client: Client, change: Record<string, unknown>, method: 'POST' | 'PATCH' = 'POST'): Promise<number> => {
      const r = await client.request(method, `/api/appraisals/${f.id}${method === 'POST' ? '/actions' : ''}`, { ...change, version });
      expect(r.status, r.text).toBe(200);
      return (version = Number(r.body.version));
    };
    await step(evaluator, { action: 'acknowledge' });
    await step(person, { action: 'acknowledge' });
    await step(evaluator, { action: 'interview', note: 'Colloquio svolto' });
    await step(evaluator, { ratings: { C1: 3, C2: 3, C3: 3 } }, 'PATCH');
    return { person, evaluator, step, version: await step(evaluator, { action: 'evaluate' }) };
  };
  const bodyOf = async (planId: string): Promise<string> => (await server.controller.get(`/api/plans/${planId}`)).body.organisation as string;
  /** The plan deleted by the controller, with the reason when one is given. */
  const remove = (planId: string, lang: 'it' | 'en' = 'it', reason?: string): Promise<Reply> =>
    server.controller.request('DELETE', `/api/plans/${planId}${reason === undefined ? '' : `?reason=${enc(reason)}`}`, undefined, { 'accept-language': lang });
  const trailOf = async (id: string): Promise<any[]> => (await server.hr.get(`/api/appraisals/${id}/trail`)).body;
  /** A statement on the server's database, past the store (another program, a restore of part of a backup). */
  const pastTheStore = async (sql: string, params: unknown[]): Promise<void> => {
    const db: Db = backend === 'sqlite' ? openSqlite(server.t.location) : openPostgres(server.t.location);
    try {
      await db.run(sql, params as never);
    } finally {
      await db.close();
    }
  };
  return { server, people, plan, smvp, plansWithSmvp, form, evaluate, bodyOf, remove, trailOf, pastTheStore };
}
