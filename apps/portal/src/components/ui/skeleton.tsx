import { useTranslations } from 'next-intl';

/** A grey placeholder bar shown while data loads. */
export function Skeleton({ width = '100%', height = 14 }: { width?: number | string; height?: number }) {
  return <span className="skeleton" style={{ width, height }} aria-hidden="true" />;
}

/** A stack of placeholder lines, announced once to screen readers. */
export function SkeletonLines({ lines = 3, label }: { lines?: number; label?: string }) {
  const t = useTranslations('common');
  return (
    <div className="skeleton-lines" role="status" aria-label={label ?? t('loading')}>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} width={`${90 - i * 15}%`} />
      ))}
    </div>
  );
}
