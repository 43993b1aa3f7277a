import { auditActionLabel, type AuditEventView } from '@portico/domain';
import { formatDateTime } from '@/lib/format';

/** What the event was about, in a few words: the target, or a telling detail of its metadata. */
function detailOf(event: AuditEventView): string {
  if (event.target) return event.target;
  const reason = event.metadata?.reason;
  if (typeof reason === 'string') return reason.replaceAll('_', ' ');
  return '';
}

/** Audit events as a table (when, who, action in plain words, target, IP); below 640 px each row becomes a card. */
export function AuditTable({ events }: { events: AuditEventView[] }) {
  return (
    <table className="table table--cards" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">IP address</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td data-label="When">
              <time dateTime={e.occurredAt} suppressHydrationWarning>
                {formatDateTime(e.occurredAt)}
              </time>
            </td>
            <td data-label="Who">
              {e.actor ? (
                <span className="stack-tight">
                  <span className="strong">{e.actor.name}</span>
                  <span className="muted small">{e.actor.maskedEmail}</span>
                </span>
              ) : (
                <span className="muted">
                  {typeof e.metadata?.email === 'string' ? e.metadata.email : 'System'}
                </span>
              )}
            </td>
            <td data-label="Action">{auditActionLabel(e.action)}</td>
            <td data-label="Target" className="break">
              {detailOf(e) || <span className="muted">—</span>}
            </td>
            <td data-label="IP address">{e.ip ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
