import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  outboundNotificationToWebhook,
  sameSalesforceId,
  sfWebhookSchema,
} from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { MetricsService } from '../../core/metrics/metrics.service';
import { DbContext } from '../../core/prisma/db-context';
import { zodIssuesToDetails } from '../../core/http/zod-validation.pipe';
import { OutboundMessageParseError, parseOutboundMessage } from './outbound-message.parser';
import { WebhookDeliveryQueue } from './webhook-delivery.queue';
import { WebhookSignatureService, type WebhookProvider } from './webhook-signature.service';
import { WebhooksRepository, type NewDelivery } from './webhooks.repository';

/** Result of accepting a delivery. */
export type AcceptOutcome = { status: 'accepted'; id: string } | { status: 'duplicate' };

/** Result of accepting an Outbound Message: notifications newly recorded, and those already recorded before. */
export interface OutboundOutcome {
  recorded: number;
  duplicates: number;
}

/**
 * Accepts inbound webhooks: verify the signature (or, for Salesforce Outbound Messages, the organization), validate
 * the body, record each delivery once, then enqueue it for the worker (`WebhookProcessor`) and answer without
 * waiting. Every refusal is logged with its reason; nothing is recorded or queued for a refused request.
 */
@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly signatures: WebhookSignatureService,
    private readonly repository: WebhooksRepository,
    private readonly queue: WebhookDeliveryQueue,
    @Inject(ENV) private readonly env: Env,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * A Standard Webhooks delivery (`POST /webhooks/{whmcs,salesforce}`).
   * @throws AppException 401 `webhook_signature_invalid` (nothing recorded); 400 `validation_failed` with details
   *   when the body is not JSON or does not match the provider's webhook schema
   */
  async accept(
    provider: WebhookProvider,
    rawBody: Buffer | string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<AcceptOutcome> {
    const { deliveryId, body } = this.refusalsLogged(provider, () =>
      this.signatures.verify(provider, rawBody, headers),
    );
    const parsed =
      provider === 'whmcs' ? whmcsWebhookSchema.safeParse(body) : sfWebhookSchema.safeParse(body);
    if (!parsed.success) {
      const details = zodIssuesToDetails(parsed.error.issues, 'body');
      this.logger.warn(
        { provider, deliveryId, reason: details.map((d) => `${d.path}: ${d.message}`).join('; ') },
        'webhook refused: invalid body',
      );
      this.metrics.webhookDelivery(provider, 'refused');
      throw AppException.validation(details, 'Webhook body is invalid');
    }
    // Deliveries are recorded before anyone knows which account they concern.
    const id = await DbContext.runAsSystem('webhook-intake', () =>
      this.repository.recordOnce(provider, deliveryId, parsed.data.event, body as object),
    );
    if (id === null) {
      this.logger.log({ provider, deliveryId }, 'duplicate webhook delivery ignored');
      this.metrics.webhookDelivery(provider, 'duplicate');
      return { status: 'duplicate' };
    }
    this.metrics.webhookDelivery(provider, 'received');
    await this.enqueue([id], provider);
    return { status: 'accepted', id };
  }

  /**
   * A Salesforce Outbound Message (`POST /webhooks/salesforce/outbound`): one delivery per notification id, all
   * recorded in one statement before the caller acknowledges; notifications already recorded are skipped.
   * @throws AppException 400 `validation_failed` (not XML, not an Outbound Message, over 100 notifications);
   *   401 `webhook_signature_invalid` when the organization is not `SALESFORCE_ORGANIZATION_ID`
   */
  async acceptOutboundMessage(rawBody: Buffer | string): Promise<OutboundOutcome> {
    const xml = typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8');
    let message;
    try {
      message = parseOutboundMessage(xml);
    } catch (err) {
      if (!(err instanceof OutboundMessageParseError)) throw err;
      this.logger.warn(
        { provider: 'salesforce', channel: 'outbound_message', reason: err.message },
        'webhook refused: invalid Outbound Message',
      );
      throw AppException.validation(err.details, 'Outbound Message body is invalid');
    }
    if (!sameSalesforceId(message.OrganizationId, this.env.SALESFORCE_ORGANIZATION_ID)) {
      this.logger.warn(
        {
          provider: 'salesforce',
          channel: 'outbound_message',
          organizationId: message.OrganizationId,
          reason: 'unknown organization',
        },
        'webhook refused: Outbound Message from an unknown organization',
      );
      throw new AppException(
        'webhook_signature_invalid',
        'Outbound Message from an unknown Salesforce organization',
      );
    }

    const receivedAt = new Date().toISOString();
    const byId = new Map<string, NewDelivery>();
    for (const notification of message.Notification) {
      const change = outboundNotificationToWebhook(notification, receivedAt);
      byId.set(notification.Id, {
        deliveryId: notification.Id,
        eventType: change.event,
        payload: { ...change, channel: 'outbound_message', actionId: message.ActionId },
      });
    }
    const ids = await DbContext.runAsSystem('webhook-intake', () =>
      this.repository.recordManyOnce('salesforce', [...byId.values()]),
    );
    const duplicates = message.Notification.length - ids.length;
    if (duplicates > 0)
      this.logger.log(
        { provider: 'salesforce', channel: 'outbound_message', duplicates },
        'duplicate notifications ignored',
      );
    this.metrics.webhookDelivery('salesforce', 'received', ids.length);
    this.metrics.webhookDelivery('salesforce', 'duplicate', duplicates);
    await this.enqueue(ids, 'salesforce');
    return { recorded: ids.length, duplicates };
  }

  /** Queues recorded deliveries; a failure is logged only (the rows are recorded and picked up at the next start). */
  private async enqueue(ids: readonly string[], provider: WebhookProvider): Promise<void> {
    for (const id of ids) {
      try {
        await this.queue.enqueue(id);
      } catch (err) {
        this.logger.error(
          { provider, id, err: err instanceof Error ? err.message : String(err) },
          'webhook delivery not enqueued',
        );
      }
    }
  }

  private refusalsLogged<T>(provider: WebhookProvider, verify: () => T): T {
    try {
      return verify();
    } catch (err) {
      if (err instanceof AppException) {
        this.logger.warn({ provider, status: err.status, reason: err.message }, 'webhook refused');
        this.metrics.webhookDelivery(provider, 'refused');
      }
      throw err;
    }
  }
}
