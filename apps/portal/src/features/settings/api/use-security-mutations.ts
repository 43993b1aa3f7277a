'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AccountSecurity,
  MfaDisableRequest,
  MfaEnrolment,
  MfaRecoveryCodes,
  PasswordChangeRequest,
} from '@portico/domain';
import { authKeys } from '@/features/auth/api/keys';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { securityKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** Revokes one session (`DELETE /api/v1/auth/sessions/:id`). */
export function useRevokeSessionSecurityMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (sessionId) =>
      browserApiClient.send(`/api/v1/auth/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions() }),
  });
}

/** Revokes every session but this one (`DELETE /api/v1/auth/sessions`). */
export function useRevokeOtherSessionsSecurityMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, void>({
    mutationFn: () => browserApiClient.send('/api/v1/auth/sessions', { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions() }),
  });
}

/** Starts two-factor setup: a QR code and a key for manual entry. */
export function useStartMfaSecurityMutation() {
  return useMutation<MfaEnrolment, ApiError, void>({
    mutationFn: () =>
      browserApiClient.request(
        '/api/v1/auth/mfa/enrolment',
        domainSchema((d) => d.mfaEnrolmentSchema),
        { method: 'POST' },
      ),
  });
}

/** Confirms setup with a first code; answers the recovery codes (shown once). */
export function useConfirmMfaSecurityMutation() {
  const queryClient = useQueryClient();
  return useMutation<MfaRecoveryCodes, ApiError, string>({
    mutationFn: (code) =>
      browserApiClient.request(
        '/api/v1/auth/mfa/enrolment/confirm',
        domainSchema((d) => d.mfaRecoveryCodesSchema),
        {
          method: 'POST',
          body: { code },
        },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: securityKeys.mfa() });
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/** Turns two-factor off (password and a code). */
export function useDisableMfaSecurityMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, MfaDisableRequest>({
    mutationFn: (body) => browserApiClient.send('/api/v1/auth/mfa/disable', { method: 'POST', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: securityKeys.mfa() });
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}

/** Changes the password; the BFF ends every other session. */
export function useChangePasswordSecurityMutation() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, PasswordChangeRequest>({
    mutationFn: (body) => browserApiClient.send('/api/v1/auth/password', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: securityKeys.sessions() }),
  });
}

/** Requires (or stops requiring) two-factor of every member of the account. */
export function useAccountMfaSecurityMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<AccountSecurity, ApiError, AccountSecurity>({
    mutationFn: (body) =>
      browserApiClient.request(
        accountApiPath(accountId, 'security'),
        domainSchema((d) => d.accountSecuritySchema),
        {
          method: 'PUT',
          body,
        },
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(securityKeys.account(accountId), data);
      void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    },
  });
}
