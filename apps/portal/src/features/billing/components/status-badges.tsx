'use client';

import { useTranslations } from 'next-intl';
import type { InvoiceStatus, SubscriptionStatus } from '@portico/domain';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const INVOICE_TONE: Readonly<Record<InvoiceStatus, BadgeTone>> = {
  draft: 'neutral',
  unpaid: 'warning',
  overdue: 'danger',
  paid: 'success',
  cancelled: 'neutral',
  refunded: 'info',
  collections: 'danger',
  payment_pending: 'info',
  unknown: 'neutral',
};

/** Invoice status pill ("Paid", "Overdue", ...). */
export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const t = useTranslations('status.invoice');
  return <Badge tone={INVOICE_TONE[status]}>{t(status)}</Badge>;
}

const SUBSCRIPTION_TONE: Readonly<Record<SubscriptionStatus, BadgeTone>> = {
  pending: 'info',
  active: 'success',
  suspended: 'danger',
  terminated: 'neutral',
  cancelled: 'neutral',
  fraud: 'danger',
  completed: 'neutral',
  unknown: 'neutral',
};

/** Subscription status pill ("Active", "Suspended", ...). */
export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  const t = useTranslations('status.subscription');
  return <Badge tone={SUBSCRIPTION_TONE[status]}>{t(status)}</Badge>;
}
