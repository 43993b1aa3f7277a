import { describe, expect, it } from '@jest/globals';
import { formatUsage } from './usage-format';

describe('formatUsage', () => {
  it('writes counts compactly, never with a fraction of a request below a million', () => {
    expect(formatUsage(698_938.8, 'requests')).toBe('699K requests');
    expect(formatUsage(698_938.8, 'requests', { locale: 'de-DE' })).toBe('698.939 requests');
    expect(formatUsage(9_412_345, 'requests')).toBe('9.4M requests');
    expect(formatUsage(9_412_345, 'requests', { locale: 'de-DE' })).toMatch(/^9,4\sMio\. requests$/);
    expect(formatUsage(1234.4, 'requests', { locale: 'de-DE', short: true })).toBe('1.234');
  });

  it('writes bytes in binary multiples and seconds as they read best', () => {
    expect(formatUsage(4.5 * 1024 ** 3, 'bytes')).toBe('4.5 GB');
    expect(formatUsage(5400, 'seconds')).toBe('1.5 h');
    expect(formatUsage(42, 'seconds')).toBe('42 s');
    expect(formatUsage(Number.NaN, 'bytes')).toBe('–');
  });
});
