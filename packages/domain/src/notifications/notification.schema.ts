import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { localeSchema } from '../auth/auth.schema';
import { pageQuerySchema } from '../common/pagination.schema';
import type { Permission } from '../users/permissions';

/**
 * Kinds of notification. Each is stored per account and shown to the members whose role holds
 * {@link NOTIFICATION_KIND_PERMISSION}; a new kind is one entry here and one there (plus a label in the portal).
 */
export const notificationKindSchema = z.enum([
  'invoice_overdue',
  'payment_failed',
  'card_expiring',
  'domain_expiring',
  'usage_alert',
]);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** The permission a member needs to see (and be emailed) a notification of each kind. */
export const NOTIFICATION_KIND_PERMISSION: Readonly<Record<NotificationKind, Permission>> = {
  invoice_overdue: 'billing:read',
  payment_failed: 'billing:read',
  card_expiring: 'billing:read',
  domain_expiring: 'subscriptions:read',
  usage_alert: 'usage:read',
};

/** Kinds a role with `permissions` may see. */
export function notificationKindsFor(permissions: readonly Permission[]): NotificationKind[] {
  return notificationKindSchema.options.filter((k) => permissions.includes(NOTIFICATION_KIND_PERMISSION[k]));
}

/** One notification as a member sees it: `readAt` is that member's own read time (null while unread). */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string(),
  /** Portal path inside the account it links to, e.g. `billing/1007` (no leading slash, no account id). */
  link: z.string(),
  createdAt: isoTimestampSchema,
  readAt: isoTimestampSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

/**
 * `GET .../notifications` query: `unread=true` lists only unread ones; newest first. `locale` is the language the
 * titles and bodies are written in (the portal's page language; default `en`).
 */
export const notificationListQuerySchema = pageQuerySchema.extend({
  unread: z.preprocess((v) => (v === undefined || v === '' ? undefined : v), z.stringbool().optional()),
  locale: localeSchema.optional(),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

/** `GET .../notifications` response: a page (newest first) and the member's unread count over all pages. */
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  unreadCount: z.number().int().min(0),
  page: z.object({
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().min(0),
  }),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/** A member's choice for one kind: also send an email (on by default). */
export const notificationPreferenceSchema = z.object({ kind: notificationKindSchema, email: z.boolean() });
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

/** `GET`/`PUT .../notifications/preferences`: one entry per kind the member may see (PUT may send a subset). */
export const notificationPreferencesSchema = z.object({
  items: z
    .array(notificationPreferenceSchema)
    .max(notificationKindSchema.options.length)
    .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, {
      message: 'each kind at most once',
    }),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
