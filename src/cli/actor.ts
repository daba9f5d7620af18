/**
 * Who a command that writes to a database records as the author of its changes: the command line,
 * with the operating system's account that ran it («riga di comando (utente mario)»), not the
 * program's own `system`, which a person at a terminal is not. The server's own timer stays the
 * program (server/reminders.ts).
 */
import { userInfo } from 'node:os';
import { commandLineLogin } from '../core/actors.js';
import type { Actor } from '../store/index.js';

/**
 * The operating system's account running this process: its entry in the system's user database
 * (`os.userInfo()`); where the process has none (a container run under a bare uid, `userInfo`
 * throws), the login the environment names (LOGNAME, USER, USERNAME on Windows); else null.
 */
export function operatingSystemUser(read: () => { username: string } = userInfo, env: NodeJS.ProcessEnv = process.env): string | null {
  try {
    const name = read().username.trim();
    if (name !== '') return name;
  } catch {
    // No entry for this uid: the environment may still say who logged in.
  }
  for (const key of ['LOGNAME', 'USER', 'USERNAME']) {
    const name = env[key]?.trim() ?? '';
    if (name !== '') return name;
  }
  return null;
}

/** The author of this command's changes. */
export function commandLineActor(): Actor {
  return { id: null, username: commandLineLogin(operatingSystemUser()) };
}
