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
import { clientMetaOf, type ClientMeta } from '../../audit/audit-context';
import { AuditService } from '../../audit/audit.service';
import { emailDomainOf, type OidcDiscoverResponse } from '@portico/domain';
import { IdentityProviderSecrets } from '../../identity-providers/identity-provider-secrets';
import {
  IdentityProvidersRepository,
  type StoredIdentityProvider,
} from '../../identity-providers/identity-providers.repository';
import {
  OidcClientConfigurations,
  type OidcClientSettings,
} from '../../../integrations/oidc/oidc-client-configurations';
import { AuthService, type LoginOutcome } from '../auth.service';
import {
  acceptOidcClaims,
  membershipDecision,
  oidcLoginStateSchema,
  routeEmailDomain,
  safeNextPath,
  secondFactorStep,
  type OidcCallbackQuery,
  type OidcClaimsRejection,
  type OidcIdentity,
  type OidcLoginState,
  type OidcRoute,
  type OidcStartQuery,
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

/** The provider a sign-in runs against: the platform's (OIDC_*) or an account's. */
type ResolvedProvider =
  | { kind: 'platform'; config: oidc.Configuration; allowedDomains: readonly string[] }
  | {
      kind: 'account';
      config: oidc.Configuration;
      allowedDomains: readonly string[];
      provider: StoredIdentityProvider;
    };

const START_PATH = '/api/v1/auth/oidc/start';

/** Key of the platform provider (OIDC_*) among the kept client configurations (account providers: their uuid). */
const PLATFORM_PROVIDER = 'platform';

const REJECTION_MESSAGES: Record<OidcClaimsRejection, string> = {
  invalid_claims: 'The identity provider sent an ID token Portico cannot read',
  email_missing: 'The identity provider did not send your email address',
  email_unverified: 'The identity provider has not verified your email address',
  domain_not_allowed: 'Your email domain may not sign in through this identity provider',
};

/**
 * OpenID Connect sign-in (Authorization Code flow with PKCE S256, `state` and `nonce`) through `openid-client` 6,
 * against an account's identity provider (set by a platform administrator; its email domains route to it) or the
 * platform provider in OIDC_ISSUER_URL (the fallback). Account providers' metadata is kept per provider version
 * ({@link OidcClientConfigurations}); the state cookie names the provider, and the callback (one redirect URI for
 * all) finishes at the same one. The provider's metadata is discovered on first use and kept; a failed
 * discovery is tried again on the next sign-in. The pending sign-in (PKCE verifier, state, nonce, `next`) travels in
 * an HS256-signed, HttpOnly cookie valid OIDC_LOGIN_TTL_SECONDS: nothing is stored before the user comes back.
 *
 * A user is found by the link `(iss, sub)`, else by the verified email (then linked), else created just in time
 * (account provider with JIT on: a member of that account with its role; platform provider: OIDC_JIT_ACCOUNT_ID).
 * An existing user signing in through an account provider with JIT on who is not a member yet becomes one. A user
 * with two-factor on whose provider did not assert a second factor (`amr`) still answers the TOTP challenge, as after
 * a password; an asserted one counts for the account's two-factor requirement (`mfaRequired`) for that session.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Oidc');

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly jwt: JwtService,
    private readonly tokens: TokenService,
    private readonly auth: AuthService,
    private readonly repository: OidcRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly providers: IdentityProvidersRepository,
    private readonly secrets: IdentityProviderSecrets,
    private readonly configurations: OidcClientConfigurations,
  ) {}

  /**
   * Which sign-in the email's domain routes to (the login page asks before showing the password field). Only the
   * domain decides, so the answer tells nothing about whether the person has a user. Call in the system scope.
   */
  async discover(email: string): Promise<OidcDiscoverResponse> {
    const route = await this.route(emailDomainOf(email.trim().toLowerCase()));
    if (route === null) return { provider: null };
    if (route.kind === 'platform') return { provider: 'platform', startUrl: START_PATH };
    return { provider: 'account', startUrl: `${START_PATH}?provider=${route.providerId}` };
  }

  private async route(domain: string | null): Promise<OidcRoute> {
    const accountProvider = domain === null ? null : await this.providers.findByDomain(domain);
    return routeEmailDomain(domain, accountProvider, {
      enabled: this.env.OIDC_ENABLED,
      domains: this.env.OIDC_ALLOWED_EMAIL_DOMAINS,
    });
  }

  /** Whether provider sign-in is on (OIDC_ENABLED). */
  get enabled(): boolean {
    return this.env.OIDC_ENABLED;
  }

  /**
   * Starts a sign-in: the provider's authorization URL and the signed state cookie's value. The provider is the
   * account provider `query.provider`, else the one `query.email`'s domain routes to, else the platform provider.
   * Call in the system scope.
   * @throws AppException 404 when there is no such (enabled) provider, the email's domain has none, or (platform)
   *   OIDC is off; 503 `upstream_unavailable` when the provider's metadata cannot be read
   */
  async start(query: OidcStartQuery): Promise<OidcStart> {
    let providerId: string | null = null;
    if (query.provider !== undefined) {
      providerId = query.provider;
    } else if (query.email !== undefined) {
      const route = await this.route(emailDomainOf(query.email.toLowerCase()));
      if (route === null)
        throw AppException.notFound('Your email domain does not sign in through an identity provider');
      providerId = route.kind === 'account' ? route.providerId : null;
    }
    const { config } = await this.resolve(providerId);
    const next = query.next;
    const pending: OidcLoginState = {
      provider: providerId,
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
    const pending = stateToken ? this.readState(stateToken) : null;
    if (!pending) {
      await this.fail(meta, 'state_missing');
      throw new AppException(
        'validation_failed',
        'Your sign-in through the identity provider expired or was started in another browser: start again',
      );
    }
    if (query.error !== undefined) {
      await this.fail(meta, 'provider_error', { error: query.error.slice(0, 64) });
      throw AppException.unauthenticated('The identity provider did not sign you in');
    }
    const resolved = await this.resolve(pending.provider);
    const config = resolved.config;
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
    const accepted = acceptOidcClaims(claims, resolved.allowedDomains);
    if (!accepted.ok) {
      await this.fail(meta, accepted.reason);
      throw AppException.forbidden(REJECTION_MESSAGES[accepted.reason]);
    }
    const identity = accepted.identity;
    const provider = resolved.kind === 'account' ? resolved.provider : null;
    return DbContext.runAsSystem('login-oidc', async () => {
      const now = this.clock.now();
      const user = provider
        ? await this.findOrCreateAccountUser(provider, identity, now, meta)
        : await this.findOrCreateUser(identity, now, meta);
      return this.finishSignIn(user, identity, provider, pending.next, meta);
    });
  }

  /**
   * The end of every provider sign-in: the second-factor step, then the session. A second factor asserted through an
   * account's provider counts for that account's two-factor requirement for the session.
   */
  private async finishSignIn(
    user: OidcUser,
    identity: OidcIdentity,
    provider: StoredIdentityProvider | null,
    next: string | null,
    meta: ClientMeta,
  ): Promise<OidcSignIn> {
    const step = secondFactorStep({
      userMfaEnabled: user.mfaEnabled,
      providerAssertedMfa: identity.multiFactor,
    });
    if (step === 'totp_challenge') {
      return { kind: 'mfa' as const, challengeToken: this.tokens.signMfaChallenge(user.id), next };
    }
    const session = await this.auth.startSession(
      user.id,
      meta,
      provider && step === 'provider_mfa' ? { mfaAccountId: provider.accountId } : {},
    );
    await this.audit.record({
      action: 'auth.login_succeeded',
      ...(provider ? { accountId: provider.accountId } : {}),
      actorUserId: user.id,
      ...clientMetaOf(meta),
      metadata: {
        method: 'oidc',
        issuer: identity.issuer,
        ...(provider ? { identityProvider: provider.id } : {}),
        mfa: step === 'provider_mfa' ? 'identity_provider' : 'none',
      },
    });
    return { kind: 'session' as const, session, next };
  }

  /** Finds (by link, then verified email) or creates the user, applying the account provider's JIT rules. */
  private async findOrCreateAccountUser(
    provider: StoredIdentityProvider,
    identity: OidcIdentity,
    now: Date,
    meta: ClientMeta,
  ): Promise<OidcUser> {
    const existing =
      (await this.repository.findLinkedUser(identity.issuer, identity.subject)) ??
      (await this.repository.findUserByEmail(identity.email));
    const decision = membershipDecision({
      userExists: existing !== null,
      isMember: existing !== null && (await this.repository.isMember(existing.id, provider.accountId)),
      jitEnabled: provider.jitEnabled,
    });
    if (decision === 'refuse') throw await this.unknownUser(identity, meta);
    if (decision === 'create_user') {
      return this.createJitMember(identity, provider.accountId, provider.jitRole, now, meta, provider.id);
    }
    // The user exists: link (or refuse a second subject of this issuer), then join when JIT says so.
    const user = await this.findOrCreateUser(identity, now, meta);
    if (
      decision === 'add_membership' &&
      (await this.repository.addMembership(user.id, provider.accountId, provider.jitRole))
    ) {
      await this.audit.record({
        action: 'member.joined_through_identity_provider',
        accountId: provider.accountId,
        actorUserId: user.id,
        target: `user:${user.id}`,
        ...clientMetaOf(meta),
        metadata: { issuer: identity.issuer, role: provider.jitRole, identityProvider: provider.id },
      });
    }
    return user;
  }

  /**
   * The provider of a sign-in and its client configuration: account provider `providerId` (enabled), or the platform
   * provider for null.
   * @throws AppException 404 (no such enabled provider; platform provider off), 503 `upstream_unavailable`
   */
  private async resolve(providerId: string | null): Promise<ResolvedProvider> {
    if (providerId === null) {
      this.assertEnabled();
      const config = await this.discovered(PLATFORM_PROVIDER, 0, {
        issuerUrl: this.env.OIDC_ISSUER_URL,
        clientId: this.env.OIDC_CLIENT_ID,
        clientSecret: this.env.OIDC_CLIENT_SECRET,
      });
      return { kind: 'platform', config, allowedDomains: this.env.OIDC_ALLOWED_EMAIL_DOMAINS };
    }
    const provider = await DbContext.runAsSystem('login-oidc', () => this.providers.findById(providerId));
    if (!provider?.enabled) throw AppException.notFound('Sign-in through this identity provider is off');
    let clientSecret: string;
    try {
      clientSecret = this.secrets.open(provider.clientSecretSealed, provider.accountId);
    } catch {
      this.logger.error(
        'An account identity provider’s client secret does not open (IDENTITY_PROVIDER_SECRET_KEY changed?)',
      );
      throw new AppException(
        'upstream_unavailable',
        'The identity provider cannot be used: ask your administrator',
      );
    }
    const config = await this.discovered(provider.id, provider.updatedAt.getTime(), {
      issuerUrl: provider.issuerUrl,
      clientId: provider.clientId,
      clientSecret,
    });
    return { kind: 'account', config, allowedDomains: provider.allowedEmailDomains, provider };
  }

  /**
   * The kept client configuration of a provider (see {@link OidcClientConfigurations.get}).
   * @throws AppException 503 `upstream_unavailable` when its discovery document cannot be read
   */
  private async discovered(
    id: string,
    version: number,
    settings: OidcClientSettings,
  ): Promise<oidc.Configuration> {
    try {
      return await this.configurations.get(id, version, settings);
    } catch {
      throw new AppException('upstream_unavailable', 'The identity provider cannot be reached');
    }
  }

  private async findOrCreateUser(identity: OidcIdentity, now: Date, meta: ClientMeta): Promise<OidcUser> {
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
        ...clientMetaOf(meta),
        metadata: { issuer: identity.issuer },
      });
      return byEmail;
    }
    const accountId = this.env.OIDC_JIT_ACCOUNT_ID;
    if (accountId === undefined || !(await this.repository.accountExists(accountId))) {
      throw await this.unknownUser(identity, meta);
    }
    return this.createJitMember(identity, accountId, this.env.OIDC_JIT_ROLE, now, meta, null);
  }

  /** Creates the person just in time as a member of `accountId` with `role` (`providerId`: the account's provider). */
  private async createJitMember(
    identity: OidcIdentity,
    accountId: string,
    role: string,
    now: Date,
    meta: ClientMeta,
    providerId: string | null,
  ): Promise<OidcUser> {
    const created = await this.repository.createJitUser({
      ...identity,
      passwordHash: await hashPassword(randomUUID()),
      accountId,
      role,
      now,
    });
    await this.audit.record({
      action: 'member.joined_just_in_time',
      accountId,
      actorUserId: created.id,
      target: `user:${created.id}`,
      ...clientMetaOf(meta),
      metadata: {
        issuer: identity.issuer,
        role,
        ...(providerId === null ? {} : { identityProvider: providerId }),
      },
    });
    this.logger.log(
      `Created ${maskEmail(identity.email)} just in time from ${providerId === null ? 'the' : 'an account'} identity provider`,
    );
    return created;
  }

  /** Audits a sign-in of someone Portico does not know and may not create; the 403 to throw. */
  private async unknownUser(identity: OidcIdentity, meta: ClientMeta): Promise<AppException> {
    await this.fail(meta, 'unknown_user', { email: maskEmail(identity.email) });
    return AppException.forbidden(
      'No Portico user has this email address: ask your administrator for an invite',
    );
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
      return new AppException('validation_failed', 'The sign-in answer did not verify: start again');
    }
    this.logger.warn(`Token request to the identity provider failed: ${(err as Error)?.name ?? 'error'}`);
    return new AppException('upstream_unavailable', 'The identity provider cannot be reached');
  }

  private async fail(meta: ClientMeta, reason: string, extra: Record<string, string> = {}): Promise<void> {
    await DbContext.runAsSystem('login-oidc', () =>
      this.audit.record({
        action: 'auth.login_failed',
        actorUserId: null,
        ...clientMetaOf(meta),
        metadata: { method: 'oidc', reason, ...extra },
      }),
    );
  }

  private assertEnabled(): void {
    if (!this.env.OIDC_ENABLED) throw AppException.notFound('Sign-in through an identity provider is off');
  }
}
