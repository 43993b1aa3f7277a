import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { JobQueue } from '../../core/queue/job-queue.port';

/** Job name of a recorded delivery waiting for processing. */
export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';
/** Payload of a {@link WEBHOOK_DELIVERY_JOB}: the `webhook_deliveries` row id. */
export interface WebhookDeliveryJob {
  id: string;
}

/**
 * Puts recorded deliveries on the job queue: job id = row id (a delivery is never queued twice at once), attempts
 * `WEBHOOK_MAX_ATTEMPTS`, exponential backoff from `WEBHOOK_RETRY_BASE_DELAY_MS`.
 */
@Injectable()
export class WebhookDeliveryQueue {
  constructor(
    private readonly queue: JobQueue,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Queues the delivery with row id `id` (a no-op while a job for it is still queued or running). */
  async enqueue(id: string): Promise<void> {
    await this.queue.enqueue<WebhookDeliveryJob>(
      WEBHOOK_DELIVERY_JOB,
      { id },
      {
        jobId: id,
        attempts: this.env.WEBHOOK_MAX_ATTEMPTS,
        backoffMs: this.env.WEBHOOK_RETRY_BASE_DELAY_MS,
      },
    );
  }

  /** Queues a delivery again after its job finished (a replay of a dead letter). */
  async requeue(id: string): Promise<void> {
    await this.queue.forget(WEBHOOK_DELIVERY_JOB, id);
    await this.enqueue(id);
  }
}
