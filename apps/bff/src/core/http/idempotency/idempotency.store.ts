import { Injectable } from '@nestjs/common';
import { Prisma } from '../../../generated/prisma/client';
import { DbContext } from '../../prisma/db-context';
import { PrismaService } from '../../prisma/prisma.service';

/** How long a stored response is replayed, ms (24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What {@link IdempotencyStore.claim} found for a principal's key. */
export type IdempotencyClaim =
  | { kind: 'claimed' }
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' };

/**
 * The `idempotency_keys` table (system scope only: row-level security lets no request scope read it). A key is
 * claimed with one INSERT ... ON CONFLICT DO NOTHING, so of two concurrent requests with the same key exactly one runs.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Claims `key` for `principal`, or says why not: the stored response of a completed first request with the same
   * fingerprint (`replay`), a first request still running (`in_flight`), or a different request under the same key
   * (`mismatch`). An expired row is deleted and the key claimed afresh.
   */
  claim(principal: string, key: string, fingerprint: string, now: Date): Promise<IdempotencyClaim> {
    return DbContext.runAsSystem('idempotency', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const inserted = await this.prisma.idempotencyKey.createMany({
          data: [
            {
              principal,
              key,
              fingerprint,
              state: 'in_flight',
              expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
            },
          ],
          skipDuplicates: true,
        });
        if (inserted.count === 1) return { kind: 'claimed' } as const;
        const row = await this.prisma.idempotencyKey.findUnique({
          where: { principal_key: { principal, key } },
        });
        if (!row) continue;
        if (row.expiresAt.getTime() <= now.getTime()) {
          await this.prisma.idempotencyKey.deleteMany({ where: { principal, key, expiresAt: { lte: now } } });
          continue;
        }
        if (row.fingerprint !== fingerprint) return { kind: 'mismatch' } as const;
        if (row.state !== 'completed' || row.responseStatus === null) return { kind: 'in_flight' } as const;
        return { kind: 'replay', status: row.responseStatus, body: row.responseBody } as const;
      }
      return { kind: 'in_flight' } as const;
    });
  }

  /** Stores the first request's response (`body` as JSON, null for none) for replays. */
  async complete(principal: string, key: string, status: number, body: unknown): Promise<void> {
    await DbContext.runAsSystem('idempotency', () =>
      this.prisma.idempotencyKey.updateMany({
        where: { principal, key, state: 'in_flight' },
        data: {
          state: 'completed',
          responseStatus: status,
          responseBody:
            body === undefined || body === null ? Prisma.JsonNull : (body as Prisma.InputJsonValue),
        },
      }),
    );
  }

  /** Releases a claim whose request failed: a retry with the key runs the request again. */
  async release(principal: string, key: string): Promise<void> {
    await DbContext.runAsSystem('idempotency', () =>
      this.prisma.idempotencyKey.deleteMany({ where: { principal, key, state: 'in_flight' } }),
    );
  }

  /** Deletes expired rows; returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const { count } = await DbContext.runAsSystem('idempotency', () =>
      this.prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } }),
    );
    return count;
  }
}
