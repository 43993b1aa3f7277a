import type { UsageUnit } from '@portico/domain';
import { formatBytes } from '@/lib/format';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A cached `Intl.NumberFormat` of `locale`: compact notation with one fraction digit (`4.2M`, de-DE `4,2 Mio.`) or
 * none (`699K`), or plain numbers with none or one.
 */
function numberFormat(
  locale: string,
  style: 'compact' | 'compactWhole' | 'whole' | 'one',
): Intl.NumberFormat {
  const key = `${locale}|${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale,
      style === 'compact' || style === 'compactWhole'
        ? { notation: 'compact', maximumFractionDigits: style === 'compact' ? 1 : 0 }
        : { maximumFractionDigits: style === 'one' ? 1 : 0 },
    );
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A value in its catalog unit as a customer reads it: bytes in binary multiples (`4.1 GB`), seconds as `42 s`,
 * `3.5 min` or `2.1 h`, counts and requests compact (`4.2M requests`); `short` drops the unit word of counts (axis
 * ticks). Numbers follow `options.locale` (an `Intl` locale, default `en-US`).
 */
export function formatUsage(
  value: number,
  unit: UsageUnit,
  options: { digits?: number; short?: boolean; locale?: string } = {},
): string {
  if (!Number.isFinite(value)) return '–';
  const locale = options.locale ?? 'en-US';
  switch (unit) {
    case 'bytes':
      return formatBytes(value, options.digits ?? 1, locale);
    case 'seconds':
      if (Math.abs(value) >= 3600) return `${numberFormat(locale, 'one').format(value / 3600)} h`;
      if (Math.abs(value) >= 60) return `${numberFormat(locale, 'one').format(value / 60)} min`;
      return `${numberFormat(locale, 'whole').format(value)} s`;
    default: {
      // Below a million without a fraction digit: languages without a compact form for thousands (German) write the
      // whole number then, and a count is never 698.938,8.
      const abs = Math.abs(value);
      const text =
        abs >= 1_000_000
          ? numberFormat(locale, 'compact').format(value)
          : abs >= 10_000
            ? numberFormat(locale, 'compactWhole').format(value)
            : numberFormat(locale, 'whole').format(value);
      return options.short ? text : `${text} ${unit}`;
    }
  }
}

/** Tick step of an axis in a unit's natural steps (powers of 1024 for bytes), for values up to `top`. */
export function unitScale(unit: UsageUnit, top: number): number {
  if (unit !== 'bytes' || top <= 0) return 1;
  return 1024 ** Math.max(0, Math.floor(Math.log(top) / Math.log(1024)));
}
