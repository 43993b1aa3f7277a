import type { WebhookProvider } from '../../src/modules/webhooks/webhook-signature.service';
import type {
  WebhookDeliveryRecord,
  WebhooksRepository,
} from '../../src/modules/webhooks/webhooks.repository';

/** A stored delivery as the fake keeps it. */
export interface FakeDelivery extends WebhookDeliveryRecord {
  accountId: string | null;
  lastError: string | null;
}

/**
 * The parts of {@link WebhooksRepository} the processor uses, in memory: attempts are claimed only for `received` or
 * `failed` deliveries (like the conditional `UPDATE`), and accounts are looked up by their WHMCS client or Salesforce
 * Account (a 15-character id also matches its 18-character form).
 */
export class InMemoryWebhooksRepository {
  readonly deliveries = new Map<string, FakeDelivery>();
  readonly whmcsClients = new Map<number, string>();
  readonly salesforceAccounts = new Map<string, string>();

  asRepository(): WebhooksRepository {
    return this as unknown as WebhooksRepository;
  }

  add(id: string, provider: WebhookProvider, eventType: string, payload: unknown): FakeDelivery {
    const delivery: FakeDelivery = {
      id,
      provider,
      deliveryId: `msg_${id}`,
      eventType,
      status: 'received',
      payload,
      attempts: 0,
      accountId: null,
      lastError: null,
    };
    this.deliveries.set(id, delivery);
    return delivery;
  }

  claimAttempt(id: string): Promise<WebhookDeliveryRecord | null> {
    const d = this.deliveries.get(id);
    if (!d || (d.status !== 'received' && d.status !== 'failed')) return Promise.resolve(null);
    d.attempts += 1;
    return Promise.resolve({
      id: d.id,
      provider: d.provider,
      deliveryId: d.deliveryId,
      eventType: d.eventType,
      status: d.status,
      payload: d.payload,
      attempts: d.attempts,
    });
  }

  finish(
    id: string,
    outcome: { status: 'processed' | 'ignored' | 'failed'; accountId?: string | null; error?: string },
  ): Promise<void> {
    const d = this.deliveries.get(id);
    if (d)
      Object.assign(d, {
        status: outcome.status,
        accountId: outcome.accountId ?? null,
        lastError: outcome.error ?? null,
      });
    return Promise.resolve();
  }

  markDeadLettered(id: string, error: string): Promise<WebhookProvider | null> {
    const d = this.deliveries.get(id);
    if (!d || d.status === 'processed' || d.status === 'ignored') return Promise.resolve(null);
    Object.assign(d, { status: 'dead_lettered', lastError: error });
    return Promise.resolve(d.provider);
  }

  accountIdByWhmcsClient(clientId: number): Promise<string | null> {
    return Promise.resolve(this.whmcsClients.get(clientId) ?? null);
  }

  accountIdBySalesforceAccount(sfAccountId: string): Promise<string | null> {
    for (const [id, accountId] of this.salesforceAccounts)
      if (id === sfAccountId || (sfAccountId.length === 15 && id.startsWith(sfAccountId)))
        return Promise.resolve(accountId);
    return Promise.resolve(null);
  }
}
