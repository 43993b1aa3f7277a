'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUsageAlertRule, UpdateUsageAlertRule, UsageAlertRule } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { usageKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Create, change and delete usage alert rules (`alerts:manage`); the alert list is refetched after each. */
export function useUsageAlertMutations(accountId: string) {
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: usageKeys.alerts(accountId) });
  const path = (...segments: string[]) => accountApiPath(accountId, 'usage', 'alerts', ...segments);
  const create = useMutation<UsageAlertRule, ApiError, CreateUsageAlertRule>({
    mutationFn: (body) =>
      browserApiClient.request(
        path(),
        domainSchema((d) => d.usageAlertRuleSchema),
        { method: 'POST', body },
      ),
    onSettled,
  });
  const update = useMutation<UsageAlertRule, ApiError, { id: string; body: UpdateUsageAlertRule }>({
    mutationFn: ({ id, body }) =>
      browserApiClient.request(
        path(id),
        domainSchema((d) => d.usageAlertRuleSchema),
        { method: 'PATCH', body },
      ),
    onSettled,
  });
  const remove = useMutation<void, ApiError, string>({
    mutationFn: (id) => browserApiClient.send(path(id), { method: 'DELETE' }),
    onSettled,
  });
  return { create, update, remove };
}
