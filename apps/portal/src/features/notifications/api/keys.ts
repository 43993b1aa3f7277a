/** Query keys of notifications (the member's list, its unread count, and email choices). */
export const notificationKeys = {
  all: (accountId: string) => ['account', accountId, 'notifications'] as const,
  list: (accountId: string) => ['account', accountId, 'notifications', 'list'] as const,
  preferences: (accountId: string) => ['account', accountId, 'notifications', 'preferences'] as const,
};
