import { Injectable, Logger } from '@nestjs/common';
import {
  AUDIT_CSV_MAX_ROWS,
  auditActionLabel,
  type AuditAction,
  type AuditEventPage,
  type AuditEventQuery,
} from '@portico/domain';
import { stringify } from 'csv-stringify/sync';
import { AuditRepository, type AuditFilter } from './audit.repository';

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

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'occurred_at',
  'action',
  'description',
  'actor_name',
  'actor_email',
  'target',
  'ip',
  'user_agent',
  'request_id',
] as const;

/** Appends audit events and reads an account's log. Recording never fails the caller's request: errors are logged. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repository: AuditRepository) {}

  async record(record: AuditRecord): Promise<void> {
    try {
      await this.repository.insert({ ...record, userAgent: record.userAgent?.slice(0, 512) ?? null });
    } catch (err) {
      this.logger.error(
        `Cannot record audit event ${record.action}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** One page of the account's log, newest first (see AuditRepository.page for what it includes). */
  async page(accountId: string, query: AuditEventQuery): Promise<AuditEventPage> {
    const { items, total } = await this.repository.page(
      accountId,
      filterOf(query),
      query.page,
      query.pageSize,
    );
    return { items, page: { page: query.page, pageSize: query.pageSize, total } };
  }

  /**
   * The filtered log as CSV (RFC 4180, header row, UTF-8), at most {@link AUDIT_CSV_MAX_ROWS} newest rows; emails
   * masked like on the page.
   */
  async csv(accountId: string, query: AuditEventQuery): Promise<string> {
    const rows = await this.repository.list(accountId, filterOf(query), AUDIT_CSV_MAX_ROWS);
    return stringify(
      rows.map((e) => [
        e.occurredAt,
        e.action,
        auditActionLabel(e.action),
        e.actor?.name ?? '',
        e.actor?.maskedEmail ?? '',
        e.target ?? '',
        e.ip ?? '',
        e.userAgent ?? '',
        e.requestId ?? '',
      ]),
      { header: true, columns: [...AUDIT_CSV_COLUMNS], escape_formulas: true },
    );
  }
}

function filterOf(query: AuditEventQuery): AuditFilter {
  return { action: query.action, actor: query.actor, from: query.from, to: query.to };
}
