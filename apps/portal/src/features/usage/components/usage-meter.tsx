import type { UsageTile } from '@portico/domain';
import { formatBytes } from '@/lib/format';

const METRIC_LABEL: Readonly<Record<UsageTile['metric'], string>> = { disk: 'Disk space', bandwidth: 'Bandwidth' };
const LEVEL_LABEL: Readonly<Record<UsageTile['level'], string>> = {
  ok: 'Within limit',
  warning: 'Approaching limit',
  critical: 'At or near limit',
  unknown: 'No limit',
};

/** Used / limit in human bytes and a bar coloured by `level` (green, amber, red). */
export function UsageMeter({ tile }: { tile: UsageTile }) {
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  const label = METRIC_LABEL[tile.metric];
  return (
    <div className={`meter meter--${tile.level}`} data-testid={`usage-tile-${tile.metric}`} data-level={tile.level}>
      <div className="meter__top">
        <span className="meter__label">
          {label}
          {tile.metric === 'bandwidth' ? <span className="muted small"> · this month</span> : null}
        </span>
        <span className="meter__percent">{percent === null ? '—' : `${percent}%`}</span>
      </div>
      <p className="meter__values">
        <span className="strong">{formatBytes(tile.used)}</span>
        <span className="muted"> of {tile.limit === null ? 'unlimited' : formatBytes(tile.limit)}</span>
      </p>
      <div
        className="meter__track"
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={percent === null ? `${formatBytes(tile.used)}, no limit` : `${percent}% of limit, ${LEVEL_LABEL[tile.level]}`}
      >
        <span className="meter__fill" style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
      </div>
      <p className="meter__level small">{LEVEL_LABEL[tile.level]}</p>
    </div>
  );
}
