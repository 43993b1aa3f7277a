import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { domainSchema } from '@/lib/schemas';
import { notificationKeys } from './keys';

// Query options only (no hooks): server layouts prefetch them as well as client components read them.

/** The member's latest notifications (20) and unread count, their texts in `locale` (the page's language). */
export function notificationsQuery(client: ApiClient, accountId: string, locale: Locale) {
  return queryOptions({
    queryKey: [...notificationKeys.list(accountId), locale] as const,
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'notifications'),
        domainSchema((d) => d.notificationListSchema),
        {
          signal,
          query: { pageSize: 20, locale },
        },
      ),
  });
}

/** The member's email choice per kind. */
export function notificationPreferencesQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: notificationKeys.preferences(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'notifications', 'preferences'),
        domainSchema((d) => d.notificationPreferencesSchema),
        { signal },
      ),
  });
}
