import { queryOptions } from '@tanstack/react-query';
import { meSchema } from '@portico/domain';
import type { ApiClient } from '@/lib/api-client';
import { authKeys } from './keys';

/** The signed-in user and memberships (`GET /api/v1/me`). */
export function meQuery(client: ApiClient) {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) => client.request('/api/v1/me', meSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}
