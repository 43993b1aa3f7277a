import { Injectable } from '@nestjs/common';
import type { Session } from '@portico/domain';
import Bowser from 'bowser';
import { SessionRevocationService, type SessionUser } from '../../core/auth';
import { Clock } from '../../core/clock/clock';
import { AppException } from '../../core/http/app.exception';
import { DbContext } from '../../core/prisma/db-context';
import { AuditService } from '../audit/audit.service';
import { SessionsRepository, type StoredSession } from './sessions.repository';
import type { ClientMeta } from '../audit/audit-context';

/** `Chrome 142 on Linux`-style label of a user agent (bowser); `Unknown device` when there is none. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name
    ? `${parsed.browser.name}${parsed.browser.version ? ` ${parsed.browser.version.split('.')[0]}` : ''}`
    : null;
  const os = parsed.os.name ?? null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? 'Unknown device';
}

function toSession(row: StoredSession, currentId: string): Session {
  return {
    id: row.id,
    device: describeDevice(row.userAgent),
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentId,
  };
}

/**
 * The signed-in user's sessions (refresh-token families): list, revoke one, revoke all others. Revocation ends the
 * refresh tokens in the database and puts the session on the access-token denylist, so its access tokens stop
 * working on their next request.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly revocations: SessionRevocationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Live sessions, most recently seen first. */
  async list(user: SessionUser): Promise<Session[]> {
    const rows = await DbContext.runAsUser(user.userId, () =>
      this.repository.listLiveSessions(user.userId, this.clock.now()),
    );
    return rows.map((row) => toSession(row, user.sessionId));
  }

  /**
   * Revokes one of the user's sessions (the current one too, which signs this browser out).
   * @throws AppException 404 for an unknown id or another user's session
   */
  async revoke(user: SessionUser, sessionId: string, meta: ClientMeta): Promise<void> {
    const ids = await DbContext.runAsUser(user.userId, () =>
      this.repository.revokeSessions(user.userId, { only: sessionId }, this.clock.now()),
    );
    if (ids.length === 0) throw AppException.notFound('Session not found');
    await this.afterRevoke(user.userId, ids, meta, 'revoked');
  }

  /** Revokes every session of the user but the current one. @returns how many were revoked */
  async revokeOthers(user: SessionUser, meta: ClientMeta, reason = 'revoked_others'): Promise<number> {
    const ids = await DbContext.runAsUser(user.userId, () =>
      this.repository.revokeSessions(user.userId, { except: user.sessionId }, this.clock.now()),
    );
    await this.afterRevoke(user.userId, ids, meta, reason);
    return ids.length;
  }

  /** Revokes every session of a user (password reset). */
  async revokeAll(userId: string, meta: ClientMeta, reason: string): Promise<number> {
    const ids = await this.repository.revokeSessions(userId, { except: null }, this.clock.now());
    await this.afterRevoke(userId, ids, meta, reason);
    return ids.length;
  }

  private async afterRevoke(userId: string, ids: string[], meta: ClientMeta, reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.revocations.revoke(ids);
    for (const id of ids) {
      await this.audit.record({
        action: 'auth.session_revoked',
        actorUserId: userId,
        target: `session:${id}`,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { reason },
      });
    }
  }
}
