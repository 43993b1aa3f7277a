import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  invoiceListQuerySchema,
  type InvoiceDetail,
  type InvoiceListQuery,
  type InvoicePage,
  type SubscriptionList,
} from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { BillingService } from './billing.service';

/** Invoices and subscriptions of an account (WHMCS). */
@ApiTags('billing')
@Controller('api/v1/accounts/:accountId')
@AccountScoped()
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('invoices')
  @RequirePermission('billing:read')
  @ApiOperation({ summary: 'List invoices', description: 'Newest first; `status` filter (`open` = unpaid or overdue), `page`, `pageSize`.' })
  listInvoices(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(invoiceListQuerySchema)) query: InvoiceListQuery,
  ): Promise<InvoicePage> {
    return this.billing.listInvoices(account, query);
  }

  @Get('invoices/:invoiceId')
  @RequirePermission('billing:read')
  @ApiOperation({ summary: 'Invoice with line items and payments' })
  @ApiParam({ name: 'invoiceId', description: 'numeric WHMCS invoice id' })
  getInvoice(@CurrentAccount() account: AccountContext, @Param('invoiceId') invoiceId: string): Promise<InvoiceDetail> {
    return this.billing.getInvoice(account, invoiceId);
  }

  @Get('subscriptions')
  @RequirePermission('subscriptions:read')
  @ApiOperation({ summary: 'List subscriptions (products and services)' })
  listSubscriptions(@CurrentAccount() account: AccountContext): Promise<SubscriptionList> {
    return this.billing.listSubscriptions(account);
  }
}
