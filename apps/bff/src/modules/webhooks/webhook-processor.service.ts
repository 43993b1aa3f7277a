import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Invoice, RealtimeEvent, StatusBlockName } from '@portico/domain';
import { sfWebhookSchema } from '@portico/domain/providers/salesforce';
import { whmcsWebhookSchema } from '@portico/domain/providers/whmcs';
import { ZodError } from 'zod';
import { Clock } from '../../core/clock/clock';
import { EventBus } from '../../core/events/event-bus.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import { DbContext } from '../../core/prisma/db-context';
import { PermanentJobError } from '../../core/queue/job-queue.port';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import { BillingProvider } from '../billing/billing.provider';
import { StatusCacheService } from '../status-cache/status-cache.service';
import { invoiceOverdueNotification, paymentFailedNotification } from '../notifications/notification-content';
import type { NewNotification } from '../notifications/notifications.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { ReadCacheService } from '../read-cache/read-cache.service';
import { CrmProvider } from '../support/crm.provider';
import {
  alertKindFromStatus,
  isWhmcsInvoiceEvent,
  salesforceEventBlocks,
  whmcsBillingAlertKind,
  whmcsEventBlocks,
} from './webhook-events.mapper';
import { WebhooksRepository, type WebhookDeliveryRecord } from './webhooks.repository';

/** What processing one delivery decided. */
interface Effect {
  accountId: string | null;
  blocks: StatusBlockName[];
  events: RealtimeEvent[];
  /** Notifications to store (each at most once per account, by its dedup key). */
  notifications?: NewNotification[];
}

/**
 * The billing alerts an invoice's current state calls for: overdue (once per invoice), and a failed automatic
 * payment (an unpaid invoice with a capture attempt; once per attempt).
 */
export function invoiceAlerts(invoice: Invoice | null): NewNotification[] {
  if (invoice === null) return [];
  const alerts: NewNotification[] = [];
  if (invoice.status === 'overdue') alerts.push(invoiceOverdueNotification(invoice));
  if (
    (invoice.status === 'overdue' || invoice.status === 'unpaid') &&
    invoice.lastCaptureAttemptAt !== null &&
    invoice.balance.amountMinor > 0
  ) {
    alerts.push(paymentFailedNotification(invoice));
  }
  return alerts;
}

/**
 * A UUID-shaped id derived from `seed` (SHA-256): the events of one delivery get the same ids however often it is
 * processed, so a re-run after a crash is one effect for clients that de-duplicate by event id.
 */
export function stableEventId(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function errorText(err: unknown): string {
  if (err instanceof UpstreamException) return err.reason;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/**
 * Processes one recorded webhook delivery (the entry point a queue worker calls): resolves the Portico account,
 * maps the event to dashboard blocks, invalidates them, publishes realtime events and records the outcome
 * (`processed`; `ignored` for unknown accounts or events, never retried; `failed` with `lastError` while the queue
 * retries; `dead_lettered` once the attempts ran out). The webhook is a trigger only: the invoice's state is re-read
 * from the billing system. Processing is at-least-once with idempotent effects: cache invalidation is idempotent and
 * event ids are derived from the delivery ({@link stableEventId}).
 */
@Injectable()
export class WebhookProcessor {
  private readonly logger = new Logger(WebhookProcessor.name);

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly billing: BillingProvider,
    private readonly crm: CrmProvider,
    private readonly statusCache: StatusCacheService,
    private readonly readCache: ReadCacheService,
    private readonly notifications: NotificationsService,
    private readonly events: EventBus,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {}

  /**
   * Processes the delivery with row id `id`; finished (processed, ignored, dead-lettered) deliveries are left alone.
   * The outcome is recorded on the row (`failed` with `lastError` on failure).
   * @throws the failure after recording it, so the job queue retries the delivery with backoff;
   *   {@link PermanentJobError} when the stored payload no longer matches its schema (retrying cannot help)
   */
  process(id: string): Promise<void> {
    return DbContext.runAsSystem('webhook-worker', () => this.processDelivery(id));
  }

  private async processDelivery(id: string): Promise<void> {
    const delivery = await this.repository.claimAttempt(id);
    if (delivery === null) return;
    try {
      const effect =
        delivery.provider === 'whmcs' ? await this.whmcs(delivery) : await this.salesforce(delivery);
      if (effect.accountId === null || (effect.blocks.length === 0 && effect.events.length === 0)) {
        await this.repository.finish(id, { status: 'ignored', accountId: effect.accountId });
        this.metrics.webhookDelivery(delivery.provider, 'ignored');
        this.logger.log(
          { deliveryId: delivery.deliveryId, provider: delivery.provider, event: delivery.eventType },
          'webhook ignored',
        );
        return;
      }
      await this.statusCache.invalidate(effect.accountId, effect.blocks);
      await this.readCache.invalidateBlocks(effect.accountId, effect.blocks);
      for (const event of effect.events) await this.events.publish(event);
      for (const n of effect.notifications ?? []) await this.notifications.notify(effect.accountId, n);
      await this.repository.finish(id, { status: 'processed', accountId: effect.accountId });
      this.metrics.webhookDelivery(delivery.provider, 'processed');
      this.logger.log(
        {
          deliveryId: delivery.deliveryId,
          provider: delivery.provider,
          event: delivery.eventType,
          blocks: effect.blocks,
        },
        'webhook processed',
      );
    } catch (err) {
      const message = errorText(err).slice(0, 1000);
      this.logger.warn(
        { deliveryId: delivery.deliveryId, provider: delivery.provider, err: message },
        'webhook processing failed',
      );
      await this.repository.finish(id, { status: 'failed', error: message });
      this.metrics.webhookDelivery(delivery.provider, 'failed');
      if (err instanceof ZodError) throw new PermanentJobError(message);
      throw err;
    }
  }

  /** Records that the delivery's attempts ran out (the job queue's dead-letter handler). */
  async deadLetter(id: string, error: Error, attempts: number): Promise<void> {
    const message = errorText(error).slice(0, 1000);
    const provider = await DbContext.runAsSystem('webhook-worker', () =>
      this.repository.markDeadLettered(id, message),
    );
    if (provider !== null) this.metrics.webhookDelivery(provider, 'dead_lettered');
    this.logger.error({ id, attempts, err: message }, 'webhook delivery dead-lettered');
  }

  private async whmcs(delivery: WebhookDeliveryRecord): Promise<Effect> {
    const hook = whmcsWebhookSchema.parse(delivery.payload);
    const invoiceId = hook.params.invoiceid;
    const clientId =
      hook.userid ?? (invoiceId === undefined ? null : await this.billing.getInvoiceClientId(invoiceId));
    const accountId = clientId === null ? null : await this.repository.accountIdByWhmcsClient(clientId);
    if (accountId === null || clientId === null) return { accountId: null, blocks: [], events: [] };

    const blocks = whmcsEventBlocks(hook.event);
    const events: RealtimeEvent[] = [];
    const occurredAt = this.clock.now().toISOString();
    const eventId = (type: string) => stableEventId(`${delivery.id}:${type}`);

    let notifications: NewNotification[] = [];
    if (isWhmcsInvoiceEvent(hook.event) && invoiceId !== undefined) {
      const invoice = await this.currentInvoice(clientId, invoiceId);
      const status = invoice?.status ?? null;
      const kind = whmcsBillingAlertKind(hook.event) ?? alertKindFromStatus(status);
      if (kind !== null) {
        events.push({
          id: eventId('billing_alert'),
          type: 'billing_alert',
          accountId,
          occurredAt,
          payload: { kind, invoiceId, status },
        });
      }
      notifications = invoiceAlerts(invoice);
    }
    if (blocks.length > 0) {
      events.push({
        id: eventId('account_update'),
        type: 'account_update',
        accountId,
        occurredAt,
        payload: { blocks, reason: `whmcs:${hook.event}` },
      });
    }
    return { accountId, blocks, events, notifications };
  }

  private async salesforce(delivery: WebhookDeliveryRecord): Promise<Effect> {
    const change = sfWebhookSchema.parse(delivery.payload);
    const accountId =
      change.accountId === null ? null : await this.repository.accountIdBySalesforceAccount(change.accountId);
    if (accountId === null) return { accountId: null, blocks: [], events: [] };
    const blocks = salesforceEventBlocks(change.event, change.sobject);
    const occurredAt = this.clock.now().toISOString();
    const events: RealtimeEvent[] =
      blocks.length === 0
        ? []
        : [
            {
              id: stableEventId(`${delivery.id}:account_update`),
              type: 'account_update',
              accountId,
              occurredAt,
              payload: { blocks, reason: `salesforce:${change.event}` },
            },
          ];
    // The case it is about: the record itself, or a comment's case (re-read: the delivery is only a trigger).
    const caseId =
      change.sobject === 'Case'
        ? change.recordId
        : change.sobject === 'CaseComment'
          ? await this.crm.getCommentCaseId(change.recordId)
          : null;
    if (caseId !== null) {
      const reason = change.sobject === 'CaseComment' ? 'comment_added' : 'changed';
      events.push({
        id: stableEventId(`${delivery.id}:case_updated`),
        type: 'case_updated',
        accountId,
        occurredAt,
        payload: { caseId, reason },
      });
    }
    return { accountId, blocks, events };
  }

  /** The invoice as the billing system reports it now; null when it cannot be read (logged). */
  private async currentInvoice(clientId: number, invoiceId: string): Promise<Invoice | null> {
    try {
      return await this.billing.getInvoice(clientId, invoiceId);
    } catch (err) {
      this.logger.warn({ invoiceId, err: errorText(err) }, 'could not re-read invoice for billing alert');
      return null;
    }
  }
}
