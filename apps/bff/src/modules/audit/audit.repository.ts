import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { AuditRecord } from './audit.service';

/** Writes audit events (the only audit file touching Prisma). */
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
        metadata: (record.metadata ?? undefined),
      },
    });
  }
}
