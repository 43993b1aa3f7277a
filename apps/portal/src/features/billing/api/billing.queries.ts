import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { invoiceDetailSchema, invoicePageSchema, subscriptionListSchema, type InvoiceListQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { billingKeys } from './keys';

/** One page of invoices, filtered by status. Keeps the previous page on screen while the next loads. */
export function invoiceListQuery(client: ApiClient, accountId: string, query: InvoiceListQuery) {
  return queryOptions({
    queryKey: billingKeys.invoiceList(accountId, query),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'invoices'), invoicePageSchema, {
        signal,
        query: { page: query.page, pageSize: query.pageSize, status: query.status },
      }),
    placeholderData: keepPreviousData,
  });
}

/** One invoice with its line items and payments. */
export function invoiceDetailQuery(client: ApiClient, accountId: string, invoiceId: string) {
  return queryOptions({
    queryKey: billingKeys.invoiceDetail(accountId, invoiceId),
    queryFn: ({ signal }) =>
      client.request(accountApiPath(accountId, 'invoices', invoiceId), invoiceDetailSchema, { signal }),
  });
}

/** The account's subscriptions (products and services). */
export function subscriptionsQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: billingKeys.subscriptions(accountId),
    queryFn: ({ signal }) => client.request(accountApiPath(accountId, 'subscriptions'), subscriptionListSchema, { signal }),
  });
}
