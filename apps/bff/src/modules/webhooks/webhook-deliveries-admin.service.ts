import { Injectable, Logger } from '@nestjs/common';
import type { WebhookDelivery, WebhookDeliveryListQuery, WebhookDeliveryPage } from '@portico/domain';
import { AppException } from '../../core/http/app.exception';
import { DbContext } from '../../core/prisma/db-context';
import { AuditService } from '../audit/audit.service';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { REPLAYABLE_STATUSES, WebhooksRepository } from './webhooks.repository';

/** Who asked for a replay, for the audit record. */
export interface ReplayActor {
  userId: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Platform-admin view of recorded webhook deliveries: list them (dead letters first of all) and replay one. */
@Injectable()
export class WebhookDeliveriesAdminService {
  private readonly logger = new Logger(WebhookDeliveriesAdminService.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly queue: WebhookDeliveryQueue,
    private readonly audit: AuditService,
  ) {}

  /** Deliveries newest first, filtered by `status` and `provider`. */
  list(query: WebhookDeliveryListQuery): Promise<WebhookDeliveryPage> {
    // Platform admins see every account's deliveries.
    return DbContext.runAsSystem('platform-admin', () => this.repository.list(query));
  }

  /**
   * Puts a dead-lettered (or ignored) delivery back on the queue, and audits it as `webhook.replayed`.
   * @returns the delivery as it is now (`received`)
   * @throws AppException 404 `not_found` for an unknown id; 409 `conflict` when the delivery is not dead-lettered or
   *   ignored (it is queued, retrying or processed)
   */
  async replay(id: string, actor: ReplayActor): Promise<WebhookDelivery> {
    const reset = await DbContext.runAsSystem('platform-admin', () => this.repository.resetForReplay(id));
    if (reset === null) throw AppException.notFound('Webhook delivery not found');
    if (!reset.replayed) {
      throw new AppException(
        'conflict',
        `Only ${REPLAYABLE_STATUSES.join(' or ')} deliveries can be replayed; this one is ${reset.before.status}`,
      );
    }
    await this.queue.requeue(id);
    await this.audit.record({
      action: 'webhook.replayed',
      actorUserId: actor.userId,
      accountId: reset.before.accountId,
      target: `webhook_delivery:${id}`,
      ip: actor.ip,
      userAgent: actor.userAgent,
      requestId: actor.requestId,
      metadata: {
        provider: reset.before.provider,
        deliveryId: reset.before.deliveryId,
        previousStatus: reset.before.status,
      },
    });
    this.logger.log(
      { id, provider: reset.before.provider, previousStatus: reset.before.status },
      'webhook delivery replayed',
    );
    return { ...reset.before, status: 'received', processedAt: null };
  }
}
