import { Body, Controller, Get, HttpCode, Inject, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  oidcDiscoverRequestSchema,
  type OidcDiscoverRequest,
  type OidcDiscoverResponse,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { cookieOptions } from '../../../core/auth';
import { SkipCsrf } from '../../../core/http/csrf/csrf.guard';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { ZodValidationPipe } from '../../../core/http/zod-validation.pipe';
import { SystemScope } from '../../../core/prisma/db-scope.interceptor';
import { AuditContext, type ClientMeta } from '../../audit/audit-context';
import type { CookieRequest } from '../auth.controller';
import { SessionCookies, type CookieReply } from '../session-cookies';
import {
  oidcCallbackQuerySchema,
  oidcStartQuerySchema,
  type OidcCallbackQuery,
  type OidcStartQuery,
} from './oidc-claims';
import { OidcService } from './oidc.service';

/** Base name of the cookie carrying a started provider sign-in (`__Host-` prefixed when cookies are `Secure`). */
export const OIDC_STATE_COOKIE = 'portico_oidc';

/** A dynamic redirect (Nest's `@Redirect()`): sent by Nest after the handler's cookies are set. */
interface RedirectTo {
  url: string;
  statusCode: 302;
}

/** What the login page needs to know about provider sign-in. */
export interface OidcPublicConfig {
  /** Show "Sign in with your company account" (OIDC_ENABLED). */
  enabled: boolean;
  /** Email domains routed to the provider (OIDC_ALLOWED_EMAIL_DOMAINS); empty when off. */
  domains: string[];
}

/**
 * Sign-in through the company's OpenID Connect provider: `GET /api/v1/auth/oidc/start` sends the browser to the
 * provider, which sends it back to `GET /api/v1/auth/oidc/callback`; both are browser navigations (no CSRF token:
 * the signed state cookie, `state`, `nonce` and PKCE bind the callback to the browser that started it).
 */
@ApiTags('auth')
@Controller('api/v1/auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly cookies: SessionCookies,
    @Inject(ENV) private readonly env: Env,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'Whether sign-in through an identity provider is on (for the login page)' })
  @ApiOkResponse({ description: '{ enabled, domains }' })
  config(): OidcPublicConfig {
    return {
      enabled: this.env.OIDC_ENABLED,
      domains: this.env.OIDC_ENABLED ? [...this.env.OIDC_ALLOWED_EMAIL_DOMAINS] : [],
    };
  }

  @Post('discover')
  @HttpCode(200)
  @SkipCsrf()
  @SystemScope('login-oidc')
  @ApiOperation({
    summary: 'Which sign-in an email’s domain routes to (for the login page)',
    description:
      'Answers { provider: "account" | "platform" | null, startUrl? } from the email’s DOMAIN alone: the same answer whether or not the person has a user, so it cannot enumerate accounts. Cross-site requests are refused (Origin / Sec-Fetch-Site) like every pre-session POST.',
  })
  @ApiOkResponse({ description: 'OidcDiscoverResponse' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async discover(
    @Body(new ZodValidationPipe(oidcDiscoverRequestSchema)) body: OidcDiscoverRequest,
  ): Promise<OidcDiscoverResponse> {
    return this.oidc.discover(body.email);
  }

  @Get('start')
  @Redirect()
  @SystemScope('login-oidc')
  @ApiOperation({
    summary: 'Start a sign-in at the identity provider',
    description:
      'Redirects (302) to the provider with PKCE (S256), state and nonce, which are kept (with the provider) in the short-lived, signed, HttpOnly portico_oidc cookie. `provider`: an account identity provider id (from /discover); or `email`: its domain picks the provider; neither: the platform provider. `next`: portal path to open afterwards.',
  })
  @ApiFoundResponse({ description: 'Location: the provider authorization endpoint' })
  @ApiNotFoundResponse({
    description: 'not_found: provider sign-in is off, no such provider, or the email’s domain has none',
  })
  @ApiServiceUnavailableResponse({ description: 'upstream_unavailable: the provider cannot be reached' })
  async start(
    @Query(new ZodValidationPipe(oidcStartQuerySchema)) query: OidcStartQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedirectTo> {
    const started = await this.oidc.start(query);
    (reply as CookieReply).setCookie(
      this.stateCookieName(),
      started.stateToken,
      cookieOptions(this.env.COOKIE_SECURE, true, this.env.OIDC_LOGIN_TTL_SECONDS),
    );
    void reply.header('cache-control', 'no-store');
    return { url: started.authorizationUrl, statusCode: 302 };
  }

  @Get('callback')
  @Redirect()
  @SystemScope('login-oidc')
  @ApiOperation({
    summary: 'The provider sends the browser back here',
    description:
      'Exchanges the code (PKCE), verifies the ID token (signature, issuer, audience, nonce, expiry), finds or links the user by `sub` or verified email, sets the session cookies and redirects (302) to `next` or `/`. With two-factor on and no second factor asserted by the provider (`amr`), redirects to `/login?step=code` with the portico_mfa challenge cookie.',
  })
  @ApiFoundResponse({ description: 'Location: the portal' })
  @ApiBadRequestResponse({
    description: 'validation_failed: missing, expired or mismatched state; answer did not verify',
  })
  @ApiUnauthorizedResponse({ description: 'unauthenticated: the provider refused the sign-in' })
  @ApiForbiddenResponse({ description: 'forbidden: email unverified, domain not allowed, or no such user' })
  @ApiNotFoundResponse({ description: 'not_found: provider sign-in is off' })
  @ApiServiceUnavailableResponse({ description: 'upstream_unavailable: the provider cannot be reached' })
  async callback(
    @Query(new ZodValidationPipe(oidcCallbackQuerySchema)) query: OidcCallbackQuery,
    @Req() request: CookieRequest,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedirectTo> {
    const name = this.stateCookieName();
    const stateToken = request.cookies?.[name];
    // One use only, whatever the outcome.
    (reply as CookieReply).clearCookie(name, cookieOptions(this.env.COOKIE_SECURE, true));
    const rawUrl = request.raw.url ?? '';
    const search = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?')) : '';
    const outcome = await this.oidc.callback(query, search, stateToken, meta);
    void reply.header('cache-control', 'no-store');
    if (outcome.kind === 'mfa') {
      this.cookies.setMfaChallenge(reply, outcome.challengeToken);
      const target = new URL('/login', this.env.PORTAL_ORIGIN);
      target.searchParams.set('step', 'code');
      if (outcome.next) target.searchParams.set('next', outcome.next);
      return { url: `${target.pathname}${target.search}`, statusCode: 302 };
    }
    this.cookies.set(reply, outcome.session);
    return { url: outcome.next ?? '/', statusCode: 302 };
  }

  private stateCookieName(): string {
    return this.env.COOKIE_SECURE ? `__Host-${OIDC_STATE_COOKIE}` : OIDC_STATE_COOKIE;
  }
}
