import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { AccessTokenVerifier } from './access-token-verifier';
import { cookieNames, type CookieNames } from './auth-cookies';
import type { AccessTokenClaims, SessionUser } from './session.types';

/** A freshly minted refresh token: `token` goes to the cookie, only `hash` is stored. */
export interface IssuedRefreshToken {
  token: string;
  /** sha256 hex of `token`. */
  hash: string;
  expiresAt: Date;
}

/** Audience of the two-factor challenge token, so it can never pass as an access token (other key, too). */
const MFA_AUDIENCE = 'portico:mfa-challenge';

/**
 * Signs and verifies access tokens (HS256 JWT with `sub`, `email`, `sid`), two-factor challenge tokens (HS256 with
 * `JWT_REFRESH_SECRET` and their own audience) and mints opaque refresh tokens.
 */
@Injectable()
export class TokenService {
  /** Cookie names in force (`__Host-` prefixed when cookies are Secure). */
  readonly cookies: CookieNames;
  /** Verification of access tokens, shared with the separate realtime process. */
  private readonly verifier: AccessTokenVerifier;

  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.cookies = cookieNames(env.COOKIE_SECURE);
    this.verifier = new AccessTokenVerifier(env.JWT_ACCESS_SECRET);
  }

  /** Name of the access-token cookie in force (for readers outside HTTP, e.g. the socket.io handshake). */
  get accessCookieName(): string {
    return this.cookies.access;
  }

  /** The access token from a request's access cookie (the name in force), or null. Does not verify it. */
  accessTokenOf(request: unknown): string | null {
    const token = (request as { cookies?: Record<string, string | undefined> }).cookies?.[
      this.cookies.access
    ];
    return typeof token === 'string' && token.length > 0 ? token : null;
  }

  /**
   * The access token a request presents: the access cookie (see {@link accessTokenOf}), else an
   * `Authorization: Bearer` header; null when neither. Does not verify it.
   */
  presentedAccessToken(request: { headers: Record<string, string | string[] | undefined> }): string | null {
    const cookie = this.accessTokenOf(request);
    if (cookie) return cookie;
    const auth = request.headers.authorization;
    const bearer = typeof auth === 'string' && /^Bearer /i.test(auth) ? auth.slice(7).trim() : '';
    return bearer.length > 0 ? bearer : null;
  }

  /** Access token lifetime, seconds. */
  get accessTtlSeconds(): number {
    return this.env.JWT_ACCESS_TTL_SECONDS;
  }

  /** Refresh token lifetime (absolute, from login), seconds. */
  get refreshTtlSeconds(): number {
    return this.env.JWT_REFRESH_TTL_SECONDS;
  }

  /** Signs an access token for `user`, valid `JWT_ACCESS_TTL_SECONDS`. */
  signAccessToken(user: SessionUser): string {
    const claims: AccessTokenClaims = {
      sub: user.userId,
      email: user.email,
      sid: user.sessionId,
      ...(user.mfaAccountId === undefined ? {} : { mfa_acct: user.mfaAccountId }),
    };
    return this.jwt.sign(claims, {
      secret: this.env.JWT_ACCESS_SECRET,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
      algorithm: 'HS256',
    });
  }

  /**
   * The session of a valid, unexpired access token, or null (bad signature, expired, malformed). Does not check
   * revocation (see SessionRevocationService).
   */
  verifyAccessToken(token: string): SessionUser | null {
    return this.verifier.verify(token);
  }

  /** A two-factor challenge token for `userId`, valid `MFA_CHALLENGE_TTL_SECONDS`. */
  signMfaChallenge(userId: string): string {
    return this.jwt.sign(
      { sub: userId },
      {
        secret: this.env.JWT_REFRESH_SECRET,
        expiresIn: this.env.MFA_CHALLENGE_TTL_SECONDS,
        algorithm: 'HS256',
        audience: MFA_AUDIENCE,
      },
    );
  }

  /** The user id of a valid, unexpired challenge token, or null. */
  verifyMfaChallenge(token: string): string | null {
    try {
      const claims = this.jwt.verify<{ sub?: unknown }>(token, {
        secret: this.env.JWT_REFRESH_SECRET,
        algorithms: ['HS256'],
        audience: MFA_AUDIENCE,
      });
      return typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
    } catch {
      return null;
    }
  }

  /**
   * A new refresh token `<sessionId>.<256 random bits, base64url>` with its hash. The session id part lets the CSRF
   * check bind to the session before any lookup; it is no secret. `expiresAt` is the session's absolute end:
   * `now + JWT_REFRESH_TTL_SECONDS` for a new login, else the family's end passed as `sessionExpiresAt`.
   */
  issueRefreshToken(sessionId: string, now = new Date(), sessionExpiresAt?: Date): IssuedRefreshToken {
    const token = `${sessionId}.${randomBytes(32).toString('base64url')}`;
    return {
      token,
      hash: hashRefreshToken(token),
      expiresAt: sessionExpiresAt ?? new Date(now.getTime() + this.env.JWT_REFRESH_TTL_SECONDS * 1000),
    };
  }
}

/** The session id part of a refresh token made by {@link TokenService.issueRefreshToken}, or null. */
export function sessionIdOfRefreshToken(token: string): string | null {
  const dot = token.indexOf('.');
  const id = dot > 0 ? token.slice(0, dot) : '';
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

/** sha256 hex of a refresh token (the stored form). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
