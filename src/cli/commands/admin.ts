import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ROLES, SIGN_IN_KINDS, type Role, type SignInKind } from '../../store/types.js';
import { commandLineActor } from '../actor.js';
import { renderCoded } from '../../messages/index.js';
import { badInput, cliLanguage, DEFAULT_DATABASE, say, withDatabase, writeJson } from '../shared.js';

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

/** `albero admin create-user`: the first administrator (or any account, with its password or through the identity provider), non-interactively. */
export function registerAdmin(program: Command): void {
  const admin = program.command('admin').description(say('cli-about-admin', {}));
  admin
    .command('create-user')
    .description(say('cli-about-create-user', {}))
    .requiredOption('--username <name>', say('cli-about-create-user-username', {}))
    .option('--role <role>', say('cli-about-create-user-role', { roles: ROLES }), 'admin')
    .option('--display-name <name>', say('cli-about-create-user-display-name', {}))
    .option('--units <units>', say('cli-about-create-user-units', {}))
    .option('--sign-in <way>', say('cli-about-create-user-sign-in', { ways: SIGN_IN_KINDS }), 'password')
    .option('--database <location>', say('cli-about-database', {}))
    .option('--json', say('cli-about-create-user-json', {}))
    .action(async (options: { username: string; role: string; displayName?: string; units?: string; signIn: string; database?: string; json?: boolean }) => {
      if (!ROLES.includes(options.role as Role)) {
        return badInput('admin create-user', say('cli-admin-role', { role: options.role, roles: ROLES }));
      }
      if (!SIGN_IN_KINDS.includes(options.signIn as SignInKind)) {
        return badInput('admin create-user', say('cli-admin-sign-in', { way: options.signIn, ways: SIGN_IN_KINDS }));
      }
      const signIn = options.signIn as SignInKind;
      if (!/^[a-zA-Z0-9._@-]{2,64}$/.test(options.username)) {
        return badInput('admin create-user', say('cli-admin-username', {}));
      }
      // The store and argon2 are loaded by this command only, not by every start of the CLI.
      const { hashPassword, MIN_PASSWORD } = await import('../../server/auth.js');
      let passwordHash = '';
      if (signIn === 'provider') {
        // A provider account has no password in Albero: one given by the environment is a mistake
        // to say (as the API refuses one at its field), not a secret to drop. Stdin is not read:
        // a script may leave it open with nothing to say.
        if ((process.env.ALBERO_PASSWORD ?? '') !== '') return badInput('admin create-user', say('cli-admin-provider-password', {}));
      } else {
        const password = readPassword();
        if (password.length < MIN_PASSWORD) {
          return badInput('admin create-user', say('cli-admin-password', { min: MIN_PASSWORD }));
        }
        passwordHash = await hashPassword(password);
      }
      await withDatabase(options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE, 'admin create-user', async (store) => {
        const units = (options.units ?? '')
          .split(',')
          .map((u) => u.trim())
          .filter((u) => u !== '');
        const created = await store.createUser(
          { username: options.username, displayName: options.displayName ?? options.username, role: options.role as Role, units, passwordHash, signIn },
          commandLineActor(),
        );
        if (!created.ok) {
          // The store's refusal by its code, in the language (its English words when the catalogue lacks them).
          return badInput('admin create-user', renderCoded(created.error, cliLanguage()));
        }
        const user = created.value;
        // The sentence is the language's; the role's code keeps one place in it for scripts, and
        // --json is the same in every language.
        if (options.json === true) writeJson({ username: user.username, role: user.role, displayName: user.displayName, units: user.units, signIn: user.signIn });
        else process.stdout.write(`${say('cli-admin-created', { role: user.role, username: user.username, signIn: user.signIn })}\n`);
      });
    });
}
