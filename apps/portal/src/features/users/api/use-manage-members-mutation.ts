'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateInviteRequest, Role } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { membersKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One member-management change. */
export type MembersChange =
  | { kind: 'invite'; body: CreateInviteRequest }
  | { kind: 'resend'; inviteId: string }
  | { kind: 'revoke'; inviteId: string }
  | { kind: 'role'; userId: string; role: Role }
  | { kind: 'remove'; userId: string };

function perform(accountId: string, change: MembersChange): Promise<unknown> {
  const path = (...segments: string[]) => accountApiPath(accountId, 'members', ...segments);
  switch (change.kind) {
    case 'invite':
      return browserApiClient.request(
        path('invites'),
        domainSchema((d) => d.inviteSchema),
        { method: 'POST', body: change.body },
      );
    case 'resend':
      return browserApiClient.request(
        path('invites', change.inviteId, 'resend'),
        domainSchema((d) => d.inviteSchema),
        {
          method: 'POST',
        },
      );
    case 'revoke':
      return browserApiClient.send(path('invites', change.inviteId), { method: 'DELETE' });
    case 'role':
      return browserApiClient.request(
        path(change.userId),
        domainSchema((d) => d.memberSchema),
        {
          method: 'PATCH',
          body: { role: change.role },
        },
      );
    case 'remove':
      return browserApiClient.send(path(change.userId), { method: 'DELETE' });
  }
}

/**
 * Invites, resends or revokes an invite, changes a role or removes a member (`.../members/...`), then refreshes
 * the member list. Errors (409 last owner, 403 owner role, 400 bad email) carry the BFF's message.
 */
export function useManageMembersMutation(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, MembersChange>({
    mutationFn: (change) => perform(accountId, change),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKeys.list(accountId) }),
  });
}
