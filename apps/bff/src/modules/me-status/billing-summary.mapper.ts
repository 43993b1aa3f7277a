import type { BillingSummary, Invoice, Money } from '@portico/domain';

/** Most recent invoices shown on the dashboard. */
export const RECENT_INVOICES = 5;

const isOpen = (i: Invoice): boolean => i.status === 'unpaid' || i.status === 'overdue';

/**
 * Builds the dashboard billing summary.
 * @param openInvoices every unpaid or overdue invoice of the client (other statuses are ignored)
 * @param recentInvoices the newest invoices, newest first (the first {@link RECENT_INVOICES} are kept)
 * @returns `balanceDue`: sum of open balances per currency (minor units, sorted by currency code);
 *   `nextInvoice`: the open invoice due soonest (invoices without a due date last, then lowest id)
 */
export function summarizeBilling(
  openInvoices: readonly Invoice[],
  recentInvoices: readonly Invoice[],
): BillingSummary {
  const open = openInvoices.filter(isOpen);
  const due = new Map<string, number>();
  for (const invoice of open) {
    const { currency, amountMinor } = invoice.balance;
    due.set(currency, (due.get(currency) ?? 0) + amountMinor);
  }
  const balanceDue: Money[] = [...due.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));

  const byDue = [...open].sort((a, b) => {
    if (a.dueOn !== b.dueOn) {
      if (a.dueOn === null) return 1;
      if (b.dueOn === null) return -1;
      return a.dueOn < b.dueOn ? -1 : 1;
    }
    return Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
  });

  return {
    balanceDue,
    unpaidCount: open.filter((i) => i.status === 'unpaid').length,
    overdueCount: open.filter((i) => i.status === 'overdue').length,
    nextInvoice: byDue[0] ?? null,
    recentInvoices: recentInvoices.slice(0, RECENT_INVOICES),
  };
}
