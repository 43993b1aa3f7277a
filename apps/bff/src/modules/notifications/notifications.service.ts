import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  NOTIFICATION_KIND_PERMISSION,
  notificationKindSchema,
  notificationKindsFor,
  permissionsOf,
  roleHasPermission,
  type NotificationKind,
  type NotificationList,
  type NotificationListQuery,
  type NotificationPreferences,
  type Role,
} from '@portico/domain';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { EventBus } from '../../core/events/event-bus.port';
import { AppException } from '../../core/http/app.exception';
import { MailPort } from '../../core/mail/mail.port';
import { DbContext } from '../../core/prisma/db-context';
import { JobQueue } from '../../core/queue/job-queue.port';
import {
  notificationMessageSchema,
  notificationText,
  type NotificationMessage,
} from './notification-content';
import { notificationMail } from './notification.mail';
import { NotificationsRepository, type NewNotification } from './notifications.repository';

/** Job name of a notification's emails. */
export const NOTIFICATION_EMAIL_JOB = 'notification-email';

/** Data of a `notification-email` job: the notification, and what it says as data (to write it in any language). */
export interface NotificationEmailJob {
  notificationId: string;
  message?: NotificationMessage;
}

/** Email choice of a member who never chose (per kind). */
export const DEFAULT_EMAIL_CHOICE = true;

/**
 * Notifications of an account: stored once per `dedupKey`, read state per member, email per member's choice.
 *
 * Producers call {@link notify} (webhooks, reconciliation; a usage alert is `notify(accountId, { kind:
 * 'usage_alert', dedupKey, title, body, link: 'usage' })`). Each new notification is published as
 * `notification_created` to the account's room and its emails are queued (job `notification-email`, retried), sent
 * to the members whose role may see the kind and who did not turn its email off.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly events: EventBus,
    private readonly queue: JobQueue,
    private readonly mail: MailPort,
    @Inject(ENV) private readonly env: Env,
  ) {}

  onModuleInit(): void {
    // With JOB_WORKER=off the worker process (dist/worker.js) sends the emails.
    if (this.env.JOB_WORKER !== 'inline') return;
    this.queue.process<NotificationEmailJob>(
      NOTIFICATION_EMAIL_JOB,
      (job) => this.sendEmails(job.notificationId, job.message),
      2,
    );
  }

  /**
   * Stores a notification for the account unless one with the same `dedupKey` exists, then tells the account's
   * sessions (`notification_created`) and queues its emails. Runs on no one's behalf (system scope).
   * @returns the new notification's id, or null when it was already there
   */
  async notify(
    accountId: string,
    notification: NewNotification,
    options: { email?: boolean } = {},
  ): Promise<string | null> {
    const created = await DbContext.runAsSystem('notifications', () =>
      this.repository.insertOnce(accountId, notification),
    );
    if (created === null) return null;
    this.logger.log(
      { accountId, kind: notification.kind, notificationId: created.id },
      'notification created',
    );
    await this.events.publish({
      id: randomUUID(),
      type: 'notification_created',
      accountId,
      occurredAt: created.createdAt.toISOString(),
      payload: { notificationId: created.id, kind: notification.kind },
    });
    if (options.email !== false) {
      await this.queue.enqueue(
        NOTIFICATION_EMAIL_JOB,
        {
          notificationId: created.id,
          ...(notification.message ? { message: notification.message } : {}),
        } satisfies NotificationEmailJob,
        { jobId: `notification-email-${created.id}`, attempts: 5 },
      );
    }
    return created.id;
  }

  /**
   * One page of the member's notifications (kinds the role may see), with the unread count; titles and bodies in
   * `query.locale` (English by default).
   */
  async list(
    accountId: string,
    userId: string,
    role: Role,
    query: NotificationListQuery,
  ): Promise<NotificationList> {
    const kinds = notificationKindsFor(permissionsOf(role));
    const { items, total, unread } = await this.repository.page(accountId, userId, kinds, {
      unreadOnly: query.unread === true,
      page: query.page,
      pageSize: query.pageSize,
    });
    const locale = query.locale ?? 'en';
    return {
      // Written in the reader's language from the stored message; the stored English text when there is none.
      items: items.map(({ message, ...item }) => {
        const parsed = message === null ? null : notificationMessageSchema.safeParse(message);
        return parsed?.success ? { ...item, ...notificationText(parsed.data, locale) } : item;
      }),
      unreadCount: unread,
      page: { page: query.page, pageSize: query.pageSize, total },
    };
  }

  /**
   * Marks one notification read for the member.
   * @throws AppException 404 when the account has no such notification the role may see
   */
  async markRead(accountId: string, userId: string, role: Role, notificationId: string): Promise<void> {
    const ok =
      /^[0-9a-f-]{36}$/i.test(notificationId) &&
      (await this.repository.markRead(
        accountId,
        userId,
        notificationId,
        notificationKindsFor(permissionsOf(role)),
      ));
    if (!ok) throw AppException.notFound('Notification not found');
  }

  /** Marks every notification the member may see read. */
  async markAllRead(accountId: string, userId: string, role: Role): Promise<void> {
    await this.repository.markAllRead(accountId, userId, notificationKindsFor(permissionsOf(role)));
  }

  /** The member's email choice for each kind the role may see (default on). */
  async preferences(accountId: string, userId: string, role: Role): Promise<NotificationPreferences> {
    const stored = await this.repository.preferences(accountId, userId);
    return {
      items: notificationKindsFor(permissionsOf(role)).map((kind) => ({
        kind,
        email: stored.get(kind) ?? DEFAULT_EMAIL_CHOICE,
      })),
    };
  }

  /**
   * Stores the member's email choices.
   * @throws AppException 400 for a kind the role may not see
   */
  async savePreferences(
    accountId: string,
    userId: string,
    role: Role,
    input: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    const allowed = new Set(notificationKindsFor(permissionsOf(role)));
    const refused = input.items.filter((i) => !allowed.has(i.kind));
    if (refused.length > 0) {
      throw new AppException(
        'validation_failed',
        'Your role does not receive these notifications',
        refused.map((i) => ({ path: 'body.items', message: `not available: ${i.kind}` })),
      );
    }
    await this.repository.savePreferences(accountId, userId, input.items);
    return this.preferences(accountId, userId, role);
  }

  /**
   * Sends a notification's emails, each in its recipient's saved language when the notification's `message` is known
   * (else its stored English text). The queue retries on failure; a member already mailed may be mailed again.
   */
  private async sendEmails(notificationId: string, message?: NotificationMessage): Promise<void> {
    await DbContext.runAsSystem('notification-email', async () => {
      const n = await this.repository.find(notificationId);
      if (n === null) return;
      const kind: NotificationKind = notificationKindSchema.parse(n.kind);
      const recipients = (await this.repository.recipients(n.accountId, kind)).filter(
        (r) =>
          roleHasPermission(r.role, NOTIFICATION_KIND_PERMISSION[kind]) &&
          (r.emailChoice ?? DEFAULT_EMAIL_CHOICE),
      );
      const link = `${this.env.PORTAL_ORIGIN.replace(/\/+$/, '')}/${encodeURIComponent(n.accountId)}/${n.link}`;
      const settings = `${this.env.PORTAL_ORIGIN.replace(/\/+$/, '')}/${encodeURIComponent(n.accountId)}/settings`;
      for (const r of recipients) {
        const { title, body } = message ? notificationText(message, r.locale) : n;
        await this.mail.send({
          to: r.email,
          ...notificationMail({
            accountName: n.accountName,
            title,
            body,
            link,
            settings,
            kind,
            locale: r.locale,
          }),
        });
      }
      this.logger.log({ notificationId, recipients: recipients.length }, 'notification emails sent');
    });
  }
}
