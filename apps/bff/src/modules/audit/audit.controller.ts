import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { auditEventQuerySchema, type AuditEventPage, type AuditEventQuery } from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditService } from './audit.service';

/** `GET /api/v1/accounts/:accountId/audit-events` (JSON pages) and `.../audit-events.csv` (export). */
@ApiTags('audit')
@Controller('api/v1/accounts/:accountId')
@AccountScoped()
@RequirePermission('audit:read')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-events')
  @ApiOperation({ summary: "The account's audit log, newest first, filtered and paged" })
  @ApiOkResponse({ description: 'AuditEventPage' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async page(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(auditEventQuerySchema)) query: AuditEventQuery,
  ): Promise<AuditEventPage> {
    return this.audit.page(account.accountId, query);
  }

  @Get('audit-events.csv')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The filtered audit log as CSV (newest 10 000 events; paging ignored)' })
  @ApiOkResponse({ description: 'text/csv' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async csv(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(auditEventQuerySchema)) query: AuditEventQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const body = await this.audit.csv(account.accountId, query);
    const day = new Date().toISOString().slice(0, 10);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${account.accountId}-${day}.csv"`);
    return body;
  }
}
