import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { outboundMessageXml, OUTBOUND_ACK_PATTERN, type OutboundMessage } from './outbound-message';

/** Provider a webhook speaks for; selects the path (`/webhooks/<provider>`) and the signing secret. */
export type WebhookProvider = 'whmcs' | 'salesforce';

/** One attempt to deliver a webhook. */
export interface DeliveryAttempt {
  at: string;
  /** HTTP status received, absent when the request failed. */
  status?: number;
  error?: string;
}

/** A webhook and its delivery history, as shown in `/__admin/state`. */
export interface Delivery {
  id: string;
  provider: WebhookProvider;
  /** `standard-webhooks` (signed JSON) or `outbound-message` (Salesforce SOAP notifications). */
  channel: 'standard-webhooks' | 'outbound-message';
  event: string;
  url: string;
  payload: unknown;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
}

/** Options of the dispatcher. */
export interface WebhookDispatcherOptions {
  /** Base URL of the receiver, e.g. `http://127.0.0.1:4000`. */
  target: string;
  secrets: Record<WebhookProvider, string>;
  /** Delays before each retry (ms); its length is the number of retries. Default `[250, 1000, 3000]`. */
  retryDelaysMs?: number[];
  /** Per-attempt request timeout (ms), default 5000. */
  attemptTimeoutMs?: number;
  /** Deliveries kept in the log, default 200. */
  logSize?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Signs business events with Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and posts them
 * to `<target>/webhooks/<provider>`, retrying on network errors and non-2xx answers.
 */
export class WebhookDispatcher {
  private readonly log: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly signers: Record<WebhookProvider, Webhook>;
  private closed = false;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.signers = {
      whmcs: new Webhook(options.secrets.whmcs),
      salesforce: new Webhook(options.secrets.salesforce),
    };
  }

  /** Queues a delivery and returns its log entry at once (delivery continues in the background). */
  dispatch(provider: WebhookProvider, event: string, payload: unknown): Delivery {
    const delivery: Delivery = {
      id: `msg_${randomUUID().replace(/-/g, '')}`,
      provider,
      channel: 'standard-webhooks',
      event,
      url: new URL(`/webhooks/${provider}`, this.options.target).toString(),
      payload,
      state: 'pending',
      attempts: [],
    };
    const body = JSON.stringify(payload);
    return this.start(delivery, (now) => ({
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        // Standard Webhooks signs `${id}.${timestamp}.${body}`; a fresh timestamp per attempt keeps retries verifiable.
        'webhook-signature': this.signers[provider].sign(delivery.id, now, body),
      },
    }));
  }

  /**
   * Queues a Salesforce Outbound Message (SOAP `notifications`) to `<target>/webhooks/salesforce/outbound`; it counts
   * as delivered only when the answer carries `<Ack>true</Ack>`, else it is retried with the same notification ids,
   * as Salesforce does.
   */
  dispatchOutboundMessage(message: OutboundMessage): Delivery {
    const delivery: Delivery = {
      id: `om_${randomUUID().replace(/-/g, '')}`,
      provider: 'salesforce',
      channel: 'outbound-message',
      event: 'OutboundMessage',
      url: new URL('/webhooks/salesforce/outbound', this.options.target).toString(),
      payload: {
        organizationId: message.organizationId,
        notifications: message.notifications.map((n) => ({
          id: n.id,
          type: n.sobjectType,
          recordId: n.fields.Id,
        })),
      },
      state: 'pending',
      attempts: [],
    };
    const body = outboundMessageXml(message);
    return this.start(
      delivery,
      () => ({ body, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' } }),
      (text) => OUTBOUND_ACK_PATTERN.test(text),
    );
  }

  private start(
    delivery: Delivery,
    request: (now: Date) => { body: string; headers: Record<string, string> },
    acknowledged: (text: string) => boolean = () => true,
  ): Delivery {
    this.log.unshift(delivery);
    this.log.splice(this.options.logSize ?? 200);
    const run = this.deliver(delivery, request, acknowledged).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
    return delivery;
  }

  /** Latest deliveries first. */
  deliveries(): Delivery[] {
    return this.log.map((d) => ({ ...d, attempts: [...d.attempts] }));
  }

  /** Resolves when every queued delivery has finished (delivered or given up). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Stops retrying; pending deliveries end after their current attempt. */
  close(): void {
    this.closed = true;
  }

  private async deliver(
    delivery: Delivery,
    request: (now: Date) => { body: string; headers: Record<string, string> },
    acknowledged: (text: string) => boolean,
  ): Promise<void> {
    const retries = this.options.retryDelaysMs ?? [250, 1000, 3000];
    for (let attempt = 0; attempt <= retries.length; attempt += 1) {
      if (attempt > 0) {
        await sleep(retries[attempt - 1] ?? 1000);
        if (this.closed) break;
      }
      const now = new Date();
      const record: DeliveryAttempt = { at: now.toISOString() };
      delivery.attempts.push(record);
      try {
        const { body, headers } = request(now);
        const res = await fetch(delivery.url, {
          method: 'POST',
          headers: { ...headers, 'user-agent': 'portico-sandbox-webhooks/1' },
          body,
          signal: AbortSignal.timeout(this.options.attemptTimeoutMs ?? 5000),
        });
        record.status = res.status;
        const text = await res.text().catch(() => '');
        if (res.ok && acknowledged(text)) {
          delivery.state = 'delivered';
          return;
        }
      } catch (err) {
        record.error = err instanceof Error ? err.message : String(err);
      }
    }
    delivery.state = 'failed';
  }
}
