import type { RealtimeEvent, StatusBlockName } from '@portico/domain';
import type { AccessService } from '../../src/core/auth/access.service';
import type { SessionRevocationService } from '../../src/core/auth/session-revocation.service';
import type { EventBus } from '../../src/core/events/event-bus.port';
import { InProcessEventBus } from '../../src/core/events/in-process-event-bus.adapter';
import { MailPort, type OutgoingMail } from '../../src/core/mail/mail.port';
import type { AuditRecord, AuditService } from '../../src/modules/audit/audit.service';
import type { StatusCacheService } from '../../src/modules/status-cache/status-cache.service';
import type { NewNotification } from '../../src/modules/notifications/notifications.repository';
import type { NotificationsService } from '../../src/modules/notifications/notifications.service';
import type { ReadCacheService } from '../../src/modules/read-cache/read-cache.service';

/**
 * Recording stand-ins for the ports and services a business rule only tells something (audit, mail, events,
 * cache invalidation, notifications, access-cache drops, session denylist). Each keeps what it was told, in order,
 * so a test asserts the effect instead of a call count.
 */

/** {@link AuditService} that keeps the records. */
export class RecordingAudit {
  readonly records: AuditRecord[] = [];

  record(record: AuditRecord): Promise<void> {
    this.records.push(record);
    return Promise.resolve();
  }

  actions(): string[] {
    return this.records.map((r) => r.action);
  }

  asService(): AuditService {
    return this as unknown as AuditService;
  }
}

/** {@link MailPort} that keeps the messages; `failWith` makes the next sends throw. */
export class RecordingMail extends MailPort {
  readonly sent: OutgoingMail[] = [];
  failWith: Error | null = null;

  send(mail: OutgoingMail): Promise<void> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.sent.push(mail);
    return Promise.resolve();
  }
}

/** The real in-process {@link EventBus} with a subscriber that keeps what was published. */
export function recordingEventBus(): { bus: EventBus; published: RealtimeEvent[] } {
  const bus = new InProcessEventBus();
  const published: RealtimeEvent[] = [];
  bus.subscribe((event) => published.push(event));
  return { bus, published };
}

/** The membership-cache drops of {@link AccessService}. */
export class RecordingAccess {
  readonly invalidated: string[] = [];

  invalidateMembership(userId: string, accountId: string): Promise<void> {
    this.invalidated.push(`membership:${userId}:${accountId}`);
    return Promise.resolve();
  }

  invalidateUser(userId: string): Promise<void> {
    this.invalidated.push(`user:${userId}`);
    return Promise.resolve();
  }

  invalidateAccount(accountId: string): Promise<void> {
    this.invalidated.push(`account:${accountId}`);
    return Promise.resolve();
  }

  asService(): AccessService {
    return this as unknown as AccessService;
  }
}

/** The access-token denylist of {@link SessionRevocationService}. */
export class RecordingRevocations {
  readonly revoked = new Set<string>();

  revoke(sessionIds: readonly string[]): Promise<void> {
    for (const id of sessionIds) this.revoked.add(id);
    return Promise.resolve();
  }

  isRevoked(sessionId: string): Promise<boolean> {
    return Promise.resolve(this.revoked.has(sessionId));
  }

  asService(): SessionRevocationService {
    return this as unknown as SessionRevocationService;
  }
}

/** Invalidations of the dashboard blocks ({@link StatusCacheService}) and read pages ({@link ReadCacheService}). */
export class RecordingCaches {
  readonly statusBlocks: Array<{ accountId: string; blocks: StatusBlockName[] }> = [];
  readonly readBlocks: Array<{ accountId: string; blocks: StatusBlockName[] }> = [];
  readonly readResources: Array<{ accountId: string; resources: readonly string[] }> = [];

  readonly status = {
    invalidate: (accountId: string, blocks: readonly StatusBlockName[]): Promise<void> => {
      this.statusBlocks.push({ accountId, blocks: [...blocks] });
      return Promise.resolve();
    },
  } as unknown as StatusCacheService;

  readonly read = {
    invalidateBlocks: (accountId: string, blocks: readonly StatusBlockName[]): Promise<void> => {
      this.readBlocks.push({ accountId, blocks: [...blocks] });
      return Promise.resolve();
    },
    invalidate: (accountId: string, resources: readonly string[]): Promise<void> => {
      this.readResources.push({ accountId, resources: [...resources] });
      return Promise.resolve();
    },
  } as unknown as ReadCacheService;
}

/** {@link NotificationsService.notify} that keeps what was notified, once per account and dedup key like the real one. */
export class RecordingNotifications {
  readonly notified: Array<{ accountId: string } & NewNotification> = [];

  notify(accountId: string, notification: NewNotification): Promise<void> {
    if (!this.notified.some((n) => n.accountId === accountId && n.dedupKey === notification.dedupKey))
      this.notified.push({ accountId, ...notification });
    return Promise.resolve();
  }

  asService(): NotificationsService {
    return this as unknown as NotificationsService;
  }
}
