import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** A stored refresh token with its session's state. */
export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  sessionRevokedAt: Date | null;
  /** The session's {@link Session.mfaAccountId}: kept on every refresh. */
  sessionMfaAccountId: string | null;
}

/** Where a session was started or last refreshed from. */
export interface SessionClient {
  userAgent: string | null;
  ip: string | null;
}

/** A live session row. */
export interface StoredSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** Sessions and their refresh-token families: start, rotate, list and revoke. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Starts a session (refresh-token family `sessionId`) with its first refresh token, atomically. */
  async createSession(
    data: {
      sessionId: string;
      userId: string;
      tokenHash: string;
      expiresAt: Date;
      mfaAccountId?: string | null;
    } & SessionClient,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.session.create({
        data: {
          id: data.sessionId,
          userId: data.userId,
          expiresAt: data.expiresAt,
          userAgent: data.userAgent,
          ip: data.ip,
          mfaAccountId: data.mfaAccountId ?? null,
        },
      });
      await tx.refreshToken.create({
        data: {
          userId: data.userId,
          familyId: data.sessionId,
          tokenHash: data.tokenHash,
          expiresAt: data.expiresAt,
          userAgent: data.userAgent,
          ip: data.ip,
        },
      });
    });
  }

  async findRefreshToken(tokenHash: string): Promise<StoredRefreshToken | null> {
    const row = await this.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        userId: true,
        familyId: true,
        expiresAt: true,
        rotatedAt: true,
        revokedAt: true,
        session: { select: { revokedAt: true, mfaAccountId: true } },
      },
    });
    if (!row) return null;
    const { session, ...token } = row;
    return { ...token, sessionRevokedAt: session.revokedAt, sessionMfaAccountId: session.mfaAccountId };
  }

  /**
   * Marks `current` rotated, stores its successor and touches the session's last-seen time, atomically. Returns
   * false when `current` was rotated or revoked meanwhile (a concurrent use), in which case nothing is written.
   */
  async rotate(
    currentId: string,
    next: { userId: string; familyId: string; tokenHash: string; expiresAt: Date } & SessionClient,
    now: Date,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.refreshToken.updateMany({
        where: { id: currentId, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: now },
      });
      if (updated.count !== 1) return false;
      await tx.refreshToken.create({ data: next });
      await tx.session.update({
        where: { id: next.familyId },
        data: { lastSeenAt: now, ip: next.ip, userAgent: next.userAgent },
      });
      return true;
    });
  }

  /** Revokes a session and every live token of it; returns how many tokens. */
  async revokeFamily(familyId: string, now: Date): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      await tx.session.updateMany({ where: { id: familyId, revokedAt: null }, data: { revokedAt: now } });
      const result = await tx.refreshToken.updateMany({
        where: { familyId, revokedAt: null },
        data: { revokedAt: now },
      });
      return result.count;
    });
  }

  /** The user's sessions that are neither revoked nor expired, newest first. */
  async listLiveSessions(userId: string, now: Date): Promise<StoredSession[]> {
    return this.prisma.session.findMany({
      where: { userId, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ip: true },
      orderBy: { lastSeenAt: 'desc' },
    });
  }

  /**
   * Revokes the user's live sessions matching `filter` (one id, or all but one) with their tokens.
   * @returns the ids revoked (empty when none matched, e.g. another user's session id)
   */
  async revokeSessions(
    userId: string,
    filter: { only: string } | { except: string | null },
    now: Date,
  ): Promise<string[]> {
    return this.prisma.$transaction(async (tx) => {
      const idFilter =
        'only' in filter ? { id: filter.only } : filter.except ? { id: { not: filter.except } } : {};
      const sessions = await tx.session.findMany({
        where: { userId, revokedAt: null, ...idFilter },
        select: { id: true },
      });
      const ids = sessions.map((s) => s.id);
      if (ids.length === 0) return [];
      await tx.session.updateMany({ where: { id: { in: ids } }, data: { revokedAt: now } });
      await tx.refreshToken.updateMany({
        where: { familyId: { in: ids }, revokedAt: null },
        data: { revokedAt: now },
      });
      return ids;
    });
  }
}
