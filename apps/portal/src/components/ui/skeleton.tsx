import { useTranslations } from 'next-intl';
import styles from './skeleton.module.css';

/** A grey placeholder bar shown while data loads. */
export function Skeleton({ width = '100%', height = 14 }: { width?: number | string; height?: number }) {
  return (
    <span className={styles.skeleton} style={{ width, height }} aria-hidden="true" data-testid="skeleton" />
  );
}

/** A stack of placeholder lines, announced once to screen readers. */
export function SkeletonLines({ lines = 3, label }: { lines?: number; label?: string }) {
  const t = useTranslations('common');
  return (
    <div className={styles.lines} role="status" aria-label={label ?? t('loading')}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} width={`${90 - i * 15}%`} />
      ))}
    </div>
  );
}
