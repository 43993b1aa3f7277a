import type {
  BillingCycle,
  Quota,
  Subscription,
  SubscriptionStatus,
} from '../../billing/subscription.schema';
import { moneyFromDecimal } from '../../common/money.schema';
import type { WhmcsClientsProductsRaw, WhmcsProductRaw } from './raw.schema';
import {
  decodeHtmlEntities,
  decodeOptionalText,
  mbToBytes,
  normaliseKey,
  whmcsDateOnly,
  whmcsLocalToIso,
} from './wire-values.mapper';

const STATUSES: Readonly<Record<string, SubscriptionStatus>> = {
  pending: 'pending',
  active: 'active',
  suspended: 'suspended',
  terminated: 'terminated',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  fraud: 'fraud',
  completed: 'completed',
};

const CYCLES: Readonly<Record<string, BillingCycle>> = {
  freeaccount: 'free',
  free: 'free',
  onetime: 'one_time',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannually: 'semi_annually',
  annually: 'annually',
  biennially: 'biennially',
  triennially: 'triennially',
};

/** WHMCS product status (`Pending`, `Active`, `Suspended`, `Terminated`, `Cancelled`, `Fraud`, `Completed`); else `unknown`. */
export function toSubscriptionStatus(status: string | null): SubscriptionStatus {
  return STATUSES[normaliseKey(status)] ?? 'unknown';
}

/** WHMCS `billingcycle` (`Free Account`, `One Time`, `Monthly`, ..., `Triennially`); else `unknown`. */
export function toBillingCycle(cycle: string | null): BillingCycle {
  return CYCLES[normaliseKey(cycle)] ?? 'unknown';
}

/**
 * One usage quota from WHMCS MB figures: `used` <- usage MB x 1 MiB, `limit` <- limit MB x 1 MiB (0 = unlimited -> null),
 * `measuredAt` <- `lastupdate` (UTC ISO, null when `0000-00-00 00:00:00`).
 * Null when the product carries no usage fields, or nothing was ever measured and there is no limit.
 */
function quotaOf(
  used: string | undefined,
  limit: string | undefined,
  measuredAt: string | null,
  zone: string,
): Quota | null {
  if (used === undefined && limit === undefined) return null;
  const usedBytes = Math.max(0, mbToBytes(used ?? '0'));
  const limitBytes = mbToBytes(limit ?? '0');
  const at = whmcsLocalToIso(measuredAt, zone);
  if (usedBytes === 0 && limitBytes <= 0 && at === null) return null;
  return { unit: 'bytes', used: usedBytes, limit: limitBytes > 0 ? limitBytes : null, measuredAt: at };
}

/** Options of {@link toSubscriptions}. */
export interface WhmcsSubscriptionOptions {
  /** IANA zone of the WHMCS server's clock (`WHMCS_TIMEZONE`, default `UTC`); used for `lastupdate`. */
  serverTimeZone?: string;
}

/**
 * Maps one WHMCS service to a {@link Subscription}.
 * - `id` <- `id`; `productName` <- `translated_name`|`name`; `groupName` <- `translated_groupname`|`groupname`
 * - `domain` <- `domain` (null when blank); `status` <- `status`; `billingCycle` <- `billingcycle`
 * - `recurringAmount` <- `recurringamount` in the client's `currency` (minor units)
 * - `registeredOn` <- `regdate`; `nextDueOn` <- `nextduedate` (null for `0000-00-00`)
 * - `disk` <- `diskusage`/`disklimit`/`lastupdate`; `bandwidth` <- `bwusage`/`bwlimit`/`lastupdate` (MB -> bytes)
 */
export function toSubscription(
  raw: WhmcsProductRaw,
  currency: string,
  options: WhmcsSubscriptionOptions = {},
): Subscription {
  const offset = options.serverTimeZone ?? 'UTC';
  return {
    id: raw.id,
    productName: decodeHtmlEntities(raw.translated_name ?? raw.name),
    groupName: decodeOptionalText(raw.translated_groupname ?? raw.groupname),
    domain: raw.domain,
    status: toSubscriptionStatus(raw.status),
    billingCycle: toBillingCycle(raw.billingcycle),
    recurringAmount: moneyFromDecimal(raw.recurringamount ?? '0', currency),
    registeredOn: whmcsDateOnly(raw.regdate),
    nextDueOn: whmcsDateOnly(raw.nextduedate),
    disk: quotaOf(raw.diskusage, raw.disklimit, raw.lastupdate, offset),
    bandwidth: quotaOf(raw.bwusage, raw.bwlimit, raw.lastupdate, offset),
  };
}

/** Maps `GetClientsProducts` (`products.product[]`) to subscriptions billed in `currency` (the client's). */
export function toSubscriptions(
  raw: WhmcsClientsProductsRaw,
  currency: string,
  options: WhmcsSubscriptionOptions = {},
): Subscription[] {
  return raw.products.map((p) => toSubscription(p, currency, options));
}
