import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  apiKeyListQuerySchema,
  createApiKeyRequestSchema,
  type ApiKey,
  type ApiKeyList,
  type ApiKeyListQuery,
  type CreateApiKeyRequest,
  type CreatedApiKey,
} from '@portico/domain';
import { PlatformAdmin } from '../../../core/auth';
import { ZodValidationPipe } from '../../../core/http/zod-validation.pipe';
import { SystemScope } from '../../../core/prisma/db-scope.interceptor';
import { AuditContext, type RequestAuditContext } from '../../audit/audit-context';
import { ApiKeysService } from './api-keys.service';

/** Platform administration of usage API keys: `/api/v1/admin/api-keys` (404 to anyone but a platform administrator). */
@ApiTags('admin')
@Controller('api/v1/admin/api-keys')
@PlatformAdmin()
@SystemScope('platform-admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Usage API keys, newest first (never their secrets)' })
  @ApiOkResponse({ description: 'ApiKeyList' })
  async list(
    @Query(new ZodValidationPipe(apiKeyListQuerySchema)) query: ApiKeyListQuery,
  ): Promise<ApiKeyList> {
    return this.keys.list(query);
  }

  @Post()
  @HttpCode(201)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Create a usage API key for an account or platform-wide; the secret is in this answer only',
  })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async create(
    @Body(new ZodValidationPipe(createApiKeyRequestSchema)) body: CreateApiKeyRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<CreatedApiKey> {
    return this.keys.create(body, ctx);
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a usage API key (refused from its next request on)' })
  async revoke(@Param('keyId') keyId: string, @AuditContext() ctx: RequestAuditContext): Promise<ApiKey> {
    return this.keys.revoke(keyId, ctx);
  }
}
