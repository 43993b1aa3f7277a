'use client';

import type { ReactNode } from 'react';
import { FORBIDDEN_REASON, type BlockMeta } from '@portico/domain';
import { Badge } from '@/components/ui/badge';
import { useNow } from '@/components/ui/use-now';
import { formatDateTime, formatRelative } from '@/lib/format';
import { staleNote, unavailableReason } from './block-reason';

/**
 * "Updated 2 min ago"; for a card served from its last copy, "Updated 3 min ago · billing system is unavailable"
 * (or "· refreshing") with a quiet "Last copy" badge: the data is still shown, and says how old it is.
 */
function Freshness({ meta }: { meta: BlockMeta }) {
  const now = useNow();
  if (meta.unavailable) return null;
  return (
    <span className={`freshness${meta.stale ? ' freshness--stale' : ''}`} data-testid="block-freshness">
      {meta.fetchedAt ? (
        <time dateTime={meta.fetchedAt} title={formatDateTime(meta.fetchedAt)} suppressHydrationWarning>
          {now === null ? 'Updated recently' : `Updated ${formatRelative(meta.fetchedAt, now)}`}
        </time>
      ) : (
        <span>Not yet updated</span>
      )}
      {meta.stale ? (
        <>
          <span className="freshness__note">
            <span aria-hidden="true">· </span>
            <span className="visually-hidden">, </span>
            {staleNote(meta)}
          </span>
          <Badge tone="neutral" title="This is the last copy we have; it refreshes by itself when the source answers again.">
            Last copy
          </Badge>
        </>
      ) : null}
    </span>
  );
}

/**
 * One dashboard card bound to one block of the status document. When the block is unavailable it says why and
 * offers a retry, while the other cards keep working. A block the member's role may not read (reason `forbidden`)
 * is not rendered at all: it is not an error, the member simply does not see that part.
 */
export function DashboardBlock<T>({
  title,
  block,
  onRetry,
  retrying,
  action,
  className,
  testId,
  children,
}: {
  title: string;
  block: { meta: BlockMeta; data: T | null };
  onRetry: () => void;
  retrying: boolean;
  action?: ReactNode;
  className?: string;
  testId?: string;
  children: (data: T) => ReactNode;
}) {
  const { meta, data } = block;
  if (meta.unavailable && meta.reason === FORBIDDEN_REASON) return null;
  return (
    <section className={`card block ${className ?? ''}`} aria-labelledby={`${testId ?? title}-title`} data-testid={testId}>
      <header className="block__header">
        <div className="block__heading">
          <h2 className="block__title" id={`${testId ?? title}-title`}>
            {title}
          </h2>
          <Freshness meta={meta} />
        </div>
        {action && !meta.unavailable ? <div className="block__action">{action}</div> : null}
      </header>
      {meta.unavailable ? (
        <div className="block__unavailable" role="status">
          <p className="block__unavailable-title">Temporarily unavailable</p>
          <p className="block__unavailable-reason">
            {unavailableReason(meta)} Cards from other systems are not affected.
          </p>
          <button type="button" className="button button--secondary button--small" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        </div>
      ) : data === null ? (
        <p className="muted">Nothing to show yet.</p>
      ) : (
        <div className="block__body">{children(data)}</div>
      )}
    </section>
  );
}
