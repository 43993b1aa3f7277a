import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { authKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** The signed-in user and memberships (`GET /api/v1/me`). */
export function meQuery(client: ApiClient) {
  return queryOptions({
    queryKey: authKeys.me(),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/me',
        domainSchema((d) => d.meSchema),
        { signal },
      ),
    staleTime: 5 * 60_000,
  });
}

/** Whether sign-in through the company's identity provider is on (`GET /api/v1/auth/oidc/config`). */
export function oidcConfigQuery(client: ApiClient) {
  return queryOptions({
    queryKey: authKeys.oidcConfig(),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/auth/oidc/config',
        domainSchema((d) => d.oidcPublicConfigSchema),
        { signal },
      ),
    staleTime: 10 * 60_000,
  });
}
