import type { AuditEventQuery } from '@portico/domain';

/** Query keys of the audit log. */
export const auditKeys = {
  all: (accountId: string) => ['account', accountId, 'audit'] as const,
  page: (accountId: string, query: AuditEventQuery) =>
    ['account', accountId, 'audit', 'page', query] as const,
};
