/**
 * `npm start`: the API and the web app on port 8080 (env PORT), SQLite at data/albero.sqlite by
 * default or PostgreSQL with DATABASE_URL. The default database gets the demo plan and one account
 * per role on first start (env ALBERO_DEMO_PASSWORD to choose their password; ALBERO_DEMO=0 to
 * skip, ALBERO_DEMO=1 to seed another empty database too).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { oidcFromEnv } from './routes/oidc.js';
import { smtpFromEnv } from './mailer.js';
import { reminderSettingsFromEnv } from './reminders.js';
import { startServer } from './server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_DATABASE = 'data/albero.sqlite';

export interface MainOptions {
  port?: number;
  database?: string;
  host?: string;
}

/** ALBERO_MAX_ATTACHMENT_MB: the largest evidence file, in MiB (default 20). */
function attachmentLimit(): number | undefined {
  return megabytes('ALBERO_MAX_ATTACHMENT_MB');
}

/** A size in MiB from the environment (ALBERO_MAX_ATTACHMENT_MB, ALBERO_MAX_IMPORT_MB), in bytes; undefined when unset. */
function megabytes(name: string): number | undefined {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return undefined;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`${name} must be a positive number of megabytes, not "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

/** ALBERO_REMINDERS_EVERY_MINUTES: how often the server sends the reminders due (default 60; 0: never, leave it to `albero reminders`). */
function reminderInterval(): number {
  const text = process.env.ALBERO_REMINDERS_EVERY_MINUTES?.trim() ?? '';
  if (text === '') return 60;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`ALBERO_REMINDERS_EVERY_MINUTES must be a number of minutes (0: off), not "${text}"`);
  return n;
}

export async function main(options: MainOptions = {}): Promise<void> {
  const location = options.database ?? process.env.DATABASE_URL ?? `${ROOT}${DEFAULT_DATABASE}`;
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const isDemoDatabase = location === `${ROOT}${DEFAULT_DATABASE}`;
  const demo = process.env.ALBERO_DEMO === '1' || (isDemoDatabase && process.env.ALBERO_DEMO !== '0');
  const server = await startServer({
    location,
    port,
    host: options.host ?? process.env.HOST ?? '0.0.0.0',
    webRoot: process.env.ALBERO_WEB_ROOT ?? `${ROOT}web/dist`,
    secureCookies: process.env.ALBERO_SECURE_COOKIES === '1',
    oidc: oidcFromEnv(process.env),
    limits: {
      ...(attachmentLimit() !== undefined ? { attachmentBytes: attachmentLimit()! } : {}),
      // ALBERO_MAX_IMPORT_MB: the largest table POST /api/plans/import takes (default 10).
      ...(megabytes('ALBERO_MAX_IMPORT_MB') !== undefined ? { uploadBytes: megabytes('ALBERO_MAX_IMPORT_MB')! } : {}),
    },
    trustProxy: process.env.ALBERO_TRUST_PROXY === '1',
    // Deadline reminders: SMTP from ALBERO_SMTP_*, or the log; every ALBERO_REMINDERS_EVERY_MINUTES (default 60, 0: off).
    reminders: { smtp: smtpFromEnv(process.env), settings: reminderSettingsFromEnv(process.env), everyMinutes: reminderInterval() },
    ...(demo ? { demoFixture: `${ROOT}fixtures/albero-performance-2024.txt` } : {}),
    ...(process.env.ALBERO_DEMO_PASSWORD ? { demoPassword: process.env.ALBERO_DEMO_PASSWORD } : {}),
  });
  const where = location.startsWith('postgres') ? location.replace(/\/\/[^@/]*@/, '//…@') : location;
  process.stdout.write(`Albero is serving on ${server.url} (database: ${where})\n`);
  if (server.demoAccounts !== null) {
    process.stdout.write(`\nDemo plan loaded. Sign in at ${server.url}/ with one of these accounts (passwords shown only now):\n`);
    for (const a of server.demoAccounts) process.stdout.write(`  ${a.role.padEnd(10)}  ${a.username.padEnd(10)}  ${a.password}\n`);
    process.stdout.write('\n');
  } else if ((await server.store.countUsers()) === 0) {
    process.stdout.write(
      `No accounts yet: create the first administrator with\n  ALBERO_PASSWORD=… npx albero admin create-user --username admin --role admin${location === `${ROOT}${DEFAULT_DATABASE}` ? '' : ` --database ${where}`}\n`,
    );
  } else {
    process.stdout.write(`Sign in at ${server.url}/\n`);
  }
  process.stdout.write(`API documentation: ${server.url}/api/openapi.json\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run when started directly (`node dist/server/main.js`), not when imported by the CLI.
function startedDirectly(): boolean {
  if (process.argv[1] === undefined) return false;
  try {
    return realpathSync(fileURLToPath(import.meta.url)) === realpathSync(process.argv[1]);
  } catch {
    return false;
  }
}

if (startedDirectly()) {
  main().catch((error: unknown) => {
    process.stderr.write(`albero server: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
