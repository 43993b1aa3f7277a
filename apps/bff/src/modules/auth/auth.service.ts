import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { LoginRequest, Me } from '@portico/domain';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { hashRefreshToken, TokenService } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { maskEmail } from '../../core/logging/mask-email';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from './auth.repository';

/** Who is calling: recorded with refresh tokens and audit events. */
export interface ClientMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** A signed-in session: the cookies' values and the `Me` body. */
export interface IssuedSession {
  me: Me;
  accessToken: string;
  refreshToken: string;
}

/** The one message for every failed login, so callers cannot tell unknown emails from wrong passwords. */
export const INVALID_CREDENTIALS = 'Invalid email or password';

/** Login, refresh-token rotation (with reuse detection) and logout. */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  /** argon2id hash of a random secret, verified against for unknown emails so both paths cost the same. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly repository: AuthRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.dummyHash = hashPassword(randomUUID());
  }

  /**
   * Verifies email and password (argon2id) and starts a new refresh-token family.
   * @throws AppException 401 `unauthenticated` "Invalid email or password" for unknown email or wrong password
   */
  async login(request: LoginRequest, meta: ClientMeta): Promise<IssuedSession> {
    const email = request.email.trim().toLowerCase();
    const user = await this.repository.findCredentials(email);
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= hashPassword(randomUUID())));
    const ok = await verifyPassword(hash, request.password);
    if (!user || !ok) {
      await this.audit.record({
        action: 'auth.login_failed',
        actorUserId: user?.id ?? null,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { email: maskEmail(email), reason: user ? 'wrong_password' : 'unknown_email' },
      });
      this.logger.log(`Login failed for ${maskEmail(email)}`);
      throw AppException.unauthenticated(INVALID_CREDENTIALS);
    }
    const session = await this.startSession(user.id, randomUUID(), meta);
    await this.audit.record({ action: 'auth.login_succeeded', actorUserId: user.id, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId });
    return session;
  }

  /**
   * Exchanges a refresh token for a new pair. A token that was already rotated is a reuse: the whole family is
   * revoked (both the attacker's and the victim's sessions end) and the reuse is audited.
   * @throws AppException 401 `unauthenticated` for a missing, unknown, expired, revoked or reused token
   */
  async refresh(refreshToken: string | undefined, meta: ClientMeta): Promise<IssuedSession> {
    if (!refreshToken) throw AppException.unauthenticated('Session expired');
    const now = new Date();
    const stored = await this.repository.findRefreshToken(hashRefreshToken(refreshToken));
    if (!stored || stored.revokedAt) throw AppException.unauthenticated('Session expired');
    if (stored.rotatedAt) {
      await this.handleReuse(stored.familyId, stored.userId, meta, now);
      throw AppException.unauthenticated('Session expired');
    }
    if (stored.expiresAt.getTime() <= now.getTime()) throw AppException.unauthenticated('Session expired');
    const me = await this.repository.findMe(stored.userId);
    if (!me) throw AppException.unauthenticated('Session expired');
    const next = this.tokens.issueRefreshToken(now);
    const rotated = await this.repository.rotate(
      stored.id,
      { userId: stored.userId, familyId: stored.familyId, tokenHash: next.hash, expiresAt: next.expiresAt, userAgent: meta.userAgent, ip: meta.ip },
      now,
    );
    if (!rotated) {
      await this.handleReuse(stored.familyId, stored.userId, meta, now);
      throw AppException.unauthenticated('Session expired');
    }
    return { me, accessToken: this.tokens.signAccessToken({ userId: me.user.id, email: me.user.email }), refreshToken: next.token };
  }

  /** Ends the session of `refreshToken` (its whole family); a missing or unknown token is not an error. */
  async logout(refreshToken: string | undefined, meta: ClientMeta): Promise<void> {
    if (!refreshToken) return;
    const stored = await this.repository.findRefreshToken(hashRefreshToken(refreshToken));
    if (!stored) return;
    await this.repository.revokeFamily(stored.familyId, new Date());
    await this.audit.record({ action: 'auth.logout', actorUserId: stored.userId, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId });
  }

  /**
   * `Me` of a signed-in user.
   * @throws AppException 401 when the user no longer exists
   */
  async me(userId: string): Promise<Me> {
    const me = await this.repository.findMe(userId);
    if (!me) throw AppException.unauthenticated();
    return me;
  }

  private async startSession(userId: string, familyId: string, meta: ClientMeta): Promise<IssuedSession> {
    const me = await this.repository.findMe(userId);
    if (!me) throw AppException.unauthenticated(INVALID_CREDENTIALS);
    const refresh = this.tokens.issueRefreshToken();
    await this.repository.createRefreshToken({
      userId,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip,
    });
    return { me, accessToken: this.tokens.signAccessToken({ userId, email: me.user.email }), refreshToken: refresh.token };
  }

  private async handleReuse(familyId: string, userId: string, meta: ClientMeta, now: Date): Promise<void> {
    const revoked = await this.repository.revokeFamily(familyId, now);
    this.logger.warn(`Refresh token reuse detected; revoked ${revoked} token(s) of the family`);
    await this.audit.record({
      action: 'auth.refresh_reused',
      actorUserId: userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      metadata: { familyId, revoked },
    });
  }
}
