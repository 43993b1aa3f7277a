import type { MetricDefinition, Subscription, WhmcsLimitField, WhmcsUsageField } from '@portico/domain';

/**
 * One service as the usage features see it: id, name, status and its plan limits in bytes by WHMCS limit field
 * (`null`: unlimited; absent: the product carries no such quota).
 */
export interface ServiceLimits {
  service: string;
  name: string;
  /** Domain subscription status (`active`, `suspended`, ...). */
  status: string;
  limits: Partial<Record<WhmcsLimitField, number | null>>;
}

/** A service's WHMCS usage figure: bytes used, as of `measuredAt` (WHMCS `lastupdate`). */
export interface WhmcsFigure {
  service: string;
  used: number;
  measuredAt: string | null;
}

const QUOTA_OF_LIMIT: Readonly<Record<WhmcsLimitField, 'disk' | 'bandwidth'>> = {
  disklimit: 'disk',
  bwlimit: 'bandwidth',
};
const QUOTA_OF_USAGE: Readonly<Record<WhmcsUsageField, 'disk' | 'bandwidth'>> = {
  diskusage: 'disk',
  bwusage: 'bandwidth',
};

/** `Business Hosting · acme.example` */
export function serviceName(s: Pick<Subscription, 'productName' | 'domain'>): string {
  return s.domain ? `${s.productName} · ${s.domain}` : s.productName;
}

/** The usage view of subscriptions: id, name, status and the WHMCS limits (`disklimit` <- disk quota, `bwlimit` <- bandwidth). */
export function servicesFromSubscriptions(subscriptions: readonly Subscription[]): ServiceLimits[] {
  return subscriptions.map((s) => {
    const limits: ServiceLimits['limits'] = {};
    for (const field of Object.keys(QUOTA_OF_LIMIT) as WhmcsLimitField[]) {
      const quota = s[QUOTA_OF_LIMIT[field]];
      if (quota !== null) limits[field] = quota.limit;
    }
    return { service: s.id, name: serviceName(s), status: s.status, limits };
  });
}

/** WHMCS's own figures of `field` per subscription carrying it (`diskusage` <- disk quota used, `bwusage` <- bandwidth). */
export function whmcsFigures(subscriptions: readonly Subscription[], field: WhmcsUsageField): WhmcsFigure[] {
  const out: WhmcsFigure[] = [];
  for (const s of subscriptions) {
    const quota = s[QUOTA_OF_USAGE[field]];
    if (quota !== null) out.push({ service: s.id, used: quota.used, measuredAt: quota.measuredAt });
  }
  return out;
}

/**
 * The limit of `metric` in its unit: for one service, or (service null) for the account across its active services.
 * - no limit -> null;
 * - configuration: the value (per account), or per service: the value for a service, value x active services for
 *   the account;
 * - WHMCS: the service's limit; for the account the sum over active services carrying the quota (null when one of
 *   them is unlimited or none carries it).
 * @param services the account's services, or null when they could not be read
 * @returns the limit, null for none, or undefined when it cannot be known now (services unknown, or unknown service)
 */
export function metricLimit(
  metric: MetricDefinition,
  services: readonly ServiceLimits[] | null,
  service: string | null,
): number | null | undefined {
  const limit = metric.limit;
  if (limit.from === 'none') return null;
  if (limit.from === 'config') {
    if (limit.per === 'account') return service === null ? limit.value : null;
    if (service !== null) return limit.value;
    if (services === null) return undefined;
    const active = services.filter((s) => s.status === 'active').length;
    return active === 0 ? null : limit.value * active;
  }
  if (services === null) return undefined;
  if (service !== null) {
    const one = services.find((s) => s.service === service);
    if (!one) return undefined;
    return one.limits[limit.field] ?? null;
  }
  const quotas = services
    .filter((s) => s.status === 'active' && limit.field in s.limits)
    .map((s) => s.limits[limit.field] ?? null);
  if (quotas.length === 0 || quotas.some((q) => q === null)) return null;
  return quotas.reduce<number>((sum, q) => sum + (q ?? 0), 0);
}
