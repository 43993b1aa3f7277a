import { describe, expect, it } from '@jest/globals';
import Papa from 'papaparse';
import type { UsageSeries } from '@portico/domain';
import { toCsv, usageSeriesToCsv } from './usage-csv';

function series(points: UsageSeries['points']): UsageSeries {
  return {
    metric: 'disk',
    unit: 'bytes',
    bucket: '1h',
    bucketMs: 3_600_000,
    from: '2026-01-01T00:00:00.000Z',
    to: '2026-01-01T02:00:00.000Z',
    points,
  };
}

describe('toCsv', () => {
  it('writes a header and rows separated by CRLF', () => {
    expect(toCsv(['a', 'b'], [['x', 1], ['y', 2]])).toBe('a,b\r\nx,1\r\ny,2');
  });

  it('quotes cells with commas, quotes and line breaks, doubling inner quotes', () => {
    const csv = toCsv(['name', 'note'], [['Acme, Ltd', 'said "hi"'], ['two\nlines', 'cr\r\nlf']]);
    expect(csv).toBe('name,note\r\n"Acme, Ltd","said ""hi"""\r\n"two\nlines","cr\r\nlf"');
  });

  it('round-trips through a CSV parser', () => {
    const rows = [['a,b', 'c"d', 'e\nf'], ['plain', '', ' spaced ']];
    const parsed = Papa.parse<string[]>(toCsv(['x', 'y', 'z'], rows), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([['x', 'y', 'z'], ...rows]);
  });

  it('writes null as an empty cell', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, 'x', null]])).toBe('a,b,c\r\n,x,');
  });

  it('neutralises text that a spreadsheet would run as a formula, but not negative numbers', () => {
    const csv = toCsv(['cell', 'n'], [['=HYPERLINK("http://x")', -5], ['@SUM(A1)', 0]]);
    const lines = csv.split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")",-5`);
    expect(lines[2]).toBe(`"'@SUM(A1)",0`);
  });
});

describe('usageSeriesToCsv', () => {
  it('writes one row per point with rounded byte counts', () => {
    const csv = usageSeriesToCsv(
      series([
        { at: '2026-01-01T00:00:00.000Z', value: 1536.4, min: 1024, max: 2047.6 },
        { at: '2026-01-01T01:00:00.000Z', value: 10, min: 9.5, max: 10.49 },
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      'timestamp,average_bytes,min_bytes,max_bytes',
      '2026-01-01T00:00:00.000Z,1536,1024,2048',
      '2026-01-01T01:00:00.000Z,10,10,10',
    ]);
  });

  it('writes only the header for an empty series', () => {
    expect(usageSeriesToCsv(series([])).split('\r\n').filter((line) => line !== '')).toEqual([
      'timestamp,average_bytes,min_bytes,max_bytes',
    ]);
  });
});
