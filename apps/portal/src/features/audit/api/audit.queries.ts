import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AuditEventQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { auditKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One page of the account's audit log with its filters. */
export function auditPageQuery(client: ApiClient, accountId: string, query: AuditEventQuery) {
  return queryOptions({
    queryKey: auditKeys.page(accountId, query),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'audit-events'),
        domainSchema((d) => d.auditEventPageSchema),
        {
          signal,
          query: {
            page: query.page,
            pageSize: query.pageSize,
            action: query.action,
            actor: query.actor,
            from: query.from,
            to: query.to,
          },
        },
      ),
    placeholderData: keepPreviousData,
  });
}
