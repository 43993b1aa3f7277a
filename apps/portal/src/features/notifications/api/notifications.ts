'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { NotificationPreferences } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { notificationKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

export { notificationKeys } from './keys';

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
