import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import type { AccessTokenClaims, SessionUser } from './session.types';

/** Verified access tokens remembered per instance (each entry lives until its token expires, at most 60 s). */
const VERIFIED_TOKENS_MAX = 10_000;
const VERIFIED_TOKEN_TTL_MS = 60_000;

/**
 * Verifies access tokens (HS256 JWT with `sub`, `email`, `sid` and the optional `mfa_acct`) against
 * `JWT_ACCESS_SECRET`. Plain (no Nest), so that the separate realtime process verifies the cookie exactly as
 * `TokenService` does in the BFF, which delegates to it.
 */
export class AccessTokenVerifier {
  /**
   * The secret as a KeyObject, made once: given the string, jsonwebtoken re-derives a key (after failing to read it
   * as a public key, with a thrown error) on every verification, the main CPU cost of a signed-in request.
   */
  private readonly key: KeyObject;
  /**
   * Tokens whose signature was verified, by the exact token string, with their session: a signed-in page makes many
   * requests with the same token. An entry never outlives its token's `exp`, so nothing is accepted that a fresh
   * verification would refuse (revocation is checked apart, on every request).
   */
  private readonly verified = new LRUCache<string, { session: SessionUser; expiresAtMs: number }>({
    max: VERIFIED_TOKENS_MAX,
    ttl: VERIFIED_TOKEN_TTL_MS,
  });

  /** @param secret `JWT_ACCESS_SECRET` (UTF-8) */
  constructor(secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /**
   * The session of a valid, unexpired access token, or null (bad signature, expired, malformed, foreign claims).
   * Does not check revocation (see `SessionRevocationService`).
   */
  verify(token: string): SessionUser | null {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.session;
    try {
      const claims = jwt.verify(token, this.key, { algorithms: ['HS256'] }) as AccessTokenClaims & {
        exp?: number;
      };
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
}

/** Validates decoded claims into a {@link SessionUser}; null when they are not ours. */
export function sessionFromClaims(claims: unknown): SessionUser | null {
  if (typeof claims !== 'object' || claims === null) return null;
  const { sub, email, sid, mfa_acct: mfaAccountId } = claims as Partial<AccessTokenClaims>;
  if (
    typeof sub !== 'string' ||
    typeof email !== 'string' ||
    typeof sid !== 'string' ||
    sub.length === 0 ||
    sid.length === 0
  )
    return null;
  return {
    userId: sub,
    email,
    sessionId: sid,
    ...(typeof mfaAccountId === 'string' && mfaAccountId.length > 0 ? { mfaAccountId } : {}),
  };
}
