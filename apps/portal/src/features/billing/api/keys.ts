import type { DomainListQuery, InvoiceListQuery } from '@portico/domain';

/** Query keys of billing. Invalidating `invoices(accountId)` also refreshes every list page and invoice detail. */
export const billingKeys = {
  invoices: (accountId: string) => ['account', accountId, 'invoices'] as const,
  invoiceList: (accountId: string, query: InvoiceListQuery) =>
    ['account', accountId, 'invoices', 'list', query] as const,
  invoiceDetail: (accountId: string, invoiceId: string) =>
    ['account', accountId, 'invoices', 'detail', invoiceId] as const,
  subscriptions: (accountId: string) => ['account', accountId, 'subscriptions'] as const,
  domains: (accountId: string) => ['account', accountId, 'domains'] as const,
  domainList: (accountId: string, query: DomainListQuery) =>
    ['account', accountId, 'domains', query] as const,
  paymentMethods: (accountId: string) => ['account', accountId, 'payment-methods'] as const,
};
