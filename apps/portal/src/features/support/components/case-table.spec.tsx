import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SupportCase } from '@portico/domain';
import { clickLinkInPlace, renderWithProviders } from '@/test/render';
import { CaseTable } from './case-table';

const supportCase = (overrides: Partial<SupportCase>): SupportCase => ({
  id: '500000000000001AAA',
  number: '00001001',
  subject: 'Mail bounces',
  description: null,
  status: 'waiting_on_customer',
  priority: 'high',
  isClosed: false,
  origin: 'Web',
  contactName: null,
  createdAt: '2026-01-10T09:00:00.000Z',
  updatedAt: null,
  closedAt: null,
  ...overrides,
});

describe('CaseTable', () => {
  it('lists cases with subject link, number, status and priority in words', () => {
    renderWithProviders(<CaseTable accountId="acc_1" cases={[supportCase({})]} />);
    const [row] = within(screen.getByTestId('case-table')).getAllByRole('row').slice(1);
    expect(within(row!).getByRole('link', { name: 'Mail bounces' }).getAttribute('href')).toBe(
      '/acc_1/support/500000000000001AAA',
    );
    expect(row!.textContent).toContain('00001001');
    expect(row!.textContent).toMatch(/waiting on customer/i);
    expect(row!.textContent).toMatch(/high priority/i);
  });

  it('opens a case from anywhere on its row', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<CaseTable accountId="acc_1" cases={[supportCase({})]} />);
    const [row] = within(screen.getByTestId('case-table')).getAllByRole('row').slice(1);
    await user.click(within(row!).getAllByRole('cell')[1]!);
    expect(router.visited).toEqual(['/acc_1/support/500000000000001AAA']);
  });
  it('shows the subject as the card title and labels the other cells, one row per case', () => {
    renderWithProviders(
      <CaseTable
        accountId="acc_1"
        cases={[
          supportCase({}),
          supportCase({ id: '500000000000002AAA', number: '00001002', subject: 'DNS', status: 'closed' }),
        ]}
      />,
    );
    const table = screen.getByTestId('case-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.getAttribute('scope')),
    ).toEqual(['col', 'col', 'col', 'col', 'col']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Mail bounces', 'DNS']);
    const cells = within(rows[1]!).getAllByRole('cell');
    expect(cells[0]!.className).toBe('cellTitle');
    expect(cells.map((c) => c.getAttribute('data-label'))).toEqual([
      'Subject',
      'Number',
      'Status',
      'Priority',
      'Opened',
    ]);
    expect(cells[1]!.textContent).toBe('#00001002');
    expect(cells[4]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-10T09:00:00.000Z');
  });

  it('leaves a click on the subject link to the link, without a second navigation by the row', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<CaseTable accountId="acc_1" cases={[supportCase({})]} />);
    await clickLinkInPlace(user, screen.getByRole('link', { name: 'Mail bounces' }));
    expect(router.visited).toEqual([]);
  });
});
