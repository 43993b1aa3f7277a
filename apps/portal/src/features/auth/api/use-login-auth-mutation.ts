'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSchema, type LoginRequest, type Me } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { authKeys } from './keys';

/** Signs in (`POST /api/v1/auth/login`); the BFF sets the session cookies and answers with `Me`. */
export function useLoginAuthMutation() {
  const queryClient = useQueryClient();
  return useMutation<Me, ApiError, LoginRequest>({
    mutationFn: (body) => browserApiClient.request('/api/v1/auth/login', meSchema, { method: 'POST', body }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me(), me);
    },
  });
}
