import type { OveragePrice } from '@portico/domain';

/** Allowance figures of one metric: use, the limit (null: none), what is left, the share used (%) and the overage. */
export interface AllowanceFigures {
  used: number;
  limit: number | null;
  left: number | null;
  usedPercent: number | null;
  overage: number | null;
}

/** Allowance figures from the use and the limit (in the metric's unit); without a limit, left/percent/overage are null. */
export function allowanceFigures(used: number, limit: number | null): AllowanceFigures {
  if (limit === null) return { used, limit, left: null, usedPercent: null, overage: null };
  return {
    used,
    limit,
    left: Math.max(0, limit - used),
    usedPercent: limit > 0 ? (used / limit) * 100 : null,
    overage: Math.max(0, used - limit),
  };
}

/** The cost of `overage` (metric unit) at `price`: minor units, rounded half up to a whole minor unit. */
export function overageCost(overage: number, price: OveragePrice): number {
  return Math.round((overage / price.per) * price.amountMinor);
}

/**
 * The period a KPI compares with: `[start - (end - start), start)`, the previous period of the same length.
 */
export function previousPeriod(start: Date, end: Date): { start: Date; end: Date } {
  const len = end.getTime() - start.getTime();
  return { start: new Date(start.getTime() - len), end: new Date(start.getTime()) };
}
