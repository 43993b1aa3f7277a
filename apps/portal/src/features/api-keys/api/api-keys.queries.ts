import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { apiKeyKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Usage API keys, newest first (never their secrets). */
export function apiKeyListQuery(client: ApiClient, includeRevoked: boolean) {
  return queryOptions({
    queryKey: apiKeyKeys.list(includeRevoked),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/admin/api-keys',
        domainSchema((d) => d.apiKeyListSchema),
        { signal, query: { includeRevoked } },
      ),
  });
}
