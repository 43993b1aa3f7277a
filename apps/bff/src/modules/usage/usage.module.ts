import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { JobQueue } from '../../core/queue/job-queue.port';
import { UsageAlertRepository } from './alerts/usage-alert.repository';
import { UsageAlertsController } from './alerts/usage-alerts.controller';
import { UsageAlertsService } from './alerts/usage-alerts.service';
import { ApiKeyRepository } from './api-keys/api-key.repository';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { loadMetricCatalog, MetricCatalogService } from './catalog/metric-catalog';
import { ApiKeyGuard } from './ingest/api-key.guard';
import { registerIngestBodyHook } from './ingest/ingest-body.hook';
import { UsageIngestController } from './ingest/usage-ingest.controller';
import {
  MetricsUsageIngestObserver,
  UsageIngestObserver,
  UsageIngestService,
} from './ingest/usage-ingest.service';
import { PostgresUsageStore } from './store/postgres-usage-store.adapter';
import { USAGE_SYNC_JOB, WhmcsUsageSyncService } from './sync/whmcs-usage-sync.service';
import { UsageEventsService } from './usage-events.service';
import { USAGE_MAINTENANCE_JOB, UsageMaintenanceService } from './usage-maintenance.service';
import { UsageServicesService } from './usage-services.service';
import { UsageStore } from './usage-store.port';
import { UsageTilesService } from './usage-tiles.service';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

/**
 * Usage and metering: the metric catalog (`USAGE_METRICS_FILE`, validated when the module is built: a bad file
 * stops start-up with the file and the problems named), the {@link UsageStore} (PostgreSQL), reads and exports,
 * the ingestion API with its API keys, the WHMCS usage sync and usage maintenance (BullMQ job schedulers with Redis,
 * so one instance runs each interval; interval timers in-process), usage alerts and the dashboard tiles.
 * Exports the catalog, the store and the tiles.
 */
@Module({
  controllers: [UsageController, UsageAlertsController, UsageIngestController, ApiKeysController],
  providers: [
    {
      provide: MetricCatalogService,
      inject: [ENV],
      useFactory: (env: Env) => new MetricCatalogService(loadMetricCatalog(env.USAGE_METRICS_FILE)),
    },
    { provide: UsageStore, useClass: PostgresUsageStore },
    { provide: UsageIngestObserver, useClass: MetricsUsageIngestObserver },
    UsageRepository,
    UsageService,
    UsageServicesService,
    UsageTilesService,
    UsageEventsService,
    UsageIngestService,
    ApiKeyRepository,
    ApiKeysService,
    ApiKeyGuard,
    UsageAlertRepository,
    UsageAlertsService,
    WhmcsUsageSyncService,
    UsageMaintenanceService,
  ],
  exports: [MetricCatalogService, UsageStore, UsageService, UsageTilesService, UsageServicesService],
})
export class UsageModule implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageModule.name);
  /** The start-up maintenance run, awaited on shutdown so that it never outlives the database connection. */
  private startupRun: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly queue: JobQueue,
    private readonly sync: WhmcsUsageSyncService,
    private readonly maintenance: UsageMaintenanceService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ENV) private readonly env: Env,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) registerIngestBodyHook(fastify);
    // With JOB_WORKER=off the worker process (dist/worker.js) runs the usage jobs.
    if (this.env.JOB_WORKER !== 'inline') return;
    this.queue.process(
      USAGE_SYNC_JOB,
      async () => {
        await this.sync.runOnce();
      },
      1,
    );
    this.queue.process(
      USAGE_MAINTENANCE_JOB,
      async () => {
        await this.maintenance.runOnce();
      },
      1,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.JOB_WORKER !== 'inline') return;
    // Partitions are made once now (behind start-up: an append that meets a missing partition makes it itself),
    // then on the maintenance schedule.
    this.startupRun = this.maintenance.runOnce().catch((err: unknown) => {
      this.logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        'usage maintenance failed at start-up',
      );
    });
    // 0 also removes a schedule left in Redis by an earlier configuration.
    for (const [job, every] of [
      [USAGE_SYNC_JOB, this.env.USAGE_SYNC_INTERVAL_MS],
      [USAGE_MAINTENANCE_JOB, this.env.USAGE_MAINTENANCE_INTERVAL_MS],
    ] as const) {
      try {
        await this.queue.schedule(job, every);
      } catch (err) {
        this.logger.error(
          { job, err: err instanceof Error ? err.message : String(err) },
          'usage job not scheduled',
        );
      }
    }
    // The first sync runs now rather than one interval after start-up.
    if (this.env.USAGE_SYNC_INTERVAL_MS > 0)
      void this.queue
        .enqueue(
          USAGE_SYNC_JOB,
          {},
          { attempts: 1, jobId: `usage-sync-startup-${Math.floor(Date.now() / 60_000)}` },
        )
        .catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.startupRun;
  }
}
