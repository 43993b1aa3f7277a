import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** A user's two-factor state (secrets sealed, see SecretBox). */
export interface StoredMfa {
  email: string;
  passwordHash: string;
  secret: string | null;
  pendingSecret: string | null;
  enabledAt: Date | null;
  lastTimeStep: number | null;
}

/** A user's two-factor state: the sealed secret, the last used time step and the recovery codes. */
@Injectable()
export class MfaRepository {
  constructor(private readonly prisma: PrismaService) {}

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
}
