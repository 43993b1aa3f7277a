'use client';

import { useTranslations } from 'next-intl';
import type { AuditEventView } from '@portico/domain';
import { useFormat } from '@/lib/use-format';
import { useAuditActionLabel } from './use-audit-action-label';

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
  const f = useFormat();
  const actionLabel = useAuditActionLabel();
  return (
    <table className="table table--cards" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('when')}</th>
          <th scope="col">{t('who')}</th>
          <th scope="col">{t('action')}</th>
          <th scope="col">{t('target')}</th>
          <th scope="col">{t('ip')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td data-label={t('when')}>
              <time dateTime={e.occurredAt} suppressHydrationWarning>
                {f.dateTime(e.occurredAt)}
              </time>
            </td>
            <td data-label={t('who')}>
              {e.actor ? (
                <span className="stack-tight">
                  <span className="strong">{e.actor.name}</span>
                  <span className="muted small">{e.actor.maskedEmail}</span>
                </span>
              ) : (
                <span className="muted">
                  {typeof e.metadata?.email === 'string' ? e.metadata.email : t('system')}
                </span>
              )}
            </td>
            <td data-label={t('action')}>{actionLabel(e.action)}</td>
            <td data-label={t('target')} className="break">
              {detailOf(e) || <span className="muted">—</span>}
            </td>
            <td data-label={t('ip')}>{e.ip ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
