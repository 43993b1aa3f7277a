import { Injectable, Logger } from '@nestjs/common';
import { sfWebhookSchema } from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { AppException } from '../../core/http/app.exception';
import { zodIssuesToDetails } from '../../core/http/zod-validation.pipe';
import { JobQueue } from '../../core/queue/job-queue.port';
import { WEBHOOK_DELIVERY_JOB, type WebhookDeliveryJob } from './webhook-processor.service';
import { WebhookSignatureService, type WebhookProvider } from './webhook-signature.service';
import { WebhooksRepository } from './webhooks.repository';

/** Result of accepting a delivery. */
export type AcceptOutcome = { status: 'accepted'; id: string } | { status: 'duplicate' };

/**
 * Accepts inbound webhooks: verify the signature, validate the body, record the delivery once, then enqueue it for
 * the worker ({@link WEBHOOK_DELIVERY_JOB}, handled by `WebhookProcessor`) and answer without waiting.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly signatures: WebhookSignatureService,
    private readonly repository: WebhooksRepository,
    private readonly queue: JobQueue,
  ) {}

  /**
   * @throws AppException 401 `webhook_signature_invalid` (nothing recorded); 400 `validation_failed` with details
   *   when the body does not match the provider's webhook schema
   */
  async accept(
    provider: WebhookProvider,
    rawBody: Buffer | string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<AcceptOutcome> {
    const { deliveryId, body } = this.signatures.verify(provider, rawBody, headers);
    const parsed = provider === 'whmcs' ? whmcsWebhookSchema.safeParse(body) : sfWebhookSchema.safeParse(body);
    if (!parsed.success) {
      throw AppException.validation(zodIssuesToDetails(parsed.error.issues, 'body'), 'Webhook body is invalid');
    }
    const id = await this.repository.recordOnce(provider, deliveryId, parsed.data.event, body as object);
    if (id === null) {
      this.logger.log({ provider, deliveryId }, 'duplicate webhook delivery ignored');
      return { status: 'duplicate' };
    }
    try {
      await this.queue.enqueue<WebhookDeliveryJob>(WEBHOOK_DELIVERY_JOB, { id }, { jobId: id });
    } catch (err) {
      // The delivery is recorded: it is answered 2xx and picked up again at the next start-up.
      this.logger.error({ provider, deliveryId, err: err instanceof Error ? err.message : String(err) }, 'webhook delivery not enqueued');
    }
    return { status: 'accepted', id };
  }
}
