import type { Domain, DomainStatus } from '../../billing/domain.schema';
import { moneyFromDecimal } from '../../common/money.schema';
import type { WhmcsClientsDomainsRaw, WhmcsDomainRaw } from './raw.schema';
import { decodeHtmlEntities, normaliseKey, whmcsDateOnly } from './wire-values.mapper';

const STATUSES: Readonly<Record<string, DomainStatus>> = {
  pending: 'pending',
  pendingregistration: 'pending_registration',
  pendingtransfer: 'pending_transfer',
  active: 'active',
  grace: 'grace',
  redemption: 'redemption',
  expired: 'expired',
  transferredaway: 'transferred_away',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  fraud: 'fraud',
};

/**
 * WHMCS domain status (`Pending`, `Pending Registration`, `Pending Transfer`, `Active`, `Grace`, `Redemption`,
 * `Expired`, `Transferred Away`, `Cancelled`, `Fraud`) to Portico's; anything else `unknown`.
 */
export function toDomainStatus(status: string | null): DomainStatus {
  return STATUSES[normaliseKey(status)] ?? 'unknown';
}

/** `regperiod` as whole years, null when absent, blank or not a non-negative integer. */
function periodOf(value: WhmcsDomainRaw['regperiod']): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * Maps one WHMCS domain.
 * - `id` <- `id`; `name` <- `domainname` (HTML entities decoded, lower-cased); `status` <- `status`
 * - `registeredOn` <- `regdate`; `expiresOn` <- `expirydate`; `nextDueOn` <- `nextduedate` (null for `0000-00-00`)
 * - `autoRenew` <- not `donotrenew`; `registrar` <- `registrar` (null when blank); `periodYears` <- `regperiod`
 * - `recurringAmount` <- `recurringamount` in the client's `currency`
 */
export function toDomain(raw: WhmcsDomainRaw, currency: string): Domain {
  return {
    id: raw.id,
    name: decodeHtmlEntities(raw.domainname).toLowerCase(),
    status: toDomainStatus(raw.status),
    registeredOn: whmcsDateOnly(raw.regdate),
    expiresOn: whmcsDateOnly(raw.expirydate),
    nextDueOn: whmcsDateOnly(raw.nextduedate),
    autoRenew: !raw.donotrenew,
    registrar: raw.registrar,
    periodYears: periodOf(raw.regperiod),
    recurringAmount: moneyFromDecimal(raw.recurringamount ?? '0', currency),
  };
}

/** Maps `GetClientsDomains` (`domains.domain[]`) to domains billed in `currency` (the client's). */
export function toDomains(raw: WhmcsClientsDomainsRaw, currency: string): Domain[] {
  return raw.domains.map((d) => toDomain(d, currency));
}
