import { Injectable } from '@nestjs/common';
import { roleSchema, type Me } from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';

/** A user row as the login needs it. */
export interface UserCredentials {
  id: string;
  email: string;
  passwordHash: string;
}

/** A stored refresh token. */
export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/** Users and refresh tokens (the only auth-module file touching Prisma). */
@Injectable()
export class AuthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** @param email lower-cased */
  async findCredentials(email: string): Promise<UserCredentials | null> {
    return this.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, passwordHash: true } });
  }

  /** The user and their memberships (accounts by name), or null when the user no longer exists. */
  async findMe(userId: string): Promise<Me | null> {
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        name: true,
        platformAdmin: true,
        lastAccountId: true,
        memberships: { select: { role: true, account: { select: { id: true, name: true } } }, orderBy: { account: { name: 'asc' } } },
      },
    });
    if (!user) return null;
    return {
      user: { id: user.id, email: user.email, name: user.name },
      memberships: user.memberships.map((m) => ({ accountId: m.account.id, accountName: m.account.name, role: roleSchema.parse(m.role) })),
      platformAdmin: user.platformAdmin,
      lastAccountId: user.lastAccountId,
    };
  }

  async createRefreshToken(data: {
    userId: string;
    familyId: string;
    tokenHash: string;
    expiresAt: Date;
    userAgent: string | null;
    ip: string | null;
  }): Promise<void> {
    await this.prisma.refreshToken.create({ data });
  }

  async findRefreshToken(tokenHash: string): Promise<StoredRefreshToken | null> {
    return this.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: { id: true, userId: true, familyId: true, expiresAt: true, rotatedAt: true, revokedAt: true },
    });
  }

  /**
   * Marks `current` rotated and stores its successor, atomically. Returns false when `current` was rotated or
   * revoked meanwhile (a concurrent use), in which case nothing is written.
   */
  async rotate(
    currentId: string,
    next: { userId: string; familyId: string; tokenHash: string; expiresAt: Date; userAgent: string | null; ip: string | null },
    now: Date,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.refreshToken.updateMany({
        where: { id: currentId, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: now },
      });
      if (updated.count !== 1) return false;
      await tx.refreshToken.create({ data: next });
      return true;
    });
  }

  /** Revokes every live token of a family; returns how many. */
  async revokeFamily(familyId: string, now: Date): Promise<number> {
    const result = await this.prisma.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
    return result.count;
  }
}
