import type { UsageUnit } from '@portico/domain';
import { formatBytes } from '@/lib/format';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * A value in its catalog unit as a customer reads it: bytes in binary multiples (`4.1 GB`), seconds as `42 s`,
 * `3.5 min` or `2.1 h`, counts and requests compact (`4.2M requests`); `short` drops the unit word of counts (axis
 * ticks).
 */
export function formatUsage(value: number, unit: UsageUnit, options: { digits?: number; short?: boolean } = {}): string {
  if (!Number.isFinite(value)) return '–';
  switch (unit) {
    case 'bytes':
      return formatBytes(value, options.digits ?? 1);
    case 'seconds':
      if (Math.abs(value) >= 3600) return `${(value / 3600).toFixed(1)} h`;
      if (Math.abs(value) >= 60) return `${(value / 60).toFixed(1)} min`;
      return `${whole.format(value)} s`;
    default: {
      const text = Math.abs(value) >= 10_000 ? compact.format(value) : whole.format(value);
      return options.short ? text : `${text} ${unit}`;
    }
  }
}

/** Tick step of an axis in a unit's natural steps (powers of 1024 for bytes), for values up to `top`. */
export function unitScale(unit: UsageUnit, top: number): number {
  if (unit !== 'bytes' || top <= 0) return 1;
  return 1024 ** Math.max(0, Math.floor(Math.log(top) / Math.log(1024)));
}
