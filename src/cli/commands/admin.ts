import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ROLES, SYSTEM, type Role } from '../../store/types.js';

const DEFAULT_DATABASE = fileURLToPath(new URL('../../../data/albero.sqlite', import.meta.url));

/** The password from env ALBERO_PASSWORD, else the first line of stdin (never a prompt: this runs in scripts). */
function readPassword(): string {
  const fromEnv = process.env.ALBERO_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) return '';
  try {
    return (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '').trim();
  } catch {
    return '';
  }
}

/** `albero admin create-user`: the first administrator (or any account), non-interactively. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description('administer accounts in the database');
  admin
    .command('create-user')
    .description('create an account; the password comes from env ALBERO_PASSWORD or the first line of stdin')
    .requiredOption('--username <name>', 'login name')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
    .option('--display-name <name>', 'name shown in the app (default: the username)')
    .option('--units <units>', 'comma-separated organisational units (for a referente)', '')
    .option('--database <location>', 'a SQLite file or a postgres:// URL (default: env DATABASE_URL or data/albero.sqlite)')
    .action(async (options: { username: string; role: string; displayName?: string; units: string; database?: string }) => {
      if (!ROLES.includes(options.role as Role)) {
        process.stderr.write(`albero admin create-user: --role must be one of ${ROLES.join(', ')}, not "${options.role}"\n`);
        process.exitCode = 2;
        return;
      }
      if (!/^[a-zA-Z0-9._@-]{2,64}$/.test(options.username)) {
        process.stderr.write('albero admin create-user: --username must be 2–64 letters, digits, dots, dashes, underscores or @\n');
        process.exitCode = 2;
        return;
      }
      // The store and argon2 are loaded by this command only, not by every start of the CLI.
      const [{ hashPassword, MIN_PASSWORD }, { openStore }] = await Promise.all([import('../../server/auth.js'), import('../../store/index.js')]);
      const password = readPassword();
      if (password.length < MIN_PASSWORD) {
        process.stderr.write(`albero admin create-user: give a password of at least ${MIN_PASSWORD} characters in env ALBERO_PASSWORD or on stdin\n`);
        process.exitCode = 2;
        return;
      }
      const store = await openStore(options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE);
      try {
        const units = options.units
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== '');
        const created = await store.createUser(
          { username: options.username, displayName: options.displayName ?? options.username, role: options.role as Role, units, passwordHash: await hashPassword(password) },
          SYSTEM,
        );
        if (!created.ok) {
          process.stderr.write(`albero admin create-user: ${created.error.message}\n`);
          process.exitCode = 2;
          return;
        }
        process.stdout.write(`created ${created.value.role} ${created.value.username}\n`);
      } finally {
        await store.close();
      }
    });
}
