'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminAccount, CreateAdminAccountRequest, LinkAccountRequest } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { adminKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Links an account to its WHMCS client and Salesforce Account (`PATCH /api/v1/admin/accounts/:id`). */
export function useLinkAdminMutation() {
  const queryClient = useQueryClient();
  return useMutation<AdminAccount, ApiError, { id: string; body: LinkAccountRequest }>({
    mutationFn: ({ id, body }) =>
      browserApiClient.request(
        `/api/v1/admin/accounts/${encodeURIComponent(id)}`,
        domainSchema((d) => d.adminAccountSchema),
        {
          method: 'PATCH',
          body,
        },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.accounts() }),
  });
}

/** Creates an account (`POST /api/v1/admin/accounts`). */
export function useCreateAdminMutation() {
  const queryClient = useQueryClient();
  return useMutation<AdminAccount, ApiError, CreateAdminAccountRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        '/api/v1/admin/accounts',
        domainSchema((d) => d.adminAccountSchema),
        { method: 'POST', body },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.accounts() }),
  });
}
