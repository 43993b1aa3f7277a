import { Injectable } from '@nestjs/common';
import type { InvoiceDetail, InvoiceListQuery, InvoicePage, SubscriptionList } from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { BillingProvider } from './billing.provider';

/** WHMCS invoice ids are positive integers (at most 10 digits). */
export const INVOICE_ID_PATTERN = /^[1-9]\d{0,9}$/;

/**
 * Billing reads of an account. Accounts without a billing link have no invoices or subscriptions.
 * Upstream failures surface as `UpstreamException` (503/504 `upstream_unavailable`).
 */
@Injectable()
export class BillingService {
  constructor(private readonly billing: BillingProvider) {}

  /** One page of the account's invoices. */
  async listInvoices(account: AccountContext, query: InvoiceListQuery): Promise<InvoicePage> {
    if (account.whmcsClientId === null) {
      return { items: [], page: { page: query.page, pageSize: query.pageSize, total: 0 } };
    }
    return this.billing.listInvoices(account.whmcsClientId, query);
  }

  /**
   * One invoice of the account.
   * @throws AppException 404 when the id is malformed, unknown, or another client's invoice
   */
  async getInvoice(account: AccountContext, invoiceId: string): Promise<InvoiceDetail> {
    if (!INVOICE_ID_PATTERN.test(invoiceId) || account.whmcsClientId === null) throw AppException.notFound('Invoice not found');
    const invoice = await this.billing.getInvoice(account.whmcsClientId, invoiceId);
    if (invoice === null) throw AppException.notFound('Invoice not found');
    return invoice;
  }

  /** Every subscription of the account. */
  async listSubscriptions(account: AccountContext): Promise<SubscriptionList> {
    if (account.whmcsClientId === null) return { items: [] };
    return { items: await this.billing.listSubscriptions(account.whmcsClientId) };
  }
}
