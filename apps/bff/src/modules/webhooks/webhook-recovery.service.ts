import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WebhookProcessor } from './webhook-processor.service';
import { WebhooksRepository } from './webhooks.repository';

/** Deliveries older than this (ms) are not picked up again at start-up: a day. */
export const RECOVERY_MAX_AGE_MS = 24 * 3_600_000;
/** Most deliveries picked up again at one start-up. */
export const RECOVERY_BATCH = 500;

/**
 * A delivery is answered 2xx once it is recorded, and processed afterwards. When the process stops in between, the
 * row stays `received`; at start-up this service processes those rows, so an acknowledged webhook is never lost.
 * Processing is idempotent in effect (it re-reads upstream state, invalidates cache keys and publishes events).
 */
@Injectable()
export class WebhookRecoveryService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookRecoveryService.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly processor: WebhookProcessor,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: start-up does not wait on upstream calls.
    this.recover().catch((err: unknown) => {
      this.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'webhook recovery failed');
    });
  }

  /**
   * Processes the unfinished deliveries one after another.
   * @returns how many were picked up
   */
  async recover(): Promise<number> {
    const ids = await this.repository.findUnfinished(RECOVERY_MAX_AGE_MS, RECOVERY_BATCH);
    if (ids.length > 0) this.logger.log({ count: ids.length }, 'processing webhook deliveries left unfinished');
    for (const id of ids) await this.processor.process(id);
    return ids.length;
  }
}
