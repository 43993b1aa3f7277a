import { Inject, Injectable, Logger } from '@nestjs/common';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { DbContext } from '../../core/prisma/db-context';
import { UsageAlertsService } from './alerts/usage-alerts.service';
import { UsageStore, type MaintenanceReport, type RetentionPolicy } from './usage-store.port';

/** Job name of one usage maintenance run. */
export const USAGE_MAINTENANCE_JOB = 'usage-maintenance';

/** The retention policy from the environment (0 days = forever). */
export function retentionPolicy(env: Env): RetentionPolicy {
  const days = (d: number) => (d === 0 ? null : d);
  return {
    rawDays: env.USAGE_RETENTION_RAW_DAYS,
    tenMinuteDays: days(env.USAGE_RETENTION_10M_DAYS),
    hourDays: days(env.USAGE_RETENTION_1H_DAYS),
    dayDays: days(env.USAGE_RETENTION_1D_DAYS),
  };
}

/**
 * Usage maintenance, at start-up and every `USAGE_MAINTENANCE_INTERVAL_MS`: time partitions made ahead, expired
 * ones dropped and expired rollups deleted (retention per resolution), and every account's alert rules evaluated
 * again (a safety net for evaluations lost with a crashed instance).
 */
@Injectable()
export class UsageMaintenanceService {
  private readonly logger = new Logger(UsageMaintenanceService.name);

  constructor(
    private readonly store: UsageStore,
    private readonly alerts: UsageAlertsService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async runOnce(now: Date = new Date()): Promise<MaintenanceReport & { alertAccounts: number }> {
    const report = await DbContext.runAsSystem('usage-maintenance', () =>
      this.store.maintain(now, retentionPolicy(this.env)),
    );
    const alertAccounts = await this.alerts.evaluateAll(now);
    this.logger.log(
      {
        created: report.partitionsCreated.length,
        dropped: report.partitionsDropped.length,
        deleted: report.rowsDeleted,
        alertAccounts,
      },
      'usage maintenance finished',
    );
    return { ...report, alertAccounts };
  }
}
