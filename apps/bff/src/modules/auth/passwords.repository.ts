import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** Password changes and the single-use password reset tokens. */
@Injectable()
export class PasswordsRepository {
  constructor(private readonly prisma: PrismaService) {}

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
}
