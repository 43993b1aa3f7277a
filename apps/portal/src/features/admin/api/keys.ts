import type { AdminAccountQuery } from '@portico/domain';

/** Query keys of platform administration. */
export const adminKeys = {
  accounts: () => ['admin', 'accounts'] as const,
  accountPage: (query: AdminAccountQuery) => ['admin', 'accounts', 'page', query] as const,
  identityProvider: (accountId: string) => ['admin', 'identity-provider', accountId] as const,
};
