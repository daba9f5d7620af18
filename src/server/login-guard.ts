/**
 * The sign-in limiter, built so that an attacker can slow down guessing but cannot lock a
 * legitimate user out from somewhere else (issue 14, defect 8). Failures are counted in the
 * database (`login_failures`: a restart forgives nothing, every server shares them) under:
 *
 * - `d:<browser>` — a browser that signed in to this account before (a device cookie, see
 *   store/login-devices.ts): its own failures only. Nothing anyone else does locks it out.
 * - `p:<username> <address>` — the account from one address, for browsers without that cookie:
 *   5 free tries, then a wait of 30 s doubling up to 15 minutes. Failures from another address
 *   never lock this pair.
 * - `a:<address>` — everything tried from one address without a device cookie: after 30 failures
 *   (an office behind one NAT address shares it) that address stops guessing across many accounts —
 *   but a right password of the administrator still gets in, so no one can lock the
 *   administrator out through a shared address.
 * - `u:<username>` — the account's failures from everywhere, never a lock by itself: past 20 in
 *   the window the account is under attack and each further address gets 1 free try instead of
 *   5, while a right password from a clean address still gets in (no global lock).
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.js';

export interface GuardLimits {
  readonly pairFreeTries: number;
  readonly addressFreeTries: number;
  readonly deviceFreeTries: number;
  /** Failures of one account, from anywhere, that put it under attack. */
  readonly attackThreshold: number;
  readonly windowMs: number;
  readonly baseLockMs: number;
  /** How long a browser stays trusted after its last sign-in. */
  readonly deviceMaxAgeMs: number;
}

export const GUARD_LIMITS: GuardLimits = {
  pairFreeTries: 5,
  addressFreeTries: 30,
  deviceFreeTries: 5,
  attackThreshold: 20,
  windowMs: 15 * 60_000,
  baseLockMs: 30_000,
  deviceMaxAgeMs: 90 * 24 * 3600_000,
};

/** One sign-in attempt as the guard sees it before the password is checked. */
export interface Attempt {
  readonly username: string;
  /** The hash of the browser's device token when it is trusted for this account. */
  readonly device: string | null;
  readonly keys: { readonly pair: string; readonly address: string; readonly user: string };
  /** Seconds before this attempt may be checked at all (0: go ahead). */
  readonly wait: number;
  /** Seconds the address is locked for: only a right password of the administrator gets through meanwhile. */
  readonly addressWait: number;
  readonly underAttack: boolean;
}

export function deviceHash(token: string): string {
  return createHash('sha256').update(`device:${token}`).digest('hex');
}

export class LoginGuard {
  constructor(
    private readonly store: Store,
    private readonly limits: GuardLimits = GUARD_LIMITS,
  ) {}

  /** Looks the attempt up: its keys, whether its browser is trusted, and how long it must wait. */
  async check(username: string, address: string, deviceToken: string | undefined, now = Date.now()): Promise<Attempt> {
    const user = username.toLowerCase();
    const keys = { pair: `p:${user} ${address}`, address: `a:${address}`, user: `u:${user}` };
    const hashed = deviceToken === undefined || deviceToken === '' || deviceToken.length > 200 ? null : deviceHash(deviceToken);
    const device = hashed !== null && (await this.store.loginDevices.trusted(hashed, user, now, this.limits.deviceMaxAgeMs)) ? hashed : null;
    const failures = await this.store.loginFailures(device !== null ? [`d:${device}`] : [keys.pair, keys.address, keys.user]);
    const waitOf = (key: string): number => {
      const f = failures.find((x) => x.key === key);
      return f === undefined || f.until <= now ? 0 : Math.ceil((f.until - now) / 1000);
    };
    const underAttack = (failures.find((f) => f.key === keys.user && f.firstAt > now - this.limits.windowMs)?.count ?? 0) >= this.limits.attackThreshold;
    if (device !== null) return { username: user, device, keys, wait: waitOf(`d:${device}`), addressWait: 0, underAttack };
    return { username: user, device, keys, wait: waitOf(keys.pair), addressWait: waitOf(keys.address), underAttack };
  }

  /** Counts a failed attempt; returns the seconds the attempt's own key is now locked for (0: not yet). */
  async fail(attempt: Attempt, now = Date.now()): Promise<number> {
    const { windowMs, baseLockMs } = this.limits;
    const lockAfter = (free: number) => (count: number) => (count >= free ? Math.min(baseLockMs * 2 ** (count - free), windowMs) : 0);
    if (attempt.device !== null) {
      const f = await this.store.addLoginFailure(`d:${attempt.device}`, now, windowMs, lockAfter(this.limits.deviceFreeTries));
      return Math.max(0, Math.ceil((f.until - now) / 1000));
    }
    const pair = await this.store.addLoginFailure(attempt.keys.pair, now, windowMs, lockAfter(attempt.underAttack ? 1 : this.limits.pairFreeTries));
    await this.store.addLoginFailure(attempt.keys.address, now, windowMs, lockAfter(this.limits.addressFreeTries));
    await this.store.addLoginFailure(attempt.keys.user, now, windowMs, () => 0);
    return Math.max(0, Math.ceil((pair.until - now) / 1000));
  }

  /** A good sign-in: forgets its own failures and trusts the browser. */
  async succeed(attempt: Attempt, newDeviceToken: string, now = Date.now()): Promise<void> {
    await this.store.clearLoginFailures(attempt.device !== null ? [`d:${attempt.device}`, attempt.keys.pair] : [attempt.keys.pair]);
    await this.trust(attempt.username, newDeviceToken, now);
  }

  /** The browser holding `newDeviceToken` signed in to `username` (by password, or at the identity provider). */
  async trust(username: string, newDeviceToken: string, now = Date.now()): Promise<void> {
    await this.store.loginDevices.trust(deviceHash(newDeviceToken), username.toLowerCase(), now);
  }
}
