import type {
  CustomerProfile,
  InvoiceDetail,
  InvoiceListQuery,
  InvoicePage,
  Subscription,
} from '@portico/domain';

/**
 * Port to the billing system (WHMCS today). Implementations map upstream payloads to domain types; callers never
 * see a raw payload. Every method throws `UpstreamException` when the billing system fails or times out.
 */
export abstract class BillingProvider {
  /** The billing profile of a client. */
  abstract getCustomerProfile(clientId: number): Promise<CustomerProfile>;
  /** All products/services of a client, in the client's currency. */
  abstract listSubscriptions(clientId: number): Promise<Subscription[]>;
  /** One page of a client's invoices, newest first, filtered by `query.status`. */
  abstract listInvoices(clientId: number, query: InvoiceListQuery): Promise<InvoicePage>;
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
  /** A cheap authenticated call proving the billing system answers. */
  abstract ping(): Promise<void>;
}
