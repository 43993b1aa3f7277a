import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { WebhookProvider } from './webhook-signature.service';

/** Lifecycle of a recorded delivery. */
export type WebhookDeliveryStatus = 'received' | 'processed' | 'ignored' | 'failed';

/** A recorded delivery as the processor needs it. */
export interface WebhookDeliveryRecord {
  id: string;
  provider: WebhookProvider;
  deliveryId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  payload: unknown;
  attempts: number;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: unknown }).code === 'P2002';
}

/** Webhook deliveries (`webhook_deliveries`) and the account lookups webhooks need. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records a delivery once per (provider, delivery id).
   * @returns the row id, or null when this delivery was already recorded (a redelivery)
   */
  async recordOnce(provider: WebhookProvider, deliveryId: string, eventType: string, payload: object): Promise<string | null> {
    try {
      const row = await this.prisma.webhookDelivery.create({
        data: { provider, deliveryId, eventType, status: 'received', payload },
        select: { id: true },
      });
      return row.id;
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** One delivery by row id, null when absent. */
  async find(id: string): Promise<WebhookDeliveryRecord | null> {
    const row = await this.prisma.webhookDelivery.findUnique({ where: { id } });
    if (row === null) return null;
    return {
      id: row.id,
      provider: row.provider as WebhookProvider,
      deliveryId: row.deliveryId,
      eventType: row.eventType,
      status: row.status as WebhookDeliveryStatus,
      payload: row.payload,
      attempts: row.attempts,
    };
  }

  /**
   * Deliveries recorded but never finished (the process stopped between answering 2xx and processing), oldest
   * first, received within the last `maxAgeMs` ms.
   * @returns at most `limit` row ids
   */
  async findUnfinished(maxAgeMs: number, limit: number): Promise<string[]> {
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { status: 'received', receivedAt: { gte: new Date(Date.now() - maxAgeMs) } },
      orderBy: { receivedAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** Counts one processing attempt. */
  async startAttempt(id: string): Promise<void> {
    await this.prisma.webhookDelivery.update({ where: { id }, data: { attempts: { increment: 1 } } });
  }

  /** Final state of a delivery: `processed`/`ignored` (with the resolved account) or `failed` (with the error). */
  async finish(
    id: string,
    outcome: { status: Exclude<WebhookDeliveryStatus, 'received'>; accountId?: string | null; error?: string },
  ): Promise<void> {
    await this.prisma.webhookDelivery.update({
      where: { id },
      data: {
        status: outcome.status,
        accountId: outcome.accountId ?? null,
        processedAt: new Date(),
        lastError: outcome.error ?? null,
      },
    });
  }

  /** The Portico account linked to a WHMCS client. */
  async accountIdByWhmcsClient(clientId: number): Promise<string | null> {
    const row = await this.prisma.account.findUnique({ where: { whmcsClientId: clientId }, select: { id: true } });
    return row?.id ?? null;
  }

  /** The Portico account linked to a Salesforce Account (15- and 18-character ids both match). */
  async accountIdBySalesforceAccount(sfAccountId: string): Promise<string | null> {
    const exact = await this.prisma.account.findUnique({ where: { salesforceAccountId: sfAccountId }, select: { id: true } });
    if (exact) return exact.id;
    if (sfAccountId.length !== 15) return null;
    const long = await this.prisma.account.findFirst({
      where: { salesforceAccountId: { startsWith: sfAccountId } },
      select: { id: true },
    });
    return long?.id ?? null;
  }
}
