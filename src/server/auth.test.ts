import { describe, expect, it } from 'vitest';
import type { SessionRecord, Store, UserRecord } from '../store/index.js';
import { SessionCache } from './auth.js';

const user = (id: string): UserRecord => ({
  id,
  username: id,
  displayName: id,
  role: 'referente',
  units: [],
  unitIds: [],
  active: true,
  signIn: 'password',
  createdAt: '2024-01-01T00:00:00.000Z',
  mustChangePassword: false,
});
const later = new Date(Date.now() + 3600_000).toISOString();

/** A store holding sessions in a map, counting lookups; `gate` holds a lookup until released. */
function fakeStore() {
  const sessions = new Map<string, SessionRecord>([
    ['s1', { user: user('u1'), csrfToken: 'c1', expiresAt: later }],
    ['s2', { user: user('u1'), csrfToken: 'c2', expiresAt: later }],
    ['s3', { user: user('u2'), csrfToken: 'c3', expiresAt: later }],
  ]);
  let gate: Promise<void> | null = null;
  const store = {
    lookups: 0,
    sessions,
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return release;
    },
    async findSession(id: string) {
      store.lookups++;
      const found = sessions.get(id);
      if (gate !== null) await gate;
      return found;
    },
  };
  return store;
}

describe('SessionCache', () => {
  it('answers a session read in the last few seconds from memory, then asks the store again', async () => {
    const store = fakeStore();
    const cache = new SessionCache(store as unknown as Store, 5_000);
    const t = Date.now();
    expect((await cache.find('s1', t))?.csrfToken).toBe('c1');
    expect((await cache.find('s1', t + 4_000))?.csrfToken).toBe('c1');
    expect(store.lookups).toBe(1);
    store.sessions.delete('s1');
    expect(await cache.find('s1', t + 5_001)).toBeUndefined();
    expect(store.lookups).toBe(2);
  });

  it('forgets a signed-out session at once, and the sessions of a changed account, not the others', async () => {
    const store = fakeStore();
    const cache = new SessionCache(store as unknown as Store);
    for (const id of ['s1', 's2', 's3']) await cache.find(id);
    store.sessions.delete('s1');
    cache.forget('s1');
    expect(await cache.find('s1')).toBeUndefined();
    store.sessions.delete('s2');
    cache.forgetUser('u1');
    expect(await cache.find('s2')).toBeUndefined();
    const before = store.lookups;
    expect((await cache.find('s3'))?.user.id).toBe('u2');
    expect(store.lookups).toBe(before);
  });

  it('does not keep the answer of a lookup that a sign-out overtook', async () => {
    const store = fakeStore();
    const cache = new SessionCache(store as unknown as Store);
    const release = store.hold();
    const racing = cache.find('s1');
    // The sign-out lands while the lookup is still on its way back.
    store.sessions.delete('s1');
    cache.forget('s1');
    release();
    expect((await racing)?.csrfToken).toBe('c1');
    expect(await cache.find('s1')).toBeUndefined();
  });

  it('never keeps a session past its own expiry', async () => {
    const store = fakeStore();
    const t = Date.now();
    store.sessions.set('soon', { user: user('u3'), csrfToken: 'c', expiresAt: new Date(t + 1_000).toISOString() });
    const cache = new SessionCache(store as unknown as Store, 5_000);
    await cache.find('soon', t);
    store.sessions.delete('soon');
    expect(await cache.find('soon', t + 1_500)).toBeUndefined();
  });
});
