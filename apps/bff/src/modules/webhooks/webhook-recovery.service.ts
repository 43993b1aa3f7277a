import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { DbContext } from '../../core/prisma/db-context';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhooksRepository } from './webhooks.repository';

/** Deliveries older than this (ms) are not picked up again at start-up: a day. */
export const RECOVERY_MAX_AGE_MS = 24 * 3_600_000;
/** Most deliveries picked up again at one start-up. */
export const RECOVERY_BATCH = 500;

/**
 * A delivery is answered 2xx once it is recorded, and processed by a job afterwards. When the in-process queue lost
 * the job (the process stopped in between, or while a retry was waiting), the row stays `received` (or `failed`);
 * at start-up this service enqueues those rows again, so an acknowledged webhook is never lost. The job id is the row id, so a job still queued in Redis is not
 * added twice; processing is idempotent in effect (it re-reads upstream state, invalidates caches, publishes events).
 */
@Injectable()
export class WebhookRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookRecoveryService.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly queue: WebhookDeliveryQueue,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Runs in the process that works the queue (JOB_WORKER=inline, or the worker process). */
  onApplicationBootstrap(): void {
    if (this.env.JOB_WORKER !== 'inline') return;
    // Not awaited: start-up does not wait on upstream calls.
    this.recover().catch((err: unknown) => {
      this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'webhook recovery failed');
    });
  }

  /**
   * Enqueues the unfinished deliveries again.
   * @returns how many were picked up
   */
  async recover(): Promise<number> {
    const ids = await DbContext.runAsSystem('webhook-recovery', () =>
      this.repository.findUnfinished(RECOVERY_MAX_AGE_MS, RECOVERY_BATCH),
    );
    if (ids.length > 0)
      this.logger.log({ count: ids.length }, 'enqueueing webhook deliveries left unfinished');
    for (const id of ids) await this.queue.enqueue(id);
    return ids.length;
  }
}
