import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../../core/prisma/prisma.service';

/** A user found for a provider sign-in. */
export interface OidcUser {
  id: string;
  mfaEnabled: boolean;
}

/**
 * Links between users and provider identities (`user_identities`), and just-in-time users. Call inside the system
 * scope (`DbContext.runAsSystem`): the table is the sign-in's alone.
 */
@Injectable()
export class OidcRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The user linked to `issuer` + `subject`, or null. */
  async findLinkedUser(issuer: string, subject: string): Promise<OidcUser | null> {
    const row = await this.prisma.userIdentity.findUnique({
      where: { issuer_subject: { issuer, subject } },
      select: { user: { select: { id: true, mfaEnabledAt: true } } },
    });
    return row ? { id: row.user.id, mfaEnabled: row.user.mfaEnabledAt !== null } : null;
  }

  /** The user with this (lower-cased) email, or null. */
  async findUserByEmail(email: string): Promise<OidcUser | null> {
    const row = await this.prisma.user.findUnique({
      where: { email },
      select: { id: true, mfaEnabledAt: true },
    });
    return row ? { id: row.id, mfaEnabled: row.mfaEnabledAt !== null } : null;
  }

  /** Whether `userId` is already linked to another subject of `issuer` (one identity per user and provider). */
  async hasOtherIdentity(userId: string, issuer: string, subject: string): Promise<boolean> {
    const row = await this.prisma.userIdentity.findUnique({
      where: { userId_issuer: { userId, issuer } },
      select: { subject: true },
    });
    return row !== null && row.subject !== subject;
  }

  /** Links `userId` to `issuer` + `subject` (idempotent) and stamps the sign-in time. */
  async link(userId: string, issuer: string, subject: string, now: Date): Promise<void> {
    await this.prisma.userIdentity.upsert({
      where: { issuer_subject: { issuer, subject } },
      create: { userId, issuer, subject, lastLoginAt: now },
      update: { lastLoginAt: now },
    });
  }

  /** Whether `userId` is a member of `accountId`. */
  async isMember(userId: string, accountId: string): Promise<boolean> {
    const row = await this.prisma.membership.findUnique({
      where: { userId_accountId: { userId, accountId } },
      select: { id: true },
    });
    return row !== null;
  }

  /** Makes `userId` a member of `accountId` with `role` (just in time); false when they already were. */
  async addMembership(userId: string, accountId: string, role: string): Promise<boolean> {
    const { count } = await this.prisma.membership.createMany({
      data: [{ userId, accountId, role }],
      skipDuplicates: true,
    });
    return count > 0;
  }

  /** Whether the account exists (the just-in-time target). */
  async accountExists(accountId: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { id: accountId } })) > 0;
  }

  /**
   * Creates a user (with an unusable password: they sign in through the provider or reset it), their membership of
   * `accountId` with `role`, and the identity link, in one transaction.
   */
  async createJitUser(data: {
    email: string;
    name: string;
    passwordHash: string;
    accountId: string;
    role: string;
    issuer: string;
    subject: string;
    now: Date;
  }): Promise<OidcUser> {
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: data.email, name: data.name, passwordHash: data.passwordHash },
        select: { id: true },
      });
      await tx.membership.create({ data: { userId: user.id, accountId: data.accountId, role: data.role } });
      await tx.userIdentity.create({
        data: { userId: user.id, issuer: data.issuer, subject: data.subject, lastLoginAt: data.now },
      });
      return { id: user.id, mfaEnabled: false };
    });
  }
}
