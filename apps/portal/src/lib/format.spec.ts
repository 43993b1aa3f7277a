import { describe, expect, it } from '@jest/globals';
import {
  daysUntil,
  formatBytes,
  formatCode,
  formatDate,
  formatMoney,
  formatRelative,
  formatTimeTick,
  humanize,
} from './format';

describe('formatMoney', () => {
  it.each([
    [{ amountMinor: 123456, currency: 'USD' }, '$1,234.56'],
    [{ amountMinor: 5, currency: 'USD' }, '$0.05'],
    [{ amountMinor: 0, currency: 'USD' }, '$0.00'],
    [{ amountMinor: -2500, currency: 'USD' }, '-$25.00'],
    [{ amountMinor: 99900, currency: 'EUR' }, '€999.00'],
    [{ amountMinor: 1999, currency: 'GBP' }, '£19.99'],
    [{ amountMinor: 123456, currency: 'JPY' }, '¥123,456'],
    [{ amountMinor: 1, currency: 'JPY' }, '¥1'],
  ])('formats %o as %s', (money, expected) => {
    expect(formatMoney(money)).toBe(expected);
  });

  it('writes German grouping, decimal comma and a trailing symbol for de-DE', () => {
    expect(formatMoney({ amountMinor: 123456, currency: 'EUR' }, 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney({ amountMinor: 123456, currency: 'USD' }, 'de-DE')).toBe('1.234,56\u00a0$');
  });

  it('uses the three-decimal minor unit of currencies such as KWD', () => {
    expect(formatMoney({ amountMinor: 1234, currency: 'KWD' })).toMatch(/1\.234$/);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1,023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10 * 1024 ** 2, '10 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
    [150 * 1024 ** 3 + 400 * 1024 ** 2, '150 GB'],
    [2 * 1024 ** 4, '2 TB'],
    [-1536, '-1.5 KB'],
  ])('formats %d bytes as %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('writes a decimal comma for de-DE', () => {
    expect(formatBytes(1536, 1, 'de-DE')).toBe('1,5 KB');
  });

  it('honours the requested fraction digits below 100 units', () => {
    expect(formatBytes(1.2345 * 1024 ** 3, 2)).toBe('1.23 GB');
  });

  it('shows a dash for non-finite values', () => {
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-03-10T12:00:00.000Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each([
    [0, 'now'],
    [44_000, 'now'],
    [90_000, '2 minutes ago'],
    [5 * 60_000, '5 minutes ago'],
    [59 * 60_000, '59 minutes ago'],
    [60 * 60_000, '1 hour ago'],
    [3 * 3_600_000, '3 hours ago'],
    [24 * 3_600_000, 'yesterday'],
    [5 * 86_400_000, '5 days ago'],
  ])('describes %d ms ago as %s', (ms, expected) => {
    expect(formatRelative(ago(ms), now)).toBe(expected);
  });

  it('treats a timestamp slightly in the future (clock skew) as now', () => {
    expect(formatRelative(new Date(now + 5_000).toISOString(), now)).toBe('now');
  });

  it('speaks German for de-DE', () => {
    expect(formatRelative(ago(0), now, 'de-DE')).toBe('jetzt');
    expect(formatRelative(ago(5 * 60_000), now, 'de-DE')).toBe('vor 5 Minuten');
    expect(formatRelative(ago(5 * 86_400_000), now, 'de-DE')).toBe('vor 5 Tagen');
  });

  it('returns an empty string for an unparseable timestamp', () => {
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('formatDate', () => {
  it('formats a calendar date without shifting it across time zones', () => {
    expect(formatDate('2026-11-21')).toBe('Nov 21, 2026');
    expect(formatDate('2026-01-01')).toBe('Jan 1, 2026');
  });

  it('writes day.month.year for de-DE', () => {
    expect(formatDate('2026-11-21', 'de-DE')).toBe('21.11.2026');
  });

  it('shows a dash for null and echoes unparseable text', () => {
    expect(formatDate(null)).toBe('–');
    expect(formatDate('someday')).toBe('someday');
  });
});

describe('formatTimeTick', () => {
  it('words axis ticks by their roundness in the language, not in d3 English', () => {
    const ticks = [
      new Date(2026, 10, 27, 14, 30),
      new Date(2026, 10, 27),
      new Date(2026, 11, 1),
      new Date(2027, 0, 1),
    ];
    expect(ticks.map((t) => formatTimeTick(t, 'en-US'))).toEqual(['2:30 PM', 'Nov 27', 'December', '2027']);
    expect(ticks.map((t) => formatTimeTick(t, 'de-DE'))).toEqual(['14:30', '27. Nov.', 'Dezember', '2027']);
  });
});

describe('daysUntil', () => {
  const now = Date.parse('2026-03-10T23:30:00.000Z');

  it('counts whole UTC days from today', () => {
    expect(daysUntil('2026-03-10', now)).toBe(0);
    expect(daysUntil('2026-03-11', now)).toBe(1);
    expect(daysUntil('2026-03-01', now)).toBe(-9);
    expect(daysUntil('2026-04-10T00:00:00Z', now)).toBe(31);
  });
});

describe('humanize', () => {
  it('turns snake_case codes into a sentence', () => {
    expect(humanize('waiting_on_customer')).toBe('Waiting on customer');
    expect(humanize('open')).toBe('Open');
  });
});

describe('formatCode', () => {
  it.each([
    ['DomainRegister', 'Domain register'],
    ['Hosting', 'Hosting'],
    ['stripe', 'Stripe'],
    ['paypal_checkout', 'Paypal checkout'],
    ['SSLCertificate', 'SSL certificate'],
    ['banktransfer', 'Banktransfer'],
  ])('writes %s as %s', (code, expected) => {
    expect(formatCode(code)).toBe(expected);
  });

  it('shows a dash for null or blank codes', () => {
    expect(formatCode(null)).toBe('–');
    expect(formatCode('  ')).toBe('–');
  });
});
