import { queryOptions } from '@tanstack/react-query';
import { NOT_LINKED_REASON, type AccountStatus, type BlockMeta } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { statusKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** How soon to read the document again while a block shows its last copy (the BFF refreshes it meanwhile), ms. */
export const STALE_REFETCH_MS = 15_000;
/** How soon to read the document again while a block is unavailable because its source failed, ms. */
export const UNAVAILABLE_REFETCH_MS = 30_000;

const BLOCKS = ['profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage'] as const;

/**
 * When to read a degraded document again without waiting for an event: sooner while a block is stale, later while
 * one is unavailable because its source failed; never for a healthy one (events keep it current) or for blocks of
 * a source the account is not linked to.
 */
export function degradedRefetchInterval(doc: AccountStatus | undefined): number | false {
  if (!doc) return false;
  const metas: BlockMeta[] = BLOCKS.map((b) => doc[b].meta);
  if (metas.some((m) => m.stale)) return STALE_REFETCH_MS;
  if (metas.some((m) => m.unavailable && m.reason !== NOT_LINKED_REASON)) return UNAVAILABLE_REFETCH_MS;
  return false;
}

/** The dashboard document of one account; each block carries its own freshness. */
export function accountStatusQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: statusKeys.detail(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'status'),
        domainSchema((d) => d.accountStatusSchema),
        { signal },
      ),
    refetchInterval: (query) => degradedRefetchInterval(query.state.data),
  });
}
