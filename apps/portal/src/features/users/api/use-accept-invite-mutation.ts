'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptInviteRequest, AcceptedInvite } from '@portico/domain';
import { authKeys } from '@/features/auth/api/keys';
import { createApiClient, type ApiError } from '@/lib/api-client';
import { domainSchema } from '@/lib/schemas';

/** A browser client that does not send the visitor to /login on 401 (acceptance works signed out). */
export const inviteApiClient = createApiClient({ baseUrl: '', refreshOnUnauthorized: true });

/** Accepts an invite (`POST /api/v1/invites/accept`) and refreshes the memberships. */
export function useAcceptInviteMutation() {
  const queryClient = useQueryClient();
  return useMutation<AcceptedInvite, ApiError, AcceptInviteRequest>({
    mutationFn: (body) =>
      inviteApiClient.request(
        '/api/v1/invites/accept',
        domainSchema((d) => d.acceptedInviteSchema),
        { method: 'POST', body },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me() }),
  });
}
