import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  loginRequestSchema,
  mfaVerifyRequestSchema,
  type LoginRequest,
  type LoginResult,
  type Me,
  type MfaVerifyRequest,
} from '@portico/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentUser, TokenService, type SessionUser } from '../../core/auth';
import { SkipCsrf } from '../../core/http/csrf/csrf.guard';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type ClientMeta } from '../audit/audit-context';
import { AuthService } from './auth.service';
import { SessionCookies } from './session-cookies';

/** A Fastify request with @fastify/cookie's parsed cookies. */
export type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };

/** Login (two steps with two-factor), refresh, logout and `GET /api/v1/me`. */
@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('auth/login')
  @SystemScope('login')
  @HttpCode(200)
  @SkipCsrf()
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Answers Me and sets the session cookies; or, when the user has two-factor on, answers { mfaRequired: true } and sets the short-lived portico_mfa cookie for POST /auth/mfa/verify.',
  })
  @ApiOkResponse({ description: 'Me, or { mfaRequired: true }' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated: Invalid email or password' })
  @ApiTooManyRequestsResponse({
    description: 'rate_limited: locked out after repeated failures (Retry-After)',
  })
  async login(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResult> {
    const outcome = await this.auth.login(body, meta);
    if (outcome.kind === 'mfa') {
      this.cookies.setMfaChallenge(reply, outcome.challengeToken);
      return { mfaRequired: true };
    }
    this.cookies.set(reply, outcome.session);
    return outcome.session.me;
  }

  @Post('auth/mfa/verify')
  @SystemScope('mfa-verify')
  @HttpCode(200)
  @SkipCsrf()
  @ApiOperation({ summary: 'Second sign-in step: a TOTP code or a recovery code; sets the session cookies' })
  @ApiOkResponse({ description: 'Me' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated: challenge expired or code not valid' })
  @ApiTooManyRequestsResponse({ description: 'rate_limited (Retry-After)' })
  async verifyMfa(
    @Body(new ZodValidationPipe(mfaVerifyRequestSchema)) body: MfaVerifyRequest,
    @Req() request: CookieRequest,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    const session = await this.auth.verifyMfa(
      request.cookies?.[this.tokens.cookies.mfaChallenge],
      body,
      meta,
    );
    this.cookies.set(reply, session);
    return session.me;
  }

  @Post('auth/refresh')
  @SystemScope('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the refresh token and issue a new access token (same session, same absolute end)',
  })
  @ApiOkResponse({ description: 'Me' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated' })
  async refresh(
    @Req() request: CookieRequest,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    try {
      const session = await this.auth.refresh(request.cookies?.[this.tokens.cookies.refresh], meta);
      this.cookies.set(reply, session);
      return session.me;
    } catch (err) {
      this.cookies.clear(reply);
      throw err;
    }
  }

  @Post('auth/logout')
  @SystemScope('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the session and clears the cookies' })
  @ApiNoContentResponse()
  async logout(
    @Req() request: CookieRequest,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(request.cookies?.[this.tokens.cookies.refresh], meta);
    this.cookies.clear(reply);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user and their accounts' })
  @ApiOkResponse({ description: 'Me' })
  async me(@CurrentUser() user: SessionUser): Promise<Me> {
    return this.auth.me(user.userId);
  }
}
