import type { UsageUnit } from '@portico/domain';

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const;

/**
 * A metric value in words for text panels and image titles (`4.2 GB`, `1,250 requests`), English, with `decimals`
 * fraction digits at most. Bytes use decimal multiples (1 GB = 10^9 bytes), as WHMCS and the portal do.
 */
export function formatMetricValue(value: number, unit: UsageUnit, decimals = 1): string {
  if (unit === 'bytes') {
    let v = value;
    let i = 0;
    while (Math.abs(v) >= 1000 && i < BYTE_UNITS.length - 1) {
      v /= 1000;
      i++;
    }
    return new Intl.NumberFormat('en', {
      style: 'unit',
      unit: BYTE_UNITS[i],
      unitDisplay: 'short',
      maximumFractionDigits: decimals,
    }).format(v);
  }
  if (unit === 'seconds')
    return new Intl.NumberFormat('en', {
      style: 'unit',
      unit: 'second',
      unitDisplay: 'short',
      maximumFractionDigits: decimals,
    }).format(value);
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: decimals }).format(value)} ${unit}`;
}
