'use client';

import type { ReactNode } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { FORBIDDEN_REASON, NOT_LINKED_REASON, type BlockMeta } from '@portico/domain';
import { Freshness } from './freshness';
import { unavailableReason } from './block-reason';
import { cx } from '@/lib/cx';
import styles from './dashboard-block.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

/**
 * Why a card is unavailable, in the page's language: no reason given, or an account not linked to the source, in the
 * catalogue's words; a reason the BFF wrote as it came on an English page (see {@link unavailableReason}), and as
 * the source that could not be reached on a page in another language (the BFF writes English).
 */
function useUnavailableText(): (meta: Pick<BlockMeta, 'source' | 'reason'>) => string {
  const t = useTranslations('block');
  const locale = useLocale();
  return (meta) => {
    const reason = meta.reason?.trim().toLowerCase() ?? '';
    const source = t(`source.${meta.source}`);
    if (reason === '') return meta.source === 'portico' ? t('couldNotLoad') : t('couldNotReach', { source });
    if (reason === NOT_LINKED_REASON) return t('notLinked', { source });
    return locale === 'en' ? unavailableReason(meta) : t('couldNotReach', { source });
  };
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
  const t = useTranslations('block');
  const tCommon = useTranslations('common');
  const unavailableText = useUnavailableText();
  if (meta.unavailable && meta.reason === FORBIDDEN_REASON) return null;
  return (
    <section
      className={cx(cardStyles.card, styles.block, className)}
      aria-labelledby={`${testId ?? title}-title`}
      data-testid={testId}
    >
      <header className={styles.header}>
        <div className={styles.heading}>
          <h2 className={styles.title} id={`${testId ?? title}-title`}>
            {title}
          </h2>
          <Freshness meta={meta} />
        </div>
        {action && !meta.unavailable ? <div className={styles.action}>{action}</div> : null}
      </header>
      {meta.unavailable ? (
        <div className={styles.unavailable} role="status">
          <p className={styles.unavailableTitle}>{t('unavailable')}</p>
          <p className={styles.unavailableReason} data-testid="block-unavailable-reason">
            {unavailableText(meta)} {t('othersFine')}
          </p>
          <button
            type="button"
            className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
            onClick={onRetry}
            disabled={retrying}
          >
            {retrying ? tCommon('retrying') : tCommon('retry')}
          </button>
        </div>
      ) : data === null ? (
        <p className="muted">{t('nothingYet')}</p>
      ) : (
        <div>{children(data)}</div>
      )}
    </section>
  );
}
