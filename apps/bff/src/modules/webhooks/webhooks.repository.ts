import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookDeliveryPage,
  WebhookDeliveryStatus,
} from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { WebhookProvider } from './webhook-signature.service';

export type { WebhookDeliveryStatus };

/** A delivery to record: the provider's delivery id, the event name and the JSON body kept for the worker. */
export interface NewDelivery {
  deliveryId: string;
  eventType: string;
  payload: object;
}

/** States from which a platform admin may replay a delivery. */
export const REPLAYABLE_STATUSES: readonly WebhookDeliveryStatus[] = ['dead_lettered', 'ignored'];

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

/** Webhook deliveries (`webhook_deliveries`) and the account lookups webhooks need. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records a delivery once per (provider, delivery id).
   * @returns the row id, or null when this delivery was already recorded (a redelivery)
   */
  async recordOnce(
    provider: WebhookProvider,
    deliveryId: string,
    eventType: string,
    payload: object,
  ): Promise<string | null> {
    // One statement, no exception for a redelivery (ON CONFLICT on the (provider, delivery_id) key): the intake's
    // only write.
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO webhook_deliveries (id, provider, delivery_id, event_type, status, payload)
      VALUES (${randomUUID()}::uuid, ${provider}, ${deliveryId}, ${eventType}, 'received', ${JSON.stringify(payload)}::jsonb)
      ON CONFLICT (provider, delivery_id) DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  }

  /**
   * Records several deliveries in one statement (all or none), skipping those already recorded.
   * @returns the row ids of the newly recorded ones, in no particular order
   */
  async recordManyOnce(provider: WebhookProvider, deliveries: readonly NewDelivery[]): Promise<string[]> {
    if (deliveries.length === 0) return [];
    const rows = await this.prisma.webhookDelivery.createManyAndReturn({
      data: deliveries.map((d) => ({
        provider,
        deliveryId: d.deliveryId,
        eventType: d.eventType,
        status: 'received',
        payload: d.payload,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /** One delivery by row id, null when absent. */
  async find(id: string): Promise<WebhookDeliveryRecord | null> {
    const row = await this.prisma.webhookDelivery.findUnique({ where: { id } });
    return row === null ? null : toRecord(row);
  }

  /**
   * Deliveries recorded but never finished (`received`: the process stopped between answering 2xx and processing;
   * `failed`: an in-process retry was lost with the process), oldest first, received within the last `maxAgeMs` ms.
   * @returns at most `limit` row ids
   */
  async findUnfinished(maxAgeMs: number, limit: number): Promise<string[]> {
    const rows = await this.prisma.webhookDelivery.findMany({
      where: { status: { in: ['received', 'failed'] }, receivedAt: { gte: new Date(Date.now() - maxAgeMs) } },
      orderBy: { receivedAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /**
   * Starts one processing attempt of a delivery that is still to be processed (`received` or `failed`): counts the
   * attempt and returns the delivery, in one statement.
   * @returns null when there is no such delivery or it is already finished (processed, ignored, dead-lettered)
   */
  async claimAttempt(id: string): Promise<WebhookDeliveryRecord | null> {
    try {
      const row = await this.prisma.webhookDelivery.update({
        where: { id, status: { in: ['received', 'failed'] } },
        data: { attempts: { increment: 1 } },
      });
      return toRecord(row);
    } catch (err) {
      if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2025')
        return null;
      throw err;
    }
  }

  /** Final state of a delivery: `processed`/`ignored` (with the resolved account) or `failed` (with the error). */
  async finish(
    id: string,
    outcome: { status: 'processed' | 'ignored' | 'failed'; accountId?: string | null; error?: string },
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

  /**
   * Dead-letters a delivery whose attempts ran out, keeping its last error. A delivery that finished in the meantime
   * (processed or ignored) is left alone.
   * @returns the delivery's provider, null when nothing was dead-lettered
   */
  async markDeadLettered(id: string, error: string): Promise<WebhookProvider | null> {
    const rows = await this.prisma.webhookDelivery.updateManyAndReturn({
      where: { id, status: { notIn: ['processed', 'ignored'] } },
      data: { status: 'dead_lettered', lastError: error, processedAt: new Date() },
      select: { provider: true },
    });
    return (rows[0]?.provider as WebhookProvider | undefined) ?? null;
  }

  /**
   * Deliveries recorded and not finished (`received`, or `failed` and waiting for a retry) and the age of the
   * oldest, seconds: the queue's depth as `GET /metrics` reports it (one statement).
   */
  async queueStats(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = await this.prisma.$queryRaw<Array<{ depth: bigint; oldest: Date | null }>>`
      SELECT count(*) AS depth, min(received_at) AS oldest FROM webhook_deliveries WHERE status IN ('received', 'failed')`;
    const oldest = row?.oldest ?? null;
    return {
      depth: Number(row?.depth ?? 0),
      oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000),
    };
  }

  /**
   * Puts a dead-lettered (or ignored) delivery back to `received` for a replay; attempts and the last error are kept
   * for the record until the next attempt.
   * @returns the delivery as it was before, null when there is no such delivery; `replayed: false` when its
   *   status is not replayable
   */
  async resetForReplay(id: string): Promise<{ before: WebhookDelivery; replayed: boolean } | null> {
    const row = await this.prisma.webhookDelivery.findUnique({ where: { id } });
    if (row === null) return null;
    const before = toDelivery(row);
    const { count } = await this.prisma.webhookDelivery.updateMany({
      where: { id, status: { in: [...REPLAYABLE_STATUSES] } },
      data: { status: 'received', processedAt: null },
    });
    return { before, replayed: count === 1 };
  }

  /** Deliveries newest first, filtered by status and provider. */
  async list(query: WebhookDeliveryListQuery): Promise<WebhookDeliveryPage> {
    const where = { status: query.status, provider: query.provider };
    const [rows, total] = await Promise.all([
      this.prisma.webhookDelivery.findMany({
        where,
        orderBy: [{ receivedAt: 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.webhookDelivery.count({ where }),
    ]);
    return { items: rows.map(toDelivery), page: { page: query.page, pageSize: query.pageSize, total } };
  }

  /** The Portico account linked to a WHMCS client. */
  async accountIdByWhmcsClient(clientId: number): Promise<string | null> {
    const row = await this.prisma.account.findUnique({
      where: { whmcsClientId: clientId },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** The Portico account linked to a Salesforce Account (15- and 18-character ids both match). */
  async accountIdBySalesforceAccount(sfAccountId: string): Promise<string | null> {
    const exact = await this.prisma.account.findUnique({
      where: { salesforceAccountId: sfAccountId },
      select: { id: true },
    });
    if (exact) return exact.id;
    if (sfAccountId.length !== 15) return null;
    const long = await this.prisma.account.findFirst({
      where: { salesforceAccountId: { startsWith: sfAccountId } },
      select: { id: true },
    });
    return long?.id ?? null;
  }
}

type DeliveryRow = {
  id: string;
  provider: string;
  deliveryId: string;
  eventType: string;
  accountId: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
};

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    provider: row.provider as WebhookDelivery['provider'],
    deliveryId: row.deliveryId,
    eventType: row.eventType,
    accountId: row.accountId,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    lastError: row.lastError,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}

function toRecord(
  row: Pick<DeliveryRow, 'id' | 'provider' | 'deliveryId' | 'eventType' | 'status' | 'attempts'> & {
    payload: unknown;
  },
): WebhookDeliveryRecord {
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
