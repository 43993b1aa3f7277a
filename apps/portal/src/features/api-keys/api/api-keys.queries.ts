import { queryOptions } from '@tanstack/react-query';
import { apiKeyListSchema } from '@portico/domain';
import type { ApiClient } from '@/lib/api-client';
import { apiKeyKeys } from './keys';

/** Usage API keys, newest first (never their secrets). */
export function apiKeyListQuery(client: ApiClient, includeRevoked: boolean) {
  return queryOptions({
    queryKey: apiKeyKeys.list(includeRevoked),
    queryFn: ({ signal }) =>
      client.request('/api/v1/admin/api-keys', apiKeyListSchema, { signal, query: { includeRevoked } }),
  });
}
