import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { loginRequestSchema, type LoginRequest, type Me } from '@portico/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_COOKIE, Authenticated, CurrentUser, REFRESH_COOKIE, REFRESH_COOKIE_PATH, TokenService, type SessionUser } from '../../core/auth';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuthService, type ClientMeta, type IssuedSession } from './auth.service';

type CookieRequest = FastifyRequest & { cookies?: Record<string, string | undefined> };
type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
};

function clientMeta(request: FastifyRequest): ClientMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, requestId: String(request.id) };
}

/** Login, refresh, logout and `GET /api/v1/me`. */
@ApiTags('auth')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokenService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Post('auth/login')
  @SystemScope('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in; sets the portico_at and portico_rt cookies' })
  @ApiOkResponse({ description: 'Me' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated: Invalid email or password' })
  async login(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Me> {
    const session = await this.auth.login(body, clientMeta(request));
    return this.setSessionCookies(reply, session);
  }

  @Post('auth/refresh')
  @SystemScope('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the refresh token (portico_rt cookie) and issue a new access token' })
  @ApiOkResponse({ description: 'Me' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated' })
  async refresh(@Req() request: CookieRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Me> {
    try {
      const session = await this.auth.refresh(request.cookies?.[REFRESH_COOKIE], clientMeta(request));
      return this.setSessionCookies(reply, session);
    } catch (err) {
      this.clearSessionCookies(reply);
      throw err;
    }
  }

  @Post('auth/logout')
  @SystemScope('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the refresh token family and clears the cookies' })
  @ApiNoContentResponse()
  async logout(@Req() request: CookieRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(request.cookies?.[REFRESH_COOKIE], clientMeta(request));
    this.clearSessionCookies(reply);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user and their accounts' })
  @ApiOkResponse({ description: 'Me' })
  async me(@CurrentUser() user: SessionUser): Promise<Me> {
    return this.auth.me(user.userId);
  }

  private setSessionCookies(reply: CookieReply, session: IssuedSession): Me {
    const base = { httpOnly: true, sameSite: 'lax', secure: this.env.COOKIE_SECURE };
    reply.setCookie(ACCESS_COOKIE, session.accessToken, { ...base, path: '/', maxAge: this.tokens.accessTtlSeconds });
    reply.setCookie(REFRESH_COOKIE, session.refreshToken, { ...base, path: REFRESH_COOKIE_PATH, maxAge: this.tokens.refreshTtlSeconds });
    return session.me;
  }

  private clearSessionCookies(reply: CookieReply): void {
    const base = { httpOnly: true, sameSite: 'lax', secure: this.env.COOKIE_SECURE };
    reply.clearCookie(ACCESS_COOKIE, { ...base, path: '/' });
    reply.clearCookie(REFRESH_COOKIE, { ...base, path: REFRESH_COOKIE_PATH });
  }
}
