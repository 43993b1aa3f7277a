'use client';

import { useMutation } from '@tanstack/react-query';
import type { PasswordForgotRequest, PasswordResetRequest } from '@portico/domain';
import { browserApiClient, type ApiError } from '@/lib/api-client';

/** Asks for a reset link (`POST /api/v1/auth/password/forgot`, 204 whether or not the email is known). */
export function useForgotPasswordAuthMutation() {
  return useMutation<void, ApiError, PasswordForgotRequest>({
    mutationFn: (body) => browserApiClient.send('/api/v1/auth/password/forgot', { method: 'POST', body }),
  });
}

/** Sets a new password with the emailed token (`POST /api/v1/auth/password/reset`, 204). */
export function useResetPasswordAuthMutation() {
  return useMutation<void, ApiError, PasswordResetRequest>({
    mutationFn: (body) => browserApiClient.send('/api/v1/auth/password/reset', { method: 'POST', body }),
  });
}
