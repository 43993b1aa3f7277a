import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccountUsageCatalog, UsageSamplePage } from '@portico/domain';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { UsageSamples } from './usage-samples';

const SAMPLES = '/api/v1/accounts/acc_1/usage/samples';

const catalog = {
  services: [{ id: '42', name: 'Business Hosting · acme.example', status: 'Active' }],
} as unknown as AccountUsageCatalog;

const page = (items: UsageSamplePage['items'], nextCursor: string | null): UsageSamplePage => ({
  metric: 'api_requests',
  unit: 'requests',
  items,
  nextCursor,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('UsageSamples', () => {
  it('lists raw samples with the service by name, the value and the sample id, and loads more', async () => {
    const pages = [
      page(
        [
          { at: '2026-01-15T10:00:00.000Z', service: '42', value: 1234, id: 'smp_1' },
          { at: '2026-01-15T10:00:00.000Z', service: '99', value: 7, id: null },
        ],
        'c2',
      ),
      page([{ at: '2026-01-15T09:00:00.000Z', service: null, value: 3, id: 'smp_3' }], null),
    ];
    let served = 0;
    const bff = await startFakeBff({
      [`GET ${SAMPLES}`]: () => ({ status: 200, body: pages[Math.min(served++, pages.length - 1)] }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(
      <UsageSamples
        accountId="acc_1"
        metric="api_requests"
        unit="requests"
        range="24h"
        service={null}
        catalog={catalog}
      />,
    );
    const table = await screen.findByTestId('usage-samples');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Service', 'Time', 'Value', 'Sample id']);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(cells(rows[0]!)).toEqual([
      'Business Hosting · acme.example',
      expect.any(String),
      '1,234 requests',
      'smp_1',
    ]);
    // A service the catalogue does not know shows its id; a sample without an id leaves that cell empty.
    expect(cells(rows[1]!)[0]).toBe('99');
    expect(cells(rows[1]!)[3]).toBe('');
    expect(rows[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-15T10:00:00.000Z');
    expect(screen.getByText(/2 samples shown\./)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    rows = within(table).getAllByRole('row').slice(1);
    expect(cells(rows[2]!)[0]).toBe('—');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('3 samples.')).toBeTruthy();
  });
});
