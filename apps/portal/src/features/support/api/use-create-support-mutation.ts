'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { supportCaseSchema, type CreateCaseRequest, type SupportCase } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { statusKeys } from '@/features/dashboard/api/keys';
import { supportKeys } from './keys';

/** Opens a support case (`POST .../cases`, 201 `SupportCase`) and refreshes the case lists and the dashboard. */
export function useCreateSupportMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<SupportCase, ApiError, CreateCaseRequest>({
    mutationFn: (body) =>
      browserApiClient.request(accountApiPath(accountId, 'cases'), supportCaseSchema, {
        method: 'POST',
        body,
      }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: supportKeys.cases(accountId) }),
        queryClient.invalidateQueries({ queryKey: statusKeys.detail(accountId) }),
      ]);
    },
  });
}
