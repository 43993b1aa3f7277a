import type {
  CancelSubscriptionRequest,
  CustomerProfile,
  Domain,
  InvoiceDetail,
  InvoiceListQuery,
  InvoicePage,
  PaymentMethod,
  Subscription,
} from '@portico/domain';

/** Where a billing hand-off lands: an invoice's pay page, or the payment methods page. */
export type BillingHandoffTarget = { kind: 'invoice'; invoiceId: string } | { kind: 'payment_methods' };

/** One page of invoices as the billing system answers it (the route adds its freshness). */
export type InvoicePageData = Omit<InvoicePage, 'meta'>;

/** Outcome of a cancellation request. */
export type CancellationOutcome = 'requested' | 'already_requested' | 'not_found';

/**
 * Port to the billing system (WHMCS today). Implementations map upstream payloads to domain types; callers never
 * see a raw payload. Every method throws `UpstreamException` when the billing system fails or times out.
 */
export abstract class BillingProvider {
  /** The billing profile of a client. */
  abstract getCustomerProfile(clientId: number): Promise<CustomerProfile>;
  /** All products/services of a client, in the client's currency. */
  abstract listSubscriptions(clientId: number): Promise<Subscription[]>;
  /** One page of a client's invoices, newest first, filtered by `query.status` (`total` across pages). */
  abstract listInvoices(clientId: number, query: InvoiceListQuery): Promise<InvoicePageData>;
  /**
   * One invoice with its lines and payments.
   * @returns null when the invoice does not exist or belongs to another client
   */
  abstract getInvoice(clientId: number, invoiceId: string): Promise<InvoiceDetail | null>;
  /**
   * The billing client an invoice belongs to (to route webhooks that name only an invoice).
   * @returns null when the invoice does not exist
   */
  abstract getInvoiceClientId(invoiceId: string): Promise<number | null>;
  /** Every domain of a client, in the client's currency. */
  abstract listDomains(clientId: number): Promise<Domain[]>;
  /** The client's stored payment methods (brand, last four, expiry; never a number), default first. */
  abstract listPaymentMethods(clientId: number): Promise<PaymentMethod[]>;
  /**
   * A single sign-on link into the billing system's own pages for the client (valid 60 s, used once). Never log it.
   * @throws UpstreamException `rejected` when the billing system refuses (e.g. single sign-on disabled)
   */
  abstract createHandoff(clientId: number, target: BillingHandoffTarget): Promise<{ redirectUrl: string }>;
  /**
   * Asks the billing system to cancel one of the client's subscriptions.
   * @returns `not_found` when the subscription is not the client's, `already_requested` when one is pending
   */
  abstract requestCancellation(
    clientId: number,
    subscriptionId: string,
    request: CancelSubscriptionRequest,
  ): Promise<CancellationOutcome>;
  /** A cheap authenticated call proving the billing system answers. */
  abstract ping(): Promise<void>;
}
