'use client';

import { useQuery } from '@tanstack/react-query';
import { meQuery } from '@/features/auth/api/auth.queries';
import { browserApiClient } from './api-client';
import { accountPermissions, type AccountPermissions } from './permissions';

/** The signed-in user's {@link AccountPermissions} in `accountId` (from the cached `me` query). */
export function useAccountPermissions(accountId: string): AccountPermissions {
  const me = useQuery(meQuery(browserApiClient));
  return accountPermissions(me.data, accountId);
}
