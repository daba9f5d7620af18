/**
 * Who did something, as the screens name people. The demo data loaded at the first start and the
 * command line (`albero admin`, `albero reminders`) record their changes as the internal login
 * `system` (store/types.ts `SYSTEM`), which no account has: shown as is, an English word stood for
 * a person on Italian screens («Chiuso da system»). Stored as it was; said in the reader's words.
 */
import type { TFunction } from 'i18next';

/** The login the store records for changes no person made (store/types.ts `SYSTEM`). */
const SYSTEM_LOGIN = 'system';

/**
 * `name`: the display name the server gave (the login itself when no account has it); `login`: the
 * login stored. Null when neither is known (the public is not told who).
 */
export function actorName(name: string | null | undefined, login: string | null | undefined, t: TFunction): string | null {
  if (login === SYSTEM_LOGIN && (name === null || name === undefined || name === SYSTEM_LOGIN)) return t('common.system');
  return name ?? login ?? null;
}
