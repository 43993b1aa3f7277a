'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { apiKeyKeys } from './keys';
import { domainSchema } from '@/lib/schemas';
/** Creates a key (the answer holds its secret, shown once) and revokes keys; the lists are refetched after each. */
export function useApiKeyMutations() {
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.all() });
  const create = useMutation<CreatedApiKey, ApiError, CreateApiKeyRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        '/api/v1/admin/api-keys',
        domainSchema((d) => d.createdApiKeySchema),
        { method: 'POST', body },
      ),
    onSettled,
  });
  const revoke = useMutation<ApiKey, ApiError, string>({
    mutationFn: (id) =>
      browserApiClient.request(
        `/api/v1/admin/api-keys/${encodeURIComponent(id)}/revoke`,
        domainSchema((d) => d.apiKeySchema),
        {
          method: 'POST',
        },
      ),
    onSettled,
  });
  return { create, revoke };
}
