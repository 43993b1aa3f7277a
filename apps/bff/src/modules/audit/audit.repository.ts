import { Injectable } from '@nestjs/common';
import { auditMetadataSchema, type AuditEventQuery, type AuditEventView } from '@portico/domain';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';
import { maskEmail } from '../../core/logging/mask-email';
import type { AuditRecord } from './audit.service';

/** Filters of a listing (the query without paging). */
export type AuditFilter = Pick<AuditEventQuery, 'action' | 'actor' | 'from' | 'to'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Writes and lists audit events (the only audit file touching Prisma). */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(record: AuditRecord): Promise<void> {
    await this.prisma.auditEvent.create({
      data: {
        action: record.action,
        accountId: record.accountId ?? null,
        actorUserId: record.actorUserId ?? null,
        target: record.target ?? null,
        ip: record.ip ?? null,
        userAgent: record.userAgent ?? null,
        requestId: record.requestId ?? null,
        metadata: record.metadata ?? undefined,
      },
    });
  }

  /**
   * One page of the account's audit log, newest first: the account's events plus the account-less events (sign-ins,
   * sessions) of its current members. Row-level security enforces the same rule in the database.
   * @returns null when `filter.actor` names no user (the caller answers an empty page)
   */
  async page(
    accountId: string,
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: AuditEventView[]; total: number }> {
    const where = await this.where(accountId, filter);
    if (where === null) return { items: [], total: 0 };
    const [rows, total] = [
      await this.prisma.auditEvent.findMany({
        where,
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      await this.prisma.auditEvent.count({ where }),
    ];
    return { items: await this.views(rows), total };
  }

  /** The newest `limit` events matching `filter`, newest first (for the CSV export). */
  async list(accountId: string, filter: AuditFilter, limit: number): Promise<AuditEventView[]> {
    const where = await this.where(accountId, filter);
    if (where === null) return [];
    const rows = await this.prisma.auditEvent.findMany({
      where,
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return this.views(rows);
  }

  private async where(accountId: string, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput | null> {
    const members = await this.prisma.membership.findMany({ where: { accountId }, select: { userId: true } });
    const and: Prisma.AuditEventWhereInput[] = [
      { OR: [{ accountId }, { accountId: null, actorUserId: { in: members.map((m) => m.userId) } }] },
    ];
    if (filter.action) and.push({ action: filter.action });
    if (filter.from) and.push({ occurredAt: { gte: new Date(filter.from) } });
    if (filter.to) and.push({ occurredAt: { lt: new Date(filter.to) } });
    if (filter.actor) {
      const actorId = UUID.test(filter.actor)
        ? filter.actor.toLowerCase()
        : (
            await this.prisma.user.findUnique({
              where: { email: filter.actor.toLowerCase() },
              select: { id: true },
            })
          )?.id;
      if (!actorId) return null;
      and.push({ actorUserId: actorId });
    }
    return { AND: and };
  }

  private async views(rows: Prisma.AuditEventGetPayload<object>[]): Promise<AuditEventView[]> {
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => id !== null))];
    const users = actorIds.length
      ? await this.prisma.user.findMany({
          where: { id: { in: actorIds } },
          select: { id: true, name: true, email: true },
        })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.map((r) => {
      const actor = r.actorUserId ? byId.get(r.actorUserId) : undefined;
      const metadata = auditMetadataSchema.safeParse(r.metadata);
      return {
        id: r.id,
        accountId: r.accountId,
        actorUserId: r.actorUserId,
        action: r.action,
        target: r.target,
        ip: r.ip,
        userAgent: r.userAgent,
        requestId: r.requestId,
        occurredAt: r.occurredAt.toISOString(),
        actor: actor ? { id: actor.id, name: actor.name, maskedEmail: maskEmail(actor.email) } : null,
        metadata: metadata.success ? metadata.data : null,
      };
    });
  }
}
