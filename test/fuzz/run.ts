/**
 * Runs the damaged corpus through the command line and the import API, and says what failed.
 * Pass, per case: no exit 70 and no 500; nothing over 5 s; every error located (at least the
 * file, which a whole-file error names); no library's words (exceljs, decimal.js, JSZip) in any
 * message; and the database unchanged after each refused import.
 *
 * The CLI runs in this process (the same program `albero` builds, its output captured), so
 * thousands of cases take minutes; every `spawnEvery`-th case also runs as a real `albero`
 * process through bin/albero.js (the built CLI).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli/program.js';
import { startTestServer, type Backend, type Client, type Reply as ClientReply, type TestServer } from '../api/harness.js';
import { albero } from '../helpers.js';
import type { FuzzCase } from './corpus.js';

export const LIMIT_MS = 5000;
/** Words that only a library would write: none may reach a user. */
const LIBRARY_WORDS =
  /Cannot read propert|is not a function|undefined \(reading|DecimalError|\[object Object\]|Bug :|uncompressed data size|JSZip|exceljs|TypeError|RangeError|SyntaxError|at .*\.js:\d+/;

export interface Failure {
  readonly case: string;
  readonly how: string;
  readonly where: 'cli' | 'cli-process' | 'api';
  readonly problem: string;
}

interface Captured {
  status: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * A stand-in for a stream's write that keeps the text. It calls back as a stream does, once the
 * chunk is taken: the CLI waits for that before it fills a buffer again, and a stand-in that never
 * called back left `evaluate --json` waiting for ever.
 */
function capture(into: string[]): typeof process.stdout.write {
  return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const done = rest.find((r): r is () => void => typeof r === 'function');
    if (done !== undefined) process.nextTick(done);
    return true;
  }) as typeof process.stdout.write;
}

/** `albero ARGS` in this process, as main.ts would run it: exit 70 for anything thrown. */
export async function cliInProcess(args: readonly string[]): Promise<Captured> {
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  const previous = process.exitCode;
  process.exitCode = undefined;
  const started = performance.now();
  let status: number;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'albero', ...args]);
    status = Number(process.exitCode ?? 0);
  } catch (error) {
    err.push(`albero: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    status = 70;
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.exitCode = previous;
  }
  return { status, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - started };
}

type JsonIssue = { severity: string; code: string; message: string; location?: Record<string, unknown> | null };

function issueProblems(issues: readonly JsonIssue[], file: string): string[] {
  const problems: string[] = [];
  for (const i of issues) {
    if (LIBRARY_WORDS.test(i.message)) problems.push(`library words in [${i.code}] ${i.message.slice(0, 200)}`);
    if (i.severity !== 'error') continue;
    if (i.location === null || i.location === undefined || typeof i.location.file !== 'string') problems.push(`error without its file: [${i.code}] ${i.message.slice(0, 200)}`);
    else if (!String(i.location.file).endsWith(file)) problems.push(`error names another file (${String(i.location.file)}): [${i.code}]`);
  }
  return problems;
}

export interface FuzzOptions {
  /** Also run every n-th case as a real `albero` process (0: never). */
  readonly spawnEvery?: number;
  readonly onProgress?: (done: number, total: number, failures: number) => void;
  /** The database behind the import API (default SQLite; PostgreSQL refuses what SQLite stores, NUL first). */
  readonly backend?: Backend;
  /** Also send every n-th case as `?dryRun=true` first (0: never): it must answer as the import does, storing nothing. */
  readonly dryRunEvery?: number;
}

/** One timed step of one case, to name the slowest. */
export interface Timing {
  readonly case: string;
  readonly step: 'import --check' | 'evaluate' | 'api import' | 'api dry run' | 'api tree';
  readonly ms: number;
}

export interface FuzzResult {
  readonly failures: Failure[];
  /** How the cases ended: `cli 0`, `cli 2`, `api 201`, `api 422`…, to see that the corpus reaches both sides. */
  readonly outcomes: Record<string, number>;
  /** The slowest steps of the run, slowest first (at most `SLOWEST`). */
  readonly slowest: Timing[];
}

const SLOWEST = 5;

/** Runs every case through the CLI and the API; the failures, none when all is well. */
export async function runFuzz(cases: readonly FuzzCase[], options: FuzzOptions = {}): Promise<FuzzResult> {
  const dir = mkdtempSync(join(tmpdir(), 'albero-fuzz-'));
  const failures: Failure[] = [];
  const outcomes: Record<string, number> = {};
  const count = (key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);
  const slowest: Timing[] = [];
  const timed = (t: Timing): void => {
    if (slowest.length === SLOWEST && t.ms <= slowest[SLOWEST - 1]!.ms) return;
    slowest.push(t);
    slowest.sort((a, b) => b.ms - a.ms);
    slowest.length = Math.min(slowest.length, SLOWEST);
  };
  let server: TestServer | null = null;
  try {
    server = await startTestServer(options.backend ?? 'sqlite');
    const controller = await server.as('controller');
    const store = server.server.store;
    const counts = async () => JSON.stringify({ plans: (await store.listPlans()).length, audit: (await store.listAudit({ limit: 1_000_000 })).length });
    let n = 0;
    for (const c of cases) {
      const fail = (where: Failure['where'], problem: string) => failures.push({ case: c.name, how: c.how, where, problem });
      const path = join(dir, c.name);
      writeFileSync(path, c.bytes);

      const checked = await cliInProcess(['import', path, '--check', '--json']);
      count(`cli ${checked.status}`);
      timed({ case: c.name, step: 'import --check', ms: checked.ms });
      cliProblems(checked, c.name).forEach((p) => fail('cli', `import --check: ${p}`));
      if (checked.status === 0) {
        const evaluated = await cliInProcess(['evaluate', path, '--json']);
        if (evaluated.status !== 0) fail('cli', `evaluate exits ${evaluated.status} where import --check found it usable: ${evaluated.stderr.slice(0, 300)}`);
        if (evaluated.ms > LIMIT_MS) fail('cli', `evaluate took ${Math.round(evaluated.ms)} ms`);
        timed({ case: c.name, step: 'evaluate', ms: evaluated.ms });
      }
      if (options.spawnEvery !== undefined && options.spawnEvery > 0 && n % options.spawnEvery === 0) {
        const run = albero(['import', path, '--check', '--json']);
        if (run.status !== checked.status) fail('cli-process', `exit ${run.status} as a process, ${checked.status} in process: ${run.stderr.slice(0, 300)}`);
        if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(run.stderr.replace(/\u001b\[[0-9;]*m/g, ''))) fail('cli-process', 'control characters printed unescaped');
      }

      const before = await counts();
      const dryRun = options.dryRunEvery !== undefined && options.dryRunEvery > 0 && n % options.dryRunEvery === 0 ? await upload(controller, c, true) : null;
      if (dryRun !== null) {
        count(`api dry run ${dryRun.status}`);
        timed({ case: c.name, step: 'api dry run', ms: dryRun.ms });
        apiProblems(dryRun, c.name).forEach((p) => fail('api', `dry run: ${p}`));
        if ((await counts()) !== before) fail('api', `a dry run (${dryRun.status}) changed the database`);
      }
      const api = await upload(controller, c);
      count(`api ${api.status}`);
      timed({ case: c.name, step: 'api import', ms: api.ms });
      apiProblems(api, c.name).forEach((p) => fail('api', p));
      // A dry run answers what the import would: 200 where it stores (201), the same refusal otherwise.
      if (dryRun !== null && dryRun.status !== (api.status === 201 ? 200 : api.status)) fail('api', `the dry run answered ${dryRun.status}, the import ${api.status}`);
      if (api.status === 201) {
        const planId = (api.body as { plan: { id: string } }).plan.id;
        const started = performance.now();
        const tree = await send(controller, 'GET', `/api/plans/${planId}/tree`);
        const treeMs = performance.now() - started;
        timed({ case: c.name, step: 'api tree', ms: treeMs });
        if (tree.status !== 200) fail('api', `the imported plan's tree answers ${tree.status}: ${tree.text.slice(0, 200)}`);
        if (treeMs > LIMIT_MS) fail('api', `the imported plan's tree took ${Math.round(treeMs)} ms`);
        // The next case starts from an empty catalogue of plans again.
        await send(controller, 'DELETE', `/api/plans/${planId}`);
      } else if ((await counts()) !== before) {
        fail('api', `a refused import (${api.status}) changed the database`);
      }
      options.onProgress?.(++n, cases.length, failures.length);
    }
  } finally {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { failures, outcomes, slowest };
}

function cliProblems(run: Captured, file: string): string[] {
  const problems: string[] = [];
  if (run.status !== 0 && run.status !== 2) problems.push(`exit ${run.status}: ${run.stderr.slice(0, 300)}`);
  if (run.ms > LIMIT_MS) problems.push(`took ${Math.round(run.ms)} ms`);
  if (LIBRARY_WORDS.test(run.stderr)) problems.push(`library words on stderr: ${run.stderr.slice(0, 300)}`);
  let document: { issues: JsonIssue[] } | null = null;
  try {
    document = JSON.parse(run.stdout) as { issues: JsonIssue[] };
  } catch {
    problems.push(`--json printed no JSON: ${run.stdout.slice(0, 200)}`);
  }
  if (document !== null) {
    problems.push(...issueProblems(document.issues, file));
    if (run.status === 2 && !document.issues.some((i) => i.severity === 'error')) problems.push('exit 2 without an error');
  }
  return problems;
}

interface Reply {
  status: number;
  body: unknown;
  text: string;
  ms: number;
}

/**
 * One request on a connection of its own. The CLI runs in this process, and a case that keeps it
 * busy past the server's keep-alive timeout (65 s; it was 5 s) leaves fetch's pooled connection closed by the
 * server while fetch still counts it open: the next request then failed with ECONNRESET, a reset
 * of the harness's making (blocking the event loop 6 s between two fetches does it every time).
 * A connection opened for the request cannot have gone stale.
 */
async function send(client: Client, method: string, path: string, form?: FormData): Promise<ClientReply> {
  const headers: Record<string, string> = {};
  if (client.language !== null) headers['accept-language'] = client.language;
  if (client.cookie !== null) headers.cookie = client.cookie;
  if (client.csrf !== null && method !== 'GET') headers['x-csrf-token'] = client.csrf;
  let body: Buffer | null = null;
  if (form !== undefined) {
    const encoded = new Response(form);
    headers['content-type'] = encoded.headers.get('content-type')!;
    body = Buffer.from(await encoded.arrayBuffer());
    headers['content-length'] = String(body.length);
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${client.base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text === '' ? null : JSON.parse(text);
        } catch {
          // Not JSON: the text is the body.
        }
        const replyHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') replyHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: replyHeaders, text });
      });
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

async function upload(client: Client, c: FuzzCase, dryRun = false): Promise<Reply> {
  const form = new FormData();
  form.set('file', new Blob([c.bytes as BlobPart]), c.name);
  const started = performance.now();
  try {
    const reply = await send(client, 'POST', `/api/plans/import${dryRun ? '?dryRun=true' : ''}`, form);
    return { ...reply, ms: performance.now() - started };
  } catch (error) {
    // No answer at all (the connection reset): as bad as a 500.
    const cause = (error as { code?: string; cause?: { code?: string } }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    return { status: 0, body: null, text: `no answer (${cause}), ${c.bytes.length} bytes sent`, ms: performance.now() - started };
  }
}

function apiProblems(reply: Reply, file: string): string[] {
  const problems: string[] = [];
  if (![200, 201, 400, 413, 422].includes(reply.status)) problems.push(`import answers ${reply.status}: ${reply.text.slice(0, 300)}`);
  if (reply.ms > LIMIT_MS) problems.push(`import took ${Math.round(reply.ms)} ms`);
  const body = (reply.body ?? {}) as { issues?: JsonIssue[]; error?: { message: string; issues?: JsonIssue[] } };
  if (reply.status === 422) {
    const issues = body.error?.issues ?? [];
    if (!issues.some((i) => i.severity === 'error')) problems.push('422 without an error issue');
    problems.push(...issueProblems(issues, file));
  }
  if (reply.status === 201 || reply.status === 200) problems.push(...issueProblems(body.issues ?? [], file));
  if (body.error !== undefined && LIBRARY_WORDS.test(body.error.message)) problems.push(`library words in the refusal: ${body.error.message.slice(0, 200)}`);
  return problems;
}
