import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DomainListQuery, InvoiceListQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';
import type { ApiClient } from '@/lib/api-client';
import { billingKeys } from './keys';
import { domainSchema } from '@/lib/schemas';

/** One page of invoices, filtered by status. Keeps the previous page on screen while the next loads. */
export function invoiceListQuery(client: ApiClient, accountId: string, query: InvoiceListQuery) {
  return queryOptions({
    queryKey: billingKeys.invoiceList(accountId, query),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'invoices'),
        domainSchema((d) => d.invoicePageSchema),
        {
          signal,
          query: { page: query.page, pageSize: query.pageSize, status: query.status },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

/** One invoice with its line items, tax levels, credit and payments. */
export function invoiceDetailQuery(client: ApiClient, accountId: string, invoiceId: string) {
  return queryOptions({
    queryKey: billingKeys.invoiceDetail(accountId, invoiceId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'invoices', invoiceId),
        domainSchema((d) => d.invoiceDetailResponseSchema),
        {
          signal,
        },
      ),
  });
}

/** The account's subscriptions (products and services) with pending cancellations. */
export function subscriptionsQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: billingKeys.subscriptions(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'subscriptions'),
        domainSchema((d) => d.subscriptionListSchema),
        { signal },
      ),
  });
}

/** The account's domains matching a filter. */
export function domainListQuery(client: ApiClient, accountId: string, query: DomainListQuery) {
  return queryOptions({
    queryKey: billingKeys.domainList(accountId, query),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'domains'),
        domainSchema((d) => d.domainListSchema),
        {
          signal,
          query: { status: query.status, search: query.search },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

/** The account's domains that expire within 30 days, which the dashboard warns about. */
export function expiringDomainsQuery(client: ApiClient, accountId: string) {
  return domainListQuery(client, accountId, { status: 'expiring' });
}

/** The account's payment methods and the expiring-card warning. */
export function paymentMethodsQuery(client: ApiClient, accountId: string) {
  return queryOptions({
    queryKey: billingKeys.paymentMethods(accountId),
    queryFn: ({ signal }) =>
      client.request(
        accountApiPath(accountId, 'payment-methods'),
        domainSchema((d) => d.paymentMethodListSchema),
        { signal },
      ),
  });
}
