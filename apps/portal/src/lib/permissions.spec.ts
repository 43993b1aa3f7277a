import { describe, expect, it } from '@jest/globals';
import { accountPermissions, SECTION_PERMISSION } from './permissions';

const me = {
  memberships: [
    { accountId: 'a', accountName: 'A', role: 'technical' as const },
    { accountId: 'b', accountName: 'B', role: 'viewer' as const },
  ],
};

describe('accountPermissions', () => {
  it('mirrors the domain matrix per account', () => {
    const tech = accountPermissions(me, 'a');
    expect(tech.role).toBe('technical');
    expect(tech.can(SECTION_PERMISSION.billing!)).toBe(false);
    expect(tech.can('support:write')).toBe(true);
    const viewer = accountPermissions(me, 'b');
    expect(viewer.can('billing:read')).toBe(true);
    expect(viewer.can('support:write')).toBe(false);
    expect(viewer.can('members:read')).toBe(false);
  });

  it('grants nothing outside a membership or before me is loaded', () => {
    expect(accountPermissions(me, 'c').can('dashboard:read')).toBe(false);
    expect(accountPermissions(undefined, 'a')).toMatchObject({ role: null });
  });
});
