import { Body, Controller, HttpCode, Post, Put, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  acceptInviteRequestSchema,
  inviteLookupRequestSchema,
  lastAccountRequestSchema,
  localeRequestSchema,
  type AcceptInviteRequest,
  type AcceptedInvite,
  type InviteLookupRequest,
  type InvitePreview,
  type LastAccountRequest,
  type LocaleRequest,
} from '@portico/domain';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, TokenService, type SessionUser } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type ClientMeta } from '../audit/audit-context';
import { MembersService } from './members.service';

/**
 * Invite acceptance (`/api/v1/invites/*`, no session required; the token travels in the body so it stays out of
 * access logs) and the last used account (`PUT /api/v1/me/last-account`).
 */
@ApiTags('members')
@Controller('api/v1')
export class InvitesController {
  constructor(
    private readonly members: MembersService,
    private readonly tokens: TokenService,
  ) {}

  @Post('invites/lookup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What an invite link is for (account, email, role, whether the email has a user)',
  })
  @ApiNotFoundResponse({ description: 'not_found: unknown link' })
  @ApiGoneResponse({ description: 'gone: expired, used or revoked' })
  lookup(
    @Body(new ZodValidationPipe(inviteLookupRequestSchema)) body: InviteLookupRequest,
  ): Promise<InvitePreview> {
    return this.members.preview(body.token);
  }

  @Post('invites/accept')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept an invite',
    description:
      'Creates the user (name and password required) or, signed in as the invited email, adds the membership.',
  })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiNotFoundResponse({ description: 'not_found: unknown link' })
  @ApiGoneResponse({ description: 'gone: expired, used or revoked' })
  accept(
    @Body(new ZodValidationPipe(acceptInviteRequestSchema)) body: AcceptInviteRequest,
    @Req() request: FastifyRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<AcceptedInvite> {
    const token = this.tokens.accessTokenOf(request);
    const session = token ? this.tokens.verifyAccessToken(token) : null;
    return this.members.accept(body, session, meta);
  }

  @Put('me/locale')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: "Keep the user's language (en | de) for the portal and their emails" })
  @ApiBadRequestResponse({ description: 'validation_failed: not a supported language' })
  async setLocale(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(localeRequestSchema)) body: LocaleRequest,
  ): Promise<void> {
    await this.members.setLocale(user, body.locale);
  }

  @Put('me/last-account')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Remember the account the user opened (where `/` leads next time)' })
  @ApiNotFoundResponse({ description: 'not_found: not a member of that account' })
  async setLastAccount(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(lastAccountRequestSchema)) body: LastAccountRequest,
  ): Promise<void> {
    await this.members.setLastAccount(user, body.accountId);
  }
}
