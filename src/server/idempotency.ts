/**
 * A write sent again after its answer was lost is not made twice. The web client gives a request
 * up after its time (30 s, 5 min for uploads) and says the change may have been made; a write with
 * a version sent again was refused as stale (by the reader's own save), and one without was made a
 * second time (a comment, a new indicator) or refused with a misleading answer (a new objective as
 * a duplicate, an evidence file as already attached). So the client sends an
 * `Idempotency-Key` header, one random key per action, the same on its retry; `Api.route` runs each
 * signed-in write through `idempotent`:
 *
 * - a new key is claimed (store/idempotency.ts) and the request made; a success's answer (status
 *   and JSON) is kept with the key a day, a refusal or failure forgets the claim (nothing was made:
 *   the retry runs afresh and is told what the state is then);
 * - the same key again, with the same method, address and body: the kept answer, nothing made
 *   (`Idempotent-Replayed: true`); while the first try is still being made (two at once) the second
 *   waits for its answer, up to `WAIT_MS`, then 409 `idempotency-key-pending`;
 * - the same key with another address or body: 422 `idempotency-key-reused`, nothing made.
 *
 * Without the header a request is made as it always was. Signing in and out and the accounts' writes
 * never use a key (`takesIdempotencyKey`: cookies not kept, passwords not hashed into the table).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { IdempotencyStore, IdempotentRequest, StoredAnswer, UserRecord } from '../store/index.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_MAX, takesIdempotencyKey } from '../contract/index.js';
import { issueOf, refuse } from './errors.js';

const KEY = new RegExp(`^[A-Za-z0-9_-]{1,${IDEMPOTENCY_KEY_MAX}}$`);
/** How long a try waits for the same key's first try to be answered: the server answers a write within seconds. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

/**
 * `run`'s answer, made once per key (see the module's words); `run` itself when the request carries
 * no key, takes none, or comes without a session.
 */
export async function idempotent(c: Context, store: IdempotencyStore, user: UserRecord | null, run: () => Promise<Response>): Promise<Response> {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  const method = c.req.method;
  if (key === undefined || user === null || !takesIdempotencyKey(method, c.req.path)) return run();
  const at = { header: IDEMPOTENCY_HEADER };
  if (!KEY.test(key)) throw refuse(400, 'idempotency-key-invalid', { maximum: IDEMPOTENCY_KEY_MAX }, { issues: [issueOf('idempotency-key-invalid', { maximum: IDEMPOTENCY_KEY_MAX }, at)] });
  const url = new URL(c.req.url);
  // The query is part of what is asked (`?dryRun=true`, `?removeValues=true`): another one is another request.
  const request: IdempotentRequest = { userId: user.id, key, route: `${method} ${url.pathname}${url.search}`, bodyHash: await bodyHash(c) };
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const claim = await store.claim(request, Date.now());
    if (claim.kind === 'claimed') break;
    if (claim.route !== request.route || claim.bodyHash !== request.bodyHash) {
      const params = { what: claim.route !== request.route ? ('route' as const) : ('body' as const) };
      throw refuse(422, 'idempotency-key-reused', params, { issues: [issueOf('idempotency-key-reused', params, at)] });
    }
    if (claim.answer !== null) return replay(claim.answer);
    if (Date.now() >= deadline) throw refuse(409, 'idempotency-key-pending', {}, { issues: [issueOf('idempotency-key-pending', {}, at)] });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  let answer: Response;
  try {
    answer = await run();
  } catch (error) {
    await forget(store, user.id, key);
    throw error;
  }
  if (answer.status < 200 || answer.status >= 300) {
    await forget(store, user.id, key);
    return answer;
  }
  try {
    await store.finish(user.id, key, { status: answer.status, body: await answer.clone().text() });
  } catch (error) {
    // The change is made and its answer is on its way: a retry will be told the key is pending, not make it again.
    console.error(`albero server: the answer of ${request.route} could not be kept with its idempotency key`, error);
  }
  return answer;
}

/** Forgets a claim whose request made nothing; a database that cannot leaves it pending (a retry is told so, never made twice). */
async function forget(store: IdempotencyStore, userId: string, key: string): Promise<void> {
  try {
    await store.release(userId, key);
  } catch (error) {
    console.error('albero server: an idempotency key could not be released', error);
  }
}

function replay(answer: StoredAnswer): Response {
  const headers: Record<string, string> = { 'Idempotent-Replayed': 'true' };
  if (answer.body !== '') headers['Content-Type'] = 'application/json';
  return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers });
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * The body's SHA-256. A multipart upload is hashed by its parts (names, texts, files' names, types
 * and bytes), not its bytes: the browser draws a new boundary for each send, so the same form sent
 * again never has the same bytes. Read through hono's cache: the route still parses it after.
 */
async function bodyHash(c: Context): Promise<string> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const type = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(type)) {
    try {
      const form = await new Response(bytes, { headers: { 'Content-Type': type } }).formData();
      const entries: [string, string | File][] = [];
      form.forEach((value, name) => entries.push([name, value]));
      const parts: unknown[] = [];
      for (const [name, value] of entries) {
        parts.push(typeof value === 'string' ? [name, value] : [name, value.name, value.type, sha256(new Uint8Array(await value.arrayBuffer()))]);
      }
      return sha256(JSON.stringify(parts));
    } catch {
      // Not readable as a form: the route refuses it; its bytes stand for it.
    }
  }
  return sha256(bytes);
}
