import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  cancelSubscriptionRequestSchema,
  domainListQuerySchema,
  invoiceListQuerySchema,
  invoiceZipQuerySchema,
  type BillingHandoff,
  type CancelSubscriptionRequest,
  type DomainList,
  type DomainListQuery,
  type InvoiceDetailResponse,
  type InvoiceListQuery,
  type InvoicePage,
  type InvoiceZipQuery,
  type PaymentMethodList,
  type SubscriptionCancellation,
  type SubscriptionList,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import {
  AccountScoped,
  CurrentAccount,
  CurrentUser,
  RequirePermission,
  type AccountContext,
  type SessionUser,
} from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { BillingService } from './billing.service';

/** Invoices, subscriptions (services), domains and payment methods of an account (WHMCS). */
@ApiTags('billing')
@Controller('api/v1/accounts/:accountId')
@AccountScoped()
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get('invoices')
  @RequirePermission('billing:read')
  @ApiOperation({
    summary: 'List invoices',
    description:
      'Newest first; `status` filter (`open` = unpaid or overdue), `page`, `pageSize`; `meta` = freshness.',
  })
  listInvoices(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(invoiceListQuerySchema)) query: InvoiceListQuery,
  ): Promise<InvoicePage> {
    return this.billing.listInvoices(account, query);
  }

  @Get('invoices.zip')
  @RequirePermission('billing:read')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/zip')
  @ApiOperation({
    summary: 'Zip of the PDFs of the invoices issued in a period',
    description: '`from`, `to`: dates, inclusive (at most 366 days); streamed.',
  })
  async invoiceZip(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(invoiceZipQuerySchema)) query: InvoiceZipQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { fileName, stream } = await this.billing.invoiceZip(account, query);
    void reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(stream);
  }

  @Get('invoices/:invoiceId')
  @RequirePermission('billing:read')
  @ApiOperation({ summary: 'Invoice with line items, tax levels, credit and payments' })
  @ApiParam({ name: 'invoiceId', description: 'numeric WHMCS invoice id' })
  getInvoice(
    @CurrentAccount() account: AccountContext,
    @Param('invoiceId') invoiceId: string,
  ): Promise<InvoiceDetailResponse> {
    return this.billing.getInvoice(account, invoiceId);
  }

  @Get('invoices/:invoiceId/pdf')
  @RequirePermission('billing:read')
  @Header('cache-control', 'no-store')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Invoice as a PDF (attachment)' })
  @ApiParam({ name: 'invoiceId', description: 'numeric WHMCS invoice id' })
  async invoicePdf(
    @CurrentAccount() account: AccountContext,
    @Param('invoiceId') invoiceId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const { fileName, pdf } = await this.billing.invoicePdf(account, invoiceId);
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(pdf);
  }

  @Post('invoices/:invoiceId/payment')
  @HttpCode(201)
  @RequirePermission('billing:pay')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Single sign-on link to pay the invoice in the billing system (valid 60 s)' })
  @ApiParam({ name: 'invoiceId', description: 'numeric WHMCS invoice id' })
  payInvoice(
    @CurrentAccount() account: AccountContext,
    @Param('invoiceId') invoiceId: string,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<BillingHandoff> {
    return this.billing.payInvoice(account, invoiceId, ctx);
  }

  @Get('subscriptions')
  @RequirePermission('subscriptions:read')
  @ApiOperation({ summary: 'List subscriptions (products and services) with pending cancellations' })
  listSubscriptions(@CurrentAccount() account: AccountContext): Promise<SubscriptionList> {
    return this.billing.listSubscriptions(account);
  }

  @Post('subscriptions/:subscriptionId/cancellation')
  @HttpCode(201)
  @RequirePermission('subscriptions:manage')
  @ApiOperation({
    summary: 'Request the cancellation of a subscription (immediately or at the end of its billing period)',
  })
  @ApiParam({ name: 'subscriptionId', description: 'numeric WHMCS service id' })
  cancelSubscription(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('subscriptionId') subscriptionId: string,
    @Body(new ZodValidationPipe(cancelSubscriptionRequestSchema)) body: CancelSubscriptionRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<SubscriptionCancellation> {
    return this.billing.cancelSubscription(account, subscriptionId, body, {
      ...ctx,
      actorUserId: user.userId,
    });
  }

  @Get('domains')
  @RequirePermission('subscriptions:read')
  @ApiOperation({
    summary: 'List domains',
    description: 'Soonest expiry first; `status` filter, `search` in the name; counts over all domains.',
  })
  listDomains(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(domainListQuerySchema)) query: DomainListQuery,
  ): Promise<DomainList> {
    return this.billing.listDomains(account, query);
  }

  @Get('payment-methods')
  @RequirePermission('billing:read')
  @ApiOperation({
    summary: 'Stored payment methods (brand, last four, expiry) and the expiring-card warning',
  })
  listPaymentMethods(@CurrentAccount() account: AccountContext): Promise<PaymentMethodList> {
    return this.billing.listPaymentMethods(account);
  }

  @Post('payment-methods/management')
  @HttpCode(201)
  @RequirePermission('billing:pay')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Single sign-on link to the billing system\u2019s payment methods page (valid 60 s)',
  })
  managePaymentMethods(
    @CurrentAccount() account: AccountContext,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<BillingHandoff> {
    return this.billing.managePaymentMethods(account, ctx);
  }
}
