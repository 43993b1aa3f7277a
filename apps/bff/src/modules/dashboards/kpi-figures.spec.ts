import { allowanceFigures, overageCost, previousPeriod } from './kpi-figures';

describe('KPI figures', () => {
  it('within the allowance: left and share used, no overage', () => {
    expect(allowanceFigures(40, 100)).toEqual({
      used: 40,
      limit: 100,
      left: 60,
      usedPercent: 40,
      overage: 0,
    });
  });
  it('over the allowance: nothing left, the overage counted', () => {
    expect(allowanceFigures(130, 100)).toMatchObject({ left: 0, overage: 30, usedPercent: 130 });
  });
  it('without a limit: left, share and overage unknown', () => {
    expect(allowanceFigures(5, null)).toEqual({
      used: 5,
      limit: null,
      left: null,
      usedPercent: null,
      overage: null,
    });
  });
  it('prices overage per unit block, rounded to a minor unit', () => {
    // 1.5 GiB over at 2.00 EUR per GiB = 3.00 EUR
    expect(overageCost(1.5 * 2 ** 30, { amountMinor: 200, currency: 'EUR', per: 2 ** 30 })).toBe(300);
    expect(overageCost(1, { amountMinor: 1, currency: 'EUR', per: 3 })).toBe(0);
  });
  it('the previous period has the same length and ends where the current starts', () => {
    const p = previousPeriod(new Date('2026-12-01T00:00:00Z'), new Date('2026-12-02T12:00:00Z'));
    expect(p).toEqual({ start: new Date('2026-11-29T12:00:00Z'), end: new Date('2026-12-01T00:00:00Z') });
  });
});
