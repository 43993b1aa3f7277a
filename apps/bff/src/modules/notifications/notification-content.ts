import {
  minorToDecimal,
  type Domain,
  type Invoice,
  type NotificationKind,
  type PaymentMethod,
} from '@portico/domain';
import type { NewNotification } from './notifications.repository';

/** Plain-words name of each kind (emails and the preferences page). */
export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  invoice_overdue: 'Overdue invoices',
  payment_failed: 'Failed payments',
  card_expiring: 'Expiring cards',
  domain_expiring: 'Expiring domains',
  usage_alert: 'Usage alerts',
};

const money = (m: { amountMinor: number; currency: string }) =>
  `${minorToDecimal(m.amountMinor, m.currency)} ${m.currency}`;

/** An invoice is past its due date and unpaid (once per invoice). Links to the invoice. */
export function invoiceOverdueNotification(invoice: Invoice): NewNotification {
  return {
    kind: 'invoice_overdue',
    dedupKey: `invoice_overdue:${invoice.id}`,
    title: `Invoice #${invoice.number} is overdue`,
    body: `${money(invoice.balance)} was due on ${invoice.dueOn ?? 'its due date'}. Pay it now to keep your services running.`,
    link: `billing/${invoice.id}`,
  };
}

/** An automatic card payment of an invoice failed (once per capture attempt). Links to the invoice. */
export function paymentFailedNotification(invoice: Invoice): NewNotification {
  return {
    kind: 'payment_failed',
    dedupKey: `payment_failed:${invoice.id}:${invoice.lastCaptureAttemptAt ?? ''}`,
    title: `Payment of invoice #${invoice.number} failed`,
    body: `We could not charge ${money(invoice.balance)} to your payment method. Pay the invoice or update your card.`,
    link: `billing/${invoice.id}`,
  };
}

/** The default card expires before the next charge (once per card and expiry month). Links to payment methods. */
export function cardExpiringNotification(method: PaymentMethod, nextChargeOn: string): NewNotification {
  const card = `${method.cardBrand ?? 'Card'} ending ${method.lastFour ?? '····'}`;
  return {
    kind: 'card_expiring',
    dedupKey: `card_expiring:${method.id}:${method.expiryMonth ?? ''}`,
    title: method.expired ? `${card} has expired` : `${card} expires ${method.expiryMonth ?? 'soon'}`,
    body: `Your next charge is due on ${nextChargeOn}, ${method.expired ? 'and this card is no longer valid' : 'after this card expires'}. Add a new card to avoid a failed payment.`,
    link: 'billing/payment-methods',
  };
}

/** A domain expires soon without auto-renew, or is past expiry (once per domain and expiry date). Links to domains. */
export function domainExpiringNotification(domain: Domain): NewNotification {
  return {
    kind: 'domain_expiring',
    dedupKey: `domain_expiring:${domain.id}:${domain.expiresOn ?? ''}`,
    title: `${domain.name} expires on ${domain.expiresOn ?? 'a date soon'}`,
    body: domain.autoRenew
      ? 'It renews automatically; make sure your payment method is valid.'
      : 'Auto-renew is off: renew it before then or the domain stops working.',
    link: 'domains',
  };
}
