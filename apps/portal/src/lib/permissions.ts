import { permissionsOf, type Me, type Permission, type Role } from '@portico/domain';

/** The permission each portal section needs (sections not listed here need none beyond membership). */
export const SECTION_PERMISSION: Readonly<Record<string, Permission>> = {
  dashboard: 'dashboard:read',
  usage: 'usage:read',
  billing: 'billing:read',
  services: 'subscriptions:read',
  domains: 'subscriptions:read',
  support: 'support:read',
  users: 'members:read',
};

/** What the signed-in user may do in one account, mirroring the BFF's permission matrix (which alone enforces it). */
export interface AccountPermissions {
  /** The role held in the account, or null when not a member (or `me` is not loaded). */
  role: Role | null;
  /** Whether the role grants `permission` (false when not a member). */
  can(permission: Permission): boolean;
}

/** The {@link AccountPermissions} of `accountId` from `GET /api/v1/me`, derived with the domain's `permissionsOf`. */
export function accountPermissions(
  me: Pick<Me, 'memberships'> | undefined,
  accountId: string,
): AccountPermissions {
  const role = me?.memberships.find((m) => m.accountId === accountId)?.role ?? null;
  const granted = new Set<Permission>(role ? permissionsOf(role) : []);
  return { role, can: (permission) => granted.has(permission) };
}
