'use client';

import { useTranslations } from 'next-intl';
import type { AuditEventView } from '@portico/domain';
import { DataTable } from '@/components/ui/data-table';
import { DateTime } from '@/components/ui/date-time';
import { useAuditActionLabel } from './use-audit-action-label';
import layoutStyles from '@/components/ui/layout.module.css';

/** What the event was about, in a few words: the target, or a telling detail of its metadata. */
function detailOf(event: AuditEventView): string {
  if (event.target) return event.target;
  const reason = event.metadata?.reason;
  if (typeof reason === 'string') return reason.replaceAll('_', ' ');
  return '';
}

/** Audit events as a table (when, who, action in plain words, target, IP); below 640 px each row becomes a card. */
export function AuditTable({ events }: { events: AuditEventView[] }) {
  const t = useTranslations('audit.table');
  const actionLabel = useAuditActionLabel();
  return (
    <DataTable
      rows={events}
      getRowId={(e) => e.id}
      cards
      data-testid="audit-table"
      columns={[
        {
          id: 'when',
          header: t('when'),
          cell: (e) => <DateTime at={e.occurredAt} />,
        },
        {
          id: 'who',
          header: t('who'),
          cell: (e) =>
            e.actor ? (
              <span className={layoutStyles.stackTight}>
                <span className="strong">{e.actor.name}</span>
                <span className="muted small">{e.actor.maskedEmail}</span>
              </span>
            ) : (
              <span className="muted">
                {typeof e.metadata?.email === 'string' ? e.metadata.email : t('system')}
              </span>
            ),
        },
        { id: 'action', header: t('action'), cell: (e) => actionLabel(e.action) },
        {
          id: 'target',
          header: t('target'),
          className: 'break',
          cell: (e) => detailOf(e) || <span className="muted">—</span>,
        },
        { id: 'ip', header: t('ip'), cell: (e) => e.ip ?? <span className="muted">—</span> },
      ]}
    />
  );
}
