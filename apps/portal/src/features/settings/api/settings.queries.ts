import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '@/lib/api-client';
import { accountApiPath } from '@/lib/account-paths';
import { securityKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** The signed-in user's live sessions. */
export function sessionsQuery(client: ApiClient) {
  return queryOptions({
    queryKey: securityKeys.sessions(),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/auth/sessions',
        domainSchema((d) => d.sessionListSchema),
        { signal },
      ),
    select: (list) => list.sessions,
  });
}

/** The signed-in user's two-factor state. */
export function mfaStatusQuery(client: ApiClient) {
  return queryOptions({
    queryKey: securityKeys.mfa(),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/auth/mfa',
        domainSchema((d) => d.mfaStatusSchema),
        { signal },
      ),
  });
}

/** Account-wide security settings (owners only). */
export function accountSecurityQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: securityKeys.account(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'security'),
        domainSchema((d) => d.accountSecuritySchema),
        { signal },
      ),
  });
}
