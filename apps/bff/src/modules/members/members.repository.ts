import { Injectable } from '@nestjs/common';
import { roleSchema, type Invite, type Locale, type Member, type Role } from '@portico/domain';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';

type Tx = Prisma.TransactionClient;

/** A stored invite as the service needs it (the hash never leaves the service). */
export interface StoredInvite {
  id: string;
  accountId: string;
  accountName: string;
  email: string;
  role: Role;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** Longest time a member-management transaction may hold its account lock (it may send one email), ms. */
const TRANSACTION_TIMEOUT_MS = 15_000;

const INVITE_SELECT = {
  id: true,
  accountId: true,
  email: true,
  role: true,
  tokenHash: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  account: { select: { name: true } },
  invitedBy: { select: { name: true } },
} as const;

type InviteRow = Prisma.InviteGetPayload<{ select: typeof INVITE_SELECT }>;

function toStoredInvite(row: InviteRow): StoredInvite {
  return {
    id: row.id,
    accountId: row.accountId,
    accountName: row.account.name,
    email: row.email,
    role: roleSchema.parse(row.role),
    tokenHash: row.tokenHash,
    invitedBy: row.invitedBy?.name ?? null,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
  };
}

/** The invite as listed to managers. */
export function toInvite(invite: StoredInvite, now: Date): Invite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    invitedBy: invite.invitedBy,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    expired: invite.expiresAt.getTime() <= now.getTime(),
  };
}

/**
 * Reads and writes of one member-management change, all inside one transaction that holds a row lock on the
 * account (`SELECT ... FOR UPDATE`), so concurrent changes of one account's members run one after the other (two
 * owners demoting each other at once cannot leave the account without an owner).
 */
export class MembersTransaction {
  constructor(
    private readonly tx: Tx,
    readonly accountId: string,
  ) {}

  async findMember(userId: string): Promise<Member | null> {
    const row = await this.tx.membership.findUnique({
      where: { userId_accountId: { userId, accountId: this.accountId } },
      select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    });
    return row
      ? {
          userId: row.user.id,
          email: row.user.email,
          name: row.user.name,
          role: roleSchema.parse(row.role),
          joinedAt: row.createdAt.toISOString(),
        }
      : null;
  }

  async isMemberByEmail(email: string): Promise<boolean> {
    const count = await this.tx.membership.count({ where: { accountId: this.accountId, user: { email } } });
    return count > 0;
  }

  async countOwners(): Promise<number> {
    return this.tx.membership.count({ where: { accountId: this.accountId, role: 'owner' } });
  }

  async setRole(userId: string, role: Role): Promise<void> {
    await this.tx.membership.update({
      where: { userId_accountId: { userId, accountId: this.accountId } },
      data: { role },
    });
  }

  async removeMember(userId: string): Promise<void> {
    await this.tx.membership.delete({ where: { userId_accountId: { userId, accountId: this.accountId } } });
    await this.tx.user.updateMany({
      where: { id: userId, lastAccountId: this.accountId },
      data: { lastAccountId: null },
    });
  }

  /** Open (not accepted, not revoked) invites of `email` in this account. */
  async findOpenInvites(email: string): Promise<StoredInvite[]> {
    const rows = await this.tx.invite.findMany({
      where: { accountId: this.accountId, email, acceptedAt: null, revokedAt: null },
      select: INVITE_SELECT,
    });
    return rows.map(toStoredInvite);
  }

  async findOpenInvite(inviteId: string): Promise<StoredInvite | null> {
    const row = await this.tx.invite.findFirst({
      where: { id: inviteId, accountId: this.accountId, acceptedAt: null, revokedAt: null },
      select: INVITE_SELECT,
    });
    return row ? toStoredInvite(row) : null;
  }

  async createInvite(data: {
    id: string;
    email: string;
    role: Role;
    tokenHash: string;
    invitedByUserId: string;
    createdAt: Date;
    expiresAt: Date;
  }): Promise<StoredInvite> {
    const row = await this.tx.invite.create({
      data: { ...data, accountId: this.accountId },
      select: INVITE_SELECT,
    });
    return toStoredInvite(row);
  }

  /** Replaces the invite's secret hash and expiry (the previous link stops working). */
  async renewInvite(
    inviteId: string,
    data: { tokenHash: string; invitedByUserId: string; expiresAt: Date },
  ): Promise<StoredInvite> {
    const row = await this.tx.invite.update({ where: { id: inviteId }, data, select: INVITE_SELECT });
    return toStoredInvite(row);
  }

  async revokeInvites(inviteIds: string[], now: Date): Promise<void> {
    await this.tx.invite.updateMany({
      where: { id: { in: inviteIds }, accountId: this.accountId, revokedAt: null, acceptedAt: null },
      data: { revokedAt: now },
    });
  }
}

/** The outcome of accepting an invite inside its transaction. */
export type AcceptOutcome =
  | { kind: 'accepted'; userId: string; userCreated: boolean }
  | { kind: 'already_member' }
  | { kind: 'already_used' };

/** Members, invites and the last used account (the only members-module file touching Prisma). */
@Injectable()
export class MembersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Members of the account by name, and its open invites newest first. */
  async list(accountId: string): Promise<{ members: Member[]; invites: StoredInvite[] }> {
    const [memberships, invites] = await Promise.all([
      this.prisma.membership.findMany({
        where: { accountId },
        select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
        orderBy: [{ user: { name: 'asc' } }, { user: { email: 'asc' } }],
      }),
      this.prisma.invite.findMany({
        where: { accountId, acceptedAt: null, revokedAt: null },
        select: INVITE_SELECT,
        orderBy: { createdAt: 'desc' },
      }),
    ]);
    return {
      members: memberships.map((m) => ({
        userId: m.user.id,
        email: m.user.email,
        name: m.user.name,
        role: roleSchema.parse(m.role),
        joinedAt: m.createdAt.toISOString(),
      })),
      invites: invites.map(toStoredInvite),
    };
  }

  /** Runs `fn` in one transaction holding the account's row lock (see {@link MembersTransaction}). */
  async inAccountTransaction<T>(accountId: string, fn: (tx: MembersTransaction) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
        return fn(new MembersTransaction(tx, accountId));
      },
      { timeout: TRANSACTION_TIMEOUT_MS },
    );
  }

  /** An invite by id, whatever its state (for the acceptance page and acceptance). */
  async findInvite(inviteId: string): Promise<StoredInvite | null> {
    const row = await this.prisma.invite.findUnique({ where: { id: inviteId }, select: INVITE_SELECT });
    return row ? toStoredInvite(row) : null;
  }

  /**
   * The saved language of the user with `email`, or else of the user `fallbackUserId` (null: neither saved one); the
   * invite mail's language.
   */
  async findUserLocale(email: string, fallbackUserId?: string): Promise<Locale | null> {
    const rows = await this.prisma.user.findMany({
      where: { OR: [{ email }, ...(fallbackUserId ? [{ id: fallbackUserId }] : [])] },
      select: { email: true, locale: true },
    });
    const localeOf = (row: { locale: string | null } | undefined): Locale | null =>
      row?.locale === 'en' || row?.locale === 'de' ? row.locale : null;
    return localeOf(rows.find((r) => r.email === email)) ?? localeOf(rows.find((r) => r.email !== email));
  }

  /** The id of the user with this (lower-cased) email, or null. */
  async findUserIdByEmail(email: string): Promise<string | null> {
    const row = await this.prisma.user.findUnique({ where: { email }, select: { id: true } });
    return row?.id ?? null;
  }

  /**
   * Accepts an invite atomically: marks it accepted (only if still open and unexpired at `now`), creates the user
   * when `newUser` is given, and adds the membership.
   */
  async accept(
    invite: StoredInvite,
    who: { userId: string } | { newUser: { id: string; name: string; passwordHash: string } },
    now: Date,
  ): Promise<AcceptOutcome> {
    return this.prisma
      .$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${invite.accountId}::uuid FOR UPDATE`;
        const marked = await tx.invite.updateMany({
          where: {
            id: invite.id,
            tokenHash: invite.tokenHash,
            acceptedAt: null,
            revokedAt: null,
            expiresAt: { gt: now },
          },
          data: { acceptedAt: now },
        });
        if (marked.count !== 1) return { kind: 'already_used' } as const;
        let userId: string;
        let userCreated = false;
        if ('newUser' in who) {
          const existing = await tx.user.findUnique({ where: { email: invite.email }, select: { id: true } });
          if (existing) return { kind: 'already_used' } as const;
          await tx.user.create({
            data: {
              id: who.newUser.id,
              email: invite.email,
              name: who.newUser.name,
              passwordHash: who.newUser.passwordHash,
            },
          });
          userId = who.newUser.id;
          userCreated = true;
        } else {
          userId = who.userId;
          const member = await tx.membership.findUnique({
            where: { userId_accountId: { userId, accountId: invite.accountId } },
            select: { id: true },
          });
          if (member) throw new AlreadyMemberSignal();
        }
        await tx.membership.create({ data: { userId, accountId: invite.accountId, role: invite.role } });
        return { kind: 'accepted', userId, userCreated } as const;
      })
      .catch((err: unknown) => {
        if (err instanceof AlreadyMemberSignal) return { kind: 'already_member' } as const;
        throw err;
      });
  }

  /** The signed-in user's email (lower-cased), or null when the user no longer exists. */
  async findUserEmail(userId: string): Promise<string | null> {
    const row = await this.prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
    return row?.email ?? null;
  }

  /** Remembers the account the user opened last. */
  async setLastAccount(userId: string, accountId: string): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { lastAccountId: accountId } });
  }

  /** Keeps the language the user chose (`en` | `de`). */
  async setLocale(userId: string, locale: Locale): Promise<void> {
    await this.prisma.user.update({ where: { id: userId }, data: { locale } });
  }
}

/** Thrown inside the acceptance transaction to roll it back when the user already is a member. */
class AlreadyMemberSignal extends Error {}
