import { Injectable } from '@nestjs/common';
import {
  localeSchema,
  notificationKindSchema,
  roleSchema,
  type Locale,
  type Notification,
  type NotificationKind,
  type Role,
} from '@portico/domain';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { NotificationMessage } from './notification-content';

/** A notification to store. */
export interface NewNotification {
  kind: NotificationKind;
  /** Same key, same notification: stored once per account (e.g. `invoice_overdue:1007`). */
  dedupKey: string;
  title: string;
  body: string;
  link: string;
  /** What it says as data, when it has a catalogue text: its emails are then written in each recipient's language. */
  message?: NotificationMessage;
}

/** A member who may be emailed a notification. */
export interface NotificationRecipient {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** The member's email choice for the kind (null: never chosen, the default applies). */
  emailChoice: boolean | null;
  /** The member's saved language (null: none saved, the emails are in English). */
  locale: Locale | null;
}

/** Notifications, read marks and email choices (`notifications`, `notification_reads`, `notification_preferences`). */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores the notification unless the account has one with the same `dedupKey`; returns its id, or null. */
  async insertOnce(accountId: string, n: NewNotification): Promise<{ id: string; createdAt: Date } | null> {
    const rows = await this.prisma.notification.createManyAndReturn({
      data: [
        {
          accountId,
          kind: n.kind,
          dedupKey: n.dedupKey,
          title: n.title,
          body: n.body,
          link: n.link,
          message: n.message ?? Prisma.DbNull,
        },
      ],
      skipDuplicates: true,
      select: { id: true, createdAt: true },
    });
    return rows[0] ?? null;
  }

  /**
   * One page of the account's notifications of `kinds`, newest first, with `userId`'s read marks and each one's stored
   * message (unparsed JSON, null when none was kept).
   */
  async page(
    accountId: string,
    userId: string,
    kinds: readonly NotificationKind[],
    options: { unreadOnly: boolean; page: number; pageSize: number },
  ): Promise<{ items: (Notification & { message: unknown })[]; total: number; unread: number }> {
    const base = { accountId, kind: { in: [...kinds] } };
    const unreadWhere = { ...base, reads: { none: { userId } } };
    const where = options.unreadOnly ? unreadWhere : base;
    const [rows, total, unread] = await Promise.all([
      this.prisma.notification.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (options.page - 1) * options.pageSize,
        take: options.pageSize,
        select: {
          id: true,
          kind: true,
          title: true,
          body: true,
          link: true,
          message: true,
          createdAt: true,
          reads: { where: { userId }, select: { readAt: true } },
        },
      }),
      this.prisma.notification.count({ where }),
      this.prisma.notification.count({ where: unreadWhere }),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: notificationKindSchema.parse(r.kind),
        title: r.title,
        body: r.body,
        link: r.link,
        createdAt: r.createdAt.toISOString(),
        readAt: r.reads[0]?.readAt.toISOString() ?? null,
        message: r.message,
      })),
      total,
      unread,
    };
  }

  /** Marks one notification (of `kinds`) read for the user; false when the account has no such notification. */
  async markRead(
    accountId: string,
    userId: string,
    notificationId: string,
    kinds: readonly NotificationKind[],
  ): Promise<boolean> {
    const found = await this.prisma.notification.findFirst({
      where: { id: notificationId, accountId, kind: { in: [...kinds] } },
      select: { id: true },
    });
    if (!found) return false;
    await this.prisma.notificationRead.createMany({
      data: [{ notificationId, userId, accountId }],
      skipDuplicates: true,
    });
    return true;
  }

  /** Marks every unread notification of `kinds` read for the user; returns how many. */
  async markAllRead(accountId: string, userId: string, kinds: readonly NotificationKind[]): Promise<number> {
    const unread = await this.prisma.notification.findMany({
      where: { accountId, kind: { in: [...kinds] }, reads: { none: { userId } } },
      select: { id: true },
    });
    if (unread.length === 0) return 0;
    const { count } = await this.prisma.notificationRead.createMany({
      data: unread.map((n) => ({ notificationId: n.id, userId, accountId })),
      skipDuplicates: true,
    });
    return count;
  }

  /** The user's stored email choices in the account (kinds without a row are absent). */
  async preferences(accountId: string, userId: string): Promise<Map<NotificationKind, boolean>> {
    const rows = await this.prisma.notificationPreference.findMany({
      where: { accountId, userId },
      select: { kind: true, email: true },
    });
    return new Map(rows.map((r) => [notificationKindSchema.parse(r.kind), r.email]));
  }

  /** Stores email choices of the user in the account. */
  async savePreferences(
    accountId: string,
    userId: string,
    items: ReadonlyArray<{ kind: NotificationKind; email: boolean }>,
  ): Promise<void> {
    await this.prisma.$transaction(
      items.map((i) =>
        this.prisma.notificationPreference.upsert({
          where: { accountId_userId_kind: { accountId, userId, kind: i.kind } },
          create: { accountId, userId, kind: i.kind, email: i.email },
          update: { email: i.email, updatedAt: new Date() },
        }),
      ),
    );
  }

  /** A stored notification with its account's name (for its email). */
  async find(notificationId: string): Promise<{
    accountId: string;
    accountName: string;
    kind: NotificationKind;
    title: string;
    body: string;
    link: string;
  } | null> {
    const row = await this.prisma.notification.findUnique({
      where: { id: notificationId },
      select: {
        accountId: true,
        kind: true,
        title: true,
        body: true,
        link: true,
        account: { select: { name: true } },
      },
    });
    return row === null
      ? null
      : { ...row, kind: notificationKindSchema.parse(row.kind), accountName: row.account.name };
  }

  /** The account's members with their role and email choice for `kind`. */
  async recipients(accountId: string, kind: NotificationKind): Promise<NotificationRecipient[]> {
    const members = await this.prisma.membership.findMany({
      where: { accountId },
      select: {
        role: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            locale: true,
            notificationPreferences: { where: { accountId, kind }, select: { email: true } },
          },
        },
      },
    });
    return members.map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: roleSchema.parse(m.role),
      emailChoice: m.user.notificationPreferences[0]?.email ?? null,
      locale: localeSchema.safeParse(m.user.locale).data ?? null,
    }));
  }
}
