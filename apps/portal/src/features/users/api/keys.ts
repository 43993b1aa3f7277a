/** Query keys of an account's members and invites. */
export const membersKeys = {
  list: (accountId: string) => ['account', accountId, 'members'] as const,
};

/** Query keys of an invite link's preview. */
export const inviteKeys = {
  preview: (token: string) => ['invite', token] as const,
};
