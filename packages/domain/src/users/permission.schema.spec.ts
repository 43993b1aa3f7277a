import { permissionSchema } from './permission.schema';
import { permissionsOf, roleHasPermission, ROLE_PERMISSIONS } from './permissions';
import { roleSchema } from './role.schema';

describe('permission matrix', () => {
  it('gives every role the dashboard and only known permissions', () => {
    for (const role of roleSchema.options) {
      expect(roleHasPermission(role, 'dashboard:read')).toBe(true);
      for (const p of ROLE_PERMISSIONS[role]) expect(permissionSchema.options).toContain(p);
    }
  });

  it('lets only owner and admin manage members and read the audit log', () => {
    const managers = roleSchema.options.filter((r) => roleHasPermission(r, 'members:manage'));
    expect(managers).toEqual(['owner', 'admin']);
    expect(roleSchema.options.filter((r) => roleHasPermission(r, 'audit:read'))).toEqual(['owner', 'admin']);
    expect(roleSchema.options.filter((r) => roleHasPermission(r, 'security:manage'))).toEqual(['owner']);
  });

  it('keeps billing out of cases and usage, technical out of invoices, viewer read-only', () => {
    expect(roleHasPermission('billing', 'billing:read')).toBe(true);
    expect(roleHasPermission('billing', 'support:read')).toBe(false);
    expect(roleHasPermission('billing', 'usage:read')).toBe(false);
    expect(roleHasPermission('technical', 'billing:read')).toBe(false);
    expect(roleHasPermission('technical', 'support:write')).toBe(true);
    expect(permissionsOf('viewer').filter((p) => !p.endsWith(':read'))).toEqual([]);
    expect(roleHasPermission('viewer', 'members:read')).toBe(false);
  });

  it('lets billing members, owners and admins pay; only owners and admins cancel services', () => {
    expect(roleSchema.options.filter((r) => roleHasPermission(r, 'billing:pay'))).toEqual([
      'owner',
      'admin',
      'billing',
    ]);
    expect(roleSchema.options.filter((r) => roleHasPermission(r, 'subscriptions:manage'))).toEqual([
      'owner',
      'admin',
    ]);
  });

  it('lets owners, admins and technical members manage usage alerts', () => {
    expect(roleSchema.options.filter((r) => roleHasPermission(r, 'alerts:manage'))).toEqual([
      'owner',
      'admin',
      'technical',
    ]);
  });

  it('returns a copy', () => {
    const perms = permissionsOf('viewer');
    perms.push('members:manage');
    expect(roleHasPermission('viewer', 'members:manage')).toBe(false);
  });
});
