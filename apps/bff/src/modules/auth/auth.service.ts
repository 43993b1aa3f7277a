import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { LoginRequest, Me, MfaVerifyRequest } from '@portico/domain';
import { hashRefreshToken, SessionRevocationService, TokenService } from '../../core/auth';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { issueCsrfToken } from '../../core/http/csrf/csrf-token';
import { LoginLockoutService } from '../../core/http/throttling/login-lockout.service';
import { maskEmail } from '../../core/logging/mask-email';
import { DbContext } from '../../core/prisma/db-context';
import { clientMetaOf, type ClientMeta } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { MfaService } from './mfa.service';

/** A signed-in session: the cookies' values and the `Me` body. */
export interface IssuedSession {
  me: Me;
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  /** CSRF token bound to the session (cookie readable by the portal's script). */
  csrfToken: string;
  /** Absolute end of the session. */
  expiresAt: Date;
}

/** Outcome of the password step: a session, or a two-factor challenge token (cookie). */
export type LoginOutcome =
  { kind: 'session'; session: IssuedSession } | { kind: 'mfa'; challengeToken: string };

/** The one message for every failed login, so callers cannot tell unknown emails from wrong passwords. */
export const INVALID_CREDENTIALS = 'Invalid email or password';
const SESSION_EXPIRED = 'Session expired';

/** Lockout key of a login attempt: IP and a digest of the email (never the email itself). */
function loginKey(ip: string | null, email: string): string {
  return `login:${ip ?? 'unknown'}|${createHash('sha256').update(email).digest('hex').slice(0, 32)}`;
}

/**
 * Login (password, then TOTP or a recovery code when two-factor is on), refresh-token rotation with reuse
 * detection, logout. Sessions end at an absolute time (login + `JWT_REFRESH_TTL_SECONDS`), not a sliding one.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  private readonly logger = new Logger('Auth');
  /** argon2id hash of a random secret, verified against for unknown emails so both paths cost the same. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UsersRepository,
    private readonly sessionStore: SessionsRepository,
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocationService,
    private readonly mfa: MfaService,
    private readonly lockout: LoginLockoutService,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dummyHash = hashPassword(randomUUID());
  }

  /**
   * Verifies email and password (argon2id). Without two-factor, starts a session; with it, returns a challenge.
   * @throws AppException 401 `unauthenticated` "Invalid email or password"; 429 `rate_limited` during a lockout
   */
  async login(request: LoginRequest, meta: ClientMeta): Promise<LoginOutcome> {
    return DbContext.runAsSystem('login', async () => {
      const email = request.email.trim().toLowerCase();
      const key = loginKey(meta.ip, email);
      await this.lockout.assertNotLocked(key);
      const user = await this.users.findCredentials(email);
      const hash = user?.passwordHash ?? (await (this.dummyHash ??= hashPassword(randomUUID())));
      const ok = await verifyPassword(hash, request.password);
      if (!user || !ok) {
        await this.audit.record({
          action: 'auth.login_failed',
          actorUserId: user?.id ?? null,
          ...clientMetaOf(meta),
          metadata: { email: maskEmail(email), reason: user ? 'wrong_password' : 'unknown_email' },
        });
        this.logger.log(`Login failed for ${maskEmail(email)}`);
        await this.countFailure(key, user?.id ?? null, meta, maskEmail(email));
        throw AppException.unauthenticated(INVALID_CREDENTIALS);
      }
      if (user.mfaEnabled) return { kind: 'mfa', challengeToken: this.tokens.signMfaChallenge(user.id) };
      const session = await this.startSession(user.id, meta);
      await this.audit.record({
        action: 'auth.login_succeeded',
        actorUserId: user.id,
        ...clientMetaOf(meta),
        metadata: { mfa: 'none' },
      });
      return { kind: 'session', session };
    });
  }

  /**
   * The second login step: a TOTP code (refused once its time step was used) or an unused recovery code.
   * @throws AppException 401 for a missing/expired challenge or a wrong code; 429 during a lockout
   */
  async verifyMfa(
    challengeToken: string | undefined,
    body: MfaVerifyRequest,
    meta: ClientMeta,
  ): Promise<IssuedSession> {
    return DbContext.runAsSystem('login-mfa', async () => {
      const userId = challengeToken ? this.tokens.verifyMfaChallenge(challengeToken) : null;
      if (!userId)
        throw AppException.unauthenticated('Your sign-in expired: enter your email and password again');
      const key = `mfa:${meta.ip ?? 'unknown'}|${userId}`;
      await this.lockout.assertNotLocked(key);
      const method = body.code !== undefined ? 'totp' : 'recovery_code';
      const ok =
        body.code !== undefined
          ? await this.mfa.verifyTotp(userId, body.code)
          : await this.mfa.useRecoveryCode(userId, body.recoveryCode ?? '');
      if (!ok) {
        await this.audit.record({
          action: 'auth.mfa_failed',
          actorUserId: userId,
          ...clientMetaOf(meta),
          metadata: { method },
        });
        await this.countFailure(key, userId, meta, null);
        throw AppException.unauthenticated('The code is not valid');
      }
      if (method === 'recovery_code') {
        await this.audit.record({
          action: 'auth.mfa_recovery_code_used',
          actorUserId: userId,
          ...clientMetaOf(meta),
        });
      }
      const session = await this.startSession(userId, meta);
      await this.audit.record({
        action: 'auth.login_succeeded',
        actorUserId: userId,
        ...clientMetaOf(meta),
        metadata: { mfa: method },
      });
      return session;
    });
  }

  /**
   * Exchanges a refresh token for a new pair within the same session (same absolute end). A token that was already
   * rotated is a reuse: the whole session is revoked (attacker's and victim's alike) and the reuse is audited.
   * @throws AppException 401 `unauthenticated` for a missing, unknown, expired, revoked or reused token
   */
  async refresh(refreshToken: string | undefined, meta: ClientMeta): Promise<IssuedSession> {
    if (!refreshToken) throw AppException.unauthenticated(SESSION_EXPIRED);
    return DbContext.runAsSystem('refresh', async () => {
      const now = this.clock.now();
      const stored = await this.sessionStore.findRefreshToken(hashRefreshToken(refreshToken));
      if (!stored || stored.revokedAt || stored.sessionRevokedAt)
        throw AppException.unauthenticated(SESSION_EXPIRED);
      if (stored.rotatedAt) {
        await this.handleReuse(stored.familyId, stored.userId, meta, now);
        throw AppException.unauthenticated(SESSION_EXPIRED);
      }
      if (stored.expiresAt.getTime() <= now.getTime()) throw AppException.unauthenticated(SESSION_EXPIRED);
      const me = await this.users.findMe(stored.userId);
      if (!me) throw AppException.unauthenticated(SESSION_EXPIRED);
      const next = this.tokens.issueRefreshToken(stored.familyId, now, stored.expiresAt);
      const client = { userAgent: meta.userAgent?.slice(0, 512) ?? null, ip: meta.ip };
      const rotated = await this.sessionStore.rotate(
        stored.id,
        {
          userId: stored.userId,
          familyId: stored.familyId,
          tokenHash: next.hash,
          expiresAt: next.expiresAt,
          ...client,
        },
        now,
      );
      if (!rotated) {
        await this.handleReuse(stored.familyId, stored.userId, meta, now);
        throw AppException.unauthenticated(SESSION_EXPIRED);
      }
      return this.issued(me, stored.familyId, next.token, next.expiresAt, stored.sessionMfaAccountId);
    });
  }

  /** Ends the session of `refreshToken`; a missing or unknown token is not an error. */
  async logout(refreshToken: string | undefined, meta: ClientMeta): Promise<void> {
    if (!refreshToken) return;
    await DbContext.runAsSystem('logout', async () => {
      const stored = await this.sessionStore.findRefreshToken(hashRefreshToken(refreshToken));
      if (!stored) return;
      await this.sessionStore.revokeFamily(stored.familyId, this.clock.now());
      await this.revocations.revoke([stored.familyId]);
      await this.audit.record({
        action: 'auth.logout',
        actorUserId: stored.userId,
        target: `session:${stored.familyId}`,
        ...clientMetaOf(meta),
      });
    });
  }

  /**
   * `Me` of a signed-in user.
   * @throws AppException 401 when the user no longer exists
   */
  async me(userId: string): Promise<Me> {
    const me = await DbContext.runAsUser(userId, () => this.users.findMe(userId));
    if (!me) throw AppException.unauthenticated();
    return me;
  }

  /**
   * Starts a new session (refresh-token family) for `userId` (password, two-factor and provider sign-ins).
   * @param options.mfaAccountId the account whose identity provider asserted a second factor at this sign-in
   */
  async startSession(
    userId: string,
    meta: ClientMeta,
    options: { mfaAccountId?: string } = {},
  ): Promise<IssuedSession> {
    const me = await this.users.findMe(userId);
    if (!me) throw AppException.unauthenticated(INVALID_CREDENTIALS);
    const sessionId = randomUUID();
    const refresh = this.tokens.issueRefreshToken(sessionId, this.clock.now());
    await this.sessionStore.createSession({
      sessionId,
      userId,
      tokenHash: refresh.hash,
      expiresAt: refresh.expiresAt,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      ip: meta.ip,
      mfaAccountId: options.mfaAccountId ?? null,
    });
    return this.issued(me, sessionId, refresh.token, refresh.expiresAt, options.mfaAccountId ?? null);
  }

  private issued(
    me: Me,
    sessionId: string,
    refreshToken: string,
    expiresAt: Date,
    mfaAccountId: string | null,
  ): IssuedSession {
    return {
      me,
      sessionId,
      accessToken: this.tokens.signAccessToken({
        userId: me.user.id,
        email: me.user.email,
        sessionId,
        ...(mfaAccountId === null ? {} : { mfaAccountId }),
      }),
      refreshToken,
      csrfToken: issueCsrfToken(this.env.CSRF_SECRET, sessionId),
      expiresAt,
    };
  }

  private async countFailure(
    key: string,
    userId: string | null,
    meta: ClientMeta,
    maskedEmail: string | null,
  ): Promise<void> {
    const lockedMs = await this.lockout.recordFailure(key);
    if (lockedMs > 0) {
      this.logger.warn(
        `Sign-in locked for ${Math.ceil(lockedMs / 1000)} s after repeated failures${maskedEmail ? ` for ${maskedEmail}` : ''}`,
      );
      await this.audit.record({
        action: 'auth.login_locked',
        actorUserId: userId,
        ...clientMetaOf(meta),
        metadata: {
          lockedSeconds: Math.ceil(lockedMs / 1000),
          ...(maskedEmail ? { email: maskedEmail } : {}),
        },
      });
    }
  }

  private async handleReuse(familyId: string, userId: string, meta: ClientMeta, now: Date): Promise<void> {
    const revoked = await this.sessionStore.revokeFamily(familyId, now);
    await this.revocations.revoke([familyId]);
    this.logger.warn(`Refresh token reuse detected; revoked ${revoked} token(s) of the session`);
    await this.audit.record({
      action: 'auth.refresh_reused',
      actorUserId: userId,
      target: `session:${familyId}`,
      ...clientMetaOf(meta),
      metadata: { familyId, revoked },
    });
  }
}
