'use client';

import type { BlockMeta, ReadMeta } from '@portico/domain';
import { Badge } from '@/components/ui/badge';
import { useNow } from '@/components/ui/use-now';
import { formatDateTime, formatRelative } from '@/lib/format';
import { staleNote } from './block-reason';

/**
 * "Updated 2 min ago"; for data served from its last copy, "Updated 3 min ago · billing system is unavailable"
 * (or "· refreshing") with a quiet "Last copy" badge: the data is still shown, and says how old it is. Used by the
 * dashboard cards (a block's meta) and the read pages (a read's meta).
 */
export function Freshness({ meta }: { meta: Pick<BlockMeta, 'source' | 'stale' | 'reason'> & { fetchedAt: string | null; unavailable?: boolean } | ReadMeta }) {
  const now = useNow();
  if ('unavailable' in meta && meta.unavailable) return null;
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
