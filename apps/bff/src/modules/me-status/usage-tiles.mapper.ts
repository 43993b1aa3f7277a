import { usageLevel, type Subscription, type UsageMetric, type UsageTile } from '@portico/domain';
import type { CurrentPeriodUsage } from '../usage/usage.service';

const QUOTA_OF: Record<UsageMetric, 'disk' | 'bandwidth'> = { disk: 'disk', bandwidth: 'bandwidth' };

/**
 * The plan limit of a metric, in bytes: the sum of the limits of the active subscriptions that carry that quota.
 * null when no active subscription has the quota, or when one of them is unlimited (limit null).
 */
export function planLimit(subscriptions: readonly Subscription[] | null, metric: UsageMetric): number | null {
  if (subscriptions === null) return null;
  const quotas = subscriptions.filter((s) => s.status === 'active').map((s) => s[QUOTA_OF[metric]]).filter((q) => q !== null);
  if (quotas.length === 0 || quotas.some((q) => q.limit === null)) return null;
  return quotas.reduce((sum, q) => sum + (q.limit ?? 0), 0);
}

/**
 * Dashboard usage tiles: current usage against the plan limits.
 * @param subscriptions the client's subscriptions, or null when unknown (limits become null, level `unknown`)
 */
export function toUsageTiles(usage: readonly CurrentPeriodUsage[], subscriptions: readonly Subscription[] | null): UsageTile[] {
  return usage.map((u) => {
    const limit = planLimit(subscriptions, u.metric);
    return {
      metric: u.metric,
      unit: 'bytes',
      used: u.used,
      limit,
      limitKnown: subscriptions !== null,
      ratio: limit !== null && limit > 0 ? u.used / limit : null,
      level: usageLevel(u.used, limit),
      periodStart: u.periodStart,
    };
  });
}
