import { describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SupportCase } from '@portico/domain';
import { renderWithProviders } from '@/test/render';
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
});
