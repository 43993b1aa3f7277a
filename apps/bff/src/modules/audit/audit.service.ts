import { Injectable, Logger } from '@nestjs/common';
import type { AuditAction } from '@portico/domain';
import { AuditRepository } from './audit.repository';

/** One audit record to append. Never put passwords, tokens or full emails in `metadata`. */
export interface AuditRecord {
  action: AuditAction;
  accountId?: string | null;
  actorUserId?: string | null;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  metadata?: Record<string, string | number | boolean | null>;
}

/** Appends audit events. Recording never fails the caller's request: errors are logged. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repository: AuditRepository) {}

  async record(record: AuditRecord): Promise<void> {
    try {
      await this.repository.insert({ ...record, userAgent: record.userAgent?.slice(0, 512) ?? null });
    } catch (err) {
      this.logger.error(`Cannot record audit event ${record.action}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
