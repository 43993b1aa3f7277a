import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { cookieOptions, TokenService } from '../../core/auth';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import type { IssuedSession } from './auth.service';

/** A Fastify reply with @fastify/cookie's methods. */
export type CookieReply = FastifyReply & {
  setCookie(name: string, value: string, options: Record<string, unknown>): FastifyReply;
  clearCookie(name: string, options: Record<string, unknown>): FastifyReply;
};

/**
 * Writes the session cookies. All have `Path=/`, no `Domain`, `SameSite=Lax` and, unless on plain-http localhost,
 * `Secure` with the `__Host-` prefix. Access and refresh cookies and the two-factor challenge are HttpOnly; the CSRF
 * cookie is not (the portal's script copies it into the `x-csrf-token` header). The refresh and CSRF cookies live
 * until the session's absolute end, the access cookie for the access token's lifetime.
 */
@Injectable()
export class SessionCookies {
  constructor(
    private readonly tokens: TokenService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Sets the cookies of a signed-in session and drops any two-factor challenge. */
  set(reply: FastifyReply, session: IssuedSession): void {
    const r = reply as CookieReply;
    const names = this.tokens.cookies;
    const secure = this.env.COOKIE_SECURE;
    const remaining = Math.max(1, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
    r.setCookie(
      names.access,
      session.accessToken,
      cookieOptions(secure, true, Math.min(this.tokens.accessTtlSeconds, remaining)),
    );
    r.setCookie(names.refresh, session.refreshToken, cookieOptions(secure, true, remaining));
    r.setCookie(names.csrf, session.csrfToken, cookieOptions(secure, false, remaining));
    r.clearCookie(names.mfaChallenge, cookieOptions(secure, true));
  }

  /** Sets the two-factor challenge cookie (password accepted, code pending). */
  setMfaChallenge(reply: FastifyReply, challengeToken: string): void {
    (reply as CookieReply).setCookie(
      this.tokens.cookies.mfaChallenge,
      challengeToken,
      cookieOptions(this.env.COOKIE_SECURE, true, this.env.MFA_CHALLENGE_TTL_SECONDS),
    );
  }

  /** Clears every session cookie. */
  clear(reply: FastifyReply): void {
    const r = reply as CookieReply;
    const names = this.tokens.cookies;
    const secure = this.env.COOKIE_SECURE;
    r.clearCookie(names.access, cookieOptions(secure, true));
    r.clearCookie(names.refresh, cookieOptions(secure, true));
    r.clearCookie(names.csrf, cookieOptions(secure, false));
    r.clearCookie(names.mfaChallenge, cookieOptions(secure, true));
  }
}
