import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as oidc from 'openid-client';
import { TokenService } from '../../../core/auth';
import { hashPassword } from '../../../core/auth/password-hasher';
import { Clock } from '../../../core/clock/clock';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { AppException } from '../../../core/http/app.exception';
import { maskEmail } from '../../../core/logging/mask-email';
import { DbContext } from '../../../core/prisma/db-context';
import type { ClientMeta } from '../../audit/audit-context';
import { AuditService } from '../../audit/audit.service';
import { AuthService, type LoginOutcome } from '../auth.service';
import {
  acceptOidcClaims,
  oidcLoginStateSchema,
  safeNextPath,
  type OidcCallbackQuery,
  type OidcClaimsRejection,
  type OidcLoginState,
} from './oidc-claims';
import { OidcRepository, type OidcUser } from './oidc.repository';

const STATE_AUDIENCE = 'portico-oidc-login';

/** What `/start` hands the controller: where to send the browser, and the state cookie's value. */
export interface OidcStart {
  authorizationUrl: string;
  stateToken: string;
}

/** The result of a callback: a session or a two-factor challenge, and the portal path to open. */
export type OidcSignIn = LoginOutcome & { next: string | null };

const REJECTION_MESSAGES: Record<OidcClaimsRejection, string> = {
  invalid_claims: 'The identity provider sent an ID token Portico cannot read',
  email_missing: 'The identity provider did not send your email address',
  email_unverified: 'The identity provider has not verified your email address',
  domain_not_allowed: 'Your email domain may not sign in through this identity provider',
};

/**
 * OpenID Connect sign-in (Authorization Code flow with PKCE S256, `state` and `nonce`) through `openid-client` 6,
 * against the provider in OIDC_ISSUER_URL. The provider's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in. The pending sign-in (PKCE verifier, state, nonce, `next`) travels in
 * an HS256-signed, HttpOnly cookie valid OIDC_LOGIN_TTL_SECONDS: nothing is stored before the user comes back.
 *
 * A user is found by the link `(iss, sub)`, else by the verified email (then linked), else created just in time
 * when OIDC_JIT_ACCOUNT_ID is set. A user with two-factor on whose provider did not assert a second factor (`amr`)
 * still answers the TOTP challenge, as after a password.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly jwt: JwtService,
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
    private readonly repository: OidcRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Whether provider sign-in is on (OIDC_ENABLED). */
  get enabled(): boolean {
    return this.env.OIDC_ENABLED;
  }

  /**
   * Starts a sign-in: the provider's authorization URL and the signed state cookie's value.
   * @throws AppException 404 when OIDC is off; 503 `upstream_unavailable` when the provider's metadata cannot be read
   */
  async start(next: unknown): Promise<OidcStart> {
    this.assertEnabled();
    const config = await this.config();
    const pending: OidcLoginState = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      next: safeNextPath(next),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.env.OIDC_REDIRECT_URI,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const stateToken = this.jwt.sign(pending, {
      secret: this.env.JWT_REFRESH_SECRET,
      algorithm: 'HS256',
      audience: STATE_AUDIENCE,
      expiresIn: this.env.OIDC_LOGIN_TTL_SECONDS,
    });
    return { authorizationUrl: url.href, stateToken };
  }

  /**
   * Finishes a sign-in: checks the state cookie, exchanges the code (PKCE verifier, state and nonce checked, ID
   * token verified by openid-client), finds, links or creates the user and starts their session.
   * @param query the callback's parsed query
   * @param search the callback's raw query string (`?code=...&state=...`), handed to openid-client as is
   * @param stateToken the state cookie's value
   * @throws AppException 400 `validation_failed` (no or expired state cookie, state mismatch), 401 `unauthenticated`
   *   (the provider refused, or its answer did not verify), 403 `forbidden` (email unverified, domain not allowed,
   *   no such user), 404 (OIDC off), 503 `upstream_unavailable` (provider unreachable)
   */
  async callback(
    query: OidcCallbackQuery,
    search: string,
    stateToken: string | undefined,
    meta: ClientMeta,
  ): Promise<OidcSignIn> {
    this.assertEnabled();
    const pending = stateToken ? this.readState(stateToken) : null;
    if (!pending) {
      await this.fail(meta, 'state_missing');
      throw new AppException(
        400,
        'validation_failed',
        'Your sign-in through the identity provider expired or was started in another browser: start again',
      );
    }
    if (query.error !== undefined) {
      await this.fail(meta, 'provider_error', { error: query.error.slice(0, 64) });
      throw AppException.unauthenticated('The identity provider did not sign you in');
    }
    const config = await this.config();
    const currentUrl = new URL(this.env.OIDC_REDIRECT_URI);
    currentUrl.search = search;
    let claims: unknown;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw await this.grantError(err, meta);
    }
    const accepted = acceptOidcClaims(claims, this.env.OIDC_ALLOWED_EMAIL_DOMAINS);
    if (!accepted.ok) {
      await this.fail(meta, accepted.reason);
      throw AppException.forbidden(REJECTION_MESSAGES[accepted.reason]);
    }
    const identity = accepted.identity;
    return DbContext.runAsSystem('login-oidc', async () => {
      const now = this.clock.now();
      const user = await this.findOrCreateUser(identity, now, meta);
      const auditBase = {
        actorUserId: user.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      };
      if (user.mfaEnabled && !identity.multiFactor) {
        return {
          kind: 'mfa' as const,
          challengeToken: this.tokens.signMfaChallenge(user.id),
          next: pending.next,
        };
      }
      const session = await this.auth.startSession(user.id, meta);
      await this.audit.record({
        action: 'auth.login_succeeded',
        ...auditBase,
        metadata: {
          method: 'oidc',
          issuer: identity.issuer,
          mfa: identity.multiFactor ? 'identity_provider' : 'none',
        },
      });
      return { kind: 'session' as const, session, next: pending.next };
    });
  }

  private async findOrCreateUser(
    identity: { issuer: string; subject: string; email: string; name: string },
    now: Date,
    meta: ClientMeta,
  ): Promise<OidcUser> {
    const linked = await this.repository.findLinkedUser(identity.issuer, identity.subject);
    if (linked) {
      await this.repository.link(linked.id, identity.issuer, identity.subject, now);
      return linked;
    }
    const byEmail = await this.repository.findUserByEmail(identity.email);
    if (byEmail) {
      if (await this.repository.hasOtherIdentity(byEmail.id, identity.issuer, identity.subject)) {
        await this.fail(meta, 'linked_to_other_subject', { email: maskEmail(identity.email) });
        throw AppException.forbidden(
          'Your Portico user is linked to another account at this identity provider',
        );
      }
      await this.repository.link(byEmail.id, identity.issuer, identity.subject, now);
      await this.audit.record({
        action: 'auth.identity_linked',
        actorUserId: byEmail.id,
        target: `user:${byEmail.id}`,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { issuer: identity.issuer },
      });
      return byEmail;
    }
    const accountId = this.env.OIDC_JIT_ACCOUNT_ID;
    if (accountId === undefined || !(await this.repository.accountExists(accountId))) {
      await this.fail(meta, 'unknown_user', { email: maskEmail(identity.email) });
      throw AppException.forbidden(
        'No Portico user has this email address: ask your administrator for an invite',
      );
    }
    const created = await this.repository.createJitUser({
      ...identity,
      passwordHash: await hashPassword(randomUUID()),
      accountId,
      role: this.env.OIDC_JIT_ROLE,
      now,
    });
    await this.audit.record({
      action: 'member.joined_just_in_time',
      accountId,
      actorUserId: created.id,
      target: `user:${created.id}`,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      metadata: { issuer: identity.issuer, role: this.env.OIDC_JIT_ROLE },
    });
    this.logger.log(`Created ${maskEmail(identity.email)} just in time from the identity provider`);
    return created;
  }

  private readState(token: string): OidcLoginState | null {
    try {
      const payload = this.jwt.verify<Record<string, unknown>>(token, {
        secret: this.env.JWT_REFRESH_SECRET,
        algorithms: ['HS256'],
        audience: STATE_AUDIENCE,
      });
      const parsed = oidcLoginStateSchema.safeParse(payload);
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Maps openid-client's errors: the provider's or the answer's fault is a 4xx, an unreachable provider a 503. */
  private async grantError(err: unknown, meta: ClientMeta): Promise<AppException> {
    if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError) {
      await this.fail(meta, 'provider_refused', { error: err.error.slice(0, 64) });
      return AppException.unauthenticated('The identity provider did not sign you in: start again');
    }
    if (err instanceof oidc.ClientError) {
      // State mismatch, nonce mismatch, bad ID token signature or claims, missing parameters.
      await this.fail(meta, 'response_invalid', { check: err.code ?? 'unknown' });
      return new AppException(400, 'validation_failed', 'The sign-in answer did not verify: start again');
    }
    this.logger.warn(`Token request to the identity provider failed: ${(err as Error)?.name ?? 'error'}`);
    return new AppException(503, 'upstream_unavailable', 'The identity provider cannot be reached');
  }

  private async fail(meta: ClientMeta, reason: string, extra: Record<string, string> = {}): Promise<void> {
    await DbContext.runAsSystem('login-oidc', () =>
      this.audit.record({
        action: 'auth.login_failed',
        actorUserId: null,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { method: 'oidc', reason, ...extra },
      }),
    );
  }

  private assertEnabled(): void {
    if (!this.env.OIDC_ENABLED) throw AppException.notFound('Sign-in through an identity provider is off');
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(this.env.OIDC_ISSUER_URL),
        this.env.OIDC_CLIENT_ID,
        { client_secret: this.env.OIDC_CLIENT_SECRET, id_token_signed_response_alg: 'RS256' },
        oidc.ClientSecretBasic(this.env.OIDC_CLIENT_SECRET),
        new URL(this.env.OIDC_ISSUER_URL).protocol === 'http:'
          ? { execute: [oidc.allowInsecureRequests], timeout: 10 }
          : { timeout: 10 },
      )
      .catch((err: unknown) => {
        this.configuration = undefined;
        this.logger.warn(`OpenID provider discovery failed: ${(err as Error)?.message ?? 'error'}`);
        throw new AppException(503, 'upstream_unavailable', 'The identity provider cannot be reached');
      });
    return this.configuration;
  }
}
