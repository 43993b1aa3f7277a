import type { RealtimeEvent, StatusBlockName } from '@portico/domain';
import { billingKeys } from '@/features/billing/api/keys';
import { statusKeys } from '@/features/dashboard/api/keys';
import { supportKeys } from '@/features/support/api/keys';
import { usageKeys } from '@/features/usage/api/keys';
import { notificationKeys } from '@/features/notifications/api/keys';

/** A TanStack Query key prefix; invalidating it refreshes every query whose key starts with it. */
export type QueryKeyPrefix = readonly unknown[];

/** The list/detail key prefix refreshed when an `account_update` names a dashboard block (`profile` and `crm` live only in the status document). */
const BLOCK_KEYS: Readonly<Partial<Record<StatusBlockName, (accountId: string) => QueryKeyPrefix>>> = {
  billing: billingKeys.invoices,
  subscriptions: billingKeys.subscriptions,
  cases: supportKeys.cases,
  usage: usageKeys.all,
};

/**
 * The query keys a realtime event makes stale, built with the same key factories the pages use. Every event
 * refreshes the account's status document first; then:
 * - `billing_alert`: the invoice lists and that invoice's detail;
 * - `usage_changed`, `usage_alert`: every usage query of the account (series, samples, alerts);
 * - `account_update`: the lists behind each named block (duplicates removed);
 * - `case_updated`: every case list, detail and conversation of the account;
 * - `notification_created`: the member's notifications.
 * Pure: no query client, no socket.
 */
export function queryKeysForEvent(event: RealtimeEvent): QueryKeyPrefix[] {
  const { accountId } = event;
  const keys: QueryKeyPrefix[] = [statusKeys.detail(accountId)];
  switch (event.type) {
    case 'billing_alert':
      keys.push(
        billingKeys.invoices(accountId),
        billingKeys.invoiceDetail(accountId, event.payload.invoiceId),
      );
      break;
    case 'usage_changed':
    case 'usage_alert':
      keys.push(usageKeys.all(accountId));
      break;
    case 'case_updated':
      keys.push(supportKeys.cases(accountId));
      break;
    case 'notification_created':
      keys.push(notificationKeys.all(accountId));
      break;
    case 'account_update': {
      const seen = new Set<StatusBlockName>();
      for (const block of event.payload.blocks) {
        const keyOf = BLOCK_KEYS[block];
        if (!keyOf || seen.has(block)) continue;
        seen.add(block);
        keys.push(keyOf(accountId));
      }
      break;
    }
  }
  return keys;
}
