/**
 * `npm start`: the API and the web app on port 8080 (env PORT), SQLite at data/albero.sqlite by
 * default or PostgreSQL with DATABASE_URL. The default database gets the demo plan and one account
 * per role on first start (env ALBERO_DEMO_PASSWORD to choose their password; ALBERO_DEMO=0 to
 * skip, ALBERO_DEMO=1 to seed another empty database too).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { english, localeLanguage, renderCoded, renderMessage, type Coded, type Language, type MessageCode, type MessageParams, type Params } from '../messages/index.js';
import { xlsxSettingProblem } from '../io/xlsx/limits.js';
import { oidcFromEnv } from './oidc-settings.js';
import { smtpFromEnv } from './mailer.js';
import { reminderSettingsFromEnv } from './reminders.js';
import { startServer } from './server.js';
import { shownLocation, storeOptionsFromEnv } from '../store/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_DATABASE = 'data/albero.sqlite';

export interface MainOptions {
  port?: number;
  database?: string;
  host?: string;
  /** The language of what it prints at start (`albero serve --lang`); the locale's by default. */
  language?: Language;
}

/** A start-up sentence in `language`. */
function sayIn<K extends MessageCode>(language: Language, code: K, params: Params<K>): string {
  return renderMessage(code, params as MessageParams, language);
}

/** A setting of the environment the server cannot use: said by its code, in the starter's language. */
function settingInvalid(params: Params<'setting-invalid'>): Error & Coded {
  return Object.assign(new Error(english('setting-invalid', params)), { code: 'setting-invalid', params });
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
  if (!Number.isFinite(mb) || mb <= 0) throw settingInvalid({ name, value, what: 'megabytes' });
  return Math.round(mb * 1024 * 1024);
}

/** ALBERO_REMINDERS_EVERY_MINUTES: how often the server sends the reminders due (default 60; 0: never, leave it to `albero reminders`). */
function reminderInterval(): number {
  const text = process.env.ALBERO_REMINDERS_EVERY_MINUTES?.trim() ?? '';
  if (text === '') return 60;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw settingInvalid({ name: 'ALBERO_REMINDERS_EVERY_MINUTES', value: text, what: 'minutes' });
  return n;
}

export async function main(options: MainOptions = {}): Promise<void> {
  const xlsxSetting = xlsxSettingProblem();
  if (xlsxSetting !== null) throw xlsxSetting;
  // ALBERO_SQLITE_BUSY_TIMEOUT_MS: how long a request waits for another process's lock on the SQLite file.
  const storeOptions = storeOptionsFromEnv(process.env);
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
    store: storeOptions,
    // Deadline reminders: SMTP from ALBERO_SMTP_*, or the log; every ALBERO_REMINDERS_EVERY_MINUTES (default 60, 0: off).
    reminders: { smtp: smtpFromEnv(process.env), settings: reminderSettingsFromEnv(process.env), everyMinutes: reminderInterval() },
    ...(demo ? { demoFixture: `${ROOT}fixtures/albero-performance-2024.txt` } : {}),
    ...(process.env.ALBERO_DEMO_PASSWORD ? { demoPassword: process.env.ALBERO_DEMO_PASSWORD } : {}),
  });
  // Stopped cleanly from the moment it serves: the handlers are in place before the lines saying
  // so, which a supervisor (or a test) may answer with a signal at once.
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const say = <K extends MessageCode>(code: K, params: Params<K>): string => sayIn(options.language ?? localeLanguage(process.env), code, params);
  const where = shownLocation(location);
  process.stdout.write(`${say('server-serving', { url: server.url, database: where })}\n`);
  if (server.demoAccounts !== null) {
    process.stdout.write(`\n${say('server-demo-accounts', { url: server.url })}\n`);
    for (const a of server.demoAccounts) process.stdout.write(`  ${a.role.padEnd(10)}  ${a.username.padEnd(10)}  ${a.password}\n`);
    process.stdout.write('\n');
  } else if ((await server.store.countUsers()) === 0) {
    const command = `ALBERO_PASSWORD=… npx albero admin create-user --username admin --role admin${location === `${ROOT}${DEFAULT_DATABASE}` ? '' : ` --database ${where}`}`;
    process.stdout.write(`${say('server-no-accounts', { command })}\n`);
  } else {
    process.stdout.write(`${say('server-sign-in', { url: server.url })}\n`);
  }
  process.stdout.write(`${say('server-api-docs', { url: server.url })}\n`);
}

/** Why the server could not start, in the starter's language when the failure is one of ours (a setting), else its own words. */
export function startFailure(error: unknown, language: Language = localeLanguage(process.env)): string {
  if (isCoded(error)) return renderCoded(error, language);
  return error instanceof Error ? error.message : String(error);
}

/** A failure the catalogue says: a setting of the environment the server cannot use. */
export function isCoded(error: unknown): error is Error & Coded {
  return error instanceof Error && typeof (error as Partial<Coded>).code === 'string' && typeof (error as Partial<Coded>).params === 'object' && (error as Partial<Coded>).params !== null;
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
    const language = localeLanguage(process.env);
    process.stderr.write(`${sayIn(language, 'server-cannot-start', { reason: startFailure(error, language) })}\n`);
    process.exit(1);
  });
}
