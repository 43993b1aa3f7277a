import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import type { AccessTokenClaims, SessionUser } from './session.types';

/** A freshly minted refresh token: `token` goes to the cookie, only `hash` is stored. */
export interface IssuedRefreshToken {
  token: string;
  /** sha256 hex of `token`. */
  hash: string;
  expiresAt: Date;
}

/** Signs and verifies access tokens (HS256 JWT) and mints opaque refresh tokens. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Access token lifetime, seconds. */
  get accessTtlSeconds(): number {
    return this.env.JWT_ACCESS_TTL_SECONDS;
  }

  /** Refresh token lifetime, seconds. */
  get refreshTtlSeconds(): number {
    return this.env.JWT_REFRESH_TTL_SECONDS;
  }

  /** Signs an access token for `user`, valid `JWT_ACCESS_TTL_SECONDS`. */
  signAccessToken(user: SessionUser): string {
    const claims: AccessTokenClaims = { sub: user.userId, email: user.email };
    return this.jwt.sign(claims, {
      secret: this.env.JWT_ACCESS_SECRET,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
      algorithm: 'HS256',
    });
  }

  /** The session of a valid, unexpired access token, or null (bad signature, expired, malformed). */
  verifyAccessToken(token: string): SessionUser | null {
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, {
        secret: this.env.JWT_ACCESS_SECRET,
        algorithms: ['HS256'],
      });
      return sessionFromClaims(claims);
    } catch {
      return null;
    }
  }

  /** A new random refresh token (256 bits, base64url) with its hash and expiry. */
  issueRefreshToken(now = new Date()): IssuedRefreshToken {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: hashRefreshToken(token), expiresAt: new Date(now.getTime() + this.env.JWT_REFRESH_TTL_SECONDS * 1000) };
  }
}

/** sha256 hex of a refresh token (the stored form). */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Validates decoded claims into a {@link SessionUser}; null when they are not ours. */
export function sessionFromClaims(claims: unknown): SessionUser | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const { sub, email } = claims as Partial<AccessTokenClaims>;
  if (typeof sub !== 'string' || typeof email !== 'string' || sub.length === 0) return null;
  return { userId: sub, email };
}
