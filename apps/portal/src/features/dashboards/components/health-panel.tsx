import type { HealthStatusPanelData } from '@portico/domain';
import { formatDateTime } from '@/lib/format';
import styles from '../dashboards.module.css';

const WORD = { green: 'OK', amber: 'Attention', red: 'Down' } as const;

/**
 * Red/amber/green per service and upstream. Each row is focusable; its reason and time of the last check show on
 * hover and keyboard focus (and are read out: they are the row's description).
 */
export function HealthPanel({ data }: { data: HealthStatusPanelData }) {
  if (data.items.length === 0) return <p className={styles.muted}>Nothing to report.</p>;
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
            <span className={styles.healthName}>{item.name}</span>
            <span className={`${styles.healthWord} ${styles[`tone_${item.status}`]}`}>
              {WORD[item.status]}
            </span>
            <span id={`${id}-why`} role="tooltip" className={styles.tooltip}>
              {item.reason}. Checked {formatDateTime(item.checkedAt)}.
            </span>
          </li>
        );
      })}
    </ul>
  );
}
