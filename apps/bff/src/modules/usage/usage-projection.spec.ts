import { projectCounter, projectGauge, type DailyValue } from './usage-projection';

const DAY = 86_400_000;
const t0 = Date.parse('2026-03-01T00:00:00Z');
const days = (n: number, f: (i: number) => number): DailyValue[] =>
  Array.from({ length: n }, (_, i) => ({ t: t0 + i * DAY, v: f(i) }));

describe('usage projections', () => {
  it('projects a gauge growing 10 a day along its line, with a zero-width band and the limit crossing', () => {
    const history = days(10, (i) => 100 + 10 * i); // day 9: 190
    const now = new Date(t0 + 9 * DAY);
    const end = new Date(t0 + 31 * DAY);
    const p = projectGauge(history, now, end, 300)!;
    expect(p.value).toBeCloseTo(100 + 10 * 31, 6);
    expect(p.high - p.low).toBeCloseTo(0, 6);
    expect(p.slopePerDay).toBeCloseTo(10, 6);
    expect(p.basis).toBe(10);
    // 300 is reached at day 20.
    expect(Date.parse(p.limitCrossingAt!)).toBeCloseTo(t0 + 20 * DAY, -3);
  });

  it('widens the band with noise and gives no crossing for a falling gauge or one already over', () => {
    const noisy = projectGauge(
      days(14, (i) => 500 + (i % 2 === 0 ? 20 : -20)),
      new Date(t0 + 13 * DAY),
      new Date(t0 + 31 * DAY),
      1000,
    )!;
    expect(noisy.high - noisy.low).toBeGreaterThan(40);
    expect(
      projectGauge(
        days(10, (i) => 500 - i),
        new Date(t0 + 9 * DAY),
        new Date(t0 + 31 * DAY),
        1000,
      )!.limitCrossingAt,
    ).toBeNull();
    expect(
      projectGauge(
        days(10, (i) => 1100 + i),
        new Date(t0 + 9 * DAY),
        new Date(t0 + 31 * DAY),
        1000,
      )!.limitCrossingAt,
    ).toBeNull();
    expect(
      projectGauge(
        days(2, () => 1),
        new Date(t0 + DAY),
        new Date(t0 + 31 * DAY),
        null,
      ),
    ).toBeNull();
  });

  it("projects a counter's period total from its daily sums, and when it crosses the limit", () => {
    // 100 a day; the period runs March 1-31; now = March 11 00:00 with 1,000 so far.
    const now = new Date(t0 + 10 * DAY);
    const p = projectCounter(
      days(10, () => 100),
      1000,
      now,
      new Date(t0 + 31 * DAY),
      2500,
    )!;
    expect(p.value).toBeCloseTo(1000 + 21 * 100, 6);
    expect(Date.parse(p.limitCrossingAt!)).toBeCloseTo(t0 + 25 * DAY, -3);
    expect(p.low).toBeGreaterThanOrEqual(1000);
    // Already over: no crossing to announce.
    expect(
      projectCounter(
        days(10, () => 100),
        3000,
        now,
        new Date(t0 + 31 * DAY),
        2500,
      )!.limitCrossingAt,
    ).toBeNull();
    // Not reached within the period (it resets).
    expect(
      projectCounter(
        days(10, () => 100),
        1000,
        now,
        new Date(t0 + 31 * DAY),
        10_000,
      )!.limitCrossingAt,
    ).toBeNull();
  });
});
