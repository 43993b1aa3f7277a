import { queryOptions } from '@tanstack/react-query';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { inviteKeys, membersKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Members and pending invites of an account (`GET .../members`). */
export function memberListQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: membersKeys.list(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'members'),
        domainSchema((d) => d.memberListSchema),
        { signal },
      ),
  });
}

/** What an invite link is for (`POST /api/v1/invites/lookup`; the token stays out of URLs sent to the BFF). */
export function invitePreviewQuery(client: ApiClient, token: string) {
  return queryOptions({
    queryKey: inviteKeys.preview(token),
    queryFn: ({ signal }) =>
      client.request(
        '/api/v1/invites/lookup',
        domainSchema((d) => d.invitePreviewSchema),
        {
          method: 'POST',
          body: { token },
          signal,
        },
      ),
    retry: false,
    staleTime: Infinity,
  });
}
