'use client';

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, NotificationPreferences } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiClient, type ApiError } from '@/lib/api-client';
import { notificationKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

export { notificationKeys } from './keys';

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

/** Marks one notification (or, with null, all) read and refreshes the list. */
export function useMarkNotificationRead(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string | null>({
    mutationFn: (id) =>
      browserApiClient.send(
        id === null
          ? accountApiPath(accountId, 'notifications', 'read-all')
          : accountApiPath(accountId, 'notifications', id, 'read'),
        { method: 'POST' },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.list(accountId) }),
  });
}

/** Saves email choices. */
export function useSaveNotificationPreferences(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<NotificationPreferences, ApiError, NotificationPreferences>({
    mutationFn: (body) =>
      browserApiClient.request(
        accountApiPath(accountId, 'notifications', 'preferences'),
        domainSchema((d) => d.notificationPreferencesSchema),
        { method: 'PUT', body },
      ),
    onSuccess: (saved) => queryClient.setQueryData(notificationKeys.preferences(accountId), saved),
  });
}
