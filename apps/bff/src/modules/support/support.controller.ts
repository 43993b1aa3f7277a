import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  caseListQuerySchema,
  createCaseCommentRequestSchema,
  createCaseRequestSchema,
  type CaseCommentList,
  type CaseDetail,
  type CaseListQuery,
  type CasePage,
  type CreateCaseCommentRequest,
  type CreateCaseRequest,
  type CreatedCaseComment,
  type SupportCase,
} from '@portico/domain';
import {
  AccountScoped,
  CurrentAccount,
  CurrentUser,
  RequirePermission,
  type AccountContext,
  type SessionUser,
} from '../../core/auth';
import {
  IDEMPOTENCY_KEY_HEADER,
  upstreamRequestKey,
} from '../../core/http/idempotency/idempotency.interceptor';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { SupportService } from './support.service';

/** Support cases of an account (Salesforce). */
@ApiTags('support')
@Controller('api/v1/accounts/:accountId/cases')
@AccountScoped()
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Get()
  @RequirePermission('support:read')
  @ApiOperation({
    summary: 'List cases',
    description: 'Newest first; `state` = all | open | closed, `page`, `pageSize`.',
  })
  listCases(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(caseListQuerySchema)) query: CaseListQuery,
  ): Promise<CasePage> {
    return this.support.listCases(account, query);
  }

  @Get(':caseId')
  @RequirePermission('support:read')
  @ApiOperation({ summary: 'One case' })
  @ApiParam({ name: 'caseId', description: '15 or 18 character Salesforce id' })
  getCase(@CurrentAccount() account: AccountContext, @Param('caseId') caseId: string): Promise<CaseDetail> {
    return this.support.getCase(account, caseId);
  }

  @Get(':caseId/comments')
  @RequirePermission('support:read')
  @ApiOperation({ summary: 'Public comments of a case, oldest first' })
  @ApiParam({ name: 'caseId', description: '15 or 18 character Salesforce id' })
  listComments(
    @CurrentAccount() account: AccountContext,
    @Param('caseId') caseId: string,
  ): Promise<CaseCommentList> {
    return this.support.listComments(account, caseId);
  }

  @Post(':caseId/comments')
  @RequirePermission('support:write')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Reply on a case',
    description: 'Reopens a case support closed within `CASE_REOPEN_WINDOW_DAYS`; 409 after.',
  })
  @ApiParam({ name: 'caseId', description: '15 or 18 character Salesforce id' })
  addComment(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('caseId') caseId: string,
    @Body(new ZodValidationPipe(createCaseCommentRequestSchema)) body: CreateCaseCommentRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<CreatedCaseComment> {
    return this.support.addComment(account, caseId, body.body, { ...ctx, actorUserId: user.userId });
  }

  @Post()
  @RequirePermission('support:write')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Open a case',
    description:
      'With an Idempotency-Key, a retry never opens a second case, even when the first answer was lost.',
  })
  createCase(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(createCaseRequestSchema)) body: CreateCaseRequest,
    @Headers(IDEMPOTENCY_KEY_HEADER) idempotencyKey: string | undefined,
  ): Promise<SupportCase> {
    return this.support.createCase(
      account,
      body,
      upstreamRequestKey(`user:${user.userId}`, idempotencyKey, account.accountId),
    );
  }
}
