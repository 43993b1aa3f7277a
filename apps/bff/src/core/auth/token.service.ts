import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
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

/** Verified access tokens remembered per instance (each entry lives until its token expires, at most 60 s). */
const VERIFIED_TOKENS_MAX = 10_000;
const VERIFIED_TOKEN_TTL_MS = 60_000;

/** Signs and verifies access tokens (HS256 JWT) and mints opaque refresh tokens. */
@Injectable()
export class TokenService {
  /**
   * The access secret as a KeyObject, made once: given the string, jsonwebtoken re-derives a key (after failing to
   * read it as a public key, with a thrown error) on every verification, the main CPU cost of a signed-in request.
   */
  private readonly accessKey: KeyObject;
  /**
   * Tokens whose signature was verified, by the exact token string, with their session: a signed-in page makes
   * many requests with the same token. An entry never outlives its token's `exp`, so nothing is accepted that a
   * fresh verification would refuse (access tokens are stateless: there is no revocation to miss).
   */
  private readonly verified = new LRUCache<string, { session: SessionUser; expiresAtMs: number }>({
    max: VERIFIED_TOKENS_MAX,
    ttl: VERIFIED_TOKEN_TTL_MS,
  });

  constructor(
    private readonly jwt: JwtService,
    @Inject(ENV) private readonly env: Env,
  ) {
    this.accessKey = createSecretKey(Buffer.from(env.JWT_ACCESS_SECRET, 'utf8'));
  }

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
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.session;
    try {
      const claims = this.jwt.verify<AccessTokenClaims & { exp?: number }>(token, {
        // jsonwebtoken 9 takes a KeyObject; @nestjs/jwt's types predate it.
        secret: this.accessKey as unknown as Buffer,
        algorithms: ['HS256'],
      });
      const session = sessionFromClaims(claims);
      if (session && typeof claims.exp === 'number') {
        const expiresAtMs = claims.exp * 1000;
        const ttl = Math.min(expiresAtMs - Date.now(), VERIFIED_TOKEN_TTL_MS);
        if (ttl > 0) this.verified.set(token, { session, expiresAtMs }, { ttl });
      }
      return session;
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
