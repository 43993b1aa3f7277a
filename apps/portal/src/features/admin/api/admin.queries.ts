import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { adminAccountPageSchema, type AdminAccountQuery } from '@portico/domain';
import type { ApiClient } from '@/lib/api-client';
import { adminKeys } from './keys';

/** One page of every account (platform administrators only). */
export function adminAccountPageQuery(client: ApiClient, query: AdminAccountQuery) {
  return queryOptions({
    queryKey: adminKeys.accountPage(query),
    queryFn: ({ signal }) =>
      client.request('/api/v1/admin/accounts', adminAccountPageSchema, {
        signal,
        query: { page: query.page, pageSize: query.pageSize, search: query.search },
      }),
    placeholderData: keepPreviousData,
  });
}
