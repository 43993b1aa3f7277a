'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isMfaChallenge, type LoginRequest, type LoginResult } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { authKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/**
 * Signs in (`POST /api/v1/auth/login`). Answers `Me` (session cookies set) or `{ mfaRequired: true }` when a second
 * factor is due (see {@link useVerifyMfaAuthMutation}).
 */
export function useLoginAuthMutation() {
  const queryClient = useQueryClient();
  return useMutation<LoginResult, ApiError, LoginRequest>({
    mutationFn: (body) =>
      browserApiClient.request(
        '/api/v1/auth/login',
        domainSchema((d) => d.loginResultSchema),
        { method: 'POST', body },
      ),
    onSuccess: (result) => {
      if (isMfaChallenge(result)) return;
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), result);
    },
  });
}
