'use client';

import { useLocale, useTranslations } from 'next-intl';
import type { BlockMeta, ReadMeta } from '@portico/domain';
import { Badge } from '@/components/ui/badge';
import { useNow } from '@/components/ui/use-now';
import { useFormat } from '@/lib/use-format';
import { staleNote } from './block-reason';
import { cx } from '@/lib/cx';
import styles from './freshness.module.css';

/**
 * "Updated 2 min ago"; for data served from its last copy, "Updated 3 min ago · billing system is unavailable"
 * (the BFF's reason on an English page, the source that could not be reached in another language; or "· refreshing")
 * with a quiet "Last copy" badge: the data is still shown, and says how old it is. Used by the
 * dashboard cards (a block's meta) and the read pages (a read's meta).
 */
export function Freshness({
  meta,
  className,
}: {
  meta:
    | (Pick<BlockMeta, 'source' | 'stale' | 'reason'> & { fetchedAt: string | null; unavailable?: boolean })
    | ReadMeta;
  /** Extra class for where it sits (e.g. under a page title). */
  className?: string;
}) {
  const now = useNow();
  const t = useTranslations('block');
  const locale = useLocale();
  const f = useFormat();
  if ('unavailable' in meta && meta.unavailable) return null;
  return (
    <span className={cx(styles.freshness, className)} data-testid="block-freshness">
      {meta.fetchedAt ? (
        <time dateTime={meta.fetchedAt} title={f.dateTime(meta.fetchedAt)} suppressHydrationWarning>
          {now === null ? t('updatedRecently') : t('updated', { when: f.relative(meta.fetchedAt, now) })}
        </time>
      ) : (
        <span>{t('notUpdated')}</span>
      )}
      {meta.stale ? (
        <>
          <span className={styles.note}>
            <span aria-hidden="true">· </span>
            <span className="visually-hidden">, </span>
            {!meta.reason?.trim()
              ? t('refreshing')
              : locale === 'en'
                ? staleNote(meta)
                : t('sourceUnreachable', { source: t(`source.${meta.source}`) })}
          </span>
          <Badge tone="neutral" title={t('lastCopyHint')}>
            {t('lastCopy')}
          </Badge>
        </>
      ) : null}
    </span>
  );
}
