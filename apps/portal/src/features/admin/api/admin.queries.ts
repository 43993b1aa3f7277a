import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AdminAccountQuery } from '@portico/domain';
import { isApiError, type ApiClient } from '@/lib/api-client';
import { adminKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One page of every account (platform administrators only). */
export function adminAccountPageQuery(client: ApiClient, query: AdminAccountQuery) {
  return queryOptions({
    queryKey: adminKeys.accountPage(query),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/admin/accounts',
        domainSchema((d) => d.adminAccountPageSchema),
        {
          signal,
          query: { page: query.page, pageSize: query.pageSize, search: query.search },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The `GET`/`PUT`/`DELETE` path of an account's identity provider. */
export function identityProviderPath(accountId: string): string {
  return `/api/v1/admin/accounts/${encodeURIComponent(accountId)}/identity-provider`;
}

/** An account's OpenID Connect identity provider (no secret), or null when it has none (the BFF's 404). */
export function identityProviderQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: adminKeys.identityProvider(accountId),
    queryFn: async ({ signal }) => {
      try {
        return await client.request(
          identityProviderPath(accountId),
          domainSchema((d) => d.identityProviderSchema),
          { signal },
        );
      } catch (err) {
        if (isApiError(err) && err.status === 404) return null;
        throw err;
      }
    },
  });
}
