'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateCaseRequest, SupportCase } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { statusKeys } from '@/features/dashboard/api/keys';
import { supportKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Opens a support case (`POST .../cases`, 201 `SupportCase`) and refreshes the case lists and the dashboard. */
export function useCreateSupportMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<SupportCase, ApiError, CreateCaseRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        accountApiPath(accountId, 'cases'),
        domainSchema((d) => d.supportCaseSchema),
        {
          method: 'POST',
          body,
        },
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: supportKeys.cases(accountId) }),
        queryClient.invalidateQueries({ queryKey: statusKeys.detail(accountId) }),
      ]);
    },
  });
}
