'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, MfaVerifyRequest } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { authKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Second sign-in step (`POST /api/v1/auth/mfa/verify`) with a TOTP code or a recovery code; answers `Me`. */
export function useVerifyMfaAuthMutation() {
  const queryClient = useQueryClient();
  return useMutation<Me, ApiError, MfaVerifyRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        '/api/v1/auth/mfa/verify',
        domainSchema((d) => d.meSchema),
        { method: 'POST', body },
      ),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}
