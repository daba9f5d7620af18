/**
 * Who made a change when no account did, as the store records it in its author columns (the audit
 * trail's `username`, a value's `entered_by`, a reminder's `created_by`, …): the program itself
 * (`system`: the demo data, migrations, the server's reminder timer) or a person at the command line
 * (`cli:` and the operating system's account that ran it). Pure values, read by the store, the server,
 * the command line and the web app alike; src/messages/actor-words.ts says them.
 */

/** The login of what the program did by itself; records written before the command line had its own read so too. */
export const SYSTEM_LOGIN = 'system';

/**
 * The command line's logins begin so. A ':' is in no account's username (`[a-zA-Z0-9._@-]`), so
 * such a login never names an account; `cli:` alone: the operating system did not say who ran it.
 */
export const COMMAND_LINE_PREFIX = 'cli:';

/** The login recorded for a command run by the operating system's account `osUser` (null: unknown). */
export function commandLineLogin(osUser: string | null): string {
  return `${COMMAND_LINE_PREFIX}${osUser ?? ''}`;
}

/** What a stored login stands for: the program, the command line (with the OS account, null when unknown), or an account. */
export type StoredActor = { readonly kind: 'program' } | { readonly kind: 'command-line'; readonly osUser: string | null } | { readonly kind: 'account'; readonly login: string };

export function storedActor(login: string): StoredActor {
  if (login === SYSTEM_LOGIN) return { kind: 'program' };
  if (login.startsWith(COMMAND_LINE_PREFIX)) {
    const osUser = login.slice(COMMAND_LINE_PREFIX.length);
    return { kind: 'command-line', osUser: osUser === '' ? null : osUser };
  }
  return { kind: 'account', login };
}
