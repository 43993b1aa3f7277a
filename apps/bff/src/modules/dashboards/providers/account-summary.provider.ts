import { usagePeriodOf } from '@portico/domain';
import { z } from 'zod';
import { MetricCatalogService } from '../../usage/catalog/metric-catalog';
import { currentFigures, figureOf } from '../../usage/usage-current';
import { metricLimit } from '../../usage/usage-limits.mapper';
import { UsageServicesService } from '../../usage/usage-services.service';
import { UsageStore } from '../../usage/usage-store.port';
import { PanelProvider, type PanelProviderContext, type TemplatePanelProvider } from './panel-provider';

const params = z
  .object({
    /** Metrics to list (catalog keys); default every metric of the catalog. */
    metrics: z.array(z.string()).min(1).max(10).optional(),
  })
  .strict();
type Params = z.infer<typeof params>;

/** One metric line of the summary view. */
export interface SummaryMetric {
  key: string;
  label: string;
  used: string;
  limit: string | null;
  percent: string | null;
  over: boolean;
}

/**
 * `account-summary` (template): the account's name, the current billing period and, per metric, the use this period
 * and its limit, in words. View: `{ account, periodStart, periodEnd, metrics: [{ key, label, used, limit, percent,
 * over }], hasMetrics }`, in the reader's language: metric labels from the catalog, dates, figures and percentages
 * formatted for the locale (`Jul 1, 2026`, `44.9 GB`, `70%`; German `01.07.2026`, `44,9 GB`, `70 %`). Reads the
 * usage store (the recorded samples) and the account's services (limits).
 */
@PanelProvider({
  name: 'account-summary',
  kind: 'template',
  params,
  permission: 'usage:read',
  description: 'Account name, billing period and use against limits per metric',
})
export class AccountSummaryProvider implements TemplatePanelProvider<Params> {
  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
    private readonly services: UsageServicesService,
  ) {}

  async data(p: Params, ctx: PanelProviderContext): Promise<Record<string, unknown>> {
    const period = usagePeriodOf(ctx.now);
    const tr = ctx.translator;
    const all = this.catalog.metricsIn(ctx.locale);
    const wanted = p.metrics === undefined ? all : all.filter((m) => p.metrics!.includes(m.key));
    const services = await this.services.list(ctx.account.accountId);
    const metrics: SummaryMetric[] = await Promise.all(
      wanted.map(async (m) => {
        const used = figureOf(await currentFigures(this.store, ctx.account.accountId, m, ctx.now), null);
        const limit = metricLimit(m, services.length > 0 ? services : null, null) ?? null;
        return {
          key: m.key,
          label: m.label,
          used: tr.metricValue(used, m.unit),
          limit: limit === null ? null : tr.metricValue(limit, m.unit),
          percent: limit === null || limit <= 0 ? null : tr.percent(used / limit),
          over: limit !== null && used > limit,
        };
      }),
    );
    return {
      account: ctx.account.accountName,
      periodStart: tr.date(period.start),
      periodEnd: tr.date(new Date(period.end.getTime() - 1)),
      metrics,
      hasMetrics: metrics.length > 0,
    };
  }
}
