import type { UsageTile } from '@portico/domain';
import { formatDate, formatRelative } from '@/lib/format';
import { formatUsage } from '../usage-format';

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
  /** `Projected 48 GB by Dec 31 · limit on Dec 20`, or null without a projection. */
  projection: string | null;
}

/**
 * Text of a usage tile. A tile without a limit (`limit: null`) is either without limit or its limit could not be
 * read (the billing system is down); `limitsUnavailable` says which, so a customer is never told "unlimited" by mistake.
 */
export function meterText(tile: UsageTile, limitsUnavailable = false): MeterText {
  const fmt = (v: number) => formatUsage(v, tile.unit);
  const used = fmt(tile.used);
  const p = tile.projection;
  const projection = p
    ? `Projected ${fmt(p.value)} by ${formatDate(new Date(Date.parse(p.periodEnd) - 1).toISOString())}` +
      (p.limitCrossingAt ? ` · limit reached ${formatDate(p.limitCrossingAt)}` : '')
    : null;
  if (tile.limit === null) {
    return limitsUnavailable || !tile.limitKnown
      ? { percent: '—', ofLimit: 'used', level: 'Plan limit unavailable right now', valueText: `${used} used, plan limit unavailable`, projection }
      : { percent: '—', ofLimit: 'of unlimited', level: LEVEL_LABEL.unknown, valueText: `${used}, no limit`, projection };
  }
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  return {
    percent: percent === null ? '—' : `${percent}%`,
    ofLimit: `of ${fmt(tile.limit)}`,
    level: LEVEL_LABEL[tile.level],
    valueText: percent === null ? `${used} of ${fmt(tile.limit)}` : `${percent}% of limit, ${LEVEL_LABEL[tile.level]}`,
    projection,
  };
}

/** Where the figure comes from and how fresh it is: `WHMCS · updated 3 h ago`. */
export function freshnessText(tile: UsageTile, nowMs: number | null): string | null {
  if (tile.measuredAt === null || nowMs === null) return null;
  return `${tile.source === 'whmcs' ? 'Measured by the billing system' : 'Last sample'} ${formatRelative(tile.measuredAt, nowMs)}`;
}

/**
 * Used / limit in the metric's unit, a bar coloured by `level` (green, amber, red), the projection to the end of the
 * billing period and the figure's freshness.
 * @param limitsUnavailable true when the plan (and so the limit) could not be read, e.g. the subscriptions block is unavailable
 */
export function UsageMeter({ tile, limitsUnavailable = false, nowMs = null }: { tile: UsageTile; limitsUnavailable?: boolean; nowMs?: number | null }) {
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  const text = meterText(tile, limitsUnavailable);
  const fresh = freshnessText(tile, nowMs);
  return (
    <div className={`meter meter--${tile.level}`} data-testid={`usage-tile-${tile.metric}`} data-level={tile.level} data-used={tile.used} data-source={tile.source}>
      <div className="meter__top">
        <span className="meter__label">
          {tile.label}
          {tile.kind === 'counter' ? <span className="muted small"> · this month</span> : null}
        </span>
        <span className="meter__percent">{text.percent}</span>
      </div>
      <p className="meter__values">
        <span className="strong">{formatUsage(tile.used, tile.unit)}</span>
        <span className="muted"> {text.ofLimit}</span>
      </p>
      <div
        className="meter__track"
        role="meter"
        aria-label={`${tile.label} used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={text.valueText}
      >
        <span className="meter__fill" style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
      </div>
      <p className="meter__level small">{text.level}</p>
      {text.projection ? <p className="meter__projection small" data-testid={`usage-projection-${tile.metric}`}>{text.projection}</p> : null}
      {fresh ? <p className="meter__fresh small muted" suppressHydrationWarning>{fresh}</p> : null}
    </div>
  );
}
