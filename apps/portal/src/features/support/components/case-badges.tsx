import type { CasePriority, CaseStatus } from '@portico/domain';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { humanize } from '@/lib/format';

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
  return <Badge tone={STATUS_TONE[status]}>{humanize(status)}</Badge>;
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
  return <Badge tone={PRIORITY_TONE[priority]}>{`${humanize(priority)} priority`}</Badge>;
}
