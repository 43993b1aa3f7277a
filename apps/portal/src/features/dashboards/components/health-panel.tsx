'use client';

import { useTranslations } from 'next-intl';
import type { HealthItem, HealthStatusPanelData } from '@portico/domain';
import { useFormat } from '@/lib/use-format';
import styles from '../dashboards.module.css';

/**
 * Red/amber/green per service and upstream. Each row is focusable; its reason and time of the last check show on
 * hover and keyboard focus (and are read out: they are the row's description).
 */
export function HealthPanel({ data }: { data: HealthStatusPanelData }) {
  const t = useTranslations('dashboards.health');
  const f = useFormat();
  /** The item's reason in the page's language, from its code (the BFF's `reason` is English). */
  const reasonOf = (item: HealthItem): string => {
    const reason = t(`reason.${item.reasonCode}`, {
      until: item.retryAt ? f.dateTime(item.retryAt) : 'none',
    });
    return item.stale ? t('staleReason', { reason, checked: f.dateTime(item.checkedAt) }) : reason;
  };
  /** An upstream by its provider id in the page's language; a service by its product and domain. */
  const nameOf = (item: HealthItem): string =>
    item.kind === 'upstream' && (item.id === 'whmcs' || item.id === 'salesforce')
      ? t(`upstream.${item.id}`)
      : item.name;
  if (data.items.length === 0) return <p className={styles.muted}>{t('nothing')}</p>;
  return (
    <ul className={styles.health}>
      {data.items.map((item) => {
        const id = `health-${item.kind}-${item.id}`;
        return (
          <li
            key={id}
            className={styles.healthItem}
            // Focusable so that keyboard users reach the reason and check time, as pointer users do on hover.
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            aria-describedby={`${id}-why`}
            data-testid="health-item"
          >
            <span className={`${styles.dot} ${styles[`dot_${item.status}`]}`} aria-hidden="true" />
            <span className={styles.healthName}>{nameOf(item)}</span>
            <span className={`${styles.healthWord} ${styles[`tone_${item.status}`]}`}>
              {t(`word.${item.status}`)}
            </span>
            <span id={`${id}-why`} role="tooltip" className={styles.tooltip}>
              {t('why', { reason: reasonOf(item), checked: f.dateTime(item.checkedAt) })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
