import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  putIdentityProviderRequestSchema,
  type IdentityProvider,
  type PutIdentityProviderCommand,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { PlatformAdmin } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { IdentityProvidersService } from '../identity-providers/identity-providers.service';

/**
 * An account's OpenID Connect identity provider, for platform administrators:
 * `/api/v1/admin/accounts/:id/identity-provider` (404 to anyone but a platform administrator). The client
 * secret is write-only.
 */
@ApiTags('admin')
@Controller('api/v1/admin/accounts/:id/identity-provider')
@PlatformAdmin()
@SystemScope('platform-admin')
export class AdminIdentityProviderController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get()
  @ApiOperation({ summary: 'The account’s identity provider (without its client secret)' })
  @ApiOkResponse({ description: 'IdentityProvider' })
  @ApiNotFoundResponse({ description: 'not_found: unknown account, or no provider' })
  async get(@Param('id') accountId: string): Promise<IdentityProvider> {
    return this.providers.get(accountId);
  }

  @Put()
  @ApiOperation({
    summary: 'Create or replace the account’s identity provider',
    description:
      'clientSecret is required on create; left out on update it keeps the stored secret. With verifyDiscovery (default true) the issuer’s /.well-known/openid-configuration is read first and nothing is saved if it cannot be (503 upstream_unavailable) or does not describe the issuer (400 validation_failed). Answers 201 when created, 200 when replaced.',
  })
  @ApiOkResponse({ description: 'IdentityProvider (replaced)' })
  @ApiCreatedResponse({ description: 'IdentityProvider (created)' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiNotFoundResponse({ description: 'not_found: unknown account' })
  @ApiConflictResponse({ description: 'conflict: an email domain belongs to another account’s provider' })
  @ApiServiceUnavailableResponse({
    description: 'upstream_unavailable: the issuer’s discovery cannot be read',
  })
  async put(
    @Param('id') accountId: string,
    @Body(new ZodValidationPipe(putIdentityProviderRequestSchema)) body: PutIdentityProviderCommand,
    @AuditContext() ctx: RequestAuditContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IdentityProvider> {
    const { provider, created } = await this.providers.put(accountId, body, ctx);
    void reply.status(created ? 201 : 200);
    return provider;
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove the account’s identity provider (its domains sign in with passwords again)',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'not_found: unknown account, or no provider' })
  async delete(@Param('id') accountId: string, @AuditContext() ctx: RequestAuditContext): Promise<void> {
    await this.providers.delete(accountId, ctx);
  }
}
