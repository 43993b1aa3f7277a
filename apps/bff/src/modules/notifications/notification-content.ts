import {
  moneySchema,
  usageUnitSchema,
  type Domain,
  type Invoice,
  type Locale,
  type PaymentMethod,
} from '@portico/domain';
import { z } from 'zod';
import { mailTranslator } from '../../core/mail/i18n/mail-translator';
import { formatUsageValue } from '../usage/alerts/usage-alert.mail';
import type { NewNotification } from './notifications.repository';

/**
 * What a notification says, as data: its title and body are rendered from the mail catalogue in any language (under
 * the bell in the reader's page language, each email in its recipient's saved language). Stored with the
 * notification (`notifications.message`) and parsed with this schema when read back.
 */
export const notificationMessageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('invoice_overdue'),
    number: z.string(),
    balance: moneySchema,
    /** `YYYY-MM-DD`. */
    dueOn: z.string().nullable(),
  }),
  z.object({ kind: z.literal('payment_failed'), number: z.string(), balance: moneySchema }),
  z.object({
    kind: z.literal('card_expiring'),
    brand: z.string().nullable(),
    lastFour: z.string().nullable(),
    expired: z.boolean(),
    /** `YYYY-MM`, or null when the billing system does not say. */
    expiryMonth: z.string().nullable(),
    /** `YYYY-MM-DD`. */
    nextChargeOn: z.string(),
  }),
  z.object({
    kind: z.literal('domain_expiring'),
    name: z.string(),
    /** `YYYY-MM-DD`. */
    expiresOn: z.string().nullable(),
    autoRenew: z.boolean(),
  }),
  z.object({
    kind: z.literal('usage_alert'),
    /** The metric's label from the catalog. */
    label: z.string(),
    unit: usageUnitSchema,
    /** The value that fired the alert and the threshold it crossed, in `unit`. */
    value: z.number(),
    threshold: z.number(),
    /** The service the rule watches, or null for the account's total. */
    service: z.string().nullable(),
  }),
]);
export type NotificationMessage = z.infer<typeof notificationMessageSchema>;

/** Title and body of a notification in `locale` (English when none or an unknown one is given). */
export function notificationText(
  message: NotificationMessage,
  locale?: Locale | null,
): { title: string; body: string } {
  const t = mailTranslator(locale);
  switch (message.kind) {
    case 'invoice_overdue':
      return {
        title: t.text('notification.invoiceOverdue.title', { number: message.number }),
        body: t.text('notification.invoiceOverdue.body', {
          amount: t.money(message.balance),
          due: message.dueOn ? t.date(message.dueOn) : t.text('notification.invoiceOverdue.itsDueDate'),
        }),
      };
    case 'payment_failed':
      return {
        title: t.text('notification.paymentFailed.title', { number: message.number }),
        body: t.text('notification.paymentFailed.body', { amount: t.money(message.balance) }),
      };
    case 'card_expiring': {
      const card = t.text('notification.cardExpiring.card', {
        brand: message.brand ?? t.text('notification.cardExpiring.defaultBrand'),
        lastFour: message.lastFour ?? '····',
      });
      return {
        title: message.expired
          ? t.text('notification.cardExpiring.expired', { card })
          : message.expiryMonth
            ? t.text('notification.cardExpiring.expires', { card, month: t.month(message.expiryMonth) })
            : t.text('notification.cardExpiring.expiresSoon', { card }),
        body: t.text('notification.cardExpiring.body', {
          date: t.date(message.nextChargeOn),
          expired: message.expired ? 'yes' : 'no',
        }),
      };
    }
    case 'usage_alert': {
      const value = (v: number): string => formatUsageValue(v, message.unit, locale);
      return {
        title: t.text('notification.usageAlert.title', { label: message.label, value: value(message.value) }),
        body: t.text('notification.usageAlert.body', {
          label: message.label,
          service: message.service ?? 'none',
          threshold: value(message.threshold),
        }),
      };
    }
    case 'domain_expiring':
      return {
        title: message.expiresOn
          ? t.text('notification.domainExpiring.title', {
              name: message.name,
              date: t.date(message.expiresOn),
            })
          : t.text('notification.domainExpiring.titleSoon', { name: message.name }),
        body: t.text(
          message.autoRenew ? 'notification.domainExpiring.autoRenew' : 'notification.domainExpiring.manual',
        ),
      };
  }
}

/** A notification of `message`, its stored title and body in English. */
export function notificationOf(
  message: NotificationMessage,
  dedupKey: string,
  link: string,
): NewNotification & { message: NotificationMessage } {
  return { kind: message.kind, dedupKey, link, message, ...notificationText(message, 'en') };
}

/** An invoice is past its due date and unpaid (once per invoice). Links to the invoice. */
export function invoiceOverdueNotification(invoice: Invoice): NewNotification {
  return notificationOf(
    { kind: 'invoice_overdue', number: invoice.number, balance: invoice.balance, dueOn: invoice.dueOn },
    `invoice_overdue:${invoice.id}`,
    `billing/${invoice.id}`,
  );
}

/** An automatic card payment of an invoice failed (once per capture attempt). Links to the invoice. */
export function paymentFailedNotification(invoice: Invoice): NewNotification {
  return notificationOf(
    { kind: 'payment_failed', number: invoice.number, balance: invoice.balance },
    `payment_failed:${invoice.id}:${invoice.lastCaptureAttemptAt ?? ''}`,
    `billing/${invoice.id}`,
  );
}

/** The default card expires before the next charge (once per card and expiry month). Links to payment methods. */
export function cardExpiringNotification(method: PaymentMethod, nextChargeOn: string): NewNotification {
  return notificationOf(
    {
      kind: 'card_expiring',
      brand: method.cardBrand,
      lastFour: method.lastFour,
      expired: method.expired,
      expiryMonth: method.expiryMonth,
      nextChargeOn,
    },
    `card_expiring:${method.id}:${method.expiryMonth ?? ''}`,
    'billing/payment-methods',
  );
}

/** A domain expires soon without auto-renew, or is past expiry (once per domain and expiry date). Links to domains. */
export function domainExpiringNotification(domain: Domain): NewNotification {
  return notificationOf(
    { kind: 'domain_expiring', name: domain.name, expiresOn: domain.expiresOn, autoRenew: domain.autoRenew },
    `domain_expiring:${domain.id}:${domain.expiresOn ?? ''}`,
    'domains',
  );
}
