'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { browserApiClient, type ApiError } from '@/lib/api-client';

/** Signs out (`POST /api/v1/auth/logout`, 204) and drops every cached query. */
export function useLogoutAuthMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => browserApiClient.send('/api/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      queryClient.clear();
    },
  });
}
