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

/** The users as sign-in and the password flows read them: credentials by email or id, and the signed-in user with their memberships. */
@Injectable()
export class UsersRepository {
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
}
