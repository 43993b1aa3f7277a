'use client';

import { useTranslations } from 'next-intl';
import type { CasePriority, CaseStatus } from '@portico/domain';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_TONE: Readonly<Record<CaseStatus, BadgeTone>> = {
  new: 'info',
  working: 'info',
  waiting_on_customer: 'warning',
  escalated: 'danger',
  closed: 'neutral',
  unknown: 'neutral',
};

/** Case status pill. */
export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  const t = useTranslations('status.case');
  return <Badge tone={STATUS_TONE[status]}>{t(status)}</Badge>;
}

const PRIORITY_TONE: Readonly<Record<CasePriority, BadgeTone>> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  critical: 'danger',
  unknown: 'neutral',
};

/** Case priority pill, e.g. "High priority". */
export function CasePriorityBadge({ priority }: { priority: CasePriority }) {
  const t = useTranslations('status.priority');
  return <Badge tone={PRIORITY_TONE[priority]}>{t(priority)}</Badge>;
}
