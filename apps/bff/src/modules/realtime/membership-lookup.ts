import { roleSchema } from '@portico/domain';
import type { Pool } from 'pg';
import { UUID_PATTERN, type AccountContext } from '../../core/auth/session.types';
import { DbContext } from '../../core/prisma/db-context';

/** One membership with its user's two-factor state and its account, as the lookup reads it. */
const MEMBERSHIP_SQL = `
SELECT m.role, u.mfa_enabled_at IS NOT NULL AS member_mfa_enabled,
       a.id AS account_id, a.name AS account_name, a.whmcs_client_id, a.salesforce_account_id, a.mfa_required
  FROM memberships m
  JOIN users u ON u.id = m.user_id
  JOIN accounts a ON a.id = m.account_id
 WHERE m.user_id = $1 AND m.account_id = $2`;

interface MembershipRow {
  role: string;
  member_mfa_enabled: boolean;
  account_id: string;
  account_name: string;
  whmcs_client_id: number | null;
  salesforce_account_id: string | null;
  mfa_required: boolean;
}

/**
 * The user's membership of an account over plain node-postgres, for the separate realtime process (no Prisma there):
 * the same {@link AccountContext} as `AccessService.findMembership` reads through Prisma, in the user's own
 * row-level-security scope (`pool` must be a `ScopedPool` on the app role, so that the scope is stamped on the
 * connection). Null for a non-member and for ids that are not UUIDs (no query then).
 */
export class PgMembershipLookup {
  constructor(private readonly pool: Pool) {}

  /**
   * @param userId user id (UUID)
   * @param accountId account id (UUID)
   * @throws Error when the database cannot be reached (the realtime server answers `not_found` then)
   */
  async findMembership(userId: string, accountId: string): Promise<AccountContext | null> {
    if (!UUID_PATTERN.test(userId) || !UUID_PATTERN.test(accountId)) return null;
    const { rows } = await DbContext.runAsUser(userId, () =>
      this.pool.query<MembershipRow>(MEMBERSHIP_SQL, [userId.toLowerCase(), accountId.toLowerCase()]),
    );
    const row = rows[0];
    if (row === undefined) return null;
    return {
      accountId: row.account_id,
      accountName: row.account_name,
      role: roleSchema.parse(row.role),
      whmcsClientId: row.whmcs_client_id,
      salesforceAccountId: row.salesforce_account_id,
      mfaRequired: row.mfa_required,
      memberMfaEnabled: row.member_mfa_enabled,
    };
  }
}
