'use client';

import { useTranslations } from 'next-intl';
import type { UsageTile } from '@portico/domain';
import { useFormat, type Formatters } from '@/lib/use-format';
import { formatUsage } from '../usage-format';
import { cx } from '@/lib/cx';
import styles from './usage-meter.module.css';

/** Translates a key of the `usage.meter` catalogue namespace (next-intl's `useTranslations('usage.meter')`). */
export type MeterTranslate = (key: string, values?: Record<string, string | number>) => string;

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
 * Words come from `t` (the `usage.meter` messages), numbers and dates from `f` (the viewer's locale).
 */
export function meterText(
  tile: UsageTile,
  limitsUnavailable: boolean,
  t: MeterTranslate,
  f: Formatters,
): MeterText {
  const fmt = (v: number) => formatUsage(v, tile.unit, { locale: f.locale });
  const used = fmt(tile.used);
  const p = tile.projection;
  const projection = p
    ? t('projected', {
        value: fmt(p.value),
        date: f.date(new Date(Date.parse(p.periodEnd) - 1).toISOString()),
      }) + (p.limitCrossingAt ? ` · ${t('limitReached', { date: f.date(p.limitCrossingAt) })}` : '')
    : null;
  if (tile.limit === null) {
    return limitsUnavailable || !tile.limitKnown
      ? {
          percent: '—',
          ofLimit: t('used'),
          level: t('limitUnavailable'),
          valueText: t('usedLimitUnavailable', { used }),
          projection,
        }
      : {
          percent: '—',
          ofLimit: t('ofUnlimited'),
          level: t('level.unknown'),
          valueText: t('usedNoLimit', { used }),
          projection,
        };
  }
  const percent = tile.ratio === null ? null : f.percent(tile.ratio);
  const level = t(`level.${tile.level}`);
  return {
    percent: percent ?? '—',
    ofLimit: t('ofLimit', { limit: fmt(tile.limit) }),
    level,
    valueText:
      percent === null
        ? t('usedOf', { used, limit: fmt(tile.limit) })
        : t('percentOfLimit', { percent, level }),
    projection,
  };
}

/** Where the figure comes from and how fresh it is: `Measured by the billing system 3 hours ago`. */
export function freshnessText(
  tile: UsageTile,
  nowMs: number | null,
  t: MeterTranslate,
  f: Formatters,
): string | null {
  if (tile.measuredAt === null || nowMs === null) return null;
  return t(tile.source === 'whmcs' ? 'measuredBilling' : 'lastSample', {
    when: f.relative(tile.measuredAt, nowMs),
  });
}

/**
 * Used / limit in the metric's unit, a bar coloured by `level` (green, amber, red), the projection to the end of the
 * billing period and the figure's freshness.
 * @param limitsUnavailable true when the plan (and so the limit) could not be read, e.g. the subscriptions block is unavailable
 */
export function UsageMeter({
  tile,
  limitsUnavailable = false,
  nowMs = null,
}: {
  tile: UsageTile;
  limitsUnavailable?: boolean;
  nowMs?: number | null;
}) {
  const t = useTranslations('usage.meter');
  const f = useFormat();
  const percent = tile.ratio === null ? null : Math.round(tile.ratio * 100);
  const text = meterText(tile, limitsUnavailable, t, f);
  const fresh = freshnessText(tile, nowMs, t, f);
  return (
    <div
      className={styles[tile.level]}
      data-testid={`usage-tile-${tile.metric}`}
      data-level={tile.level}
      data-used={tile.used}
      data-source={tile.source}
    >
      <div className={styles.top}>
        <span className={styles.label}>
          {tile.label}
          {tile.kind === 'counter' ? <span className="muted small"> · {t('thisMonth')}</span> : null}
        </span>
        <span className={styles.percent}>{text.percent}</span>
      </div>
      <p className={styles.values}>
        <span className="strong">{formatUsage(tile.used, tile.unit, { locale: f.locale })}</span>
        <span className="muted"> {text.ofLimit}</span>
      </p>
      <div
        className={styles.track}
        role="meter"
        aria-label={t('ariaUsed', { label: tile.label })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? 0}
        aria-valuetext={text.valueText}
      >
        <span className={styles.fill} style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
      </div>
      <p className={cx(styles.level, 'small')}>{text.level}</p>
      {text.projection ? (
        <p className={cx(styles.projection, 'small')} data-testid={`usage-projection-${tile.metric}`}>
          {text.projection}
        </p>
      ) : null}
      {fresh ? (
        <p className={cx(styles.fresh, 'small muted')} suppressHydrationWarning>
          {fresh}
        </p>
      ) : null}
    </div>
  );
}
