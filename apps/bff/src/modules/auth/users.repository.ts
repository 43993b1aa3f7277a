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

/** The columns of a user that {@link UserCredentials} holds. */
const CREDENTIALS = { id: true, email: true, passwordHash: true, mfaEnabledAt: true, locale: true } as const;

/** A user row's {@link UserCredentials} (an unknown saved language reads as none). */
function credentialsOf(
  row: {
    id: string;
    email: string;
    passwordHash: string;
    mfaEnabledAt: Date | null;
    locale: string | null;
  } | null,
): UserCredentials | null {
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

/**
 * The users as sign-in and the password flows read them: credentials by email or id, and the signed-in user with
 * their memberships.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** @param email lower-cased */
  async findCredentials(email: string): Promise<UserCredentials | null> {
    return credentialsOf(await this.prisma.user.findUnique({ where: { email }, select: CREDENTIALS }));
  }

  async findCredentialsById(userId: string): Promise<UserCredentials | null> {
    return credentialsOf(await this.prisma.user.findUnique({ where: { id: userId }, select: CREDENTIALS }));
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
