import type { NotificationKind } from '@portico/domain';

/** How the portal names each kind (the preferences card). */
export const NOTIFICATION_KIND_LABEL: Readonly<Record<NotificationKind, string>> = {
  invoice_overdue: 'Overdue invoices',
  payment_failed: 'Failed payments',
  card_expiring: 'Expiring cards',
  domain_expiring: 'Expiring domains',
  usage_alert: 'Usage alerts',
};
