import { describe, expect, it } from 'vitest';
import { planOfAddress } from './early.js';

describe('the plan an address opens, for the early reads', () => {
  it('reads the real path and the older hash address, as App.tsx routes them', () => {
    expect(planOfAddress({ pathname: '/plans/5caeeb20-ff9d', hash: '' })).toBe('5caeeb20-ff9d');
    expect(planOfAddress({ pathname: '/plans/42/', hash: '' })).toBe('42');
    expect(planOfAddress({ pathname: '/', hash: '#/plans/42' })).toBe('42');
  });

  it("writes the id as the API client does (encoded once), whatever the address's own encoding", () => {
    expect(planOfAddress({ pathname: '/plans/a%20b', hash: '' })).toBe('a%20b');
    expect(planOfAddress({ pathname: "/plans/it's", hash: '' })).toBe(encodeURIComponent("it's"));
  });

  it('starts nothing for the other screens: the plans, the Relazione, users, a broken address', () => {
    for (const pathname of ['/', '/plans', '/plans/42/relazione', '/users', '/appraisals/7']) expect(planOfAddress({ pathname, hash: '' })).toBeNull();
    expect(planOfAddress({ pathname: '/plans/%E0%A4%A', hash: '' })).toBeNull();
  });
});
