import { describe, expect, it } from 'vitest';
import { operatingSystemUser } from './actor.js';

describe('operatingSystemUser', () => {
  it("is the system's own account when it has one, whatever the environment says", () => {
    expect(operatingSystemUser(() => ({ username: 'mario' }), { USER: 'altro' })).toBe('mario');
  });

  it('falls back on the login the environment names when the uid has no entry (os.userInfo throws)', () => {
    const none = () => {
      throw Object.assign(new Error('uv_os_get_passwd returned ENOENT'), { code: 'ERR_SYSTEM_ERROR' });
    };
    expect(operatingSystemUser(none, { LOGNAME: 'anna', USER: 'altro' })).toBe('anna');
    expect(operatingSystemUser(none, { USER: 'piero' })).toBe('piero');
    expect(operatingSystemUser(none, { USERNAME: 'rita' })).toBe('rita');
    expect(operatingSystemUser(none, { USER: '  ' })).toBeNull();
    expect(operatingSystemUser(none, {})).toBeNull();
  });
});
