import { Injectable } from '@nestjs/common';
import { localeSchema, roleSchema, type Locale, type Me } from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';

/** A user row as the login needs it. */
export interface UserCredentials {
  id: string;
  email: string;
  passwordHash: string;
  mfaEnabled: boolean;
  /** The saved language (`PUT /api/v1/me/locale`) of the mails sent to the user; null until chosen. */
  locale?: Locale | null;
}

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

/** A user's two-factor state (secrets sealed, see SecretBox). */
export interface StoredMfa {
  email: string;
  passwordHash: string;
  secret: string | null;
  pendingSecret: string | null;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

/** Users, sessions, refresh tokens, two-factor state and password reset tokens (the only auth file touching Prisma). */
@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** @param email lower-cased */
  async findCredentials(email: string): Promise<UserCredentials | null> {
    const row = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, passwordHash: true, mfaEnabledAt: true, locale: true },
    });
    return row
      ? {
          id: row.id,
          email: row.email,
          passwordHash: row.passwordHash,
          mfaEnabled: row.mfaEnabledAt !== null,
          locale: localeSchema.safeParse(row.locale).data ?? null,
        }
      : null;
  }

  async findCredentialsById(userId: string): Promise<UserCredentials | null> {
    const row = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, passwordHash: true, mfaEnabledAt: true },
    });
    return row
      ? {
          id: row.id,
          email: row.email,
          passwordHash: row.passwordHash,
          mfaEnabled: row.mfaEnabledAt !== null,
        }
      : null;
  }

  /** The user and their memberships (accounts by name), or null when the user no longer exists. */
  async findMe(userId: string): Promise<Me | null> {
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        name: true,
        mfaEnabledAt: true,
        platformAdmin: true,
        lastAccountId: true,
        locale: true,
        memberships: {
          select: { role: true, account: { select: { id: true, name: true, mfaRequired: true } } },
          orderBy: { account: { name: 'asc' } },
        },
      },
    });
    if (!user) return null;
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        mfaEnabled: user.mfaEnabledAt !== null,
        locale: localeSchema.safeParse(user.locale).data ?? null,
      },
      memberships: user.memberships.map((m) => ({
        accountId: m.account.id,
        accountName: m.account.name,
        role: roleSchema.parse(m.role),
        mfaRequired: m.account.mfaRequired,
      })),
      platformAdmin: user.platformAdmin,
      lastAccountId: user.lastAccountId,
    };
  }

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

  async findMfa(userId: string): Promise<StoredMfa | null> {
    const row = await this.prisma.user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        passwordHash: true,
        mfaSecret: true,
        mfaPendingSecret: true,
        mfaEnabledAt: true,
        mfaLastTimeStep: true,
      },
    });
    return row
      ? {
          email: row.email,
          passwordHash: row.passwordHash,
          secret: row.mfaSecret,
          pendingSecret: row.mfaPendingSecret,
          enabledAt: row.mfaEnabledAt,
          lastTimeStep: row.mfaLastTimeStep,
        }
      : null;
  }

  async countUnusedRecoveryCodes(userId: string): Promise<number> {
    return this.prisma.mfaRecoveryCode.count({ where: { userId, usedAt: null } });
  }

  async setPendingSecret(userId: string, sealed: string): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { mfaPendingSecret: sealed } });
  }

  /**
   * Turns two-factor on: the pending secret becomes the secret, `timeStep` is recorded as used, and the recovery
   * codes replace any earlier ones, in one transaction. Returns false when the pending secret changed meanwhile.
   */
  async enableMfa(
    userId: string,
    pendingSealed: string,
    timeStep: number,
    recoveryCodeHashes: readonly string[],
    now: Date,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.user.updateMany({
        where: { id: userId, mfaPendingSecret: pendingSealed },
        data: {
          mfaSecret: pendingSealed,
          mfaPendingSecret: null,
          mfaEnabledAt: now,
          mfaLastTimeStep: timeStep,
        },
      });
      if (updated.count !== 1) return false;
      await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
      await tx.mfaRecoveryCode.createMany({
        data: recoveryCodeHashes.map((codeHash) => ({ userId, codeHash })),
      });
      return true;
    });
  }

  /** Turns two-factor off and deletes the recovery codes, in one transaction. */
  async disableMfa(userId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({
        where: { id: userId },
        data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastTimeStep: null },
      });
      await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    });
  }

  /**
   * Records `timeStep` as the user's last used TOTP step unless it is not newer than the last one (atomic, so two
   * concurrent uses of one code cannot both pass). @returns false for a replayed step
   */
  async consumeTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const updated = await this.prisma.user.updateMany({
      where: { id: userId, OR: [{ mfaLastTimeStep: null }, { mfaLastTimeStep: { lt: timeStep } }] },
      data: { mfaLastTimeStep: timeStep },
    });
    return updated.count === 1;
  }

  async listUnusedRecoveryCodes(userId: string): Promise<{ id: string; codeHash: string }[]> {
    return this.prisma.mfaRecoveryCode.findMany({
      where: { userId, usedAt: null },
      select: { id: true, codeHash: true },
    });
  }

  /** Marks a recovery code used. @returns false when it was used meanwhile */
  async useRecoveryCode(id: string, now: Date): Promise<boolean> {
    const updated = await this.prisma.mfaRecoveryCode.updateMany({
      where: { id, usedAt: null },
      data: { usedAt: now },
    });
    return updated.count === 1;
  }

  async updatePassword(userId: string, passwordHash: string, now: Date): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
  }

  async createResetToken(data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.prisma.passwordResetToken.create({ data });
  }

  /** The email of the user of an unused, unexpired reset token, or null. */
  async findResetTokenOwner(tokenHash: string, now: Date): Promise<{ userId: string; email: string } | null> {
    const row = await this.prisma.passwordResetToken.findFirst({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      select: { userId: true, user: { select: { email: true } } },
    });
    return row ? { userId: row.userId, email: row.user.email } : null;
  }

  /**
   * Uses a reset token and sets the new password in one transaction: the token must be unused and unexpired, and
   * every other unused token of the user is spent too. @returns the user id, or null when the token is not usable
   */
  async resetPassword(tokenHash: string, passwordHash: string, now: Date): Promise<string | null> {
    return this.prisma.$transaction(async (tx) => {
      const token = await tx.passwordResetToken.findUnique({
        where: { tokenHash },
        select: { id: true, userId: true },
      });
      if (!token) return null;
      const used = await tx.passwordResetToken.updateMany({
        where: { id: token.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count !== 1) return null;
      await tx.passwordResetToken.updateMany({
        where: { userId: token.userId, usedAt: null },
        data: { usedAt: now },
      });
      await tx.user.update({ where: { id: token.userId }, data: { passwordHash, passwordChangedAt: now } });
      return token.userId;
    });
  }

  async findAccountMfaRequired(accountId: string): Promise<boolean> {
    const row = await this.prisma.account.findUnique({
      where: { id: accountId },
      select: { mfaRequired: true },
    });
    return row?.mfaRequired ?? false;
  }

  async setAccountMfaRequired(accountId: string, mfaRequired: boolean): Promise<void> {
    await this.prisma.account.update({ where: { id: accountId }, data: { mfaRequired } });
  }
}
