// No zod here: the portal's first page load checks permissions without the schema library.
import type { Role } from './role.schema';

/**
 * What a member may do in one account. The BFF enforces these on every account-scoped route (403 `forbidden` for a
 * member lacking one); the portal mirrors them to hide actions it would refuse, but is never trusted.
 */
export const PERMISSIONS = [
  /** The dashboard document (`GET .../status`); blocks the role may not read come back `unavailable`. */
  'dashboard:read',
  /** Saving, changing and deleting the account's own dashboards (beside the operator's configured ones). */
  'dashboards:manage',
  /** Invoices, line items, payments, balances. */
  'billing:read',
  /** Subscriptions (products and services) and their prices. */
  'subscriptions:read',
  /** Requesting the cancellation of a subscription. */
  'subscriptions:manage',
  /** Paying invoices and managing payment methods in the billing system (single sign-on hand-off). */
  'billing:pay',
  /** Usage series and tiles. */
  'usage:read',
  /** Usage alert thresholds (create, change, delete). */
  'alerts:manage',
  /** Support cases. */
  'support:read',
  /** Opening and replying to support cases. */
  'support:write',
  /** The member list and pending invites. */
  'members:read',
  /** Inviting, changing roles, removing members, resending and revoking invites. */
  'members:manage',
  /** The account's audit log. */
  'audit:read',
  /** Account-wide security settings (e.g. requiring two-factor for all members). */
  'security:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: readonly Permission[] = [
  'dashboard:read',
  'billing:read',
  'subscriptions:read',
  'usage:read',
  'support:read',
];

/**
 * The permission matrix: the permissions each role grants.
 * - owner: everything; the only role that manages account-wide security. An account keeps at least one owner.
 * - admin: everything but account-wide security; manages members (but cannot grant or remove the owner role).
 * - owners and admins alone request the cancellation of a subscription and save the account's own dashboards.
 * - billing: invoices, payments (pays invoices, manages payment methods) and subscriptions.
 * - technical: subscriptions, usage (sets usage alerts) and cases (opens cases).
 * - viewer: reads everything a member can read, changes nothing.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: [
    ...READ_ALL,
    'alerts:manage',
    'support:write',
    'billing:pay',
    'subscriptions:manage',
    'dashboards:manage',
    'members:read',
    'members:manage',
    'audit:read',
    'security:manage',
  ],
  admin: [
    ...READ_ALL,
    'alerts:manage',
    'support:write',
    'billing:pay',
    'subscriptions:manage',
    'dashboards:manage',
    'members:read',
    'members:manage',
    'audit:read',
  ],
  billing: ['dashboard:read', 'billing:read', 'billing:pay', 'subscriptions:read'],
  technical: [
    'dashboard:read',
    'subscriptions:read',
    'usage:read',
    'alerts:manage',
    'support:read',
    'support:write',
  ],
  viewer: [...READ_ALL],
};

/** Whether `role` grants `permission` (see {@link ROLE_PERMISSIONS}). */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Every permission `role` grants, as a fresh array (for `/me` and the portal). */
export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
