import type { Invoice } from '@portico/domain';
import { summarizeBilling } from './billing-summary.mapper';

function inv(
  id: string,
  status: Invoice['status'],
  dueOn: string | null,
  balanceMinor: number,
  currency = 'USD',
): Invoice {
  const m = (amountMinor: number) => ({ amountMinor, currency });
  return {
    id,
    number: id,
    status,
    currency,
    issuedOn: null,
    dueOn,
    paidAt: null,
    subtotal: m(balanceMinor),
    tax: m(0),
    taxLines: [],
    credit: m(0),
    total: m(balanceMinor),
    balance: m(balanceMinor),
    lastCaptureAttemptAt: null,
  };
}

describe('summarizeBilling', () => {
  it('sums open balances per currency and counts unpaid and overdue', () => {
    const open = [
      inv('1', 'unpaid', '2026-05-01', 1999),
      inv('2', 'overdue', '2026-01-01', 1),
      inv('3', 'unpaid', '2026-03-01', 500, 'EUR'),
      inv('4', 'paid', '2026-01-01', 12345), // not open: ignored
    ];
    const summary = summarizeBilling(open, []);
    expect(summary.balanceDue).toEqual([
      { currency: 'EUR', amountMinor: 500 },
      { currency: 'USD', amountMinor: 2000 },
    ]);
    expect(summary.unpaidCount).toBe(2);
    expect(summary.overdueCount).toBe(1);
  });

  it('picks the open invoice due soonest, undated last', () => {
    const summary = summarizeBilling(
      [
        inv('7', 'unpaid', null, 1),
        inv('8', 'unpaid', '2026-09-01', 1),
        inv('9', 'overdue', '2026-02-01', 1),
      ],
      [],
    );
    expect(summary.nextInvoice?.id).toBe('9');
    expect(summarizeBilling([inv('7', 'unpaid', null, 1)], []).nextInvoice?.id).toBe('7');
  });

  it('has no next invoice and no balance when nothing is open; keeps 5 recent invoices', () => {
    const recent = ['1', '2', '3', '4', '5', '6'].map((id) => inv(id, 'paid', '2026-01-01', 0));
    const summary = summarizeBilling([], recent);
    expect(summary).toMatchObject({ balanceDue: [], unpaidCount: 0, overdueCount: 0, nextInvoice: null });
    expect(summary.recentInvoices.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5']);
  });
});
