import { queryOptions } from '@tanstack/react-query';
import { accountStatusSchema } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { statusKeys } from './keys';

/** The dashboard document of one account; each block carries its own freshness. */
export function accountStatusQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: statusKeys.detail(accountId),
    queryFn: ({ signal }) => client.request(accountApiPath(accountId, 'status'), accountStatusSchema, { signal }),
  });
}
