import type { InvoiceListFilter } from '@portico/domain';

/** The status tabs of the invoice list. */
export const INVOICE_FILTERS: readonly { value: InvoiceListFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'paid', label: 'Paid' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** Reads a tab value from the URL; anything unknown is `all`. */
export function parseInvoiceFilter(value: unknown): InvoiceListFilter {
  return INVOICE_FILTERS.find((f) => f.value === value)?.value ?? 'all';
}
