/**
 * A route that states its answer's schema answers through `reply`, typed by that schema: the
 * `@ts-expect-error` lines below are answers of the wrong shape, a status the spec does not type,
 * and a plain `c.json(…)`; `npx tsc -p tsconfig.json` fails if any of them compiles (an unused
 * `@ts-expect-error` is itself an error). At run time `reply` sends the value with its status. And
 * every route of the app, reads and writes alike, whose answer is JSON states its contract schema
 * (the rest are listed).
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PeriodSchema, type Period } from '../../src/contract/index.js';
import { Api, type AppEnv, type Deps, type RouteSpec } from '../../src/server/api.js';
import { ROUTE_MODULES } from '../../src/server/app.js';

const period: Period = { id: '2024-06-30', label: '30/06/2024', endsOn: '2024-06-30', state: 'open', updatedAt: '2024-01-01T00:00:00Z', deadline: null, version: 1 };

function typedRoutes(): Api {
  const api = new Api(new Hono<AppEnv>());
  const spec = {
    method: 'get',
    tag: 'test',
    summary: 'a period',
    roles: 'everyone',
    responses: { 200: { description: 'the period', schema: PeriodSchema }, 201: { description: 'periods', schema: z.array(PeriodSchema) }, 304: 'unchanged' },
  } as const;
  api.route({ ...spec, path: '/right' }, async (_c, { reply }) => reply(200, period));
  api.route({ ...spec, path: '/list' }, async (_c, { reply }) => reply(201, [period, period]));
  // A readonly list (a cache's, a record's) is answered as it is: reply only serialises it.
  const kept: readonly Readonly<Period>[] = [period];
  api.route({ ...spec, path: '/readonly-list' }, async (_c, { reply }) => reply(201, kept));
  api.route({ ...spec, path: '/made' }, async (c, { reply }) => reply.made(c.body(null, 304)));
  // @ts-expect-error a field the schema does not declare
  api.route({ ...spec, path: '/extra' }, async (_c, { reply }) => reply(200, { ...period, extra: 1 }));
  // @ts-expect-error a state the schema does not know
  api.route({ ...spec, path: '/state' }, async (_c, { reply }) => reply(200, { ...period, state: 'half-open' }));
  // @ts-expect-error a list where the status answers one period
  api.route({ ...spec, path: '/list-for-one' }, async (_c, { reply }) => reply(200, [period]));
  // @ts-expect-error 304 states no schema: its answer is made with reply.made
  api.route({ ...spec, path: '/untyped-status' }, async (_c, { reply }) => reply(304, period));
  // @ts-expect-error a plain c.json skips the schema
  api.route({ ...spec, path: '/plain' }, async (c) => c.json(period));
  // A route that states no schema answers any Response.
  api.route({ ...spec, path: '/free', responses: { 200: 'anything' } }, async (c) => c.text('free'));
  return api;
}

describe('reply, typed by the route spec', () => {
  it('sends the value as JSON with the status the handler names', async () => {
    const api = typedRoutes();
    const one = await api.app.request('/right');
    expect(one.status).toBe(200);
    expect(PeriodSchema.parse(await one.json())).toEqual(period);
    const list = await api.app.request('/list');
    expect(list.status).toBe(201);
    expect(await list.json()).toEqual([period, period]);
    expect(await (await api.app.request('/readonly-list')).json()).toEqual([period]);
    expect((await api.app.request('/made')).status).toBe(304);
    expect(await (await api.app.request('/free')).text()).toBe('free');
  });
});

/**
 * The routes whose success is not a JSON document: a file to download, a page, or the OpenAPI
 * document itself, by method and path, with the reason. Every other route, of every method, states
 * its answer's contract schema for each success status (2xx) it names; a write that answered no
 * body (a 204) would be listed here too, with its status. None does today: every write answers JSON.
 */
const NOT_JSON: Record<string, string> = {
  'GET /api/openapi.json': 'the OpenAPI document itself',
  'GET /api/plans/:planId/export': 'the report or open data file',
  'GET /api/exports/:exportId/file': "an export job's file",
  'GET /api/plans/:planId/dashboard/export': 'the dashboard workbook',
  'GET /api/plans/:planId/indicators/:indicatorId/measurements/:periodId/attachments/:attachmentId': 'an evidence file, byte for byte',
  'GET /api/plans/:planId/relazione/export': 'the Relazione as a file',
  'GET /api/plans/:planId/relazione/validation': "the OIV's validation document",
  'GET /api/appraisals/:id/document': 'a form as a document to sign',
  'GET /api/smvp/:year/export': 'the SMVP as a file (JSON or XLSX, an attachment)',
  'GET /api/units/export': 'the registry as a file',
  'GET /api/plans/template': 'the blank plan template',
  'GET /trasparenza': 'the transparency page',
  'GET /trasparenza/index.html': 'the transparency page',
  'GET /trasparenza/:planId/:file': "a published plan's page or file",
  'GET /trasparenza/premi/:year': "a body's bonuses of a year, a page",
  'GET /api/session/oidc/callback': "a renewal's sign-in window: the page telling its outcome (a sign-in from the login page is a 302)",
};

/** The success statuses (2xx) a route names, each with its spec's answer: a description, or a description and a schema. */
function successes(spec: RouteSpec): Array<[string, RouteSpec['responses'][number]]> {
  return Object.entries(spec.responses).filter(([status]) => Number(status) >= 200 && Number(status) < 300);
}

describe('every route answering JSON states its schema, whatever its method', () => {
  const api = new Api(new Hono<AppEnv>());
  // Registering reads no dependency: the specs are what is checked here, real answers in test/api/contract*.test.ts.
  for (const routes of ROUTE_MODULES) routes(api, {} as Deps);
  const name = (s: RouteSpec): string => `${s.method.toUpperCase()} ${s.path}`;

  it('states a contract schema for each success of each route but those answering a file or a page', () => {
    expect(api.specs.filter((s) => s.method === 'get').length).toBeGreaterThan(40);
    expect(api.specs.filter((s) => s.method !== 'get').length).toBeGreaterThan(50);
    const untyped = api.specs
      .filter((s) => NOT_JSON[name(s)] === undefined)
      .flatMap((s) =>
        successes(s)
          .filter(([, answer]) => typeof answer === 'string')
          .map(([status]) => `${name(s)} ${status}`),
      );
    expect(untyped).toEqual([]);
  });

  it('every route names a success', () => {
    // Redirects (sign-in through the identity provider) name a 302 and no success: neither JSON nor a file.
    const silent = api.specs.filter((s) => successes(s).length === 0 && !Object.keys(s.responses).includes('302')).map(name);
    expect(silent).toEqual([]);
  });

  it('lists as not JSON only routes that exist and state no schema', () => {
    for (const key of Object.keys(NOT_JSON)) {
      const spec = api.specs.find((s) => name(s) === key);
      expect(spec, key).toBeDefined();
      expect(
        successes(spec!).every(([, answer]) => typeof answer === 'string'),
        key,
      ).toBe(true);
    }
  });
});
