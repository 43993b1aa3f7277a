import {
  FORBIDDEN_REASON,
  roleHasPermission,
  STATUS_BLOCK_PERMISSION,
  statusBlockNameSchema,
  type AccountStatus,
  type Role,
} from '@portico/domain';

/**
 * The status document as `role` may see it: every block whose permission (`STATUS_BLOCK_PERMISSION`) the role
 * lacks is replaced by an `unavailable` block with reason `forbidden` and no data, so nothing of it leaks.
 */
export function redactStatusForRole(status: AccountStatus, role: Role): AccountStatus {
  const redacted: AccountStatus = { ...status };
  for (const name of statusBlockNameSchema.options) {
    if (roleHasPermission(role, STATUS_BLOCK_PERMISSION[name])) continue;
    const source = status[name].meta.source;
    redacted[name] = {
      meta: { source, fetchedAt: null, stale: false, unavailable: true, reason: FORBIDDEN_REASON },
      data: null,
    };
  }
  return redacted;
}
