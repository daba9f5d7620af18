import { afterEach, describe, expect, it } from 'vitest';
import { roleLabels } from '../messages/account-words.js';
import { openStore, type Store } from '../store/index.js';
import { FIXTURE } from '../../test/helpers.js';
import { seedDemo } from './seed.js';

describe('the demo', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('names its accounts as people, not as their roles: the header says «Connesso come … (role)»', async () => {
    store = await openStore(':memory:');
    const accounts = await seedDemo(store, FIXTURE, 'una-password-di-prova');
    expect(accounts?.map((a) => a.role).sort()).toEqual(['admin', 'controller', 'oiv', 'personale', 'referente']);
    const users = await store.listUsers();
    const roleNames = new Set([...Object.values(roleLabels('it')), ...Object.values(roleLabels('en'))].map((w) => w.toLowerCase()));
    for (const u of users) {
      expect(roleNames.has(u.displayName.toLowerCase()), u.displayName).toBe(false);
      expect(u.displayName.toLowerCase(), u.displayName).not.toContain(u.role);
    }
  });
});
