'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IdentityProvider, PutIdentityProviderCommand } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { identityProviderPath } from './admin.queries';
import { adminKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/**
 * Creates or replaces an account's identity provider (`PUT .../identity-provider`); without `clientSecret` the
 * stored secret is kept. The API client sends an Idempotency-Key with it.
 */
export function usePutIdentityProviderMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<IdentityProvider, ApiError, PutIdentityProviderCommand>({
    mutationFn: (body) =>
      browserApiClient.request(
        identityProviderPath(accountId),
        domainSchema((d) => d.identityProviderSchema),
        {
          method: 'PUT',
          body,
        },
      ),
    onSuccess: (saved) => queryClient.setQueryData(adminKeys.identityProvider(accountId), saved),
  });
}

/** Removes an account's identity provider (`DELETE .../identity-provider`). */
export function useDeleteIdentityProviderMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => browserApiClient.send(identityProviderPath(accountId), { method: 'DELETE' }),
    onSuccess: () => queryClient.setQueryData(adminKeys.identityProvider(accountId), null),
  });
}
