import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { USAGE_MAX_FUTURE_MS, usagePeriodOf, type Subscription, type WhmcsUsageField } from '@portico/domain';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { MetricsService } from '../../../core/metrics/metrics.service';
import { DbContext } from '../../../core/prisma/db-context';
import { UpstreamException } from '../../../integrations/upstream/upstream.exception';
import { BillingProvider } from '../../billing/billing.provider';
import { UsageAlertsService } from '../alerts/usage-alerts.service';
import { MetricCatalogService } from '../catalog/metric-catalog';
import { UsageEventsService } from '../usage-events.service';
import { whmcsFigures } from '../usage-limits.mapper';
import { UsageServicesService } from '../usage-services.service';
import { UsageStore, type StoredSample } from '../usage-store.port';
import { UsageRepository, type SyncAccount, type WhmcsReading } from '../usage.repository';

/** Job name of one WHMCS usage sync run. */
export const USAGE_SYNC_JOB = 'usage-sync';

const DAY_MS = 86_400_000;

/** What one sync run did. */
export interface UsageSyncReport {
  accounts: number;
  /** Samples newly recorded. */
  samples: number;
  /** Service figures whose `lastupdate` moved since the previous run. */
  readings: number;
  failures: Array<{ accountId: string; reason: string }>;
}

const sameUtcMonth = (a: Date, b: Date) =>
  a.getUTCFullYear() === b.getUTCFullYear() && a.getUTCMonth() === b.getUTCMonth();

/**
 * The WHMCS usage sync: for every account linked to a WHMCS client, reads `GetClientsProducts` (the billing
 * provider's subscriptions), stores the account's services and limits, and records per service a sample of each
 * catalog metric WHMCS measures whenever the service's `lastupdate` moved (WHMCS refreshes the figures in its daily
 * cron):
 * - gauge (`diskusage`): the value at `lastupdate`;
 * - counter (`bwusage`, the month's running total): what was added since the previous reading, or the whole figure
 *   after a reset (new month, or a lower figure); at the first reading of a service, the month's figure when the
 *   series has nothing this month yet, else nothing (the reading is the baseline).
 * Samples are keyed by `lastupdate`, and the reading is stored after them: a run cut short repeats the same
 * samples next time, which are then duplicates (nothing counted twice).
 */
@Injectable()
export class WhmcsUsageSyncService {
  private readonly logger = new Logger(WhmcsUsageSyncService.name);

  constructor(
    private readonly repository: UsageRepository,
    private readonly billing: BillingProvider,
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
    private readonly services: UsageServicesService,
    private readonly events: UsageEventsService,
    private readonly alerts: UsageAlertsService,
    @Inject(ENV) private readonly env: Env,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /** One pass over every linked account, one after the other (to spare WHMCS). Failures are reported, not thrown. */
  async runOnce(now: Date = new Date()): Promise<UsageSyncReport> {
    const accounts = await DbContext.runAsSystem('usage-sync', () => this.repository.whmcsAccounts());
    const report: UsageSyncReport = { accounts: accounts.length, samples: 0, readings: 0, failures: [] };
    for (const account of accounts) {
      try {
        const subscriptions = await this.billing.listSubscriptions(account.whmcsClientId);
        await DbContext.runWithAccount(account.id, () =>
          this.syncAccount(account, subscriptions, now, report),
        );
      } catch (err) {
        const reason =
          err instanceof UpstreamException ? err.reason : err instanceof Error ? err.message : String(err);
        report.failures.push({ accountId: account.id, reason });
        this.logger.warn({ accountId: account.id, reason }, 'usage sync could not read the account');
      }
    }
    this.logger.log(
      {
        accounts: report.accounts,
        samples: report.samples,
        readings: report.readings,
        failures: report.failures.length,
      },
      'usage sync finished',
    );
    return report;
  }

  private async syncAccount(
    account: SyncAccount,
    subscriptions: readonly Subscription[],
    now: Date,
    report: UsageSyncReport,
  ): Promise<void> {
    await this.services.store(account.id, subscriptions);
    const previous = new Map(
      (await this.repository.readings(account.id)).map((r) => [`${r.service}|${r.field}`, r]),
    );
    const oldest = now.getTime() - this.env.USAGE_RETENTION_RAW_DAYS * DAY_MS;
    const samples: StoredSample[] = [];
    const readings: WhmcsReading[] = [];
    for (const metric of this.catalog.whmcsMetrics()) {
      const field = metric.whmcs as WhmcsUsageField;
      const history = metric.kind === 'counter' ? await this.store.seriesInfo(account.id, metric.key) : [];
      for (const figure of whmcsFigures(subscriptions, field)) {
        if (figure.measuredAt === null) continue;
        const measuredAt = new Date(figure.measuredAt);
        const before = previous.get(`${figure.service}|${field}`);
        if (before && before.measuredAt.getTime() >= measuredAt.getTime()) continue;
        readings.push({ service: figure.service, field, measuredAt, value: figure.used });
        let value: number | null;
        if (metric.kind === 'gauge') value = figure.used;
        else if (before)
          value =
            sameUtcMonth(before.measuredAt, measuredAt) && figure.used >= before.value
              ? figure.used - before.value
              : figure.used;
        else {
          const last = history.find((s) => s.service === figure.service)?.lastAt;
          value = last !== undefined && last >= usagePeriodOf(measuredAt).start ? null : figure.used;
        }
        const at = measuredAt.getTime();
        if (value === null || at < oldest || at > now.getTime() + USAGE_MAX_FUTURE_MS) continue;
        samples.push({
          accountId: account.id,
          metric: metric.key,
          service: figure.service,
          at: measuredAt,
          value,
          sampleId: null,
        });
      }
    }
    const result = await this.store.append(samples);
    await this.repository.saveReadings(account.id, readings);
    this.metrics?.usageSamplesIngested(result.inserted, 'whmcs_sync');
    report.samples += result.inserted;
    report.readings += readings.length;
    if (result.inserted > 0) {
      this.events.changed(account.id, new Set(result.touched.map((t) => t.metric)));
      this.alerts.scheduleEvaluation(account.id);
    }
  }
}
