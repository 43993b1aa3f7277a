import { Injectable } from '@nestjs/common';
import {
  usageLevel,
  usagePeriodOf,
  type MetricDefinition,
  type Subscription,
  type UsageTile,
  type UsageTileService,
} from '@portico/domain';
import { MetricCatalogService } from './catalog/metric-catalog';
import { currentFigures } from './usage-current';
import {
  metricLimit,
  servicesFromSubscriptions,
  whmcsFigures,
  type ServiceLimits,
  type WhmcsFigure,
} from './usage-limits.mapper';
import { UsageStore } from './usage-store.port';
import { UsageService } from './usage.service';
import { UsageRepository } from './usage.repository';

/** The newest of ISO instants (null when none). */
function newest(instants: ReadonlyArray<string | null>): string | null {
  let best: string | null = null;
  for (const i of instants) if (i !== null && (best === null || i > best)) best = i;
  return best;
}

/**
 * The dashboard's usage tiles, one per catalog metric. A metric WHMCS measures shows WHMCS's own current figures
 * (`diskusage`/`bwusage` of the active services, `lastupdate` as their freshness), live from the subscriptions the
 * dashboard read or, when WHMCS cannot be read, as the usage sync last read them; so an account never shows 0 used
 * while WHMCS says otherwise, with or without history. Other metrics show the recorded samples (gauge: latest
 * value; counter: the billing period's total). Each tile carries its limit, level and projection.
 */
@Injectable()
export class UsageTilesService {
  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly usage: UsageService,
    private readonly store: UsageStore,
    private readonly repository: UsageRepository,
  ) {}

  /**
   * @param subscriptions the client's subscriptions as the dashboard read them, or null when unknown (no WHMCS link,
   *   or WHMCS unavailable: limits then come from the services the sync stored, and are unknown without them)
   */
  async tiles(
    accountId: string,
    subscriptions: readonly Subscription[] | null,
    now: Date = new Date(),
  ): Promise<UsageTile[]> {
    const stored = await this.repository.services(accountId);
    const services: ServiceLimits[] | null =
      subscriptions !== null ? servicesFromSubscriptions(subscriptions) : stored.length > 0 ? stored : null;
    const readings = subscriptions === null ? await this.repository.readings(accountId) : [];
    const period = usagePeriodOf(now);
    const names = new Map((services ?? stored).map((s) => [s.service, s.name]));
    const active = new Set((services ?? []).filter((s) => s.status === 'active').map((s) => s.service));
    return Promise.all(
      this.catalog.metrics.map(async (metric): Promise<UsageTile> => {
        let rows: UsageTileService[];
        let source: UsageTile['source'];
        const whmcs = this.whmcsRows(metric, subscriptions, readings);
        if (whmcs !== null) {
          source = 'whmcs';
          rows = whmcs
            .filter((f) => active.size === 0 || active.has(f.service))
            .map((f) => ({
              service: f.service,
              name: names.get(f.service) ?? `Service ${f.service}`,
              used: f.used,
              limit: null,
              measuredAt: f.measuredAt,
            }));
        } else {
          source = 'portico';
          const figures = await currentFigures(this.store, accountId, metric, now);
          rows = figures.map((f) => ({
            service: f.service ?? '',
            name: f.service === null ? '' : (names.get(f.service) ?? `Service ${f.service}`),
            used: f.value,
            limit: null,
            measuredAt: f.at?.toISOString() ?? null,
          }));
        }
        for (const row of rows)
          row.limit = metric.perService ? (metricLimit(metric, services, row.service) ?? null) : null;
        const used = rows.reduce((sum, r) => sum + r.used, 0);
        const limitOrUnknown = metricLimit(metric, services, null);
        const limit = limitOrUnknown ?? null;
        const projection = await this.usage.projection(accountId, metric, null, limit, now);
        return {
          metric: metric.key,
          label: metric.label,
          unit: metric.unit,
          kind: metric.kind,
          used,
          limit,
          limitKnown: limitOrUnknown !== undefined,
          ratio: limit !== null && limit > 0 ? used / limit : null,
          level: usageLevel(used, limit),
          periodStart: period.start.toISOString(),
          periodEnd: period.end.toISOString(),
          source,
          measuredAt: newest(rows.map((r) => r.measuredAt)),
          projection,
          services: metric.perService
            ? rows.filter((r) => r.service !== '').sort((a, b) => b.used - a.used)
            : [],
        };
      }),
    );
  }

  /** WHMCS's figures of a metric it measures: live subscriptions, else the sync's last readings; null otherwise. */
  private whmcsRows(
    metric: MetricDefinition,
    subscriptions: readonly Subscription[] | null,
    readings: Awaited<ReturnType<UsageRepository['readings']>>,
  ): WhmcsFigure[] | null {
    if (metric.whmcs === null) return null;
    if (subscriptions !== null) return whmcsFigures(subscriptions, metric.whmcs);
    const mine = readings.filter((r) => r.field === metric.whmcs);
    if (mine.length === 0) return null;
    return mine.map((r) => ({ service: r.service, used: r.value, measuredAt: r.measuredAt.toISOString() }));
  }
}
