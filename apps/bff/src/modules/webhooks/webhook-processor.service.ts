import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { InvoiceStatus, RealtimeEvent, StatusBlockName } from '@portico/domain';
import { sfWebhookSchema } from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { EventBus } from '../../core/events/event-bus.port';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import { BillingProvider } from '../billing/billing.provider';
import { StatusCacheService } from '../me-status/status-cache.service';
import {
  alertKindFromStatus,
  isWhmcsInvoiceEvent,
  salesforceEventBlocks,
  whmcsBillingAlertKind,
  whmcsEventBlocks,
} from './webhook-events.mapper';
import { WebhooksRepository, type WebhookDeliveryRecord } from './webhooks.repository';

/** Job name of a recorded delivery waiting for processing. */
export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';
/** Payload of a {@link WEBHOOK_DELIVERY_JOB}: the `webhook_deliveries` row id. */
export interface WebhookDeliveryJob {
  id: string;
}

/** What processing one delivery decided. */
interface Effect {
  accountId: string | null;
  blocks: StatusBlockName[];
  events: RealtimeEvent[];
}

function errorText(err: unknown): string {
  if (err instanceof UpstreamException) return err.reason;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Processes one recorded webhook delivery (the entry point a queue worker calls): resolves the Portico account,
 * maps the event to dashboard blocks, invalidates them, publishes realtime events and records the outcome
 * (`processed`, `ignored` for unknown accounts or events, `failed` with `lastError`). The webhook is a trigger
 * only: the invoice's state is re-read from the billing system.
 */
@Injectable()
export class WebhookProcessor {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly billing: BillingProvider,
    private readonly statusCache: StatusCacheService,
    private readonly events: EventBus,
  ) {}

  /**
   * Processes the delivery with row id `id`; already finished deliveries are left alone. The outcome is recorded on
   * the row (`failed` with `lastError` on failure).
   * @throws UpstreamException after recording it, when an upstream read failed: the job queue retries the delivery
   *   with backoff; errors of the database are thrown as they are
   */
  async process(id: string): Promise<void> {
    const delivery = await this.repository.find(id);
    if (delivery === null || delivery.status === 'processed' || delivery.status === 'ignored') return;
    await this.repository.startAttempt(id);
    try {
      const effect = delivery.provider === 'whmcs' ? await this.whmcs(delivery) : await this.salesforce(delivery);
      if (effect.accountId === null || (effect.blocks.length === 0 && effect.events.length === 0)) {
        await this.repository.finish(id, { status: 'ignored', accountId: effect.accountId });
        this.logger.log({ deliveryId: delivery.deliveryId, provider: delivery.provider, event: delivery.eventType }, 'webhook ignored');
        return;
      }
      await this.statusCache.invalidate(effect.accountId, effect.blocks);
      for (const event of effect.events) await this.events.publish(event);
      await this.repository.finish(id, { status: 'processed', accountId: effect.accountId });
      this.logger.log(
        { deliveryId: delivery.deliveryId, provider: delivery.provider, event: delivery.eventType, blocks: effect.blocks },
        'webhook processed',
      );
    } catch (err) {
      const message = errorText(err).slice(0, 1000);
      this.logger.warn({ deliveryId: delivery.deliveryId, provider: delivery.provider, err: message }, 'webhook processing failed');
      await this.repository.finish(id, { status: 'failed', error: message });
      // An upstream that failed may answer later: let the queue retry. Anything else would fail the same way again.
      if (err instanceof UpstreamException) throw err;
    }
  }

  private async whmcs(delivery: WebhookDeliveryRecord): Promise<Effect> {
    const hook = whmcsWebhookSchema.parse(delivery.payload);
    const invoiceId = hook.params.invoiceid;
    const clientId = hook.userid ?? (invoiceId === undefined ? null : await this.billing.getInvoiceClientId(invoiceId));
    const accountId = clientId === null ? null : await this.repository.accountIdByWhmcsClient(clientId);
    if (accountId === null || clientId === null) return { accountId: null, blocks: [], events: [] };

    const blocks = whmcsEventBlocks(hook.event);
    const events: RealtimeEvent[] = [];
    const occurredAt = new Date().toISOString();

    if (isWhmcsInvoiceEvent(hook.event) && invoiceId !== undefined) {
      const status = await this.currentInvoiceStatus(clientId, invoiceId);
      const kind = whmcsBillingAlertKind(hook.event) ?? alertKindFromStatus(status);
      if (kind !== null) {
        events.push({ id: randomUUID(), type: 'billing_alert', accountId, occurredAt, payload: { kind, invoiceId, status } });
      }
    }
    if (blocks.length > 0) {
      events.push({ id: randomUUID(), type: 'account_update', accountId, occurredAt, payload: { blocks, reason: `whmcs:${hook.event}` } });
    }
    return { accountId, blocks, events };
  }

  private async salesforce(delivery: WebhookDeliveryRecord): Promise<Effect> {
    const change = sfWebhookSchema.parse(delivery.payload);
    const accountId = change.accountId === null ? null : await this.repository.accountIdBySalesforceAccount(change.accountId);
    if (accountId === null) return { accountId: null, blocks: [], events: [] };
    const blocks = salesforceEventBlocks(change.event, change.sobject);
    const events: RealtimeEvent[] =
      blocks.length === 0
        ? []
        : [
            {
              id: randomUUID(),
              type: 'account_update',
              accountId,
              occurredAt: new Date().toISOString(),
              payload: { blocks, reason: `salesforce:${change.event}` },
            },
          ];
    return { accountId, blocks, events };
  }

  /** The invoice's status as the billing system reports it now; null when it cannot be read (logged). */
  private async currentInvoiceStatus(clientId: number, invoiceId: string): Promise<InvoiceStatus | null> {
    try {
      const invoice = await this.billing.getInvoice(clientId, invoiceId);
      return invoice?.status ?? null;
    } catch (err) {
      this.logger.warn({ invoiceId, err: errorText(err) }, 'could not re-read invoice for billing alert');
      return null;
    }
  }
}
