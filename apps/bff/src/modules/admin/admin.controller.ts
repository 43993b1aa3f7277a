import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  adminAccountQuerySchema,
  createAdminAccountRequestSchema,
  linkAccountRequestSchema,
  type AdminAccount,
  type AdminAccountPage,
  type AdminAccountQuery,
  type CreateAdminAccountRequest,
  type LinkAccountRequest,
} from '@portico/domain';
import { PlatformAdmin } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { AdminService } from './admin.service';

/** Platform administration: `/api/v1/admin/accounts` (404 to anyone but a platform administrator). */
@ApiTags('admin')
@Controller('api/v1/admin/accounts')
@PlatformAdmin()
@SystemScope('platform-admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get()
  @ApiOperation({ summary: 'Every account with its id mappings and member count; search and paging' })
  @ApiOkResponse({ description: 'AdminAccountPage' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async list(
    @Query(new ZodValidationPipe(adminAccountQuerySchema)) query: AdminAccountQuery,
  ): Promise<AdminAccountPage> {
    return this.admin.page(query);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an account (no members yet), optionally linked' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiConflictResponse({ description: 'conflict: an id is linked to another account' })
  async create(
    @Body(new ZodValidationPipe(createAdminAccountRequestSchema)) body: CreateAdminAccountRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<AdminAccount> {
    return this.admin.create(body, ctx);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Link an account to its WHMCS client id and Salesforce Account Id (null unlinks), or rename it',
  })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiConflictResponse({ description: 'conflict: an id is linked to another account' })
  async link(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(linkAccountRequestSchema)) body: LinkAccountRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<AdminAccount> {
    return this.admin.link(id, body, ctx);
  }
}
