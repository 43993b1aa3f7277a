import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Invoice } from '@portico/domain';
import { clickLinkInPlace, renderWithProviders } from '@/test/render';
import { InvoiceTable } from './invoice-table';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const invoice = (overrides: Partial<Invoice>): Invoice => ({
  id: '1001',
  number: '2026-0001',
  status: 'unpaid',
  currency: 'EUR',
  issuedOn: '2026-01-01',
  dueOn: '2026-01-31',
  paidAt: null,
  subtotal: eur(10_000),
  tax: eur(1_900),
  taxLines: [],
  credit: eur(0),
  total: eur(11_900),
  balance: eur(11_900),
  lastCaptureAttemptAt: null,
  ...overrides,
});

describe('InvoiceTable', () => {
  it('shows one row per invoice with its number, amounts and status', () => {
    renderWithProviders(
      <InvoiceTable
        accountId="acc_1"
        invoices={[
          invoice({}),
          invoice({ id: '1002', number: '2026-0002', status: 'paid', balance: eur(0) }),
        ]}
      />,
    );
    const rows = within(screen.getByTestId('invoice-table')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: '#2026-0001' }).getAttribute('href')).toBe(
      '/acc_1/billing/1001',
    );
    expect(rows[0]!.textContent).toContain('119.00');
    expect(rows[1]!.textContent).toMatch(/paid/i);
  });

  it('opens the invoice when its row is clicked', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<InvoiceTable accountId="acc_1" invoices={[invoice({})]} />);
    const [row] = within(screen.getByTestId('invoice-table')).getAllByRole('row').slice(1);
    await user.click(within(row!).getAllByRole('cell')[2]!);
    expect(router.visited).toEqual(['/acc_1/billing/1001']);
  });
  it('labels every cell for the card layout and right-aligns the amounts', () => {
    renderWithProviders(<InvoiceTable accountId="acc_1" invoices={[invoice({})]} />);
    const table = screen.getByTestId('invoice-table');
    expect(table.className).toBe('table cards');
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(row!.getAttribute('data-invoice-id')).toBe('1001');
    expect(row!.className).toBe('rowLink');
    const cells = within(row!).getAllByRole('cell');
    expect(cells.map((c) => c.getAttribute('data-label'))).toEqual([
      'Invoice',
      'Issued',
      'Due',
      'Total',
      'Balance',
      'Status',
    ]);
    expect(cells.filter((c) => c.classList.contains('num')).map((c) => c.textContent)).toEqual([
      '€119.00',
      '€119.00',
    ]);
    expect(cells[4]!.className).toBe('num hideSm');
  });

  it('leaves a click on the invoice link to the link, without a second navigation by the row', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<InvoiceTable accountId="acc_1" invoices={[invoice({})]} />);
    await clickLinkInPlace(user, screen.getByRole('link', { name: '#2026-0001' }));
    expect(router.visited).toEqual([]);
  });
});
