import type { UsageMetric, UsageTile } from '@portico/domain';
import { formatBytes } from '@/lib/format';

/** How a customer names each metric. */
export const USAGE_METRIC_LABEL: Readonly<Record<UsageMetric, string>> = { disk: 'Disk space', bandwidth: 'Bandwidth' };

const LEVEL_LABEL: Readonly<Record<UsageTile['level'], string>> = {
  ok: 'Within limit',
  warning: 'Approaching limit',
  critical: 'At or near limit',
  unknown: 'No limit',
};

/** The words of one meter. */
export interface MeterText {
  /** Percent of the limit used, e.g. `93%`; `—` without a limit. */
  percent: string;
  /** After the used amount: `of 200 GB`, `of unlimited`, or `used` when the limit cannot be read. */
  ofLimit: string;
  /** The level line under the bar. */
  level: string;
  /** `aria-valuetext` of the bar. */
  valueText: string;
}

/**
 * Text of a usage tile. A tile without a limit (`limit: null`) is either on an unlimited plan or its plan could not be
 * read (the billing system is down); `limitsUnavailable` says which, so a customer is never told "unlimited" by mistake.
 */
export function meterText(tile: UsageTile, limitsUnavailable = false): MeterText {
  const used = formatBytes(tile.used);
  if (tile.limit === null) {
    return limitsUnavailable || !tile.limitKnown
      ? { percent: '—', ofLimit: 'used', level: 'Plan limit unavailable right now', valueText: `${used} used, plan limit unavailable` }
      : { percent: '—', ofLimit: 'of unlimited', level: LEVEL_LABEL.unknown, valueText: `${used}, no limit` };
  }
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  return {
    percent: percent === null ? '—' : `${percent}%`,
    ofLimit: `of ${formatBytes(tile.limit)}`,
    level: LEVEL_LABEL[tile.level],
    valueText: percent === null ? `${used} of ${formatBytes(tile.limit)}` : `${percent}% of limit, ${LEVEL_LABEL[tile.level]}`,
  };
}

/**
 * Used / limit in human bytes and a bar coloured by `level` (green, amber, red).
 * @param limitsUnavailable true when the plan (and so the limit) could not be read, e.g. the subscriptions block is unavailable
 */
export function UsageMeter({ tile, limitsUnavailable = false }: { tile: UsageTile; limitsUnavailable?: boolean }) {
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  const label = USAGE_METRIC_LABEL[tile.metric];
  const text = meterText(tile, limitsUnavailable);
  return (
    <div className={`meter meter--${tile.level}`} data-testid={`usage-tile-${tile.metric}`} data-level={tile.level}>
      <div className="meter__top">
        <span className="meter__label">
          {label}
          {tile.metric === 'bandwidth' ? <span className="muted small"> · this month</span> : null}
        </span>
        <span className="meter__percent">{text.percent}</span>
      </div>
      <p className="meter__values">
        <span className="strong">{formatBytes(tile.used)}</span>
        <span className="muted"> {text.ofLimit}</span>
      </p>
      <div
        className="meter__track"
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={text.valueText}
      >
        <span className="meter__fill" style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
      </div>
      <p className="meter__level small">{text.level}</p>
    </div>
  );
}
