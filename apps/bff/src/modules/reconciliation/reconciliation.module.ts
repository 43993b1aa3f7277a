import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { JobQueue } from '../../core/queue/job-queue.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import { BillingModule } from '../billing/billing.module';
import { ReconciliationRepository } from './reconciliation.repository';
import { RECONCILIATION_JOB, ReconciliationService } from './reconciliation.service';

/**
 * The reconciliation job: every `RECONCILIATION_INTERVAL_MS` (0 = off) one run over every linked account. With
 * Redis it is a BullMQ job scheduler, so one instance runs it per interval however many there are; in-process an
 * interval timer.
 */
@Module({
  imports: [BillingModule],
  providers: [ReconciliationRepository, ReconciliationService],
  exports: [ReconciliationService],
})
export class ReconciliationModule implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ReconciliationModule.name);

  constructor(
    private readonly queue: JobQueue,
    private readonly reconciliation: ReconciliationService,
    @Inject(ENV) private readonly env: Env,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    if (this.env.JOB_WORKER !== 'inline') return; // the worker process runs it
    this.queue.process(
      RECONCILIATION_JOB,
      async () => {
        const started = performance.now();
        try {
          const report = await this.reconciliation.runOnce();
          const diffs = report.changes.map((c) => ({
            kind: c.kind,
            added: c.added.length,
            changed: c.changed.length,
            removed: c.removed.length,
          }));
          this.metrics.reconciliationRun(
            report.failures.length > 0 ? 'partial' : 'ok',
            (performance.now() - started) / 1000,
            diffs,
          );
        } catch (err) {
          this.metrics.reconciliationRun('failed', (performance.now() - started) / 1000);
          throw err;
        }
      },
      1,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.JOB_WORKER !== 'inline') return;
    // 0 also removes a schedule left in Redis by an earlier configuration.
    try {
      await this.queue.schedule(RECONCILIATION_JOB, this.env.RECONCILIATION_INTERVAL_MS);
    } catch (err) {
      this.logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        'reconciliation not scheduled',
      );
    }
  }
}
