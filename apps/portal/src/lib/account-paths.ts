import type { Me } from '@portico/domain';

/**
 * Path of one account's portal page, every segment URL-encoded:
 * `accountPagePath('acc_1', 'billing', 'inv/9')` -> `/acc_1/billing/inv%2F9`.
 */
export function accountPagePath(accountId: string, ...segments: readonly string[]): string {
  return `/${[accountId, ...segments].map(encodeURIComponent).join('/')}`;
}

/** Path of an account-scoped BFF endpoint: `accountApiPath('acc_1', 'cases')` -> `/api/v1/accounts/acc_1/cases`. */
export function accountApiPath(accountId: string, ...segments: readonly string[]): string {
  return `/api/v1/accounts${accountPagePath(accountId, ...segments)}`;
}

/**
 * Where a signed-in user lands: the dashboard of the account they opened last (`me.lastAccountId`, kept by the BFF
 * so it follows them across devices) while they are still a member of it, else of their first account; a platform
 * administrator without any membership lands in `/admin`; anyone else without a membership gets null.
 */
export function firstDashboardPath(
  me: Pick<Me, 'memberships' | 'lastAccountId'> & { platformAdmin?: boolean },
): string | null {
  const last = me.memberships.find((m) => m.accountId === me.lastAccountId);
  const target = last ?? me.memberships[0];
  if (target) return accountPagePath(target.accountId, 'dashboard');
  return me.platformAdmin ? '/admin' : null;
}
