import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  caseListQuerySchema,
  createCaseRequestSchema,
  type CaseListQuery,
  type CasePage,
  type CreateCaseRequest,
  type SupportCase,
} from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { SupportService } from './support.service';

/** Support cases of an account (Salesforce). */
@ApiTags('support')
@Controller('api/v1/accounts/:accountId/cases')
@AccountScoped()
export class SupportController {
  constructor(private readonly support: SupportService) {}

  @Get()
  @RequirePermission('support:read')
  @ApiOperation({ summary: 'List cases', description: 'Newest first; `state` = all | open | closed, `page`, `pageSize`.' })
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
  getCase(@CurrentAccount() account: AccountContext, @Param('caseId') caseId: string): Promise<SupportCase> {
    return this.support.getCase(account, caseId);
  }

  @Post()
  @RequirePermission('support:write')
  @HttpCode(201)
  @ApiOperation({ summary: 'Open a case' })
  createCase(
    @CurrentAccount() account: AccountContext,
    @Body(new ZodValidationPipe(createCaseRequestSchema)) body: CreateCaseRequest,
  ): Promise<SupportCase> {
    return this.support.createCase(account, body);
  }
}
