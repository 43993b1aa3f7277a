import { describe, expect, it } from '@jest/globals';
import { usageLevel, type UsageTile } from '@portico/domain';
import { createTranslator } from 'next-intl';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { formattersFor } from '@/lib/use-format';
import { meterText as meterTextIn, type MeterTranslate } from './usage-meter';

const english = createTranslator({
  locale: 'en',
  messages: en,
  namespace: 'usage.meter',
}) as unknown as MeterTranslate;
const german = createTranslator({
  locale: 'de',
  messages: de,
  namespace: 'usage.meter',
}) as unknown as MeterTranslate;

/** The English meter text, as the tests below read it. */
const meterText = (tile: UsageTile, limitsUnavailable = false) =>
  meterTextIn(tile, limitsUnavailable, english, formattersFor('en'));

const GB = 1024 ** 3;

function tile(used: number, limit: number | null, limitKnown = true): UsageTile {
  return {
    metric: 'disk',
    label: 'Disk space',
    unit: 'bytes',
    kind: 'gauge',
    used,
    limit,
    limitKnown,
    ratio: limit !== null && limit > 0 ? used / limit : null,
    level: usageLevel(used, limit),
    periodStart: '2026-03-01T00:00:00.000Z',
    periodEnd: '2026-04-01T00:00:00.000Z',
    source: 'whmcs',
    measuredAt: null,
    projection: null,
    services: [],
  };
}

describe('meterText', () => {
  it('states the projection to the end of the period and when the limit is reached', () => {
    const t = {
      ...tile(150 * GB, 200 * GB),
      projection: {
        periodEnd: '2026-04-01T00:00:00.000Z',
        value: 210 * GB,
        low: 200 * GB,
        high: 220 * GB,
        limitCrossingAt: '2026-03-28T10:00:00.000Z',
        slopePerDay: GB,
        basis: 30,
      },
    };
    expect(meterText(t).projection).toBe('Projected 210 GB by Mar 31, 2026 · limit reached Mar 28, 2026');
  });

  it('shows used against the limit with the level', () => {
    expect(meterText(tile(186 * GB, 200 * GB))).toEqual({
      percent: '93%',
      ofLimit: 'of 200 GB',
      level: 'At or near limit',
      valueText: '93% of limit, At or near limit',
      projection: null,
    });
    expect(meterText(tile(80 * GB, 100 * GB)).level).toBe('Approaching limit');
    expect(meterText(tile(10 * GB, 100 * GB)).level).toBe('Within limit');
  });

  it('calls a plan without a limit unlimited', () => {
    expect(meterText(tile(4 * GB, null))).toMatchObject({
      percent: '—',
      ofLimit: 'of unlimited',
      level: 'No limit',
    });
  });

  it('never says unlimited when the plan could not be read', () => {
    const text = meterText(tile(4 * GB, null), true);
    expect(text).toEqual({
      percent: '—',
      ofLimit: 'used',
      level: 'Plan limit unavailable right now',
      valueText: '4 GB used, plan limit unavailable',
      projection: null,
    });
    expect(Object.values(text).join(' ')).not.toMatch(/unlimited|no limit/i);
  });

  it('says the limit is unavailable when the BFF could not read the plan (limitKnown false)', () => {
    expect(meterText(tile(4 * GB, null, false))).toMatchObject({
      ofLimit: 'used',
      level: 'Plan limit unavailable right now',
    });
  });

  it('ignores limitsUnavailable when the tile carries a limit', () => {
    expect(meterText(tile(5 * GB, 10 * GB), true).ofLimit).toBe('of 10 GB');
  });

  it('speaks German with German numbers and dates', () => {
    const text = meterTextIn(tile(186 * GB, 200 * GB), false, german, formattersFor('de'));
    expect(text.ofLimit).toBe('von 200 GB');
    expect(text.percent).toBe('93\u00a0%');
    expect(text.level).toBe('Am oder nahe am Limit');
  });
});
