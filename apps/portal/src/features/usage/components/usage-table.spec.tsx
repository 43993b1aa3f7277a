import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { UsageSeries } from '@portico/domain';
import { renderWithProviders } from '@/test/render';
import { UsageTable } from './usage-table';

const series = (overrides: Partial<UsageSeries>): UsageSeries =>
  ({
    metric: 'disk',
    unit: 'bytes',
    kind: 'gauge',
    service: null,
    bucket: '1h',
    bucketMs: 3_600_000,
    from: '2026-01-15T08:00:00.000Z',
    to: '2026-01-15T10:00:00.000Z',
    points: [
      { at: '2026-01-15T08:00:00.000Z', value: 1_000, min: 900, max: 1_100 },
      { at: '2026-01-15T09:00:00.000Z', value: null, min: null, max: null },
    ],
    total: null,
    limit: null,
    ...overrides,
  }) as UsageSeries;

describe('UsageTable', () => {
  it('lists a gauge newest first with average, min and max, and a dash for empty buckets', () => {
    renderWithProviders(<UsageTable series={series({})} />);
    const table = screen.getByTestId('usage-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'Average', 'Min', 'Max']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '2026-01-15T09:00:00.000Z',
      '2026-01-15T08:00:00.000Z',
    ]);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .slice(1)
        .map((c) => c.textContent),
    ).toEqual(['–', '–', '–']);
    expect(within(rows[1]!).getAllByRole('cell')[1]!.textContent).not.toBe('–');
  });

  it('shows a counter as totals only, in a focusable labelled region', () => {
    renderWithProviders(
      <UsageTable
        series={series({
          metric: 'api_requests',
          unit: 'count',
          kind: 'counter',
          points: [{ at: '2026-01-15T08:00:00.000Z', value: 42, min: null, max: null }],
        })}
      />,
    );
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Total']);
    expect(screen.getByRole('region', { name: 'Usage values' }).getAttribute('tabindex')).toBe('0');
  });
});
