/**
 * The route table: every route is registered through `Api.route`, which plugs it into Hono and
 * records it for the OpenAPI document, so the document cannot forget a route. A route's spec is
 * what is enforced: its `roles` are checked before the handler runs (401/403) and its `body`
 * schema parses the request, the handler receiving the signed-in user and the parsed body; the
 * document is made from the same specs and schemas (`z.toJSONSchema`). A route whose spec states
 * an answer's schema answers through `reply(status, value)`, typed by that schema: returning
 * another shape, or a plain `c.json(…)`, does not compile.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { CONTRACT_DOCUMENTS, IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_MAX, takesIdempotencyKey } from '../contract/index.js';
import { IDEMPOTENCY_KEPT_MS, type IdempotencyStore, type Role, type Store, type UserRecord } from '../store/index.js';
import { currentUser, requireRole, requireUser, type AuthVariables, type SessionCache } from './auth.js';
import { body as parseBody } from './validation.js';
import { idempotent } from './idempotency.js';
import type { OffThread } from './off-thread/pool.js';
import type { TreeService } from './tree.js';
import type { AccountNames } from './actor-names.js';
import type { CampaignCache } from './campaign.js';
import type { ReminderService } from './reminders.js';
import type { ExportJobs } from './exports/jobs.js';

export type AppEnv = { Variables: AuthVariables };
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route, checked before its handler: `everyone` (the public too; the handler may
 * still narrow by plan), `signed-in` (401 otherwise), or a list of roles (401, then 403).
 */
export type Audience = 'everyone' | 'signed-in' | readonly Role[];

/** A route's answers: status → description, or description and the contract schema of the answer. */
export type Responses = Readonly<Record<number, string | ResponseSpec>>;

export interface RouteSpec<B extends z.ZodType | undefined = z.ZodType | undefined, A extends Audience = Audience, R extends Responses = Responses> {
  readonly method: Method;
  /** Hono syntax: `/api/plans/:planId`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  /** Enforced by `Api.route` before the handler (permissions.ts names the usual lists). */
  readonly roles: A;
  /** What the 403 says the role may not do (`enter values`: the catalogue's ACTION_WORDS). */
  readonly action?: string;
  /** The finer rule the handler applies after `roles`, in words (a referente's own indicators, a step's role). */
  readonly access?: string;
  /** The JSON body: parsed before the handler (400/415/422 otherwise), which receives it parsed. */
  readonly body?: B;
  /**
   * When the roles depend on what the body asks (a review's approval and a referente's answer):
   * checked by `Api.route` once the body is parsed, after `roles` (403 naming the `action`).
   */
  readonly bodyRoles?: (body: B extends z.ZodType ? z.output<B> : undefined) => { readonly roles: readonly Role[]; readonly action: string };
  /** A multipart upload instead of a JSON body: field name → description. */
  readonly multipart?: Readonly<Record<string, string>>;
  /** Query parameter → description, or description and the values it may take (an `enum` in the document). */
  readonly query?: Readonly<Record<string, string | { readonly description: string; readonly values: readonly string[] }>>;
  /** Status → description, or description and the contract schema of the answer; 4xx errors all share the error shape. */
  readonly responses: R;
}

/** A documented answer: a contract document (`CONTRACT_DOCUMENTS`) or a list of one, as `z.toJSONSchema` writes it. */
export interface ResponseSpec<S extends z.ZodType = z.ZodType> {
  readonly description: string;
  readonly schema: S;
}

export interface ServerLimits {
  /** Largest JSON body, in bytes. */
  readonly jsonBytes: number;
  /** Largest uploaded plan file, in bytes. */
  readonly uploadBytes: number;
  /** Largest evidence file attached to a value, in bytes (default 20 MiB). */
  readonly attachmentBytes: number;
}

/** An OpenID Connect provider to sign in with (env ALBERO_OIDC_*: oidc-settings.ts `oidcFromEnv`). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  /** Default: this server's `/api/session/oidc/callback` at the address the browser used. */
  readonly redirectUri?: string;
  /** The login button's words (default: the app's). */
  readonly label?: string;
  /** Default `openid email profile`. */
  readonly scope?: string;
  /** Accept a provider on plain http (development and tests only). */
  readonly allowHttp?: boolean;
}

/** What every route module receives from the composition root. */
export interface Deps {
  readonly store: Store;
  readonly trees: TreeService;
  /** The accounts' names, one copy for every answer that names people (actor-names.ts); routes that rename accounts forget them here. */
  readonly names: AccountNames;
  /** The campaign views' plans (worklist, dashboard, closing checklist); a value write updates it in place. */
  readonly campaigns: CampaignCache;
  /** Worker threads for work that grows with a plan's size (reading big uploads, evaluating big plans). */
  readonly offThread: OffThread;
  /** Sessions recently read; routes that end or change sessions and accounts forget them here. */
  readonly sessions: SessionCache;
  readonly limits: ServerLimits;
  /** Every request taken as HTTPS: cookies marked Secure, HSTS (ALBERO_SECURE_COOKIES=1). */
  readonly secureCookies: boolean;
  /** Sign-in through the body's identity provider (routes/oidc.ts); absent: local passwords only. */
  readonly oidc?: OidcSettings | null;
  /** Believe a reverse proxy's X-Forwarded-Proto / X-Forwarded-For (ALBERO_TRUST_PROXY=1). */
  readonly trustProxy: boolean;
  /** Deadline reminders: the outbox's runs and its mailer (reminders.ts). */
  readonly reminders: ReminderService;
  /** The PDF and workbook exports drawn on worker threads (exports/jobs.ts); the server's close stops them. */
  readonly exports: ExportJobs;
}

declare const replied: unique symbol;
/** An answer made by `reply`: the only answer a handler of a route that states a schema may return. */
export type Replied = Response & { readonly [replied]: true };

/** The statuses whose answer the spec types with a schema. */
export type TypedStatus<R extends Responses> = { [K in keyof R & number]: R[K] extends ResponseSpec ? K : never }[keyof R & number];
/** A document as a handler may hand it over: `reply` only serialises it, so its lists and fields may be readonly. */
export type Readable<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { readonly [P in keyof T]: Readable<T[P]> } : T;
/** The JSON a status answers: what its contract schema accepts, readonly lists and fields as they are. */
export type Answer<R extends Responses, K extends keyof R> = R[K] extends ResponseSpec<infer S> ? Readable<z.input<S>> : never;

/** How a handler answers a route that states a schema. */
export interface Reply<R extends Responses> {
  /** The status's document as JSON, typed by the spec's schema for that status. */
  <K extends TypedStatus<R>>(status: K, value: Answer<R, K>): Replied;
  /**
   * An answer made elsewhere: a status the spec does not type (304, 204), or a document already
   * serialised by a function typed with the schema (the tree's cached bytes, `satisfies` the document).
   */
  made(response: Response): Replied;
}

/** What `Api.route` hands a handler once the spec's checks passed. */
export interface RouteRequest<B extends z.ZodType | undefined, A extends Audience, R extends Responses = Responses> {
  /** The signed-in user; `null` only for a route open to everyone called without a session. */
  readonly user: A extends 'everyone' ? UserRecord | null : UserRecord;
  readonly body: B extends z.ZodType ? z.output<B> : undefined;
  /** The typed answer (see `Reply`); a route that states no schema may return any `Response`. */
  readonly reply: Reply<R>;
}

/** A handler's answer: `Replied` when the spec types an answer with a schema, any `Response` otherwise. */
export type HandlerAnswer<R extends Responses> = [TypedStatus<R>] extends [never] ? Response : Replied;

export type Handler<B extends z.ZodType | undefined = undefined, A extends Audience = Audience, R extends Responses = Responses> = (
  c: Context<AppEnv>,
  req: RouteRequest<B, A, R>,
) => Promise<HandlerAnswer<R>>;

/** `reply` for one request: `c.json` with the status, the headers already set on `c` kept. */
function replyFor<R extends Responses>(c: Context<AppEnv>): Reply<R> {
  const json = (status: number, value: unknown): Replied => c.json(value as never, status as never) as Response as Replied;
  return Object.assign(json, { made: (response: Response) => response as Replied });
}

/** The roles in words, for the document. */
function audienceWords(roles: Audience): string {
  return roles === 'everyone' ? 'everyone' : roles === 'signed-in' ? 'signed in' : roles.join(', ');
}

/** A routes module: `src/server/routes/<domain>.ts` exports one and app.ts lists it. */
export type RouteModule = (api: Api, deps: Deps) => void;

/**
 * The contract's documents as JSON Schema components (references between them by name), and the
 * schema of a route's answer: a reference to its document, or a list of references.
 */
function contractSchemas(): { schemas: Record<string, unknown>; schemaOf: (schema: z.ZodType) => Record<string, unknown> } {
  const registry = z.registry<{ id: string }>();
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of Object.entries(CONTRACT_DOCUMENTS)) {
    registry.add(schema, { id: name });
    names.set(schema, name);
  }
  const uri = (id: string): string => `#/components/schemas/${id}`;
  const written = z.toJSONSchema(registry, { uri, unrepresentable: 'any' }).schemas;
  // Each is a component of this document, not a JSON Schema document of its own.
  const schemas = Object.fromEntries(Object.entries(written).map(([name, { $schema: _s, $id: _i, ...schema }]) => [name, schema]));
  const schemaOf = (schema: z.ZodType): Record<string, unknown> => {
    const name = names.get(schema);
    if (name !== undefined) return { $ref: uri(name) };
    if (schema instanceof z.ZodArray) {
      const item = names.get(schema.element as z.ZodType);
      if (item !== undefined) return { type: 'array', items: { $ref: uri(item) } };
    }
    throw new Error('a response schema is a contract document (CONTRACT_DOCUMENTS) or a list of one');
  };
  return { schemas, schemaOf };
}

export class Api {
  readonly specs: RouteSpec[] = [];
  /** `idempotency`: where writes sent with an `Idempotency-Key` are kept (idempotency.ts); null: the header is not read. */
  constructor(
    readonly app: Hono<AppEnv>,
    private readonly idempotency: IdempotencyStore | null = null,
  ) {}

  route<const A extends Audience, const R extends Responses, B extends z.ZodType | undefined = undefined>(spec: RouteSpec<B, A, R>, handler: Handler<B, A, R>): void {
    this.specs.push(spec);
    const roles: Audience = spec.roles;
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const user = roles === 'everyone' ? currentUser(c) : roles === 'signed-in' ? requireUser(c) : requireRole(c, roles, spec.action);
      const run = async (): Promise<Response> => {
        const parsed = spec.body === undefined ? undefined : await parseBody(c, spec.body);
        if (spec.bodyRoles !== undefined) {
          const asked = spec.bodyRoles(parsed as B extends z.ZodType ? z.output<B> : undefined);
          requireRole(c, asked.roles, asked.action);
        }
        return handler(c, { user, body: parsed, reply: replyFor<R>(c) } as RouteRequest<B, A, R>);
      };
      // A write sent again with its Idempotency-Key is answered as the first try was, not made twice.
      return this.idempotency === null ? run() : idempotent(c, this.idempotency, user, run);
    });
  }

  /** The OpenAPI 3.1 document of every registered route. */
  openapi(): Record<string, unknown> {
    const { schemas, schemaOf } = contractSchemas();
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const path = spec.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const params = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      const query = Object.entries(spec.query ?? {}).map(([name, q]) =>
        typeof q === 'string'
          ? { name, in: 'query', required: false, description: q, schema: { type: 'string' } }
          : { name, in: 'query', required: false, description: q.description, schema: { type: 'string', enum: [...q.values] } },
      );
      const operation: Record<string, unknown> = {
        tags: [spec.tag],
        summary: spec.summary,
        description: `Access: ${audienceWords(spec.roles)}${spec.access === undefined ? '' : `; ${spec.access}`}`,
        'x-roles': spec.roles,
        parameters: [...params, ...query, ...(takesIdempotencyKey(spec.method, spec.path) ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : [])],
        responses: Object.fromEntries(
          Object.entries(spec.responses).map(([status, response]) => [
            status,
            typeof response !== 'string'
              ? { description: response.description, content: { 'application/json': { schema: schemaOf(response.schema) } } }
              : Number(status) >= 400
                ? { description: response, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
                : { description: response },
          ]),
        ),
      };
      if (spec.body !== undefined) operation.requestBody = { required: true, content: { 'application/json': { schema: z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) } } };
      if (spec.multipart !== undefined) {
        operation.requestBody = {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: Object.fromEntries(
                  Object.entries(spec.multipart).map(([k, d]) => [k, k === 'file' ? { type: 'string', format: 'binary', description: d } : { type: 'string', description: d }]),
                ),
              },
            },
          },
        };
      }
      (paths[path] ??= {})[spec.method] = operation;
    }
    return {
      openapi: '3.1.0',
      info: {
        title: 'Albero API',
        version: '1.0.0',
        description:
          'The ciclo della performance: plans, the computed tree, measurements per monitoring period, periods, audit trail, accounts. Sessions are cookies (`albero_session`); every mutating request made with the cookie must carry `X-CSRF-Token` (from the login response). A write may carry an `Idempotency-Key` (one per action, the same on its retry): sent again with the same key, method, address and body, it is answered as the first time (`Idempotent-Replayed: true`) and not made twice. Errors are `{error:{code,message,issues?,details?}}` with stable codes.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'albero_session' }, csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' } },
        parameters: {
          IdempotencyKey: {
            name: IDEMPOTENCY_HEADER,
            in: 'header',
            required: false,
            description: `One random key per action (1 to ${IDEMPOTENCY_KEY_MAX} letters, digits, - or _), sent again unchanged when the action is retried after its answer was lost (a timeout, a dropped connection). The server keeps, per signed-in user and for ${IDEMPOTENCY_KEPT_MS / 3_600_000} hours, the key with the request's method, address (query included) and a SHA-256 of its body (a multipart upload's by its parts, whatever its boundary), and a success's answer (status and JSON). The same key again: that answer, with \`Idempotent-Replayed: true\`, nothing made again; while the first try is still being made, the second waits for its answer (up to 10 s, then 409 \`idempotency-key-pending\`); the same key with another address or body: 422 \`idempotency-key-reused\` at this header, nothing made; a malformed key: 400 \`idempotency-key-invalid\`. A refused or failed try keeps no key: sent again, it is made if it can be. Without the header a write is made as it is sent.`,
            schema: { type: 'string', maxLength: IDEMPOTENCY_KEY_MAX, pattern: '^[A-Za-z0-9_-]+$' },
          },
        },
        schemas: {
          ...schemas,
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: {
                  code: { type: 'string', description: 'stable kebab-case code, e.g. conflict, period-locked, csrf, forbidden, invalid-body, invalid-file' },
                  message: { type: 'string' },
                  issues: { type: 'array', items: { type: 'object' } },
                  details: { type: 'object' },
                },
              },
            },
          },
        },
      },
      paths,
    };
  }
}
