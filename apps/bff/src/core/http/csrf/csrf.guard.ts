import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER, sessionIdOfRefreshToken, TokenService } from '../../auth';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AppException } from '../app.exception';
import { verifyCsrfToken } from './csrf-token';

const SKIP_CSRF_KEY = 'portico:skip-csrf';

/**
 * Marks a route that runs before any session exists (login, two-factor step, password reset), where a CSRF token
 * cannot be bound to a session yet. Those routes take JSON only, which a cross-site form cannot send without a CORS
 * preflight that only the portal's origin passes.
 */
export const SkipCsrf = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_CSRF_KEY, true);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global CSRF check (signed double-submit cookie bound to the session). A state-changing request (not GET, HEAD or
 * OPTIONS) that carries the session cookies must send header `x-csrf-token` equal to the CSRF cookie, and the token
 * must be signed for the request's session (the access token's `sid`, else the session part of the refresh token).
 * Exempt: `/webhooks/*` (signed by the providers), routes marked {@link SkipCsrf}, and requests without session
 * cookies (Bearer tokens, API keys), which a browser never sends on its own.
 * @throws AppException 403 `csrf_failed`
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { cookies?: Record<string, string | undefined> }>();
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/webhooks/')) return true;
    if (
      this.reflector.getAllAndOverride<boolean | undefined>(SKIP_CSRF_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    )
      return true;
    const names = this.tokens.cookies;
    const access = request.cookies?.[names.access];
    const refresh = request.cookies?.[names.refresh];
    const sessionId =
      (access ? this.tokens.verifyAccessToken(access)?.sessionId : undefined) ??
      (refresh ? sessionIdOfRefreshToken(refresh) : null);
    if (!sessionId) return true;
    const header = request.headers[CSRF_HEADER];
    const cookie = request.cookies?.[names.csrf];
    if (typeof header !== 'string' || header.length === 0) {
      throw new AppException(
        'csrf_failed',
        `Missing CSRF token: send the ${names.csrf} cookie's value in the ${CSRF_HEADER} header`,
      );
    }
    if (header !== cookie || !verifyCsrfToken(this.env.CSRF_SECRET, header, sessionId)) {
      throw new AppException('csrf_failed', 'Invalid CSRF token: reload the page and try again');
    }
    return true;
  }
}
