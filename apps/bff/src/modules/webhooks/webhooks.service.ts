import { Injectable, Logger } from '@nestjs/common';
import { sfWebhookSchema } from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { AppException } from '../../core/http/app.exception';
import { zodIssuesToDetails } from '../../core/http/zod-validation.pipe';
import { WebhookProcessor } from './webhook-processor.service';
import { WebhookSignatureService, type WebhookProvider } from './webhook-signature.service';
import { WebhooksRepository } from './webhooks.repository';

/** Result of accepting a delivery. */
export type AcceptOutcome = { status: 'accepted'; id: string } | { status: 'duplicate' };

/**
 * Accepts inbound webhooks: verify the signature, validate the body, record the delivery once, then hand it to
 * {@link WebhookProcessor} without waiting (in-process; a queue worker would call the same `process`).
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly signatures: WebhookSignatureService,
    private readonly repository: WebhooksRepository,
    private readonly processor: WebhookProcessor,
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
    setImmediate(() => {
      this.processor.process(id).catch((err: unknown) => {
        this.logger.error({ provider, deliveryId, err: err instanceof Error ? err.message : String(err) }, 'webhook processing crashed');
      });
    });
    return { status: 'accepted', id };
  }
}
