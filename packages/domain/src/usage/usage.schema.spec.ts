import { chooseUsageBucket, usageLevel, usageQuerySchema } from './usage.schema';

const H = 3_600_000;
const t0 = Date.parse('2026-01-01T00:00:00Z');

describe('chooseUsageBucket', () => {
  it.each([
    [1, 'raw'],
    [6 * H, 'raw'],
    [8 * H, 'raw'],
    [8 * H + 1, '1m'],
    [24 * H, '1m'],
    [24 * H + 1, '10m'],
    [72 * H, '10m'],
    [96 * H, '10m'],
    [96 * H + 1, '1h'],
    [30 * 24 * H, '1h'],
    [90 * 24 * H, '1h'],
    [90 * 24 * H + 1, '1d'],
    [365 * 24 * H, '1d'],
  ])('a span of %d ms uses %s', (span, bucket) => {
    expect(chooseUsageBucket(t0, t0 + span)).toBe(bucket);
  });

  it('throws for an empty or reversed range', () => {
    expect(() => chooseUsageBucket(t0, t0)).toThrow(RangeError);
    expect(() => chooseUsageBucket(t0, t0 - 1)).toThrow(RangeError);
    expect(() => chooseUsageBucket(t0, Number.NaN)).toThrow(RangeError);
  });
});

describe('usageQuerySchema', () => {
  it('accepts a valid query and rejects from >= to and ranges over 400 days', () => {
    expect(
      usageQuerySchema.safeParse({ metric: 'disk', from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })
        .success,
    ).toBe(true);
    expect(
      usageQuerySchema.safeParse({ metric: 'disk', from: '2026-01-02T00:00:00Z', to: '2026-01-02T00:00:00Z' })
        .success,
    ).toBe(false);
    expect(
      usageQuerySchema.safeParse({ metric: 'disk', from: '2024-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' })
        .success,
    ).toBe(false);
    expect(
      usageQuerySchema.safeParse({
        metric: 'CPU load',
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00Z',
      }).success,
    ).toBe(false);
    expect(
      usageQuerySchema.safeParse({
        metric: 'disk',
        service: '12',
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00Z',
      }).success,
    ).toBe(true);
  });
});

describe('usageLevel', () => {
  it('classifies against the thresholds', () => {
    expect(usageLevel(74, 100)).toBe('ok');
    expect(usageLevel(75, 100)).toBe('warning');
    expect(usageLevel(90, 100)).toBe('critical');
    expect(usageLevel(5, null)).toBe('unknown');
    expect(usageLevel(5, 0)).toBe('unknown');
  });
});
